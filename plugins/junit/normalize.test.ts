import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Finding, TestResult } from '../../src/core/index.js';
import { looksLikeTestFile } from '../../src/guards/index.js';
import type { CollectContext, NormalizeInput, RawArtifact } from '../../src/plugin/contract.js';
import { junitPlugin } from './index.js';

const FIXTURES = new URL('../../fixtures/junit/', import.meta.url);
const fixture = (rel: string): string => fs.readFileSync(new URL(rel, FIXTURES), 'utf8');
const REPO = '/home/dev/app';

function input(texts: (string | undefined)[], names = texts.map((_, i) => `${i}-junit.xml`)): NormalizeInput {
  const artifacts: RawArtifact[] = texts.map((t, i) => ({
    name: `report-${i}`,
    path: `raw/junit/${names[i]}`,
    exists: t !== undefined,
    bytes: t?.length ?? 0,
    mtimeMs: 0,
  }));
  return { collect: { artifacts }, read: (name) => texts[Number(name.slice('report-'.length))], repoDir: REPO, runDir: `${REPO}/.atqos/runs/r1`, runStartedAtMs: 0, options: {} };
}

describe('junit normalize', () => {
  it('pytest report → results, counts and schema-valid findings', () => {
    const out = junitPlugin.normalize(input([fixture('pytest/pytest7-xunit1.xml')]));
    expect(out.trustworthy).toBe(true);
    expect(out.counts).toMatchObject({ total: 17, passed: 5, failed: 7, errors: 2, skipped: 2, xfailed: 1 });
    expect(out.tests.every((t) => TestResult.safeParse(t).success)).toBe(true);
    expect(out.tests.find((t) => t.nodeId === 'test_sample.TestGroup.test_in_class')).toMatchObject({ file: 'test_sample.py', outcome: 'passed' });
    expect(out.findings.map((f) => f.kind).sort()).toEqual(['test_error', 'test_error', ...Array(7).fill('test_failure')]);
    for (const f of out.findings) expect(Finding.safeParse(f).success).toBe(true);
    const timeout = out.findings.find((f) => f.scope.nodeId === 'test_sample.test_timeout_like');
    expect(timeout).toMatchObject({ severity: 'high', category: 'timeout', evidence: { exceptionType: 'TimeoutError', sourceFiles: ['test_sample.py'] } });
    expect(out.findings.find((f) => f.scope.nodeId === 'test_sample.test_fails_assertion')?.category).toBe('assertion');
    expect(out.notes).toContain('junit.xml: merged 1 duplicate testcase entries (pytest writes a second one for a teardown error)');
  });

  it('classifies network errors and keeps repo-relative source files only', () => {
    const out = junitPlugin.normalize(input([fixture('surefire/TEST-com.example.CartServiceTest.xml')]));
    const network = out.findings.find((f) => f.kind === 'test_error');
    expect(network).toMatchObject({ category: 'network', evidence: { exceptionType: 'java.net.ConnectException' } });
    expect(network?.evidence.sourceFiles).toEqual(['Inventory.java', 'CartServiceTest.java']);
    const jest = junitPlugin.normalize(input([fixture('jest/jest-junit.xml')]));
    expect(jest.findings.map((f) => f.category)).toEqual(['assertion', 'timeout']);
    expect(jest.findings[0]?.scope).toMatchObject({ nodeId: 'math utils.math utils divides by zero', file: 'src/math.test.ts' });
  });

  it('one tool_error per unreadable report; never trustworthy then', () => {
    const out = junitPlugin.normalize(input([fixture('jest/jest-junit.xml'), fixture('malformed/truncated.xml'), undefined], ['0-jest.xml', '1-junit.xml', '2-gone.xml']));
    expect(out.trustworthy).toBe(false);
    const errors = out.findings.filter((f) => f.kind === 'tool_error');
    expect(errors.map((f) => f.title)).toEqual(['JUnit report junit.xml could not be read', 'JUnit report gone.xml could not be read']);
    expect(errors[0]).toMatchObject({ severity: 'high', category: 'tool', artifacts: [{ path: 'raw/junit/1-junit.xml' }] });
    expect(errors[0]?.message).toMatch(/^junit\.xml: XML is truncated.*ingest it again\.$/);
    expect(out.counts?.total).toBe(6);
    expect(out.notes).toContain('2 of 3 JUnit reports could not be read: counts are partial, not green');
  });

  it('no cases or no reports is not green', () => {
    const empty = junitPlugin.normalize(input([fixture('generic/empty-testsuites.xml')]));
    expect(empty).toMatchObject({ trustworthy: false, counts: undefined, findings: [] });
    expect(empty.notes).toContain('the JUnit reports contain no test cases: nothing ran, not green');
    expect(junitPlugin.normalize(input([])).trustworthy).toBe(false);
  });
});

