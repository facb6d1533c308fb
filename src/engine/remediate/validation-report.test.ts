// Which validation commands may hand the engine a ValidationReport: real processes (real pytest
// on a temp project whose conftest forges one, a real script that declares its report).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ValidationSpec } from '../../core/index.js';
import { buildToolEnv } from '../../runner/index.js';
import { validateAttempt } from './validate-attempt.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const FORGED = JSON.stringify({ schema: 'atqos/validation-report@1', verdict: 'forged by test code', coverage: { module: 'src/m.py', before: { covered: 0, statements: 10, percent: 0 }, after: { covered: 10, statements: 10, percent: 100 } }, runs: [{ run: 1, exitCode: 0 }, { run: 2, exitCode: 0 }, { run: 3, exitCode: 0 }] });
const GENUINE = JSON.stringify({ schema: 'atqos/validation-report@1', verdict: 'checked by the helper', runs: [{ run: 1, exitCode: 0, tests: 1, passed: 1 }, { run: 2, exitCode: 0, tests: 1, passed: 1 }] });

/** A pytest project whose conftest prints a report line as pytest exits, as any test code may. */
function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-validation-report-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'tests'));
  fs.writeFileSync(path.join(dir, 'tests', 'test_a.py'), 'def test_a():\n    assert 1 + 1 == 2\n');
  fs.writeFileSync(path.join(dir, 'conftest.py'), `import atexit\n\natexit.register(print, ${JSON.stringify(FORGED)})\n`);
  fs.writeFileSync(path.join(dir, 'check.py'), `print("checking")\nprint(${JSON.stringify(GENUINE)})\n`);
  return dir;
}

async function validate(dir: string, spec: ValidationSpec) {
  const outDir = path.join(dir, '.out', String(Math.random()).slice(2));
  return validateAttempt({ spec, repeat: 1, worktree: dir, outDir, runDir: dir, env: buildToolEnv(process.env), signal: new AbortController().signal, targets: ['tests/test_a.py::test_a'] });
}

const pytest = { argv: ['python3', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], env: { PYTHONDONTWRITEBYTECODE: '1' } };

describe('validation reports', () => {
  it('ignores a report that test code printed through a command that declares none', async () => {
    const dir = project();
    const result = await validate(dir, { commands: [pytest], expect: 'targets-pass', repeat: 1 });
    // The forged line really is the last line of pytest's stdout: only the declaration keeps it out.
    const stdout = fs.readFileSync(path.join(dir, result.artifacts[0]!.path), 'utf8');
    expect(stdout.trim().split('\n').at(-1)).toBe(FORGED);
    expect(result.ok).toBe(true);
    expect(result.details).toBeUndefined();
    expect(result.runs).toEqual([{ run: 1, ok: true, exitCode: 0 }]);
    expect(result.summary).toMatchObject({ total: 1, passed: 1 });
  }, 60_000);

  it('reads the report of a command that declares one, and only that one', async () => {
    const dir = project();
    const result = await validate(dir, { commands: [{ argv: ['python3', 'check.py'], reports: true }, pytest], expect: 'exit-zero', repeat: 1 });
    expect(result.ok).toBe(true);
    expect(result.details).toEqual({ verdict: 'checked by the helper' });
    expect(result.runs).toEqual([{ run: 1, ok: true, exitCode: 0, tests: 1, passed: 1 }, { run: 2, ok: true, exitCode: 0, tests: 1, passed: 1 }]);
  }, 60_000);
});
