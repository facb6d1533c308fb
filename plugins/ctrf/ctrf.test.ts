import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import { ingestFixtures, ingestWith, removeTempDirs, tempDir, writeTemp } from '../cobertura/test-support.js';
import { ctrfPlugin } from './index.js';

const fixture = (name: string) => path.join(ingestFixtures, 'ctrf', name);
const doc = (tests: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ reportFormat: 'CTRF', specVersion: '0.0.0', results: { tool: { name: 'jest' }, tests, ...extra } });
const outcomes = (tests: { nodeId: string; outcome: string }[]) => tests.map((t) => [t.nodeId, t.outcome]);

describe('ctrf ingest: jest-style report', () => {
  afterAll(removeTempDirs);
  const repo = '/home/runner/work/app/app';

  it('tests, counts, failures and the flaky pass', async () => {
    const { output } = await ingestWith(ctrfPlugin, repo, [fixture('jest.json')]);
    expect(output.trustworthy).toBe(true);
    expect(output.counts).toMatchObject({ total: 6, passed: 3, failed: 2, errors: 0, skipped: 1 });
    expect(outcomes(output.tests)).toEqual([
      ['math.test.js > add > add adds two numbers', 'passed'],
      ['math.test.js > add > add handles negatives', 'failed'],
      ['math.test.js > divide > divide throws on zero', 'passed'],
      ['math.test.js > divide > divide rounds', 'skipped'],
      ['api.test.js > fetchUser returns the user', 'failed'],
      ['api.test.js > fetchUser caches', 'passed'],
    ]);
    expect(output.tests.every((t) => t.tool === 'jest')).toBe(true);
    expect(output.tests[0]?.file).toBe('src/math.test.js');
    expect(output.findings.map((f) => [f.kind, f.category, f.scope.file, f.scope.line])).toEqual([
      ['test_failure', 'assertion', 'src/math.test.js', 14],
      ['test_failure', 'timeout', 'src/api.test.js', undefined],
      ['flaky_test', 'flaky', 'src/api.test.js', undefined],
    ]);
    expect(output.findings[2]).toMatchObject({ severity: 'low', evidence: { details: { retries: 2 } } });
    // The summary agrees with the listed tests: nothing to say about counts.
    expect(output.notes.filter((n) => n.includes('declares'))).toEqual([]);
  });

  it('plans one fix task per failing file, none for the flaky pass, and no validation commands', async () => {
    const { output } = await ingestWith(ctrfPlugin, repo, [fixture('jest.json')]);
    const tasks = ctrfPlugin.plan({ findings: output.findings, options: {}, isTestFile: () => true });
    expect(tasks.map((t) => [t.type, t.tool, t.targets.files, t.validation.commands])).toEqual([
      ['fix', 'ctrf', ['src/math.test.js'], []],
      ['fix', 'ctrf', ['src/api.test.js'], []],
    ]);
  });
});

describe('ctrf ingest: playwright-style report', () => {
  afterAll(removeTempDirs);

  it('timedOut is a timeout, a retried pass is flaky with the failed attempt as evidence', async () => {
    const { output } = await ingestWith(ctrfPlugin, tempDir('pw'), [fixture('playwright.json')]);
    expect(output.counts).toMatchObject({ total: 5, passed: 2, failed: 2, skipped: 1 });
    const byKind = (k: string) => output.findings.filter((f) => f.kind === k);
    expect(byKind('test_failure').map((f) => [f.scope.nodeId, f.category, f.scope.file])).toEqual([
      ['chromium > login.spec.ts > Login > shows an error for a wrong password', 'timeout', 'tests/login.spec.ts'],
      ['chromium > cart.spec.ts > cart shows the total', 'assertion', 'tests/cart.spec.ts'],
    ]);
    const [flaky] = byKind('flaky_test');
    expect(flaky?.scope.nodeId).toBe('chromium > cart.spec.ts > adds an item');
    expect(flaky?.message).toContain('element is not attached to the DOM');
    expect(flaky?.evidence.details).toMatchObject({ retries: 1, testId: 'a1b2c3d4e5f6-cart-add', tool: 'playwright' });
  });
});

