import { describe, expect, it } from 'vitest';
import type { NormalizeInput } from '../../src/plugin/contract.js';
import type { ExecResult } from '../../src/runner/types.js';
import { normalize } from './normalize.js';
import { loadCapture } from './test-support.js';

// Real captured runs, with one fact about the process or report changed: each must not be green.
function variant(name: string, exec: Partial<ExecResult>, more: Partial<NormalizeInput> = {}): NormalizeInput {
  const input = loadCapture(name);
  return { ...input, collect: { ...input.collect, exec: { ...input.collect.exec!, ...exec } }, ...more };
}

function runLevel(input: NormalizeInput) {
  const out = normalize(input);
  return { out, problem: out.findings.find((f) => f.kind === 'tool_error' || (f.kind === 'env_error' && !f.scope.nodeId)) };
}

describe('trust: a crashed, empty or stale run is never green', () => {
  it('the clean capture as recorded is trustworthy and has no findings', () => {
    const out = normalize(loadCapture('clean.py-pyenv'));
    expect(out).toMatchObject({ trustworthy: true, findings: [] });
  });

  it('exit 5 (no tests collected) is a tool error', () => {
    const { out, problem } = runLevel(variant('clean.py-pyenv', { exitCode: 5 }));
    expect(out.trustworthy).toBe(false);
    expect(out.counts).toBeUndefined();
    expect(problem).toMatchObject({ kind: 'tool_error', severity: 'blocker' });
    expect(problem!.message).toMatch(/no tests.*testPaths/);
  });

  it('a JUnit report older than the run start is not trusted, nor is anything in it', () => {
    const input = loadCapture('demo.py-pyenv');
    const stale = { ...input, runStartedAtMs: input.collect.artifacts.find((a) => a.name === 'junit')!.mtimeMs + 60_000 };
    const { out, problem } = runLevel(stale);
    expect(out.trustworthy).toBe(false);
    expect(out.tests).toEqual([]);
    expect(out.findings).toHaveLength(1);
    expect(problem!.message).toMatch(/older than this run/);
  });

  it('a timeout is a tool error that says which option to raise, with the output tail as evidence', () => {
    const { out, problem } = runLevel(variant('demo.py-pyenv', { exitCode: null, signal: 'SIGTERM', timedOut: true }));
    expect(out.trustworthy).toBe(false);
    expect(problem).toMatchObject({ kind: 'tool_error', category: 'timeout' });
    expect(problem!.message).toMatch(/plugins\.pytest\.timeoutSec/);
    expect(problem!.evidence.excerpt).toMatch(/4 failed, 7 passed/);
  });

  it('a missing JUnit report is a tool error', () => {
    const input = loadCapture('clean.py-debian');
    const artifacts = input.collect.artifacts.map((a) => (a.name === 'junit' ? { ...a, exists: false, bytes: 0, mtimeMs: 0 } : a));
    const { out, problem } = runLevel({ ...input, collect: { ...input.collect, artifacts }, read: (n) => (n === 'junit' ? undefined : input.read(n)) });
    expect(out.trustworthy).toBe(false);
    expect(problem!.message).toMatch(/no JUnit report/);
  });

  it('a usage error (exit 4) is an environment error naming the bad option', () => {
    const input = variant('clean.py-pyenv', { exitCode: 4 });
    const stderr = 'ERROR: usage: __main__.py [options] [file_or_dir] [file_or_dir] [...]\n__main__.py: error: unrecognized arguments: --cov=shop\n';
    const { out, problem } = runLevel({ ...input, read: (n) => (n === 'stderr' ? stderr : input.read(n)) });
    expect(out.trustworthy).toBe(false);
    expect(problem).toMatchObject({ kind: 'env_error', category: 'environment' });
    expect(problem!.message).toMatch(/unrecognized arguments: --cov=shop/);
  });

  it('an interpreter that cannot start is a tool error pointing at plugins.pytest.python', () => {
    const { problem } = runLevel(variant('clean.py-pyenv', { exitCode: null, failedToStart: true, error: 'spawn python9 ENOENT' }));
    expect(problem).toMatchObject({ kind: 'tool_error', category: 'tool' });
    expect(problem!.message).toMatch(/plugins\.pytest\.python/);
  });

  it('a kill by signal and an internal error (exit 3) are crashes', () => {
    expect(runLevel(variant('clean.py-pyenv', { exitCode: null, signal: 'SIGKILL' })).problem?.category).toBe('crash');
    expect(runLevel(variant('clean.py-pyenv', { exitCode: 3 })).problem?.message).toMatch(/internal error/);
  });

  it('a report that is not XML is a tool error, not a crash of ATQOS', () => {
    const input = loadCapture('clean.py-pyenv');
    const { out, problem } = runLevel({ ...input, read: (n) => (n === 'junit' ? '<html>oops</html>' : input.read(n)) });
    expect(out.trustworthy).toBe(false);
    expect(problem!.message).toMatch(/could not be read/);
  });

  it('a garbled inventory only costs detail, never the results', () => {
    const input = loadCapture('teardown-error.py-debian');
    const out = normalize({ ...input, read: (n) => (n === 'inventory' ? '{"items": 3' : input.read(n)) });
    expect(out.trustworthy).toBe(true);
    expect(out.counts).toMatchObject({ failed: 1, passed: 1, errors: 1 });
    expect(out.notes.join()).toMatch(/not JSON/);
  });
});
