// The scale-out path as GitHub Actions runs it: `atqos plan --matrix` in one clone, each
// `atqos attempt` job in its own fresh clone at the base SHA with its own output directory, and
// `atqos integrate` in yet another clone — compared with a single-job `atqos run` of the same
// repository: same findings, same fixes (branch trees), same checkpoint, same publish plan.
// Also: a job killed mid-attempt, then re-run; corrupt and duplicated artifacts; integrating twice.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOut, readJson, removeTempDirs, tempDir } from './support.js';
import type { CliResult } from './support.js';
import { agentArgv, branches, configuredFiles, gitIn } from './run-support.js';
import type { RunOut } from './run-support.js';
import { atqos, MatrixFixture } from './matrix-support.js';
import type { Comparable, MatrixOut, PlanOut } from './matrix-support.js';

afterAll(removeTempDirs);

const MODULES = { add: ['a - b', 'a + b', 'add(2, 3) == 5'], mul: ['a + b', 'a * b', 'mul(2, 3) == 6'], sub: ['a + b', 'a - b', 'sub(5, 3) == 2'] } as const;
const FILES: Record<string, string> = { 'pytest.ini': '[pytest]\npythonpath = src\n', 'src/calc/__init__.py': '' };
for (const [name, [broken, , check]] of Object.entries(MODULES)) {
  FILES[`src/calc/${name}.py`] = `def ${name}(a, b):\n    return ${broken}\n`;
  FILES[`tests/test_${name}.py`] = `from calc.${name} import ${name}\n\n\ndef test_${name}():\n    assert ${check}\n`;
}
const FIXES = Object.entries(MODULES).map(([name, [find, replace]]) => ({ path: `src/calc/${name}.py`, find, replace }));

/**
 * What must differ between two integrations of the same artifacts: the clone's path, and when
 * each one ran (the run's finish time, and the durations and CTRF epoch times that follow from it).
 */
const sameRun = (text: string) => text.replaceAll(work, 'WORK').replace(/WORK\/integrate-github(-reversed)?/g, 'CLONE')
  .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME').replace(/"(stop|duration|durationMs)": \d+/g, '"$1": 0');
