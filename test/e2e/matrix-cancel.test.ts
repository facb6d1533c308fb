// The matrix path on a harder project than matrix.test.ts: jobs hold two tasks each and one task's
// fix is wrong (rejected, then abandoned), so not every task succeeds — and still the matrix run
// equals the single job's. A job cancelled by GitHub (SIGTERM while its agent works) leaves a valid
// artifact whose unfinished tasks integrate reports as not attempted; re-running that job completes
// the run, its complete artifact preferred over the cancelled one whatever their names. A small
// plan with --single-below is finished in the plan job itself, again equal to the single job.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOut, readJson, removeTempDirs, tempDir, waitFor } from './support.js';
import type { CliResult } from './support.js';
import { agentArgv, configuredFiles } from './run-support.js';
import type { RunOut } from './run-support.js';
import { atqos, MatrixFixture, spawnAtqos } from './matrix-support.js';
import type { Comparable, MatrixOut, PlanOut } from './matrix-support.js';

afterAll(removeTempDirs);

// name → [broken expression, scripted "fix", test]; neg's scripted fix is wrong, so it is never accepted.
const MODULES = {
  add: ['a - b', 'a + b', 'add(2, 3) == 5'], mul: ['a + b', 'a * b', 'mul(2, 3) == 6'], sub: ['a + b', 'a - b', 'sub(5, 3) == 2'],
  div: ['a * b', 'a // b', 'div(9, 3) == 3'], neg: ['a + b', 'a * b', 'neg(2, 3) == -1'],
} as const;
const FILES: Record<string, string> = { 'pytest.ini': '[pytest]\npythonpath = src\n', 'src/calc/__init__.py': '' };
for (const [name, [broken, , check]] of Object.entries(MODULES)) {
  FILES[`src/calc/${name}.py`] = `def ${name}(a, b):\n    return ${broken}\n`;
  FILES[`tests/test_${name}.py`] = `from calc.${name} import ${name}\n\n\ndef test_${name}():\n    assert ${check}\n`;
}
const FIXES = Object.entries(MODULES).map(([name, [find, replace]]) => ({ path: `src/calc/${name}.py`, find, replace }));

interface PlanTask { id: string; allowedPaths: string[] }
interface Plan { runId: string; tasks: PlanTask[]; jobs: { job: string; tasks: string[] }[] }

let fx: MatrixFixture;
let gate: string;
let planDir: string;
let plan: Plan;
let single: Comparable;
const artifacts: Record<string, string> = {};

async function attemptJob(job: string, name: string): Promise<{ result: CliResult; out: string }> {
  const repo = fx.clone(`clone-${name}`);
  const out = path.join(fx.work, 'artifacts', name);
  const tasks = plan.jobs.find((j) => j.job === job)!.tasks.join(' ');
  const result = await atqos(['attempt', '--plan', planDir, '--task', tasks, '--out', out, '--repo', repo, '-q', '--json'], repo);
  return { result, out };
}

async function integrate(label: string, dirs: string[], extra: string[] = []): Promise<{ repo: string; result: CliResult; out: MatrixOut }> {
  const repo = fx.clone(label);
  const result = await atqos(['integrate', '--plan', planDir, ...dirs.flatMap((d) => ['--attempts', d]), '--repo', repo, '--json', '-q', ...extra], repo);
  return { repo, result, out: parseJsonOut(result) };
}

const moduleOf = (id: string) => plan.tasks.find((t) => t.id === id)!.allowedPaths.find((p) => p.startsWith('src/calc/'))!;

