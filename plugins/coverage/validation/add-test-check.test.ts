// The add_test filter end to end on real parts: a git repo in a temp dir, one linked worktree per
// candidate, a scripted agent run through the `command` adapter, then the validation command run
// by the engine's validateAttempt with real pytest and coverage.py (/usr/bin/python3).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorktree, applyCandidate, candidates, createProjectRepo } from '../../../fixtures/agents/add-test-kit.mjs';
import { createCommandAgent } from '../../../src/agents/command/command-agent.js';
import { fakeAgent, makeCtx, makeRequest } from '../../../src/agents/test-support.js';
import { validateAttempt } from '../../../src/engine/remediate/validate-attempt.js';
import { buildToolEnv } from '../../../src/runner/index.js';
import { addTestValidation, readAddTestVerdict } from './index.js';

const PYTHON = '/usr/bin/python3';
let root: string;
let repo: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-add-test-'));
  repo = path.join(root, 'repo');
  createProjectRepo(repo);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const status = (dir: string): string => spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dir, encoding: 'utf8' }).stdout;

async function validate(worktree: string, target: string | undefined, options: Record<string, unknown> = { python: PYTHON }, knownFlaky: string[] = []) {
  const spec = addTestValidation({ files: target ? [target] : [], nodeIds: [] }, options, knownFlaky);
  const outDir = path.join(root, 'runs', path.basename(worktree), 'validation');
  const result = await validateAttempt({
    spec, repeat: spec.repeat, worktree, outDir, runDir: root, env: buildToolEnv(process.env), signal: new AbortController().signal, targets: [],
  });
  const verdict = readAddTestVerdict(root, result.artifacts);
  expect(verdict, `no verdict line in ${outDir}`).toBeDefined();
  return { result, verdict: verdict! };
}

describe.each(candidates())('add_test candidate $kind', (c) => {
  it(`is ${c.expect} (${c.stage ?? 'accepted'})`, async () => {
    const worktree = addWorktree(repo, path.join(root, c.kind));
    const attemptDir = path.join(root, 'runs', c.kind);
    fs.mkdirSync(attemptDir, { recursive: true });
    const agent = createCommandAgent({ argv: [process.execPath, fakeAgent(`add-test-${c.kind}.mjs`)] });
    const request = makeRequest(worktree, { type: 'add_test', targets: { files: [c.target], nodeIds: [] }, allowedPaths: ['tests/**'] });
    const outcome = await agent.attempt(request, makeCtx(attemptDir));
    expect(outcome.error).toBeUndefined();
    const changed = status(worktree);
    expect(changed).not.toBe('');

    const { result, verdict } = await validate(worktree, c.target);

    expect(verdict.reason).toMatch(new RegExp(c.reason));
    expect(result.ok).toBe(c.expect === 'kept');
    expect(verdict.ok).toBe(c.expect === 'kept');
    expect(verdict.stage).toBe(c.stage ?? 'accepted');
    expect(verdict.module).toBe(c.target);
    // The check reads the worktree and never writes into it (no .coverage, bytecode or index change).
    expect(status(worktree)).toBe(changed);
    if (c.expect === 'kept') {
      expect(verdict.runs.map((r) => r.exitCode)).toEqual([0, 0, 0, 0, 0]);
      expect(verdict.after!.covered).toBeGreaterThan(verdict.before!.covered);
      expect(verdict.gain!.covered).toBe(verdict.after!.covered - verdict.before!.covered);
      expect(verdict.newTests.length).toBeGreaterThan(0);
      // The engine keeps the helper's own runs and the measured coverage with the result.
      expect(result.runs!.map((r) => r.ok)).toEqual([true, true, true, true, true]);
      expect(result.summary).toMatchObject({ total: 5, passed: 5, failed: 0 });
      expect(result.details!.coverage).toEqual({
        module: c.target,
        before: { covered: verdict.before!.covered, statements: verdict.before!.statements, percent: verdict.before!.percent },
        after: { covered: verdict.after!.covered, statements: verdict.after!.statements, percent: verdict.after!.percent },
      });
      expect(result.details!.newTests).toEqual(verdict.newTests);
    } else {
      expect(result.reason).toContain(verdict.reason);
    }
  }, 180_000);
});