describe('ctrf fingerprints', () => {
  afterAll(removeTempDirs);
  const repo = tempDir('fp');
  const failing = (over: Record<string, unknown>) => ({ name: 'adds', status: 'failed', duration: 3, suite: ['a.test.js'], message: 'Error: expected 2 to be 3', ...over });
  const fp = async (over: Record<string, unknown>) => (await ingestWith(ctrfPlugin, repo, [writeTemp('r.json', doc([failing(over)]))])).output.findings[0]!.fingerprint;

  it('ignore line numbers, durations, traces and temp paths; follow the test and the message', async () => {
    const base = await fp({});
    expect(await fp({ line: 99, duration: 1234, trace: 'at /tmp/x/a.test.js:12:5' })).toBe(base);
    expect(await fp({ message: 'Error: expected 2 to be 3\n    at a.test.js:40:1' })).toBe(base);
    expect(await fp({ message: 'Error: timed out after 5000 ms' })).not.toBe(base);
    expect(await fp({ name: 'subtracts' })).not.toBe(base);
    expect(await fp({ testId: 'stable-id' })).not.toBe(base);
    // With a testId, renaming the suite keeps the identity.
    expect(await fp({ testId: 'stable-id', suite: ['renamed.test.js'] })).toBe(await fp({ testId: 'stable-id' }));
  });
});

describe('ctrf ingest: hostile test names', () => {
  afterAll(removeTempDirs);

  it('every name is kept as data, paths outside the repo are dropped', async () => {
    const { output } = await ingestWith(ctrfPlugin, tempDir('hostile'), [fixture('hostile-names.json')]);
    expect(output.trustworthy).toBe(true);
    expect(output.counts).toMatchObject({ total: 8, passed: 3, failed: 5 });
    const ids = output.tests.map((t) => t.nodeId);
    expect(ids).toContain('xss.test.ts > renders <script>alert(1)</script>');
    expect(ids).toContain('ctrl.test.ts > name with\nnewline and \u001b[31mANSI\u001b[0m');
    expect(ids).toContain('shell.test.ts > $(touch /tmp/atqos-pwned) `id` ; rm -rf / && echo');
    expect(ids).toContain('unicode.test.ts > ünïcødé 测试 🚀');
    expect(ids.filter((id) => id === 'dup.test.ts > same name')).toHaveLength(2);
    const long = output.findings.find((f) => f.scope.nodeId?.startsWith('very long'));
    expect(long?.scope.file).toBeUndefined();
    expect(long!.title.length).toBeLessThan(320);
    expect(new Set(output.findings.map((f) => f.fingerprint)).size).toBe(5);
  });
});

