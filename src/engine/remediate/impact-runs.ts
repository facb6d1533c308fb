import fs from 'node:fs';
import path from 'node:path';
import { describeError } from '../../core/index.js';
import type { TestResult } from '../../core/index.js';
import { createTaskWorktree, linkDependencyDirs, removeTaskWorktree } from '../../git/index.js';
import type { CollectContext, Logger, Plugin } from '../../plugin/contract.js';
import { createCollectContext } from '../collect-context.js';
import { findPriorArtifact } from '../prior-artifact.js';

/** Runs of a candidate break on each side: one failure is not a break, one base failure is not "failed before". */
export const RUNS_PER_SIDE = 3;

export interface ImpactWhere {
  dir: string;
  outDir: string;
  runDir: string;
  env: Readonly<Record<string, string>>;
  signal: AbortSignal;
}

export interface ImpactRunInput {
  plugin: Plugin;
  pluginOptions: unknown;
  repoDir: string;
  baseSha: string;
  changedFiles: readonly string[];
  log: Logger;
}

/** Each test's outcomes, one per run it was in (a run that did not report it adds 'absent'). */
export type Outcomes = Record<string, string[]>;

/**
 * A plugin context in `w.dir` whose outputs go under `<outDir>/<name>/raw/<plugin>/`. Impact data is looked up in
 * the current run first (its coverage plugin measured the very commit the attempt starts from),
 * then in earlier runs.
 */
export function impactContext(input: ImpactRunInput, w: ImpactWhere, name: string): CollectContext {
  const ctx = createCollectContext({
    repoDir: w.dir, runDir: path.join(w.outDir, name), pluginId: input.plugin.id, options: input.pluginOptions, env: w.env, runStartedAtMs: Date.now(), signal: w.signal, log: input.log,
    changes: { since: input.baseSha, baseSha: input.baseSha, files: [...input.changedFiles] },
  });
  const self = path.basename(w.runDir);
  const prior = (rel: string) => {
    const own = path.join(w.runDir, ...rel.split('/'));
    return fs.existsSync(own) ? { runId: self, file: own } : findPriorArtifact(path.dirname(w.runDir), self, rel);
  };
  return { ...ctx, prior };
}

function addRun(into: Outcomes, ids: readonly string[], tests: readonly TestResult[]): void {
  const got = new Map(tests.map((t) => [t.nodeId, t.outcome]));
  for (const id of ids) (into[id] ??= []).push(got.get(id) ?? 'absent');
}

/** Re-runs `ids` in `w.dir` `times` times (`name-1`, `name-2`, …), adding each run's outcomes. */
export async function rerun(input: ImpactRunInput, w: ImpactWhere, name: string, ids: readonly string[], times: number, into: Outcomes, stopWhen: (id: string) => boolean = () => false): Promise<string | undefined> {
  for (let i = 1; i <= times; i++) {
    const todo = ids.filter((id) => !stopWhen(id));
    if (todo.length === 0) return undefined;
    const run = await input.plugin.impactedTests!(impactContext(input, w, `${name}-${i}`), todo);
    if (!run.tests) return run.problem ?? 'no outcomes';
    addRun(into, todo, run.tests);
  }
  return undefined;
}

/**
 * Base outcomes already measured in this run: every attempt of a run starts from the same commit,
 * so they are shared through a file (a lost race only costs a re-run). A test's record is complete
 * once it passed there or failed `RUNS_PER_SIDE` times.
 */
function baseCache(w: ImpactWhere, baseSha: string) {
  const file = path.join(w.runDir, 'impacted-base', `${baseSha.slice(0, 12)}.json`);
  const read = (): Outcomes => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Outcomes;
    } catch {
      return {};
    }
  };
  const add = (outcomes: Outcomes) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ ...read(), ...outcomes }));
    fs.renameSync(tmp, file);
  };
  return { read, add };
}

export const passedOnce = (runs: readonly string[] | undefined) => !!runs?.includes('passed');

/** The base outcomes of `ids`: from this run's record, completed in a throwaway base worktree. */
export async function outcomesAtBase(input: ImpactRunInput, w: ImpactWhere, ids: readonly string[]): Promise<{ outcomes: Outcomes } | { problem: string }> {
  const cache = baseCache(w, input.baseSha);
  const known = cache.read();
  const done = (id: string) => passedOnce(known[id]) || (known[id]?.length ?? 0) >= RUNS_PER_SIDE;
  const todo = ids.filter((id) => !done(id));
  if (todo.length === 0) return { outcomes: known };
  const dir = `${w.dir}-base`;
  const gitLog = { logDir: path.join(w.outDir, 'impact-base-git') };
  const fresh: Outcomes = Object.fromEntries(todo.map((id) => [id, [...(known[id] ?? [])]]));
  try {
    await createTaskWorktree({ repo: input.repoDir, baseSha: input.baseSha, dir }, gitLog);
    linkDependencyDirs(input.repoDir, dir);
    const remaining = Math.max(...todo.map((id) => RUNS_PER_SIDE - (known[id]?.length ?? 0)));
    const problem = await rerun(input, { ...w, dir }, 'impact-base', todo, remaining, fresh, (id) => passedOnce(fresh[id]) || (fresh[id]?.length ?? 0) >= RUNS_PER_SIDE);
    if (problem) return { problem };
  } catch (err) {
    return { problem: describeError(err) };
  } finally {
    await removeTaskWorktree(input.repoDir, dir, gitLog).catch(() => undefined);
  }
  cache.add(fresh);
  return { outcomes: { ...known, ...fresh } };
}
