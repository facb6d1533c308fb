import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import type { GuardInput } from '../../src/guards/index.js';
import type { Task } from '../../src/core/index.js';
import { collectArgv } from './collect.js';
import { detect } from './detect.js';
import { noNewNoqaGuard } from './no-new-noqa.js';
import { ruleUrl } from './rule-urls.js';
import { parseOptions } from './schema.js';
import { validation } from './validation.js';
import { removeTemps, tempDir } from './test-support.js';

afterAll(removeTemps);

describe('flake8 options and argv', () => {
  it('defaults to `flake8 .` with the record format pinned, and names bad keys', () => {
    const options = parseOptions(undefined);
    expect(options).toEqual({ args: [], paths: ['.'], timeoutSec: 600 });
    expect(collectArgv(options)).toEqual(['flake8', expect.stringMatching(/^--format=atqos-flake8-v1\t%\(code\)r\t/), '--no-show-source', '--', '.']);
    expect(collectArgv(parseOptions({ python: '.venv/bin/python', paths: ['-odd.py'] })).slice(0, 3)).toEqual(['.venv/bin/python', '-m', 'flake8']);
    expect(collectArgv(parseOptions({ paths: ['-odd.py'] })).at(-1)).toBe('./-odd.py');
    expect(() => parseOptions({ comand: ['x'] })).toThrow(AtqosError);
    expect(() => parseOptions({ comand: ['x'] })).toThrow(/plugins\.flake8\.comand/);
    expect(() => parseOptions({ timeoutSec: -1 })).toThrow(/plugins\.flake8\.timeoutSec must be a positive number/);
  });

  it('validates without --select when a node id carries no code', () => {
    expect(validation({ files: ['a.py'], nodeIds: ['a.py::unknown'] }, undefined).commands[0]?.argv).toEqual(['flake8', '--no-show-source', '--', 'a.py']);
    expect(validation({ files: ['a::b.py'], nodeIds: ['a::b.py::E501'] }, { command: ['uv', 'run', 'flake8'] }).commands[0]?.argv).toEqual(['uv', 'run', 'flake8', '--no-show-source', '--select=E501', '--', 'a::b.py']);
  });

  it('links pycodestyle, pyflakes and mccabe codes, and no third-party ones', () => {
    expect(ruleUrl('W605')).toMatch(/pycodestyle\.pycqa\.org/);
    expect(ruleUrl('F811')).toMatch(/flake8\.pycqa\.org/);
    expect(ruleUrl('B008')).toBeUndefined();
  });
});

describe('flake8 detection', () => {
  const write = (files: Record<string, string>) => {
    const dir = tempDir('detect');
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
    return dir;
  };

  it('applies on .flake8 or a [flake8] section in setup.cfg or tox.ini, and on nothing else', async () => {
    expect(await detect(write({ '.flake8': '[flake8]\n' }))).toBe(true);
    expect(await detect(write({ 'setup.cfg': '[metadata]\nname = x\n\n[flake8]\nmax-line-length = 100\n' }))).toBe(true);
    expect(await detect(write({ 'tox.ini': '[tox]\n[flake8]\nignore = E203\n' }))).toBe(true);
    expect(await detect(write({ 'setup.cfg': '[mypy]\n# flake8 is not used\n', 'tox.ini': '[testenv]\ncommands = flake8\n', 'a.py': 'import os\n' }))).toBe(false);
    expect(await detect(write({ 'pyproject.toml': '[tool.flake8]\n' }))).toBe(false);
  });
});

describe('no-new-noqa guard', () => {
  const input = (before: string, after: string): GuardInput => ({
    task: {} as Task,
    changes: [{ path: 'a.py', status: 'modified', insertions: 1, deletions: 1, binary: false }],
    readBase: () => before, readAfter: () => after, isTestFile: () => false,
    limits: { maxChangedLines: 100, maxChangedFiles: 10 },
  });

  it('rejects an attempt that silences flake8 instead of fixing the code', () => {
    for (const after of ['import os  # noqa\n', 'import os  # NOQA: F401\n', '# flake8: noqa\nimport os\n']) {
      const v = noNewNoqaGuard.check(input('import os\n', after));
      expect(v.passed, after).toBe(false);
      expect(v.evidence).toMatch(/a\.py: 0 → 1 noqa/);
    }
  });

  it('passes a real fix, and a file that keeps the noqa it had', () => {
    expect(noNewNoqaGuard.check(input('import os\n', '\n')).passed).toBe(true);
    expect(noNewNoqaGuard.check(input('import os  # noqa\nx=1\n', 'import os  # noqa\nx = 1\n')).passed).toBe(true);
  });
});