describe('ctrf ingest: bad reports are never green', () => {
  afterAll(removeTempDirs);
  const repo = tempDir('bad');
  const cases: [string, () => string, RegExp][] = [
    ['malformed.json', () => fixture('malformed.json'), /not a CTRF report: results\.tests is a string, expected a list of tests/],
    ['truncated.json', () => fixture('truncated.json'), /JSON is truncated/],
    ['empty', () => writeTemp('empty.json', '  \n'), /file is empty/],
    ['an HTML page', () => writeTemp('ctrf.json', '<!DOCTYPE html><html>502 Bad Gateway</html>'), /not JSON: .*HTML page/],
    ['a JUnit report', () => path.join(ingestFixtures, '..', 'junit', 'pytest', 'pytest9-xunit1.xml'), /not JSON: it starts with "<\?xml/],
    ['another format', () => writeTemp('r.json', JSON.stringify({ reportFormat: 'SARIF', results: { tests: [] } })), /reportFormat is "SARIF"/],
    ['invalid JSON that is complete', () => writeTemp('r.json', '{"results": {"tests": [,]}}'), /not valid JSON/],
  ];
  for (const [label, file, message] of cases) {
    it(`${label} → one tool_error naming the file, no counts`, async () => {
      const f = file();
      const { output } = await ingestWith(ctrfPlugin, repo, [f]);
      expect(output).toMatchObject({ trustworthy: false, counts: undefined });
      expect(output.findings.map((x) => [x.tool, x.kind])).toEqual([['ctrf', 'tool_error']]);
      expect(output.findings[0]!.message).toMatch(message);
      expect(output.findings[0]!.message).toContain(path.basename(f));
    });
  }

  it('a good report beside a bad one keeps its findings, but is not trusted', async () => {
    const { output } = await ingestWith(ctrfPlugin, repo, [fixture('jest.json'), fixture('truncated.json')]);
    expect(output.trustworthy).toBe(false);
    expect(output.findings.filter((f) => f.kind === 'test_failure')).toHaveLength(2);
    expect(output.findings.filter((f) => f.kind === 'tool_error')).toHaveLength(1);
  });

  it('an entry that is not a test is reported, the rest counted, the report not trusted', async () => {
    const { output } = await ingestWith(ctrfPlugin, repo, [writeTemp('r.json', doc([{ name: 'ok', status: 'passed', duration: 1 }, { name: 'x', status: 'exploded' }]))]);
    expect(output.trustworthy).toBe(false);
    expect(output.counts).toMatchObject({ total: 1, passed: 1 });
    expect(output.findings[0]!.message).toMatch(/1 entry of results\.tests could not be read \(first: #1, status:/);
  });

  it('summary counts that disagree are notes; failures only the summary shows are a tool_error', async () => {
    const summary = { tests: 3, passed: 1, failed: 2, skipped: 0, pending: 0, other: 0, start: 0, stop: 0 };
    const { output } = await ingestWith(ctrfPlugin, repo, [writeTemp('r.json', doc([{ name: 'ok', status: 'passed', duration: 1 }], { summary }))]);
    expect(output.notes).toContain('r.json: summary declares tests=3 but the report lists 1; counting the listed tests');
    expect(output.notes).toContain('r.json: summary declares failed=2 but 0 listed tests are failed');
    expect(output.counts).toMatchObject({ total: 1, passed: 1, failed: 0 });
    expect(output.trustworthy).toBe(false);
    expect(output.findings.map((f) => f.title)).toEqual(['CTRF report r.json declares failures its tests do not show']);
  });

  it('no tests at all is not green', async () => {
    const { output } = await ingestWith(ctrfPlugin, repo, [writeTemp('r.json', doc([]))]);
    expect(output).toMatchObject({ trustworthy: false, counts: undefined });
    expect(output.notes).toContain('the CTRF reports list no tests: nothing ran, not green');
  });
});

describe('ctrf statuses', () => {
  afterAll(removeTempDirs);

  it('rawStatus keeps what CTRF folds; `other` is an error unless it means "not run"', async () => {
    const tests = [
      { name: 'e', status: 'failed', rawStatus: 'error', duration: 0, message: 'RuntimeError: setup' },
      { name: 'xf', status: 'skipped', rawStatus: 'xfailed', duration: 0 },
      { name: 'xp', status: 'passed', rawStatus: 'xpassed', duration: 0 },
      { name: 'todo', status: 'other', rawStatus: 'todo', duration: 0 },
      { name: 'int', status: 'other', rawStatus: 'interrupted', duration: 0 },
      { name: 'pend', status: 'pending', duration: 0 },
    ];
    const { output } = await ingestWith(ctrfPlugin, tempDir('st'), [writeTemp('r.json', doc(tests))]);
    expect(outcomes(output.tests)).toEqual([['e', 'error'], ['xf', 'xfailed'], ['xp', 'xpassed'], ['todo', 'skipped'], ['int', 'error'], ['pend', 'skipped']]);
    expect(output.findings.map((f) => [f.scope.nodeId, f.kind, f.message])).toEqual([
      ['e', 'test_error', 'RuntimeError: setup'],
      ['int', 'test_error', 'ended with status "other" (interrupted)'],
    ]);
  });

  it('an older producer (no reportFormat, suite as one string) is read, with a note', async () => {
    const old = JSON.stringify({ results: { tool: { name: 'jest' }, tests: [{ name: 'a', status: 'failed', duration: 1, suite: 'math.test.js > add', message: 'boom' }] } });
    const { output } = await ingestWith(ctrfPlugin, tempDir('old'), [writeTemp('old.json', old)]);
    expect(output.tests.map((t) => t.nodeId)).toEqual(['math.test.js > add > a']);
    expect(output.notes).toContain('old.json: no reportFormat/specVersion (an older CTRF producer?): read as CTRF');
  });
});

describe('ctrf options', () => {
  it('takes no settings; unknown keys name plugins.ctrf.<key>; never detected', async () => {
    expect(ctrfPlugin.parseOptions(undefined)).toEqual({});
    expect(() => ctrfPlugin.parseOptions({ tool: 'jest' })).toThrow(AtqosError);
    expect(() => ctrfPlugin.parseOptions({ tool: 'jest' })).toThrow(/plugins\.ctrf\.tool/);
    expect(await ctrfPlugin.detect(process.cwd())).toBe(false);
  });
});
