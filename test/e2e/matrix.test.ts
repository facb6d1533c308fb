// The scale-out path as GitHub Actions runs it: `atqos plan --matrix` in one clone, each
// `atqos attempt` job in its own fresh clone at the base SHA with its own output directory, and
// `atqos integrate` in yet another clone — compared with a single-job `atqos run` of the same
// repository: same findings, same fixes (branch trees), same checkpoint, same publish plan.
// Also: a job killed mid-attempt, then re-run; corrupt and duplicated artifacts; integrating twice.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLI, parseJsonOut, readJson, removeTempDirs, tempDir } from './support.js';
import type { CliResult } from './support.js';
import { agentArgv, branches, configuredFiles, gitIn } from './run-support.js';
import type { RunOut } from './run-support.js';

afterAll(removeTempDirs);

/** The CLI under test; ATQOS_E2E_CLI points at a private build while dist/ is shared. */
const BIN = process.env.ATQOS_E2E_CLI ?? CLI;

function atqos(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  if (BIN === CLI) assertBuilt();
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const MODULES = { add: ['a - b', 'a + b', 'add(2, 3) == 5'], mul: ['a + b', 'a * b', 'mul(2, 3) == 6'], sub: ['a + b', 'a - b', 'sub(5, 3) == 2'] } as const;
const FILES: Record<string, string> = { 'pytest.ini': '[pytest]\npythonpath = src\n', 'src/calc/__init__.py': '' };
for (const [name, [broken, , check]] of Object.entries(MODULES)) {
  FILES[`src/calc/${name}.py`] = `def ${name}(a, b):\n    return ${broken}\n`;
  FILES[`tests/test_${name}.py`] = `from calc.${name} import ${name}\n\n\ndef test_${name}():\n    assert ${check}\n`;
}
const FIXES = Object.entries(MODULES).map(([name, [find, replace]]) => ({ path: `src/calc/${name}.py`, find, replace }));

let work: string;
let origin: string;
let base: string;

/** A fresh clone of the origin at the base SHA, detached, as actions/checkout leaves it. */
function clone(label: string): string {
  const dir = path.join(work, label);
  execFileSync('git', ['clone', '-q', origin, dir]);
  gitIn(dir, ['checkout', '-q', '--detach', base]);
  return dir;
}

/** `git diff-tree` of base → ref: the same text for the same change, whatever the commit. */
const changeOf = (repo: string, ref: string) => gitIn(repo, ['diff-tree', '-r', base, ref]).trim();

interface Comparable {
  code: number | null;
  findings: string[];
  /** Fix branch → its change against the base. */
  fixes: Record<string, string>;
  integration: string;
  checkpoint: { failingBefore: number; failingAfter: number; fixed: string[] };
  publish: unknown;
}

/** A publish plan without what must differ between two runs: run and task ids, commit ids (their trailers name the run), durations. */
function normalizedPlan(file: string, runId: string, taskIds: Record<string, string>, commits: Record<string, string>): unknown {
  let text = fs.readFileSync(file, 'utf8').replaceAll(runId, 'RUN');
  for (const [sha, branch] of Object.entries(commits)) text = text.replaceAll(sha, `COMMIT(${branch})`);
  for (const [id, branch] of Object.entries(taskIds)) text = text.replaceAll(id, `TASK(${branch})`);
  text = text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME').replace(/\d+(\.\d+)?\s?(ms|s|min)\b/g, 'DURATION').replace(/"durationMs":\s*[\d.]+/g, '"durationMs":0');
  return sortTableRows(JSON.parse(text) as unknown);
}

/** Markdown table rows in sorted order: tables list tasks by id, and ids differ per run. */
function sortTableRows(value: unknown): unknown {
  if (typeof value === 'string') {
    const blocks: string[][] = [];
    for (const line of value.split('\n')) {
      const row = line.startsWith('| ') && !line.startsWith('|---');
      const last = blocks.at(-1);
      if (row && last && (last.at(-1) ?? '').startsWith('| ')) last.push(line);
      else blocks.push([line]);
    }
    return blocks.map((b) => (b.length > 1 ? [...b].sort() : b).join('\n')).join('\n');
  }
  if (Array.isArray(value)) return value.map(sortTableRows);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortTableRows(v)]));
  return value;
}

async function comparable(repo: string, result: CliResult, out: RunOut): Promise<Comparable> {
  const rem = out.remediation;
  const publish = await atqos(['publish', out.runId, '--repo', repo, '--github', 'acme/calc', '--base', 'main', '--dry-run', '-q'], repo);
  expect(publish.code, publish.stderr).toBe(0);
  const taskIds = Object.fromEntries(rem.tasks.map((t) => [t.id, t.branch ?? t.title]));
  const cp = rem.checkpoint!;
  return {
    code: result.code,
    findings: (out as unknown as { findings: { fingerprint: string }[] }).findings.map((f) => f.fingerprint).sort(),
    fixes: Object.fromEntries(branches(repo, 'atqos/fix/*').map((b) => [b, changeOf(repo, b)])),
    integration: changeOf(repo, cp.integrationBranch),
    checkpoint: { failingBefore: cp.failingBefore, failingAfter: cp.failingAfter, fixed: [...cp.fixed].sort() },
    publish: normalizedPlan(path.join(out.runDir, 'publish-plan.json'), out.runId, taskIds, Object.fromEntries(branches(repo, 'atqos/fix/*').map((b) => [gitIn(repo, ['rev-parse', b]).trim(), b]))),
  };
}

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

