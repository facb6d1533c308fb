import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTestsCommand, parseListedTests } from './list-tests.js';

const demo = path.resolve('fixtures/projects/demo');

function collect(argv: string[], cwd = demo): { code: number; stdout: string } {
  try {
    return { code: 0, stdout: execFileSync(argv[0] as string, argv.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } }) };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, stdout: e.stdout };
  }
}

describe('pytest inventory listing', () => {
  it('lists every collected node id of a real project, parametrized ones included', () => {
    const { code, stdout } = collect(listTestsCommand({}).argv);
    const ids = parseListedTests(code, stdout);
    expect(ids).toHaveLength(13);
    expect(ids).toContain('tests/test_shipping.py::test_shipping_cost[1.0-4.9]');
    expect(ids?.every((id) => id.startsWith('tests/'))).toBe(true);
  });

  it('lists the tests that collect when another module fails to import, so the inventory guard still checks them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-list-tests-'));
    try {
      fs.mkdirSync(path.join(dir, 'tests'));
      fs.writeFileSync(path.join(dir, 'tests', 'test_a.py'), 'def test_a():\n    pass\n');
      fs.writeFileSync(path.join(dir, 'tests', 'test_b.py'), 'from shop import removed_api\n\n\ndef test_b():\n    pass\n');
      fs.writeFileSync(path.join(dir, 'tests', 'test_c.py'), 'def test_c():\n    pass\n');
      const { code, stdout } = collect(listTestsCommand({}).argv, dir);
      expect(code).toBe(1);
      expect(parseListedTests(code, stdout)).toEqual(['tests/test_a.py::test_a', 'tests/test_c.py::test_c']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says collection failed rather than listing nothing', () => {
    expect(parseListedTests(2, 'ERROR collecting tests/test_x.py\n')).toBeUndefined();
    expect(parseListedTests(null, '')).toBeUndefined();
    expect(parseListedTests(5, '\nno tests ran in 0.01s\n')).toEqual([]);
  });
});