describe('matrix: two tasks per job, a rejected fix, a cancelled job, and small plans finished in the plan job', () => {
  beforeAll(async () => {
    const work = tempDir('matrix-cancel');
    const script = path.join(work, 'fixes.json');
    fs.writeFileSync(script, JSON.stringify(FIXES));
    gate = path.join(work, 'gate');
    // A long attempt timeout: the gated agent must still be working when the job is cancelled, however loaded the machine.
    fx = new MatrixFixture(work, configuredFiles('matrix-cancel', { argv: agentArgv('apply-patch-gated', '--script', script, '--gate', gate), remediation: { attemptTimeoutSec: 900 } }, FILES));
    const singleRepo = fx.clone('single');
    const ran = await atqos(['run', '--json', '--repo', singleRepo], singleRepo);
    single = await fx.comparable(singleRepo, ran, parseJsonOut<RunOut>(ran));
    const planner = fx.clone('planner');
    planDir = path.join(work, 'plan');
    const planned = await atqos(['plan', '--matrix', '--repo', planner, '--out', planDir, '--tasks-per-job', '2', '--single-below', '5', '--json', '-q'], planner);
    expect(planned.code, planned.stderr).toBe(0);
    expect(parseJsonOut<PlanOut>(planned)).toMatchObject({ attemptable: 5, jobs: 3, local: null });
    plan = readJson<Plan>(path.join(planDir, 'plan.json'));
    for (const job of ['2', '3']) {
      const done = await attemptJob(job, `atqos-attempt-${job}`);
      expect(done.result.code, done.result.stderr).toBe(0);
      artifacts[job] = done.out;
    }
  }, 900_000);

  it('the single job fixes four tasks and abandons the wrong fix; the plan packs two tasks per job', () => {
    expect(single.code).toBe(1);
    expect(Object.keys(single.fixes).sort()).toHaveLength(4);
    expect(single.checkpoint).toMatchObject({ failingBefore: 5, failingAfter: 1 });
    expect(plan.jobs.map((j) => j.tasks.length)).toEqual([2, 2, 1]);
  });

  it('a job cancelled mid-attempt (SIGTERM) names its unfinished task not attempted; its re-run completes the run like the single job', async () => {
    // Cancelled while `second` is in its agent, after `first` (never the task whose fix is wrong) succeeded.
    const pair = plan.jobs[0]!.tasks;
    const first = pair.find((id) => moduleOf(id) !== 'src/calc/neg.py')!;
    const second = pair.find((id) => id !== first)!;
    fs.writeFileSync(gate, moduleOf(second));
    const repo = fx.clone('clone-job-1-cancelled');
    // Named so that it sorts before its re-run: the choice between them must not be by name.
    const cancelledDir = path.join(fx.work, 'artifacts', 'atqos-attempt-1');
    const job = spawnAtqos(['attempt', '--plan', planDir, '--task', `${first} ${second}`, '--out', cancelledDir, '--repo', repo, '-q', '--json'], repo);
    // Tasks of a job run side by side (agentConcurrency 2): cancel once the first is done and the second is in its agent.
    const events = path.join(cancelledDir, 'events.jsonl');
    const firstDone = () => fs.existsSync(events) && fs.readFileSync(events, 'utf8').split('\n').some((l) => l.includes('"task.succeeded"') && l.includes(first));
    await waitFor('the first task done and the gated agent working on the second', () => (fs.existsSync(`${gate}.waiting`) && firstDone() ? true : undefined), 300_000);
    job.kill('SIGTERM');
    const cancelled = await job.done;
    fs.rmSync(gate);
    expect(cancelled.code, cancelled.stderr).toBe(130);
    const written = readJson<{ interrupted: boolean; tasks: { id: string; status: string }[] }>(path.join(cancelledDir, 'attempt.json'));
    expect(written.interrupted).toBe(true);
    expect(Object.fromEntries(written.tasks.map((t) => [t.id, t.status]))).toEqual({ [first]: 'succeeded', [second]: 'queued' });

    const dirs = [cancelledDir, artifacts['2']!, artifacts['3']!];
    const partial = await integrate('integrate-partial', dirs);
    expect(partial.result.code, partial.result.stderr).toBe(1);
    expect(partial.out.matrix).toMatchObject({ notAttempted: [second], interrupted: [{ artifact: 'atqos-attempt-1', unfinished: [second] }], rejected: [] });
    expect(partial.result.stderr).toMatch(/interrupted: artifact atqos-attempt-1 comes from a job that was cancelled or timed out; it did not finish task\(s\) t-/);
    expect(partial.result.stderr).toContain(`not attempted: task ${second} (its job was interrupted before finishing it`);
    const row = partial.out.remediation.tasks.find((t) => t.id === second)!;
    expect(row.status).toBe('queued');
    expect(partial.out.remediation.tasks.find((t) => t.id === first)!.status).toBe('succeeded');
    const strict = await atqos(['integrate', '--plan', planDir, ...dirs.flatMap((d) => ['--attempts', d]), '--repo', partial.repo, '--expect-all', '-q'], partial.repo);
    expect(strict.code).toBe(2);

    const rerun = await attemptJob('1', 'atqos-attempt-1-rerun');
    expect(rerun.result.code, rerun.result.stderr).toBe(0);
    const full = await integrate('integrate-full', [...dirs, rerun.out], ['--expect-all']);
    expect(full.result.code, full.result.stderr).toBe(1);
    expect(full.out.matrix.notAttempted).toEqual([]);
    expect(full.out.matrix.duplicated).toEqual([{ task: first, used: 'atqos-attempt-1-rerun', ignored: ['atqos-attempt-1'] }]);
    expect(await fx.comparable(full.repo, full.result, full.out)).toEqual(single);
  }, 900_000);

  it('--single-below: a plan smaller than N is finished in the plan job, with an empty matrix, like the single job', async () => {
    const repo = fx.clone('planner-local');
    const local = await atqos(['plan', '--matrix', '--repo', repo, '--out', path.join(fx.work, 'plan-local'), '--single-below', '6', '--github', 'acme/calc', '--base', 'main', '--json', '-q'], repo);
    const out = parseJsonOut<PlanOut>(local);
    expect(local.code, local.stderr).toBe(1);
    expect(out).toMatchObject({ attemptable: 5, jobs: 0, matrix: { include: [] }, local: { runId: out.runId, exitCode: 1, matrix: { notAttempted: [] } } });
    expect(out.local!.publishPlan).toBe(path.join(out.local!.runDir, 'publish-plan.json'));
    expect(path.dirname(out.local!.runDir)).toBe(path.join(repo, '.atqos', 'runs'));
    expect(await fx.comparable(repo, local, out.local!, true)).toEqual(single);
  }, 900_000);
});