async function integrate(label: string, dirs: string[], extra: string[] = []): Promise<{ repo: string; result: CliResult; out: RunOut & { matrix: { notAttempted: string[]; rejected: { artifact: string; reason: string }[]; duplicated: { task: string; used: string; ignored: string[] }[] } } }> {
  const repo = clone(label);
  const result = await atqos(['integrate', '--plan', planDir, ...dirs.flatMap((d) => ['--attempts', d]), '--repo', repo, '--json', '-q', ...extra], repo);
  return { repo, result, out: parseJsonOut(result) };
}

describe('atqos plan --matrix → attempt (separate clones) → integrate', () => {
  beforeAll(async () => {
    work = tempDir('matrix');
    const script = path.join(work, 'fixes.json');
    fs.writeFileSync(script, JSON.stringify(FIXES));
    origin = configuredFiles('matrix', { argv: agentArgv('apply-patch', '--only-allowed', '--script', script) }, FILES);
    base = gitIn(origin, ['rev-parse', 'HEAD']).trim();
    const singleRepo = clone('single');
    const ran = await atqos(['run', '--json', '--repo', singleRepo], singleRepo);
    single = await comparable(singleRepo, ran, parseJsonOut<RunOut>(ran));
    const planner = clone('planner');
    planDir = path.join(work, 'plan');
    const planned = await atqos(['plan', '--matrix', '--repo', planner, '--out', planDir, '--json', '-q'], planner);
    expect(planned.code, planned.stderr).toBe(0);
    expect(parseJsonOut(planned)).toEqual(readJson(path.join(planDir, 'matrix.json')));
    plan = readJson<Plan>(path.join(planDir, 'plan.json'));
    const jobs = await Promise.all(['1', '2'].map((j) => attemptJob(j)));
    for (const [i, j] of jobs.entries()) {
      expect(j.result.code, j.result.stderr).toBe(0);
      artifacts[String(i + 1)] = j.out;
    }
  }, 240_000);

  it('the single job fixes all three tasks, and the plan gives each its own job at the base SHA', () => {
    expect(single.code).toBe(0);
    expect(Object.keys(single.fixes)).toHaveLength(3);
    expect(single.checkpoint).toMatchObject({ failingBefore: 3, failingAfter: 0 });
    expect(plan.baseSha).toBe(base);
    expect(plan.jobs.map((j) => j.tasks.length)).toEqual([1, 1, 1]);
    expect(readJson(path.join(planDir, 'matrix.json'))).toEqual({ include: plan.jobs.map((j) => ({ job: j.job, tasks: j.tasks[0] })) });
  });

  it('a killed job leaves its task not attempted; re-running just that job completes the run exactly like the single job', async () => {
    const killed = await attemptJob('3', 'job-3', { ATQOS_CRASH_AT: 'attempt.agent-finished' });
    expect(killed.result.signal, killed.result.stderr).toBe('SIGKILL');
    const partial = await integrate('integrate-partial', [artifacts['1']!, artifacts['2']!, killed.out]);
    expect(partial.result.code, partial.result.stderr).toBe(1);
    expect(partial.out.matrix.notAttempted).toEqual(plan.jobs[2]!.tasks);
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
    expect(full.out.matrix).toEqual({ notAttempted: [], rejected: [], duplicated: [] });
    expect(await comparable(full.repo, full.result, full.out)).toEqual(single);
  }, 240_000);

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
  }, 240_000);

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
  }, 240_000);

  it('refuses a checkout that is not at the plan base, and tasks the plan does not have, with a hint', async () => {
    const repo = clone('moved');
    fs.writeFileSync(path.join(repo, 'extra.txt'), 'x\n');
    gitIn(repo, ['add', '-A']);
    gitIn(repo, ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'moved on']);
    const moved = await atqos(['attempt', '--plan', planDir, '--task', plan.jobs[0]!.tasks[0]!, '--out', path.join(work, 'nope'), '--repo', repo], repo);
    expect(moved.code).toBe(3);
    expect(moved.stderr).toMatch(new RegExp(`plan ${plan.runId} was made at ${base}.*git checkout --detach ${base}`, 's'));
    const unknown = await atqos(['attempt', '--plan', planDir, '--task', 't-000000000000', '--out', path.join(work, 'nope'), '--repo', clone('unknown')], work);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/has no task t-000000000000.*matrix\.json/s);
  }, 120_000);
});
