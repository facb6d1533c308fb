import { describe, expect, it } from 'vitest';
import { parseStream } from './events.js';
import { foldEvents } from './fold.js';
import { normalize } from './normalize.js';
import type { ExecResult } from '../../src/runner/types.js';
import type { NormalizeInput } from '../../src/plugin/contract.js';

const ev = (o: Record<string, unknown>) => JSON.stringify(o);
const PASS_STREAM = [
  ev({ Action: 'run', Package: 'm/a', Test: 'TestA' }),
  ev({ Action: 'output', Package: 'm/a', Test: 'TestA', Output: '--- PASS: TestA (0.00s)\n' }),
  ev({ Action: 'pass', Package: 'm/a', Test: 'TestA', Elapsed: 0.01 }),
  ev({ Action: 'output', Package: 'm/a', Output: 'ok  \tm/a\t0.01s\n' }),
  ev({ Action: 'pass', Package: 'm/a', Elapsed: 0.01 }),
].join('\n');

function exec(exitCode: number | null, extra: Partial<ExecResult> = {}): ExecResult {
  return { argv: ['go', 'test'], cwd: '/r', exitCode, signal: null, timedOut: false, aborted: false, failedToStart: false, startedAt: '', durationMs: 1, stdoutPath: '', stderrPath: '', stdoutBytes: 1, stderrBytes: 0, stdoutTruncated: 0, stderrTruncated: 0, ...extra };
}

function input(stream: string, code: number | null, stderr = '', extra: Partial<ExecResult> = {}): NormalizeInput {
  const files: Record<string, string> = { stream, stderr };
  const artifacts = ['stream', 'stderr'].map((name) => ({ name, path: `raw/go-test/${name}`, exists: true, bytes: 1, mtimeMs: 1 }));
  return { collect: { exec: exec(code, extra), artifacts }, read: (n) => files[n], repoDir: '/r', runDir: '/r/.atqos/runs/x', runStartedAtMs: 0, options: {} };
}

describe('parseStream', () => {
  it('keeps events, text lines and corrupt lines apart, and flags a cut last line', () => {
    const s = parseStream(`FAIL\tm/b [build failed]\n${PASS_STREAM}\n{"Action":"pass","Pack\n{"Action": 3}\n{"Action":"output","Package":"m/a","Output":"x`);
    expect(s.events).toHaveLength(5);
    expect(s.textLines).toEqual(['FAIL\tm/b [build failed]']);
    expect(s.badLines).toHaveLength(3);
    expect(s.truncated).toBe(true);
  });
});

describe('normalize on hand-made streams', () => {
  it('trusts a complete passing stream', () => {
    const out = normalize(input(`${PASS_STREAM}\n`, 0));
    expect(out).toMatchObject({ trustworthy: true, findings: [], counts: { total: 1, passed: 1 } });
  });

  it('never trusts a truncated stream, even when what it shows passed', () => {
    const cut = PASS_STREAM.slice(0, PASS_STREAM.lastIndexOf('\n') + 20);
    const out = normalize(input(cut, 0));
    expect(out.trustworthy).toBe(false);
    expect(out.counts).toBeUndefined();
    expect(out.findings[0]).toMatchObject({ kind: 'tool_error', evidence: { details: { runProblem: 'stream-cut' } } });
  });

  it('never trusts a stream whose package never finished', () => {
    const lines = PASS_STREAM.split('\n').slice(0, 3).join('\n');
    expect(normalize(input(`${lines}\n`, 0)).findings[0]?.message).toContain('no result for m/a');
  });

  it('never trusts a run that produced nothing, and says when modules are missing', () => {
    const none = normalize(input('', 1, 'go: go.mod file not found in current directory or any parent directory\n'));
    expect(none).toMatchObject({ trustworthy: false, findings: [{ kind: 'env_error', category: 'environment' }] });
    const garbage = normalize(input('not json at all\n', 2, 'flag provided but not defined: -bogus\n'));
    expect(garbage.findings[0]).toMatchObject({ kind: 'tool_error', message: expect.stringContaining('flag provided but not defined') });
  });

  it('reads go ≥ 1.24 build events: build-output, build-fail and FailedBuild', () => {
    const stream = [
      ev({ ImportPath: 'm/b [m/b.test]', Action: 'build-output', Output: '# m/b [m/b.test]\n' }),
      ev({ ImportPath: 'm/b [m/b.test]', Action: 'build-output', Output: 'b/b.go:3:9: undefined: nope\n' }),
      ev({ ImportPath: 'm/b [m/b.test]', Action: 'build-fail' }),
      ev({ Action: 'start', Package: 'm/b' }),
      ev({ Action: 'output', Package: 'm/b', Output: 'FAIL\tm/b [build failed]\n' }),
      ev({ Action: 'fail', Package: 'm/b', Elapsed: 0, FailedBuild: 'm/b [m/b.test]' }),
      PASS_STREAM,
    ].join('\n');
    const out = normalize(input(`${stream}\n`, 1));
    expect(out.trustworthy).toBe(true);
    expect(out.findings).toEqual([expect.objectContaining({ kind: 'collection_error', title: 'm/b does not compile: undefined: nope', scope: { file: 'b/b.go', line: 3, nodeId: 'm/b' } })]);
    expect(out.counts).toMatchObject({ total: 1, passed: 1, errors: 1 });
  });

  it('blames a timeout on the test go names as running (go ≥ 1.20 package-level output)', () => {
    const stream = [
      ev({ Action: 'run', Package: 'm/a', Test: 'TestHang' }),
      ev({ Action: 'output', Package: 'm/a', Output: 'panic: test timed out after 1s\nrunning tests:\n\tTestHang (1s)\n\n' }),
      ev({ Action: 'fail', Package: 'm/a', Elapsed: 1 }),
    ].join('\n');
    const out = normalize(input(`${stream}\n`, 1));
    expect(out.findings).toEqual([expect.objectContaining({ kind: 'test_error', category: 'timeout', scope: expect.objectContaining({ nodeId: 'm/a::TestHang' }) })]);
    expect(out.tests).toEqual([expect.objectContaining({ nodeId: 'm/a::TestHang', outcome: 'error' })]);
  });

  it('folds output to its test and a package result to its package', () => {
    const f = foldEvents(parseStream(PASS_STREAM).events);
    expect(f.packages.get('m/a')).toMatchObject({ outcome: 'pass', output: ['ok  \tm/a\t0.01s\n'], elapsedMs: 10 });
    expect(f.packages.get('m/a')?.tests.get('TestA')).toMatchObject({ outcome: 'pass', elapsedMs: 10 });
  });

  it('distrusts output cut by the byte cap and a process ATQOS killed', () => {
    expect(normalize(input(`${PASS_STREAM}\n`, 0, '', { stdoutTruncated: 100 })).trustworthy).toBe(false);
    expect(normalize(input(`${PASS_STREAM}\n`, null, '', { timedOut: true })).findings[0]).toMatchObject({ category: 'timeout', kind: 'tool_error' });
  });
});
