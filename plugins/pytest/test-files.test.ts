import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fnmatchEx } from './config/fnmatch.js';
import { isPytestTestFile, pytestTestFiles, pythonFilesPatterns } from './test-files.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A repo root holding only the given config files. */
function repoWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-pyfiles-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), text);
  return dir;
}

describe('fnmatchEx (pytest semantics)', () => {
  it.each([
    ['check_*.py', '/r/pkg/check_math.py', true],
    ['check_*.py', '/r/check_dir/math.py', false], // no `/`: the file name only
    ['test_?.py', '/r/test_a.py', true],
    ['test_?.py', '/r/test_ab.py', false],
    ['[!_]*_spec.py', '/r/api_spec.py', true],
    ['[!_]*_spec.py', '/r/_api_spec.py', false],
    ['[]x]*.py', '/r/]a.py', true],
    ['[ab.py', '/r/[ab.py', true], // an unclosed `[` is literal
    ['tests/*.py', '/r/tests/x.py', true],
    ['tests/*.py', '/r/a/tests/x.py', true], // relative: `*/` is put in front
    ['tests/*.py', '/r/tests/deep/x.py', true], // `*` crosses directories
    ['tests/*.py', '/r/mytests/x.py', false],
    ['/r/only/*.py', '/r/only/x.py', true],
    ['/r/only/*.py', '/s/r/only/x.py', false],
    ['*.PY', '/r/x.py', false], // case-sensitive, as on POSIX
  ])('%s vs %s → %s', (pattern, file, expected) => {
    expect(fnmatchEx(pattern, file)).toBe(expected);
  });
});

