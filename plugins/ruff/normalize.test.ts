import { describe, expect, it } from 'vitest';
import { Finding } from '../../src/core/index.js';
import { normalize } from './normalize.js';
import { execResult, inputOf, stored } from './test-support.js';

interface StoredViolation {
  code: string | null;
  filename: string;
  location: { row: number; column: number };
  message: string;
  url: string | null;
  fix: { applicability: string } | null;
}

const report = stored('python-lint.json');
const violations = JSON.parse(report) as StoredViolation[];

describe('ruff normalize: the stored report of the python-lint project', () => {
  const out = normalize(inputOf(report));

  it('turns every violation into a valid lint_error with its rule, url, 1-based place and repo path', () => {
    expect(out.trustworthy).toBe(true);
    expect(out.findings).toHaveLength(violations.length);
    for (const f of out.findings) expect(Finding.safeParse(f).success).toBe(true);
    const got = out.findings.map((f) => [f.scope.file, f.scope.line, f.evidence.details?.['column'], f.evidence.details?.['rule'], f.evidence.details?.['url']]);
    const want = violations.map((v) => [v.filename.replace('/home/dev/python-lint/', ''), v.location.row, v.location.column, v.code, v.url]);
    expect(got.sort()).toEqual(want.sort());
    expect(out.findings.every((f) => f.kind === 'lint_error' && f.category === 'lint' && f.tool === 'ruff')).toBe(true);
  });

  it('marks only safe fixes as fixable', () => {
    const fixable = out.findings.filter((f) => f.evidence.details?.['fixable']).map((f) => f.evidence.details?.['rule']).sort();
    expect(fixable).toEqual(violations.filter((v) => v.fix?.applicability === 'safe').map((v) => v.code).sort());
    expect(fixable).toEqual(['F401', 'F401', 'F541']);
  });

  it('counts the run as one failed check and keeps the report as an artifact', () => {
    expect(out.counts).toMatchObject({ total: 1, passed: 0, failed: 1 });
    expect(out.findings[0]?.artifacts[0]?.path).toBe('raw/ruff/ruff.stdout');
  });
});

describe('ruff normalize: fingerprints', () => {
  const base = normalize(inputOf(report)).findings.map((f) => f.fingerprint);

  it('survive shifted lines and columns, and differ between different problems', () => {
    const shifted = violations.map((v) => ({ ...v, location: { row: v.location.row + 7, column: v.location.column + 2 } }));
    expect(normalize(inputOf(JSON.stringify(shifted))).findings.map((f) => f.fingerprint)).toEqual(base);
    expect(new Set(base).size).toBe(base.length);
  });

  it('tell apart the same rule and message twice in a file, by occurrence', () => {
    const twice = [violations[1]!, { ...violations[1]!, location: { row: 20, column: 5 } }];
    const fps = normalize(inputOf(JSON.stringify(twice))).findings.map((f) => f.fingerprint);
    expect(new Set(fps).size).toBe(2);
    expect(fps[0]).toBe(base[1]);
  });
});

describe('ruff normalize: syntax errors', () => {
  it('reads a null code (ruff >= 0.5) and E999 (older ruff) as the same high-severity syntax-error rule', () => {
    const now = normalize(inputOf(stored('syntax-error.json'), { repoDir: '/home/dev/broken' })).findings;
    const old = normalize(inputOf(stored('e999-ruff-0.4.json'), { repoDir: '/home/dev/broken' })).findings;
    const syntax = now.find((f) => f.scope.file === 'app.py');
    expect(syntax).toMatchObject({ severity: 'high', scope: { file: 'app.py', line: 1 }, evidence: { details: { rule: 'syntax-error' } } });
    expect(old[0]?.evidence.details?.['rule']).toBe('syntax-error');
    expect(now.find((f) => f.scope.file === 'util.py')?.severity).toBe('low');
  });
});

describe('ruff normalize: never green on a bad run', () => {
  const problem = (out: ReturnType<typeof normalize>) => ({ trustworthy: out.trustworthy, kinds: out.findings.map((f) => f.kind), key: out.findings.at(-1)?.evidence.details?.['runProblem'] });

  it('a clean report with exit 0 is one passed check', () => {
    const out = normalize(inputOf('[]\n'));
    expect(out).toMatchObject({ trustworthy: true, findings: [], counts: { total: 1, passed: 1, failed: 0 } });
  });

  it('output that is not ruff JSON is a tool_error', () => {
    expect(problem(normalize(inputOf('error: Failed to parse pyproject.toml', { exec: execResult(1) })))).toEqual({ trustworthy: false, kinds: ['tool_error'], key: 'bad-output' });
    expect(problem(normalize(inputOf('{"code": "F401"}', { exec: execResult(1) })))).toEqual({ trustworthy: false, kinds: ['tool_error'], key: 'bad-output' });
  });

  it('an unreadable record is skipped with a reason; the rest are kept but the run is not trusted', () => {
    const broken = [violations[0], { code: 'F401', message: 'x' }];
    const out = normalize(inputOf(JSON.stringify(broken)));
    expect(problem(out)).toEqual({ trustworthy: false, kinds: ['lint_error', 'tool_error'], key: 'bad-records' });
    expect(out.notes.join('\n')).toMatch(/record 1: filename/);
  });

  it('exit 2 (ruff crashed or rejected its arguments) is a tool_error naming the cause', () => {
    const out = normalize(inputOf(undefined, { exec: execResult(2), stderr: "error: unexpected argument '--bogus' found\n" }));
    expect(problem(out)).toEqual({ trustworthy: false, kinds: ['tool_error'], key: 'exit-2' });
    expect(out.findings[0]?.message).toMatch(/--bogus/);
  });

  it('a missing executable, a timeout, a stale report and exit 1 without violations are tool_errors', () => {
    const start = normalize(inputOf(undefined, { exec: execResult(null, { failedToStart: true, error: 'spawn ruff ENOENT' }) }));
    expect(problem(start).key).toBe('start');
    expect(start.findings[0]?.message).toMatch(/plugins\.ruff\.command/);
    expect(problem(normalize(inputOf(undefined, { exec: execResult(null, { timedOut: true, signal: 'SIGTERM' }) }))).key).toBe('timeout');
    expect(problem(normalize(inputOf(report, { mtimeMs: 1_600_000_000_000 }))).key).toBe('stale-output');
    expect(problem(normalize(inputOf('[]', { exec: execResult(1) }))).key).toBe('exit-1-empty');
    expect(problem(normalize(inputOf(undefined, { exec: execResult(0) }))).key).toBe('no-output');
  });
});