describe('add_test check, details', () => {
  it('a flaky test is caught on the run it fails, after passing before', async () => {
    const worktree = addWorktree(repo, path.join(root, 'flaky-direct'));
    applyCandidate('flaky', worktree, { counterFile: path.join(root, 'flaky-direct.count') });
    const { verdict } = await validate(worktree, 'src/shop/pricing.py');
    expect(verdict.runs.map((r) => r.exitCode)).toEqual([0, 0, 1]);
    expect(fs.readFileSync(path.join(root, 'flaky-direct.count'), 'utf8')).toBe('3');
  }, 120_000);

  it('leaves a test the run found flaky out of the regression check, and says so', async () => {
    const worktree = addWorktree(repo, path.join(root, 'breaks-known-flaky'));
    applyCandidate('breaks-existing', worktree);
    const { result, verdict } = await validate(worktree, 'src/shop/pricing.py', { python: PYTHON }, ['tests/test_pricing.py::test_plain_price']);
    expect(verdict.broken).toEqual([]);
    expect(verdict.excluded.map((e) => e.nodeId)).toEqual(['tests/test_pricing.py::test_plain_price']);
    expect(result.details!.excluded![0]!.reason).toMatch(/already known to be flaky/);
    expect(verdict.reason).toContain('left out of the regression check as already known to be flaky: tests/test_pricing.py::test_plain_price');
  }, 120_000);

  it('names the exact test another test broke through shared state', async () => {
    const worktree = addWorktree(repo, path.join(root, 'breaks-direct'));
    applyCandidate('breaks-existing', worktree);
    const { verdict } = await validate(worktree, 'src/shop/pricing.py');
    expect(verdict.broken).toEqual(['tests.test_pricing::test_plain_price']);
    // The target's coverage did rise: only the regression check stops it.
    expect(verdict.gain!.covered).toBeGreaterThan(0);
  }, 120_000);

  it('refuses any non-test file, named exactly, whatever its name holds', async () => {
    const worktree = addWorktree(repo, path.join(root, 'odd-names'));
    applyCandidate('good', worktree);
    fs.mkdirSync(path.join(worktree, 'docs'));
    fs.writeFileSync(path.join(worktree, 'docs', 'notes ✓ "v2".md'), 'x\n');
    const { result, verdict } = await validate(worktree, 'src/shop/pricing.py');
    expect(result.ok).toBe(false);
    expect(verdict.stage).toBe('changes');
    expect(verdict.reason).toContain('it also changed: docs/notes ✓ "v2".md');
  }, 60_000);

  it('refuses an attempt that added no test file, and a task with no target module', async () => {
    const worktree = addWorktree(repo, path.join(root, 'untouched'));
    expect((await validate(worktree, 'src/shop/pricing.py')).verdict.reason).toMatch(/added or changed no test file/);
    applyCandidate('good', worktree);
    const { result, verdict } = await validate(worktree, undefined);
    expect(result.ok).toBe(false);
    expect(verdict.reason).toMatch(/names no target module/);
  }, 60_000);

  const pyenvHasCoverage = spawnSync('python3', ['-c', 'import coverage'], { stdio: 'ignore' }).status === 0;
  it.skipIf(pyenvHasCoverage)('fails, never passes, with an interpreter that lacks coverage.py', async () => {
    const worktree = addWorktree(repo, path.join(root, 'no-coverage'));
    applyCandidate('good', worktree);
    const { result, verdict } = await validate(worktree, 'src/shop/pricing.py', { python: 'python3' });
    expect(result.ok).toBe(false);
    expect(verdict.stage).toBe('environment');
    expect(verdict.reason).toContain('coverage is not installed for python3; set plugins.coverage.python');
  }, 60_000);
});