describe('pythonFilesPatterns from the repo config', () => {
  const CHECK = ['check_*.py'];
  it.each([
    ['pytest.ini', { 'pytest.ini': '[pytest]\npython_files = check_*.py\n' }],
    ['.pytest.ini', { '.pytest.ini': '[pytest]\npython_files: check_*.py\n' }],
    ['pyproject [tool.pytest.ini_options], a string', { 'pyproject.toml': '[project]\nname = "x"\n\n[tool.pytest.ini_options]\npython_files = "check_*.py"\n' }],
    ['pyproject [tool.pytest.ini_options], a list', { 'pyproject.toml': "[tool.pytest.ini_options]\npython_files = [\n  'check_*.py',  # ours\n]\n" }],
    ['pyproject [tool.pytest] (pytest 9 native)', { 'pyproject.toml': '[tool.pytest]\npython_files = ["check_*.py"]\n' }],
    ['pyproject dotted keys', { 'pyproject.toml': '[tool]\npytest.ini_options.python_files = "check_*.py"\n' }],
    ['pytest.toml', { 'pytest.toml': '[pytest]\npython_files = ["check_*.py"]\n' }],
    ['tox.ini [pytest]', { 'tox.ini': '[tox]\nenvlist = py3\n\n[pytest]\npython_files = check_*.py\n' }],
    ['setup.cfg [tool:pytest]', { 'setup.cfg': '[metadata]\nname = x\n\n[tool:pytest]\npython_files = check_*.py\n' }],
  ])('%s', (_name, files) => {
    const dir = repoWith(files);
    expect(pythonFilesPatterns(dir, {})).toEqual(CHECK);
    const isTest = pytestTestFiles(dir, {});
    expect(['pkg/check_math.py', 'check_root.py', 'conftest.py', 'pkg/conftest.py'].every(isTest)).toBe(true);
    expect(['pkg/test_math.py', 'pkg/math_test.py', 'src/calc.py', 'pkg/check_math.txt'].some(isTest)).toBe(false);
  });

  it('splits INI values on whitespace and newlines, quotes grouping', () => {
    const dir = repoWith({ 'tox.ini': "[pytest]\npython_files =\n    check_*.py\n    'spec *.py' *_it.py\n" });
    expect(pythonFilesPatterns(dir, {})).toEqual(['check_*.py', 'spec *.py', '*_it.py']);
  });

  it('uses the first config file pytest would: pytest.ini wins even without python_files', () => {
    const dir = repoWith({ 'pytest.ini': '[pytest]\naddopts = -ra\n', 'pyproject.toml': '[tool.pytest.ini_options]\npython_files = "check_*.py"\n' });
    expect(pythonFilesPatterns(dir, {})).toEqual(['test_*.py', '*_test.py']);
    expect(pytestTestFiles(dir, {})('pkg/check_math.py')).toBe(false);
  });

  it('an empty pytest.ini still counts; pyproject, tox.ini and setup.cfg count only with a pytest section', () => {
    expect(pythonFilesPatterns(repoWith({ 'pytest.ini': '', 'tox.ini': '[pytest]\npython_files = check_*.py\n' }), {})).toEqual(['test_*.py', '*_test.py']);
    const skipped = { 'pyproject.toml': '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n', 'tox.ini': '[testenv]\ncommands = pytest\n', 'setup.cfg': '[pytest]\npython_files = x_*.py\n[tool:pytest]\npython_files = check_*.py\n' };
    expect(pythonFilesPatterns(repoWith(skipped), {})).toEqual(['check_*.py']);
    expect(pythonFilesPatterns(repoWith({ 'pyproject.toml': '[tool.pytest]\n', 'tox.ini': '[pytest]\npython_files = check_*.py\n' }), {})).toEqual(['check_*.py']);
  });

  it('matches patterns with a directory anywhere below the root', () => {
    const isTest = pytestTestFiles(repoWith({ 'pytest.ini': '[pytest]\npython_files = checks/*.py\n' }), {});
    expect(['checks/math.py', 'pkg/checks/deep/units.py'].every(isTest)).toBe(true);
    expect(['pkg/mychecks/units.py', 'pkg/test_math.py'].some(isTest)).toBe(false);
  });

  it.each([
    ['an unterminated TOML string', { 'pyproject.toml': '[tool.pytest.ini_options]\npython_files = "check_*.py\n' }],
    ['TOML that is not TOML', { 'pyproject.toml': '[tool.pytest.ini_options\npython_files = "check_*.py"\n' }],
    ['both pytest tables in pyproject', { 'pyproject.toml': '[tool.pytest]\nminversion = "9"\n[tool.pytest.ini_options]\npython_files = "check_*.py"\n' }],
    ['python_files that is a number', { 'pytest.toml': '[pytest]\npython_files = 3\n' }],
    ['an INI line that is no option', { 'pytest.ini': '[pytest]\npython_files = check_*.py\nthis is not ini\n' }],
    ['an option before any section', { 'tox.ini': 'python_files = check_*.py\n[pytest]\n' }],
    ['a directory named pytest.ini', {}],
  ])('falls back to the defaults on %s', (name, files) => {
    const dir = repoWith(files);
    if (name.startsWith('a directory')) fs.mkdirSync(path.join(dir, 'pytest.ini'));
    expect(pythonFilesPatterns(dir, {})).toEqual(['test_*.py', '*_test.py']);
    expect(pytestTestFiles(dir, {})('pkg/test_math.py')).toBe(true);
  });

  it('an -o python_files override in plugins.pytest.args wins, and test paths naming files are tests', () => {
    const dir = repoWith({ 'pytest.ini': '[pytest]\npython_files = check_*.py\n' });
    expect(pythonFilesPatterns(dir, { args: ['-o', 'python_files=spec_*.py'] })).toEqual(['spec_*.py']);
    expect(pythonFilesPatterns(dir, { args: ['--override-ini=python_files=a_*.py b_*.py'] })).toEqual(['a_*.py', 'b_*.py']);
    const isTest = pytestTestFiles(dir, { testPaths: ['./smoke/run_me.py::test_x', 'pkg'] });
    expect(isTest('smoke/run_me.py')).toBe(true);
    expect(isTest('pkg/other.py')).toBe(false);
  });
});

describe('isPytestTestFile (the default python_files)', () => {
  it.each(['test_cart.py', 'tests/test_cart.py', 'pkg/cart_test.py', 'tests/helpers.py', 'src/pkg/test/util.py', 'conftest.py', 'src/pkg/conftest.py', 'tests/unit/deep/x.py'])(
    '%s is test code',
    (p) => expect(isPytestTestFile(p)).toBe(true),
  );
  it.each(['src/shop/cart.py', 'src/contest.py', 'src/testing.py', 'tests/data.json', 'test_cart.pyc', 'src/latest/x.py', 'mytests/x.py', 'src/check_cart.py'])(
    '%s is not',
    (p) => expect(isPytestTestFile(p)).toBe(false),
  );
});
