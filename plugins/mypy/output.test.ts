import { describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import type { NormalizeInput } from '../../src/plugin/contract.js';
import type { ExecResult } from '../../src/runner/types.js';
import { normalize } from './normalize.js';
import { parseMypyOutput } from './output.js';
import { errorCodeUrl } from './error-codes.js';
import { parseOptions } from './schema.js';

const REPO = '/home/dev/app';

function inputOf(stdout: string, exitCode: number, stderr = ''): NormalizeInput {
  const started = 1_700_000_000_000;
  const exec = { argv: ['mypy'], cwd: REPO, exitCode, signal: null, timedOut: false, aborted: false, failedToStart: false, startedAt: '', durationMs: 900, stdoutPath: '', stderrPath: '', stdoutBytes: 0, stderrBytes: 0, stdoutTruncated: 0, stderrTruncated: 0 } satisfies ExecResult;
  const artifacts = [
    { name: 'output', path: 'raw/mypy/mypy.stdout', exists: true, bytes: stdout.length, mtimeMs: started + 1000 },
    { name: 'stderr', path: 'raw/mypy/mypy.stderr', exists: true, bytes: stderr.length, mtimeMs: started + 1000 },
  ];
  return { collect: { exec, artifacts }, read: (n) => (n === 'output' ? stdout : stderr), repoDir: REPO, runDir: `${REPO}/.atqos/runs/r`, runStartedAtMs: started, options: undefined };
}

describe('parseMypyOutput', () => {
  it('reads text lines, attaches the notes that follow an error, and the summary', () => {
    const out = parseMypyOutput([
      'app/db.py:3:1: error: Cannot find implementation or library stub for module named "psycopg"  [import]',
      'app/db.py:3:1: note: See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports',
      'app/db.py:9:13: note: Revealed type is "builtins.int"',
      'C:\\work\\app\\x.py:4:2: error: Name "y" is not defined  [name-defined]',
      'Found 2 errors in 2 files (checked 7 source files)',
    ].join('\n'));
    expect(out.errors.map((e) => [e.file, e.line, e.column, e.code, e.notes.length])).toEqual([
      ['app/db.py', 3, 1, 'import', 1],
      ['C:\\work\\app\\x.py', 4, 2, 'name-defined', 0],
    ]);
    expect(out.summary).toEqual({ checked: 7, failedFiles: 2 });
  });

  it('reads the JSON lines of mypy >= 1.11 (0-based columns, hints as notes)', () => {
    const line = JSON.stringify({ file: 'app/db.py', line: 5, column: 11, message: 'Incompatible return value type (got "str", expected "int")', hint: null, code: 'return-value', severity: 'error' });
    const note = JSON.stringify({ file: 'app/db.py', line: 6, column: -1, message: 'x', hint: 'Did you mean "y"?', code: 'name-defined', severity: 'error' });
    const out = parseMypyOutput(`${line}\n${note}\n`);
    expect(out.errors.map((e) => [e.line, e.column, e.code, e.notes])).toEqual([[5, 12, 'return-value', []], [6, undefined, 'name-defined', ['Did you mean "y"?']]]);
  });
});

describe('mypy normalize on output it cannot trust', () => {
  it('exit 1 with nothing readable is a tool_error, not a clean run', () => {
    const out = normalize(inputOf('<html>proxy error</html>\n', 1));
    expect(out.trustworthy).toBe(false);
    expect(out.findings.map((f) => f.evidence.details?.['runProblem'])).toEqual(['exit-1-unread']);
  });

  it('a clean run counts its checked files as passed checks', () => {
    expect(normalize(inputOf('Success: no issues found in 12 source files\n', 0))).toMatchObject({ trustworthy: true, findings: [], counts: { total: 12, passed: 12, failed: 0 } });
  });

  it('without the summary line, the run is one check', () => {
    expect(normalize(inputOf('', 0)).counts).toMatchObject({ total: 1, passed: 1 });
  });
});

describe('mypy error-code URLs and options', () => {
  it('links each code to its anchor on the right page', () => {
    expect(errorCodeUrl('arg-type')).toBe('https://mypy.readthedocs.io/en/stable/error_code_list.html#code-arg-type');
    expect(errorCodeUrl('no-untyped-def')).toBe('https://mypy.readthedocs.io/en/stable/error_code_list2.html#code-no-untyped-def');
  });

  it('defaults work and unknown keys are named', () => {
    expect(parseOptions(undefined)).toEqual({ args: [], paths: ['.'], timeoutSec: 1200 });
    expect(() => parseOptions({ interpreter: 'python3' })).toThrow(AtqosError);
    expect(() => parseOptions({ interpreter: 'python3' })).toThrow(/plugins\.mypy\.interpreter/);
    expect(() => parseOptions({ command: [] })).toThrow(/plugins\.mypy\.command/);
  });
});