describe('junit fingerprints', () => {
  const run = (xml: string, runDir = `${REPO}/.atqos/runs/r1`): string[] =>
    junitPlugin.normalize({ ...input([xml]), runDir }).findings.map((f) => f.fingerprint);
  const report = (name: string, message: string, time = '0.1', line = '10'): string =>
    `<testsuite name="s"><testcase classname="tests.test_x" name="${name}" time="${time}" line="${line}"><failure message="${message}">trace</failure></testcase></testsuite>`;

  it('stable across times, line numbers, temp paths and addresses', () => {
    const a = run(report('test_a', 'AssertionError: &lt;Obj at 0x7f3a12bc&gt; in /tmp/pytest-of-ci/pytest-12/t0/data.txt line 12', '0.1', '10'));
    const b = run(report('test_a', 'AssertionError: &lt;Obj at 0x55aa90ef&gt; in /tmp/pytest-of-dev/pytest-3/t0/data.txt line 40', '9.5', '77'), '/elsewhere/run2');
    expect(a).toHaveLength(1);
    expect(a).toEqual(b);
  });

  it('different for a different test, message or kind', () => {
    const base = run(report('test_a', 'AssertionError: 1 != 2'));
    expect(run(report('test_b', 'AssertionError: 1 != 2'))).not.toEqual(base);
    expect(run(report('test_a', 'KeyError: user'))).not.toEqual(base);
    const asError = run(report('test_a', 'AssertionError: 1 != 2').replaceAll('failure', 'error'));
    expect(asError).not.toEqual(base);
  });

  it('a report error fingerprint ignores where in the file it broke', () => {
    const a = junitPlugin.normalize(input(['<testsuite><testcase name="a">'])).findings[0]?.fingerprint;
    const b = junitPlugin.normalize(input(['<testsuite>\n\n<testcase name="b">'])).findings[0]?.fingerprint;
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });
});

describe('junit plan, validation, options, detect, collect', () => {
  it('one fix task per failing file, errors first; none for report errors', () => {
    const out = junitPlugin.normalize(input([fixture('generic/phpunit-nested.xml'), fixture('go/go-junit-report.xml'), '']));
    const tasks = junitPlugin.plan({ findings: out.findings, options: {}, isTestFile: looksLikeTestFile });
    expect(tasks.map((t) => [t.title, t.priority, t.targets.files])).toEqual([
      ['Fix 2 failing tests in tests/Unit/StackTest.php', 10, ['tests/Unit/StackTest.php']],
      ['Fix 1 failing test in github.com/acme/shop/cart', 20, []],
      ['Fix 1 failing test in github.com/acme/shop/payments', 20, []],
      ['Fix 1 failing test in github.com/acme/shop/api', 10, []],
    ]);
    expect(tasks[0]?.allowedPaths).toEqual(['tests/Unit/StackTest.php', 'src/Stack.php']);
    expect(tasks[0]?.targets.nodeIds).toEqual(['Tests.Unit.StackTest.testPop', 'Tests.Unit.StackTest.testPeek with data set #1']);
    expect(tasks.every((t) => t.type === 'fix' && t.tool === 'junit' && t.validation.commands.length === 0)).toBe(true);
    expect(tasks.flatMap((t) => t.findings)).toHaveLength(out.findings.filter((f) => f.kind !== 'tool_error').length);
  });

  it('validation cannot re-run an ingested report', () => {
    expect(junitPlugin.validation({ files: ['a.py'], nodeIds: ['a'] }, {})).toEqual({ commands: [], expect: 'exit-zero', repeat: 1 });
  });

  it('options: undefined and {} are fine, anything else names the key', () => {
    expect(junitPlugin.parseOptions(undefined)).toEqual({});
    expect(junitPlugin.parseOptions({})).toEqual({});
    expect(() => junitPlugin.parseOptions({ paths: ['x'] })).toThrow(/plugins\.junit: takes no settings \(paths\)/);
  });

  it('is never detected', async () => {
    expect(await junitPlugin.detect(os.tmpdir())).toBe(false);
  });

  it('collect registers copied reports as report-<n> in numeric order', async () => {
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-junit-collect-'));
    const rawDir = 'raw/junit';
    fs.mkdirSync(path.join(runDir, rawDir), { recursive: true });
    for (const name of ['10-b.xml', '2-a.xml', 'notes.txt']) fs.writeFileSync(path.join(runDir, rawDir, name), '<testsuite/>');
    const ctx = {
      runDir,
      rawDir,
      artifact: (name: string, relPath: string): RawArtifact => {
        const st = fs.statSync(path.join(runDir, relPath));
        return { name, path: relPath, exists: true, bytes: st.size, mtimeMs: st.mtimeMs };
      },
      log: { info: () => undefined, warn: () => undefined, debug: () => undefined },
    } as unknown as CollectContext;
    const result = await junitPlugin.collect(ctx);
    expect(result.artifacts.map((a) => [a.name, a.path, a.bytes])).toEqual([
      ['report-2', 'raw/junit/2-a.xml', 12],
      ['report-10', 'raw/junit/10-b.xml', 12],
    ]);
    fs.rmSync(runDir, { recursive: true, force: true });
  });
});
