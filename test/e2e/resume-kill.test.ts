// kill -9 at many points of `atqos run`, then `atqos resume`: the resumed run must end exactly
// like an uninterrupted one (same branches with the same trees, same checkpoint, same exit code)
// with no attempt redone, no duplicate commit or branch, no worktree or process left behind.
// Kill points are named through ATQOS_CRASH_AT (the process SIGKILLs itself there); one more is
// an external SIGKILL from this test while the agents are working.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atqos, gitStatus, parseJsonOut, readJson, removeTempDirs, runDirs, spawnCli, tempDir, waitFor } from './support.js';
import type { CliResult } from './support.js';
import { agentArgv, branches, configuredFiles, gitIn, isRunning, worktrees } from './run-support.js';
import type { RunOut } from './run-support.js';

afterAll(removeTempDirs);

const FILES = {
  'pytest.ini': '[pytest]\npythonpath = src\n',
  'src/calc/__init__.py': '',
  'src/calc/add.py': 'def add(a, b):\n    return a - b\n',
  'src/calc/mul.py': 'def mul(a, b):\n    return a + b\n',
  'tests/test_add.py': 'from calc.add import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n',
  'tests/test_mul.py': 'from calc.mul import mul\n\n\ndef test_mul():\n    assert mul(2, 3) == 6\n',
};
const FIXES = [
  { path: 'src/calc/add.py', find: 'a - b', replace: 'a + b' },
  { path: 'src/calc/mul.py', find: 'a + b', replace: 'a * b' },
];

/** What must come out the same whether or not the run was killed on the way. */
interface Outcome {
  code: number | null;
  status: string;
  /** Fix branch → [its change against the base (modes, blob ids, paths), attempts that counted]. */
  branches: Record<string, [string, number]>;
  integration: string;
  checkpoint: { failingBefore: number; failingAfter: number; fixed: string[] };
}

let script: string;

function project(agent: string): string {
  return configuredFiles('resume', { argv: agentArgv(agent, '--only-allowed', '--script', script) }, FILES);
}

/** `git diff-tree` of base → ref: the same text for the same change, whatever else the repo holds. */
function changeOf(repo: string, ref: string): string {
  return gitIn(repo, ['diff-tree', '-r', 'HEAD', ref]).trim();
}

function outcomeOf(repo: string, result: CliResult): Outcome {
  const out = parseJsonOut<RunOut>(result);
  const rem = out.remediation;
  const fix = Object.fromEntries(
    rem.tasks.map((t) => {
      const counted = rem.attempts.filter((a) => a.task === t.id && a.outcome !== 'interrupted').length;
      return [t.branch ?? `unfixed ${t.title}`, [t.branch ? changeOf(repo, t.branch) : '', counted]];
    }),
  ) as Outcome['branches'];
  const cp = rem.checkpoint!;
  return {
    code: result.code, status: out.status, branches: fix,
    integration: changeOf(repo, cp.integrationBranch),
    checkpoint: { failingBefore: cp.failingBefore, failingAfter: cp.failingAfter, fixed: [...cp.fixed].sort() },
  };
}