/** An event without its time, the integrating process's pid and its scratch dir's random suffix: the same artifacts give the same data. */
function eventData(e: Record<string, unknown>): unknown {
  const { ts: _ts, ...rest } = e;
  return JSON.parse(sameRun(JSON.stringify(rest)).replace(/"pid":\d+/g, '"pid":0').replace(/("dir":"[^"]*-)[A-Za-z0-9]{6}"/g, '$1XXXXXX"'));
}

let fx: MatrixFixture;
let work: string;
const clone = (label: string) => fx.clone(label);
const comparable = (repo: string, result: CliResult, out: RunOut, written = false) => fx.comparable(repo, result, out, written);

interface Plan { runId: string; baseSha: string; jobs: { job: string; tasks: string[] }[] }
let plan: Plan;
let planDir: string;
let single: Comparable;
const artifacts: Record<string, string> = {};

async function attemptJob(job: string, label = `job-${job}`, env: Record<string, string> = {}): Promise<{ result: CliResult; out: string }> {
  const repo = clone(label);
  const out = path.join(work, 'artifacts', label === `job-${job}` ? `atqos-attempt-${job}` : `atqos-attempt-${label}`);
  const tasks = plan.jobs.find((j) => j.job === job)!.tasks.join(' ');
  const result = await atqos(['attempt', '--plan', planDir, '--task', tasks, '--out', out, '--repo', repo, '-q', '--json'], repo, env);
  return { result, out };
}

async function integrate(label: string, dirs: string[], extra: string[] = []): Promise<{ repo: string; result: CliResult; out: MatrixOut }> {
  const repo = clone(label);
  const result = await atqos(['integrate', '--plan', planDir, ...dirs.flatMap((d) => ['--attempts', d]), '--repo', repo, '--json', '-q', ...extra], repo);
  return { repo, result, out: parseJsonOut(result) };
}

describe('atqos plan --matrix → attempt (separate clones) → integrate', () => {
  beforeAll(async () => {
    work = tempDir('matrix');
    const script = path.join(work, 'fixes.json');
    fs.writeFileSync(script, JSON.stringify(FIXES));
    fx = new MatrixFixture(work, configuredFiles('matrix', { argv: agentArgv('apply-patch', '--only-allowed', '--script', script) }, FILES));
    const singleRepo = clone('single');
    const ran = await atqos(['run', '--json', '--repo', singleRepo], singleRepo);
    single = await comparable(singleRepo, ran, parseJsonOut<RunOut>(ran));
    const planner = clone('planner');
    planDir = path.join(work, 'plan');
    const planned = await atqos(['plan', '--matrix', '--repo', planner, '--out', planDir, '--json', '-q'], planner);
    expect(planned.code, planned.stderr).toBe(0);
    const summary = parseJsonOut<PlanOut>(planned);
    expect(summary.matrix).toEqual(readJson(path.join(planDir, 'matrix.json')));
    expect(summary).toMatchObject({ jobs: 3, tasks: 3, attemptable: 3, planDir, local: null });
    plan = readJson<Plan>(path.join(planDir, 'plan.json'));
    const jobs = await Promise.all(['1', '2'].map((j) => attemptJob(j)));
    for (const [i, j] of jobs.entries()) {
      expect(j.result.code, j.result.stderr).toBe(0);
      artifacts[String(i + 1)] = j.out;
    }
  }, 600_000);

  it('the single job fixes all three tasks, and the plan gives each its own job at the base SHA', () => {
    expect(single.code).toBe(0);
    expect(Object.keys(single.fixes)).toHaveLength(3);
    expect(single.checkpoint).toMatchObject({ failingBefore: 3, failingAfter: 0 });
    expect(plan.baseSha).toBe(fx.base);
    expect(plan.jobs.map((j) => j.tasks.length)).toEqual([1, 1, 1]);
    expect(readJson(path.join(planDir, 'matrix.json'))).toEqual({ include: plan.jobs.map((j) => ({ job: j.job, tasks: j.tasks[0] })) });
  });

  it('a killed job leaves its task not attempted; re-running just that job completes the run exactly like the single job', async () => {
    const killed = await attemptJob('3', 'job-3', { ATQOS_CRASH_AT: 'attempt.agent-finished' });
    expect(killed.result.signal, killed.result.stderr).toBe('SIGKILL');
    const partial = await integrate('integrate-partial', [artifacts['1']!, artifacts['2']!, killed.out]);
    expect(partial.result.code, partial.result.stderr).toBe(1);
    expect(partial.out.matrix.notAttempted).toEqual(plan.jobs[2]!.tasks);
    expect(partial.out.matrix.interrupted).toEqual([]);
    expect(partial.out.matrix.rejected).toEqual([{ artifact: 'atqos-attempt-3', reason: expect.stringMatching(/manifest\.json is missing/) }]);
    expect(partial.result.stderr).toContain(`not attempted: task ${plan.jobs[2]!.tasks[0]}`);
    const left = partial.out.remediation.tasks.find((t) => t.id === plan.jobs[2]!.tasks[0])!;
    expect(left.status).toBe('queued');
    expect(partial.out.remediation.checkpoint).toMatchObject({ failingBefore: 3, failingAfter: 1 });
    const again = await attemptJob('3', 'job-3-rerun');
    expect(again.result.code, again.result.stderr).toBe(0);
    artifacts['3'] = again.out;
    const full = await integrate('integrate-full', [artifacts['1']!, artifacts['2']!, artifacts['3']!], ['--expect-all']);
    expect(full.result.code, full.result.stderr).toBe(0);
    expect(full.out.matrix).toEqual({ notAttempted: [], interrupted: [], rejected: [], duplicated: [] });
    expect(await comparable(full.repo, full.result, full.out)).toEqual(single);
  }, 600_000);

  it('integrating the same artifacts twice in one clone gives the same run: no duplicate rows or events', async () => {
    const dirs = [artifacts['1']!, artifacts['2']!, artifacts['3']!];
    const first = await integrate('integrate-twice', dirs);
    const db = () => new Database(path.join(first.out.runDir, 'state.db'), { readonly: true });
    const counts = (d: Database.Database) => ['events', 'attempts', 'tasks', 'findings'].map((t) => d.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get());
    const d1 = db();
    const before = { counts: counts(d1), types: d1.prepare('SELECT type FROM events ORDER BY seq').pluck().all() };
    d1.close();
    const fixes = branches(first.repo, 'atqos/fix/*').map((b) => gitIn(first.repo, ['rev-parse', b]).trim());
    const second = await atqos(['integrate', '--plan', planDir, ...dirs.flatMap((d) => ['--attempts', d]), '--repo', first.repo, '--json', '-q'], first.repo);
    expect(second.code, second.stderr).toBe(0);
    const d2 = db();
    expect({ counts: counts(d2), types: d2.prepare('SELECT type FROM events ORDER BY seq').pluck().all() }).toEqual(before);
    d2.close();
    expect(branches(first.repo, 'atqos/fix/*').map((b) => gitIn(first.repo, ['rev-parse', b]).trim())).toEqual(fixes);
    expect(await comparable(first.repo, second, parseJsonOut<RunOut>(second))).toEqual(single);
    // Plan events first, then each task's events in task order, never interleaved.
    const lines = fs.readFileSync(path.join(first.out.runDir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; type: string; data: { task?: string } });
    expect(lines.map((e) => e.seq)).toEqual(lines.map((_, i) => i + 1));
    const tasksSeen = lines.filter((e) => e.data.task).map((e) => e.data.task);
    expect(tasksSeen).toEqual([...tasksSeen].sort((a, b) => plan.jobs.findIndex((j) => j.tasks.includes(a!)) - plan.jobs.findIndex((j) => j.tasks.includes(b!))));
    expect(lines.findIndex((e) => e.type === 'matrix.integrate.started')).toBeGreaterThan(lines.findIndex((e) => e.type === 'tasks.planned'));
  }, 600_000);

  it('integrate --github writes the publish plan itself, equal to the single job\'s; again in another clone and --attempts order, byte for byte', async () => {
    const dirs = [artifacts['1']!, artifacts['2']!, artifacts['3']!];
    const github = ['--github', 'acme/calc', '--base', 'main', '--expect-all'];
    const first = await integrate('integrate-github', dirs, github);
    expect(first.result.code, first.result.stderr).toBe(0);
    expect(first.out.publishPlan).toBe(path.join(first.out.runDir, 'publish-plan.json'));
    expect(await comparable(first.repo, first.result, first.out, true)).toEqual(single);
    const second = await integrate('integrate-github-reversed', [...dirs].reverse(), github);
    expect(second.result.code, second.result.stderr).toBe(0);
    const bytes = (run: string, rel: string) => fs.readFileSync(path.join(run, rel), 'utf8');
    const reports = (run: string) => fs.readdirSync(path.join(run, 'reports')).sort();
    expect(reports(second.out.runDir)).toEqual(reports(first.out.runDir));
    expect(bytes(second.out.runDir, 'publish-plan.json')).toBe(bytes(first.out.runDir, 'publish-plan.json'));
    for (const rel of [...reports(first.out.runDir).map((r) => `reports/${r}`)]) {
      expect.soft(sameRun(bytes(second.out.runDir, rel)), rel).toBe(sameRun(bytes(first.out.runDir, rel)));
    }
    const tree = (repo: string, out: RunOut) => gitIn(repo, ['rev-parse', `${out.remediation.checkpoint!.integrationBranch}^{tree}`]).trim();
    expect(tree(second.repo, second.out)).toBe(tree(first.repo, first.out));
    const events = (run: string) => bytes(run, 'events.jsonl').trim().split('\n').map((l) => eventData(JSON.parse(l) as Record<string, unknown>));
    expect(events(second.out.runDir)).toEqual(events(first.out.runDir));
  }, 600_000);

  it('a corrupt artifact is reported and ignored, a duplicated one is reported and resolved the same way every time', async () => {
    const corrupt = path.join(work, 'artifacts', 'atqos-attempt-0-corrupt');
    fs.cpSync(artifacts['1']!, corrupt, { recursive: true });
    const bundle = path.join(corrupt, 'branches.bundle');
    const bytes = fs.readFileSync(bundle);
    for (let i = bytes.length - 40; i < bytes.length - 20; i++) bytes[i] = bytes[i]! ^ 0xff;
    fs.writeFileSync(bundle, bytes);
    const dup = path.join(work, 'artifacts', 'atqos-attempt-2-copy');
    fs.cpSync(artifacts['2']!, dup, { recursive: true });
    const onlyCorrupt = await integrate('integrate-corrupt', [corrupt, artifacts['2']!, artifacts['3']!, dup]);
    expect(onlyCorrupt.result.code).toBe(1);
    expect(onlyCorrupt.out.matrix.rejected).toEqual([{ artifact: 'atqos-attempt-0-corrupt', reason: expect.stringMatching(/branches\.bundle does not match its checksum/) }]);
    expect(onlyCorrupt.out.matrix.notAttempted).toEqual(plan.jobs[0]!.tasks);
    expect(onlyCorrupt.out.matrix.duplicated).toEqual([{ task: plan.jobs[1]!.tasks[0], used: 'atqos-attempt-2', ignored: ['atqos-attempt-2-copy'] }]);
    expect(onlyCorrupt.result.stderr).toMatch(/rejected artifact atqos-attempt-0-corrupt/);
    expect(onlyCorrupt.result.stderr).toMatch(/duplicated: task t-\w+ is in atqos-attempt-2, atqos-attempt-2-copy; used atqos-attempt-2/);
    const expectAll = await atqos(['integrate', '--plan', planDir, '--attempts', corrupt, '--repo', onlyCorrupt.repo, '--expect-all', '-q'], onlyCorrupt.repo);
    expect(expectAll.code).toBe(2);
  }, 600_000);

  it('refuses a checkout that is not at the plan base, and tasks the plan does not have, with a hint', async () => {
    const repo = clone('moved');
    fs.writeFileSync(path.join(repo, 'extra.txt'), 'x\n');
    gitIn(repo, ['add', '-A']);
    gitIn(repo, ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'moved on']);
    const moved = await atqos(['attempt', '--plan', planDir, '--task', plan.jobs[0]!.tasks[0]!, '--out', path.join(work, 'nope'), '--repo', repo], repo);
    expect(moved.code).toBe(3);
    expect(moved.stderr).toMatch(new RegExp(`plan ${plan.runId} was made at ${fx.base}.*git checkout --detach ${fx.base}`, 's'));
    const unknown = await atqos(['attempt', '--plan', planDir, '--task', 't-000000000000', '--out', path.join(work, 'nope'), '--repo', clone('unknown')], work);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/has no task t-000000000000.*matrix\.json/s);
  }, 300_000);
});
