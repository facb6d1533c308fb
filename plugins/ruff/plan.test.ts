import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import { detect } from './detect.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { parseOptions } from './schema.js';
import { autofix, validation } from './validation.js';
import { inputOf, removeTemps, stored, tempDir } from './test-support.js';

afterAll(removeTemps);

const findings = normalize(inputOf(stored('python-lint.json'))).findings;
const tasks = plan({ findings, options: undefined, isTestFile: () => false });
const byFile = (file: string) => tasks.find((t) => t.targets.files[0] === file)!;

describe('ruff plan', () => {
  it('makes one lint_fix task per file, allowed to touch only that file, covering all its findings', () => {
    expect(tasks.map((t) => [t.type, t.targets.files, t.allowedPaths])).toEqual([
      ['lint_fix', ['src/inventory/legacy.py'], ['src/inventory/legacy.py']],
      ['lint_fix', ['src/inventory/report.py'], ['src/inventory/report.py']],
    ]);
    expect(tasks.flatMap((t) => t.findings).sort()).toEqual(findings.map((f) => f.fingerprint).sort());
  });

  it('names each rule once per file, marking rules whose every violation ruff can fix safely', () => {
    expect(byFile('src/inventory/report.py').targets.nodeIds).toEqual([
      'src/inventory/report.py::E711', 'src/inventory/report.py::F401[fix]', 'src/inventory/report.py::F541[fix]', 'src/inventory/report.py::F841',
    ]);
  });

  it('validates with ruff on the file, limited to the task\'s rules, expecting exit 0', () => {
    const v = byFile('src/inventory/report.py').validation;
    expect(v.expect).toBe('exit-zero');
    expect(v.commands[0]?.argv).toEqual(['ruff', 'check', '--no-cache', '--select', 'E711,F401,F541,F841', '--', 'src/inventory/report.py']);
  });

  it('without a rule code (a syntax error) the whole file must be clean', () => {
    const v = validation({ files: ['app.py'], nodeIds: ['app.py::syntax-error'] }, undefined);
    expect(v.commands[0]?.argv).toEqual(['ruff', 'check', '--no-cache', '--', 'app.py']);
  });
});

describe('ruff autofix', () => {
  it('is offered only when ruff can fix every rule of the task itself', () => {
    expect(autofix(byFile('src/inventory/report.py').targets, undefined)).toBeUndefined();
    expect(autofix(byFile('src/inventory/legacy.py').targets, undefined)).toBeUndefined();
    const fixable = { files: ['src/inventory/report.py'], nodeIds: ['src/inventory/report.py::F401[fix]', 'src/inventory/report.py::F541[fix]'] };
    expect(autofix(fixable, { command: ['uv', 'run', 'ruff'] })?.argv).toEqual(['uv', 'run', 'ruff', 'check', '--fix', '--no-cache', '--select', 'F401,F541', '--', 'src/inventory/report.py']);
  });

  it('keeps a file name starting with a dash a path', () => {
    expect(autofix({ files: ['-x.py'], nodeIds: ['-x.py::F401[fix]'] }, undefined)?.argv.at(-1)).toBe('./-x.py');
  });
});

describe('ruff options and detection', () => {
  it('defaults to `ruff check .` and names unknown keys', () => {
    expect(parseOptions(undefined)).toEqual({ command: ['ruff'], args: [], paths: ['.'], timeoutSec: 600 });
    expect(() => parseOptions({ comand: ['x'] })).toThrow(AtqosError);
    expect(() => parseOptions({ comand: ['x'] })).toThrow(/plugins\.ruff\.comand/);
    expect(() => parseOptions({ paths: [] })).toThrow(/plugins\.ruff\.paths/);
  });

  it('detects only ruff\'s own config', async () => {
    const write = (files: Record<string, string>) => {
      const dir = tempDir('detect');
      for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
      return dir;
    };
    expect(await detect(write({ 'ruff.toml': 'line-length = 100\n' }))).toBe(true);
    expect(await detect(write({ '.ruff.toml': '' }))).toBe(true);
    expect(await detect(write({ 'pyproject.toml': '[tool.ruff.lint]\nselect = ["F"]\n' }))).toBe(true);
    expect(await detect(write({ 'pyproject.toml': '[tool.black]\n# ruff is nice\n', 'setup.cfg': '[flake8]\n' }))).toBe(false);
    expect(await detect(write({ 'test_x.py': 'def test(): pass\n' }))).toBe(false);
  });
});