/** Everything that would betray a redone attempt, a duplicate commit or branch, or a leftover. */
function assertNoDuplicatesOrLeftovers(repo: string, runDir: string, reference: Outcome): void {
  const runId = path.basename(runDir);
  const base = gitIn(repo, ['rev-parse', 'HEAD']).trim();
  for (const b of branches(repo, 'atqos/fix/*')) expect(gitIn(repo, ['rev-list', '--count', `${base}..${b}`]).trim(), `${b} has one commit`).toBe('1');
  expect(branches(repo, 'atqos/fix/*').sort()).toEqual(Object.keys(reference.branches).sort());
  expect(branches(repo, 'atqos/integration/*')).toEqual([`atqos/integration/${runId}`]);
  expect(worktrees(repo)).toEqual([repo]);
  expect(gitStatus(repo)).toBe('');
  expect(fs.readdirSync(os.tmpdir()).filter((d) => d.includes(`-${runId}-`))).toEqual([]);
  const db = new Database(path.join(runDir, 'state.db'), { readonly: true });
  try {
    const seqs = db.prepare('SELECT seq FROM events WHERE run_id = ? ORDER BY seq').pluck().all(runId) as number[];
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const lines = fs.readFileSync(path.join(runDir, 'events.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { seq: number });
    expect(lines.map((e) => e.seq)).toEqual(seqs);
    const attempts = db.prepare('SELECT task_id AS task, n, outcome FROM attempts WHERE run_id = ? ORDER BY task_id, n').all(runId) as { task: string; n: number; outcome: string }[];
    for (const a of attempts) expect(fs.existsSync(path.join(runDir, 'tasks', a.task, `attempt-${a.n}`)), `artifacts of ${a.task} #${a.n}`).toBe(true);
    const accepted = attempts.filter((a) => a.outcome === 'accepted').map((a) => a.task);
    expect(new Set(accepted).size, 'one accepted attempt per task').toBe(accepted.length);
    expect(db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId)).toBe('finished');
  } finally {
    db.close();
  }
}

async function killedThenResumed(repo: string, crashAt: string): Promise<{ killed: CliResult; resumed: CliResult; runDir: string }> {
  const killed = await atqos(['run', '--json', '--repo', repo], repo, { ATQOS_CRASH_AT: crashAt });
  const runDir = runDirs(repo)[0]!;
  const resumed = await atqos(['resume', path.basename(runDir), '--json', '--repo', repo], repo);
  return { killed, resumed, runDir };
}

describe('atqos resume after kill -9', () => {
  let reference: Outcome;

  beforeAll(async () => {
    script = path.join(tempDir('resume-script'), 'fixes.json');
    fs.writeFileSync(script, JSON.stringify(FIXES));
    const repo = project('apply-patch');
    const result = await atqos(['run', '--json', '--repo', repo], repo);
    reference = outcomeOf(repo, result);
  }, 120_000);

  it('the uninterrupted reference run fixes both tasks on their first attempt', () => {
    expect(reference.code).toBe(0);
    expect(Object.values(reference.branches)).toHaveLength(2);
    for (const [branch, [tree, counted]] of Object.entries(reference.branches)) {
      expect(branch).toMatch(/^atqos\/fix\/[0-9a-f]{12}$/);
      expect(tree).toMatch(/^:100644 100644 [0-9a-f]{40} [0-9a-f]{40} M\tsrc\/calc\/(add|mul)\.py$/);
      expect(counted).toBe(1);
    }
    expect(reference.checkpoint).toMatchObject({ failingBefore: 2, failingAfter: 0 });
  });

  const POINTS = [
    'run.started', 'plugin.finished', 'tasks.planned', 'remediation.started', 'attempt.started',
    'attempt.worktree-created', 'attempt.agent-finished', 'attempt.committed', 'attempt.branched',
    'attempt.finished', 'task.succeeded#2', 'checkpoint.started', 'checkpoint.integrated',
    'checkpoint.finished', 'run.reports-written',
  ];

  it.each(POINTS)('killed at %s, resumed: the same result as without the kill, nothing duplicated', async (point) => {
    const repo = project('apply-patch');
    const { killed, resumed, runDir } = await killedThenResumed(repo, point);
    expect(killed.signal, `the run was killed at ${point}\n${killed.stderr}`).toBe('SIGKILL');
    expect(resumed.code, resumed.stderr).toBe(reference.code);
    expect(outcomeOf(repo, resumed)).toEqual(reference);
    assertNoDuplicatesOrLeftovers(repo, runDir, reference);
  }, 120_000);

  it('a kill during the resume itself is resumed again', async () => {
    const repo = project('apply-patch');
    const killed = await atqos(['run', '--json', '--repo', repo], repo, { ATQOS_CRASH_AT: 'attempt.committed' });
    expect(killed.signal).toBe('SIGKILL');
    const runDir = runDirs(repo)[0]!;
    const killedResume = await atqos(['resume', path.basename(runDir), '--json', '--repo', repo], repo, { ATQOS_CRASH_AT: 'attempt.started' });
    expect(killedResume.signal, killedResume.stderr).toBe('SIGKILL');
    const resumed = await atqos(['resume', path.basename(runDir), '--json', '--repo', repo], repo);
    expect(resumed.code, resumed.stderr).toBe(reference.code);
    expect(outcomeOf(repo, resumed)).toEqual(reference);
    assertNoDuplicatesOrLeftovers(repo, runDir, reference);
  }, 180_000);

  it('killed from outside while agents work: resume stops the orphaned agents, retries without counting, ends the same', async () => {
    const repo = project('hang-first');
    const cli = spawnCli(['run', '--json', '--repo', repo], repo);
    const pidFiles = await waitFor('both agents to be working', () => {
      const dir = runDirs(repo)[0];
      const files = dir && fs.existsSync(path.join(dir, 'tasks')) ? fs.readdirSync(path.join(dir, 'tasks')).map((t) => path.join(dir, 'tasks', t, 'attempt-1', 'hang-pids.json')).filter((f) => fs.existsSync(f)) : [];
      return files.length === 2 ? files : undefined;
    }, 60_000);
    cli.child.kill('SIGKILL');
    expect((await cli.done).signal).toBe('SIGKILL');
    const orphans = pidFiles.flatMap((f) => Object.values(readJson<Record<string, number>>(f)));
    expect(orphans.every(isRunning), 'kill -9 leaves the agents running').toBe(true);
    const runDir = runDirs(repo)[0]!;
    const resumed = await atqos(['resume', path.basename(runDir).slice(0, 20), '--json', '--repo', repo], repo);
    expect(resumed.code, resumed.stderr).toBe(reference.code);
    await waitFor('the orphaned agents to die', () => (orphans.some(isRunning) ? undefined : true), 5_000);
    expect(outcomeOf(repo, resumed)).toEqual(reference);
    const out = parseJsonOut<RunOut>(resumed);
    expect(out.remediation.attempts.map((a) => [a.n, a.outcome])).toEqual([[1, 'interrupted'], [1, 'interrupted'], [2, 'accepted'], [2, 'accepted']]);
    assertNoDuplicatesOrLeftovers(repo, runDir, reference);
  }, 180_000);

  it('resumes with the real value of a secret the saved config copy had redacted', async () => {
    const token = `ghp_${'a1B2'.repeat(9)}`;
    const repo = configuredFiles('resume-secret', { argv: agentArgv('apply-patch', '--only-allowed', '--script', script) }, {
      ...FILES,
      'tests/test_env.py': `import os\n\n\ndef test_token_reaches_the_tool():\n    assert os.environ.get("SERVICE_TOKEN") == "${token}"\n`,
    });
    const yml = fs.readFileSync(path.join(repo, '.github', 'atqos.yml'), 'utf8');
    fs.writeFileSync(path.join(repo, '.github', 'atqos.yml'), JSON.stringify({ ...JSON.parse(yml), env: { set: { SERVICE_TOKEN: token } } }));
    gitIn(repo, ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qam', 'token for the tests']);
    const { killed, resumed, runDir } = await killedThenResumed(repo, 'tasks.planned');
    expect(killed.signal).toBe('SIGKILL');
    expect(fs.readFileSync(path.join(runDir, 'config.resolved.json'), 'utf8')).not.toContain(token);
    expect(resumed.code, resumed.stderr).toBe(0);
    const out = parseJsonOut<RunOut>(resumed);
    expect(out.remediation.checkpoint).toMatchObject({ failingBefore: 2, failingAfter: 0 });
  }, 120_000);

  it('refuses what cannot be resumed, with a hint: unknown, finished', async () => {
    const repo = project('apply-patch');
    const unknown = await atqos(['resume', 'no-such-run', '--repo', repo], repo);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/no run "no-such-run".*atqos runs list/s);
    const done = await atqos(['run', '--json', '--repo', repo], repo);
    expect(done.code).toBe(0);
    const again = await atqos(['resume', parseJsonOut<RunOut>(done).runId, '--repo', repo], repo);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/already finished.*nothing to resume/);
  }, 120_000);
});
