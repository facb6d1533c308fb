// Real pytest decides which files are test modules; our matcher must agree with it, on pytest 9
// (pyenv) and pytest 7 (Debian), for the fixture project and for each way of configuring it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fnmatchEx } from './config/fnmatch.js';
import { pytestTestFiles, pythonFilesPatterns } from './test-files.js';
import { copyProject, PYTHONS, removeCopies } from './test-support.js';

const temps: string[] = [];
afterAll(() => {
  removeCopies();
  temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** The files pytest collects tests from, by `--collect-only -q`. */
function collectedFiles(python: string, dir: string): string[] {
  const run = spawnSync(python, ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  return [...new Set(run.stdout.split('\n').filter((l) => l.includes('::')).map((l) => l.split('::')[0]!.trim()))].sort();
}

function pythonFilesIn(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).filter((p) => p.endsWith('.py')).sort();
}

describe.each(PYTHONS)('matcher vs real pytest (%s)', (python) => {
  it('fixtures/projects/custom-test-files: pytest collects exactly the check_*.py modules the matcher names', () => {
    const dir = copyProject('custom-test-files');
    const collected = collectedFiles(python, dir);
    expect(collected).toEqual(['tests/check_math.py']);
    const isTest = pytestTestFiles(dir, {});
    expect(collected.every(isTest)).toBe(true);
    const src = pythonFilesIn(path.join(dir, 'src')).map((p) => `src/${p}`);
    expect(src).toEqual(['src/calc/__init__.py', 'src/calc/stats.py']);
    expect(src.some(isTest)).toBe(false);
    // test_legacy.py has a default-pattern name; only the config keeps pytest (and us) off it.
    const patterns = pythonFilesPatterns(dir, {});
    expect(pythonFilesIn(dir).filter((p) => patterns.some((pat) => fnmatchEx(pat, path.posix.join(dir, p))))).toEqual(collected);
  });

  const FILES = ['tests/check_math.py', 'tests/test_old.py', 'pkg/check_units.py', 'pkg/units_test.py', 'pkg/sub/checks/verify_b.py', 'spec_api.py', 'src/calc.py'];
  const variants: [string, Record<string, string>, string[]][] = [
    ['pytest.ini', { 'pytest.ini': '[pytest]\npython_files = check_*.py\n' }, ['pkg/check_units.py', 'tests/check_math.py']],
    ['pyproject ini_options string', { 'pyproject.toml': '[tool.pytest.ini_options]\npython_files = "check_*.py *_test.py"\n' }, ['pkg/check_units.py', 'pkg/units_test.py', 'tests/check_math.py']],
    ['pyproject ini_options list', { 'pyproject.toml': '[tool.pytest.ini_options]\npython_files = ["check_*.py", "spec_*.py"]\n' }, ['pkg/check_units.py', 'spec_api.py', 'tests/check_math.py']],
    ['tox.ini, multi-line', { 'tox.ini': '[pytest]\npython_files =\n    spec_*.py\n    *_test.py\n' }, ['pkg/units_test.py', 'spec_api.py']],
    ['setup.cfg', { 'setup.cfg': '[tool:pytest]\npython_files = spec_*.py\n' }, ['spec_api.py']],
    ['patterns with a directory', { 'pytest.ini': '[pytest]\npython_files = checks/*.py tests/check_*.py\n' }, ['pkg/sub/checks/verify_b.py', 'tests/check_math.py']],
    ['pytest.ini before pyproject', { 'pytest.ini': '[pytest]\n', 'pyproject.toml': '[tool.pytest.ini_options]\npython_files = "spec_*.py"\n' }, ['pkg/units_test.py', 'tests/test_old.py']],
    ['pyproject without a pytest table', { 'pyproject.toml': '[project]\nname = "x"\n', 'tox.ini': '[pytest]\npython_files = spec_*.py\n' }, ['spec_api.py']],
  ];
  // pytest 9's native table; pytest 7 ignores it (and falls back to its defaults).
  if (python === PYTHONS[0]) variants.push(['pyproject [tool.pytest] (pytest 9)', { 'pyproject.toml': '[tool.pytest]\npython_files = ["spec_*.py"]\n' }, ['spec_api.py']]);
  it.each(variants)('%s', (_name, config, expected) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-agree-'));
    temps.push(dir);
    for (const [rel, text] of Object.entries({ ...Object.fromEntries(FILES.map((f) => [f, 'def test_it():\n    pass\n'])), ...config })) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    const patterns = pythonFilesPatterns(dir, {});
    const ours = FILES.filter((f) => patterns.some((p) => fnmatchEx(p, path.posix.join(dir, f)))).sort();
    expect(collectedFiles(python, dir)).toEqual(expected);
    expect(ours).toEqual(expected);
  });
});
