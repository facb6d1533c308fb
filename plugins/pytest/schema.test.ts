import { describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import { collectArgv, collectEnv, inventoryPluginDir } from './collect.js';
import { parseOptions } from './schema.js';
import { validation } from './validation.js';

describe('parseOptions', () => {
  it('defaults everything when the section is absent', () => {
    expect(parseOptions(undefined)).toEqual({ python: 'python3', args: [], testPaths: [], timeoutSec: 1800, continueOnCollectionErrors: true });
  });

  const bad: [unknown, RegExp][] = [
    [{ timeoutSec: -1 }, /plugins\.pytest\.timeoutSec must be a positive number/],
    [{ timeoutSec: '60' }, /plugins\.pytest\.timeoutSec must be a positive number/],
    [{ args: '-x' }, /plugins\.pytest\.args must be a list of strings/],
    [{ python: '' }, /plugins\.pytest\.python must be/],
    [{ command: [] }, /plugins\.pytest\.command must be/],
    [{ pyhton: 'python3' }, /unknown key\(s\): pyhton/],
    ['python3', /plugins\.pytest must be a mapping/],
  ];
  for (const [raw, message] of bad) {
    it(`rejects ${JSON.stringify(raw)} naming the key`, () => {
      expect(() => parseOptions(raw)).toThrow(message);
      expect(() => parseOptions(raw)).toThrow(AtqosError);
    });
  }
});

describe('commands', () => {
  it('collect: one pytest run with JUnit, the inventory plugin and no cache', () => {
    const argv = collectArgv(parseOptions({ python: '.venv/bin/python', testPaths: ['tests', '-odd'], args: ['-x'] }), '/run/raw/pytest/junit.xml');
    expect(argv.slice(0, 6)).toEqual(['.venv/bin/python', '-m', 'pytest', 'tests', './-odd', '-x']);
    expect(argv).toEqual(expect.arrayContaining(['--junitxml=/run/raw/pytest/junit.xml', 'junit_family=xunit2', 'atqos_pytest_inventory', 'no:cacheprovider']));
    expect(argv).not.toContain('--collect-only');
  });

  it('collect: puts the inventory plugin first on PYTHONPATH, keeping the existing one', () => {
    expect(collectEnv({ PYTHONPATH: '/repo/lib' }, '/run/inv.json')).toEqual({ PYTHONPATH: `${inventoryPluginDir()}:/repo/lib`, ATQOS_INVENTORY_PATH: '/run/inv.json', PYTHONDONTWRITEBYTECODE: '1' });
    expect(collectEnv({ PYTHONPYCACHEPREFIX: '/cache' }, '/i.json').PYTHONDONTWRITEBYTECODE).toBeUndefined();
    expect(collectEnv({}, '/i.json').PYTHONPATH).toBe(inventoryPluginDir());
  });

  it('collect: a command override replaces python -m pytest', () => {
    expect(collectArgv(parseOptions({ command: ['uv', 'run', 'pytest'] }), '/j.xml').slice(0, 4)).toEqual(['uv', 'run', 'pytest', '--junitxml=/j.xml']);
  });

  it('validation: node ids are single argv elements after --, so none is read as an option', () => {
    const ids = ['tests/t.py::test_x[--exitfirst]', 'tests/t.py::test_x[$(rm -rf ~); echo]'];
    const spec = validation({ files: ['tests/t.py'], nodeIds: ids }, { python: 'py' });
    const argv = spec.commands[0]!.argv;
    expect(argv.slice(-3)).toEqual(['--', ...ids]);
    expect(argv).toContain('no:cacheprovider');
    expect(spec).toMatchObject({ expect: 'targets-pass', repeat: 3 });
  });

  it('validation without node ids requires a clean collection', () => {
    const spec = validation({ files: [], nodeIds: [] }, {});
    expect(spec.expect).toBe('exit-zero');
    expect(spec.commands[0]!.argv).toContain('--collect-only');
  });
});
