import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTestsCommand, parseListedTests } from './list-tests.js';

const demo = path.resolve('fixtures/projects/demo');

function collect(argv: string[]): { code: number; stdout: string } {
  try {
    return { code: 0, stdout: execFileSync(argv[0] as string, argv.slice(1), { cwd: demo, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } }) };
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

  it('says collection failed rather than listing nothing', () => {
    expect(parseListedTests(2, 'ERROR collecting tests/test_x.py\n')).toBeUndefined();
    expect(parseListedTests(null, '')).toBeUndefined();
    expect(parseListedTests(5, '\nno tests ran in 0.01s\n')).toEqual([]);
  });
});
