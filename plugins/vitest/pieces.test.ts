import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import { classifyFailure } from './classify.js';
import { detect } from './detect.js';
import { parseOptions } from './schema.js';
import { parseFailure } from './stack.js';
import { isVitestTestFile } from './test-files.js';
import { splitNodeId, testNamePattern } from './test-id.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-vitest-detect-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('testNamePattern', () => {
  const hostile = `odd "names" (a|b)* > keeps 'quotes', [brackets] {2} $^ \\ + ? > arrows — ünïcødé ✓`;
  it('matches the exact space-joined full name vitest tests it against, and nothing else', () => {
    const re = new RegExp(testNamePattern([hostile]));
    expect(re.test(`odd "names" (a|b)* keeps 'quotes', [brackets] {2} $^ \\ + ? > arrows — ünïcødé ✓`)).toBe(true);
    expect(re.test('odd "names" aaab keeps')).toBe(false);
    expect(re.test(`x odd "names" (a|b)* keeps 'quotes', [brackets] {2} $^ \\ + ? > arrows — ünïcødé ✓`)).toBe(false);
  });
  it('selects several names at once', () => {
    const re = new RegExp(testNamePattern(['a > b', 'c']));
    expect(['a b', 'c', 'a > b'].map((n) => re.test(n))).toEqual([true, true, true]);
    expect(re.test('a bc')).toBe(false);
  });
  it('splits node ids at the first ::', () => {
    expect(splitNodeId('tests/a.test.ts::s > t :: u')).toEqual({ file: 'tests/a.test.ts', name: 's > t :: u' });
    expect(splitNodeId('no-separator')).toBeUndefined();
  });
});

describe('detect', () => {
  it('detects vitest from its config, a vite config using it, or package.json', async () => {
    expect(await detect(project({ 'vitest.config.mts': 'export default {}' }))).toBe(true);
    expect(await detect(project({ 'vite.config.ts': "export default { test: { environment: 'node' } }" }))).toBe(true);
    expect(await detect(project({ 'package.json': '{"devDependencies":{"vitest":"^4"}}' }))).toBe(true);
    expect(await detect(project({ 'package.json': '{"scripts":{"test":"vitest run"}}' }))).toBe(true);
  });
  it('ignores jest projects, plain vite apps, Python projects and broken package.json', async () => {
    expect(await detect(project({ 'package.json': '{"devDependencies":{"jest":"^29"}}', 'a.test.ts': '' }))).toBe(false);
    expect(await detect(project({ 'vite.config.ts': 'export default { plugins: [] }' }))).toBe(false);
    expect(await detect(project({ 'pyproject.toml': '[tool.pytest.ini_options]' }))).toBe(false);
    expect(await detect(project({ 'package.json': '{not json' }))).toBe(false);
  });
});

describe('parseOptions', () => {
  it('defaults to npx and no filters', () => {
    expect(parseOptions(undefined)).toEqual({ args: [], testPaths: [], timeoutSec: 1800 });
  });
  it('names the unknown or invalid key', () => {
    expect(() => parseOptions({ comand: ['x'] })).toThrow(/plugins\.vitest\.comand/);
    expect(() => parseOptions({ command: [] })).toThrow(AtqosError);
    expect(() => parseOptions({ timeoutSec: -1 })).toThrow(/plugins\.vitest\.timeoutSec/);
  });
});

describe('failure parsing and classification', () => {
  it('keeps in-repo frames only and splits message from stack', () => {
    const p = parseFailure('TypeError: x is not a function\n    at f (/repo/src/a.ts:3:9)\n    at file:///repo/node_modules/v/x.js:1:1\n    at node:internal/process/task_queues:95:5\n    at /repo/tests/a.test.ts:5:3', '/repo');
    expect(p).toMatchObject({ message: 'TypeError: x is not a function', excType: 'TypeError', frames: [{ file: 'src/a.ts', line: 3 }, { file: 'tests/a.test.ts', line: 5 }] });
  });
  it('tells assertions, timeouts, missing packages and missing repo modules apart', () => {
    expect(classifyFailure('AssertionError', 'AssertionError: expected 1 to be 2').category).toBe('assertion');
    expect(classifyFailure('Error', 'Error: Test timed out in 5000ms.').category).toBe('timeout');
    expect(classifyFailure(undefined, "Cannot find package 'left-pad' imported from /r/t.ts")).toMatchObject({ environment: true });
    expect(classifyFailure(undefined, "Cannot find module '../src/gone.js' imported from /r/t.ts")).toMatchObject({ environment: false });
  });
  it('knows test files by vitest default include and test support', () => {
    expect(['tests/a.test.ts', 'src/b.spec.mjs', 'tests/helpers.ts', 'src/__mocks__/fs.ts'].every(isVitestTestFile)).toBe(true);
    expect(['src/math.ts', 'README.md', 'src/latest.ts'].some(isVitestTestFile)).toBe(false);
  });
});
