import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIni } from './ini.js';
import { locatePytestConfig } from './locate.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function repoWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-pyconfig-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), text);
  return dir;
}

describe('locatePytestConfig', () => {
  it('follows pytest 9 order: pytest.toml, .pytest.toml, pytest.ini, .pytest.ini, pyproject.toml, tox.ini, setup.cfg', () => {
    const all = {
      'pytest.toml': '[pytest]\nx = "toml"\n', '.pytest.toml': '[pytest]\n', 'pytest.ini': '[pytest]\n', '.pytest.ini': '[pytest]\n',
      'pyproject.toml': '[tool.pytest.ini_options]\n', 'tox.ini': '[pytest]\n', 'setup.cfg': '[tool:pytest]\n',
    };
    const order = Object.keys(all);
    order.forEach((_, i) => {
      const rest = Object.fromEntries(Object.entries(all).slice(i));
      expect(locatePytestConfig(repoWith(rest))?.file).toBe(order[i]);
    });
    expect(locatePytestConfig(repoWith(all))?.options.get('x')).toBe('toml');
  });

  it('is undefined without a pytest config', () => {
    expect(locatePytestConfig(repoWith({ 'pyproject.toml': '[project]\nname = "x"\n', 'tox.ini': '[tox]\n', 'setup.cfg': '[metadata]\n' }))).toBeUndefined();
  });

  it('stops at a file pytest cannot parse, as pytest does, and says why', () => {
    const config = locatePytestConfig(repoWith({ 'pyproject.toml': 'name = "x\n', 'tox.ini': '[pytest]\npython_files = a_*.py\n' }));
    expect(config).toEqual({ file: 'pyproject.toml', options: new Map(), problem: 'line 1: unterminated string' });
  });
});

describe('readIni (iniconfig rules)', () => {
  it('joins continuation lines, takes `:` or `=`, keeps inline `#`, skips comment lines', () => {
    const s = readIni('; top\n[pytest]\npython_files =\n    a_*.py\n  # not a value\n    b_*.py\naddopts: -ra # kept\nurl = http://x\n[tool:pytest]\n');
    expect(Object.fromEntries(s.get('pytest')!)).toEqual({ python_files: 'a_*.py\nb_*.py', addopts: '-ra # kept', url: 'http://x' });
    expect(s.get('tool:pytest')?.size).toBe(0);
  });

  it.each([
    ['key=value before a section', 'a = 1\n'],
    ['a duplicate section', '[a]\n[a]\n'],
    ['a duplicate option', '[a]\nx = 1\nx = 2\n'],
    ['a line that is no option', '[a]\njust words\n'],
  ])('throws on %s', (_name, text) => {
    expect(() => readIni(text)).toThrow(/^line \d+: /);
  });
});
