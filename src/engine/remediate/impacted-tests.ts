import fs from 'node:fs';
import path from 'node:path';
import type { TestResult } from '../../core/index.js';
import { describeError } from '../../core/index.js';
import { createTaskWorktree, linkDependencyDirs, removeTaskWorktree } from '../../git/index.js';
import type { CollectContext, ImpactedTestsRun, Logger, Plugin } from '../../plugin/contract.js';
import { createCollectContext } from '../collect-context.js';
import { findPriorArtifact } from '../prior-artifact.js';

/** What the impacted-tests check of an attempt needs besides the targeted validation's input. */
export interface ImpactCheckInput {
  plugin: Plugin;
  pluginOptions: unknown;
  /** The user's repository (a base checkout is added to it as a worktree when needed). */
  repoDir: string;
  baseSha: string;
  /** Repo-relative posix paths the attempt changed (renames: both sides). */
  changedFiles: readonly string[];
  log: Logger;
}

/** The check's verdict: `broken` are tests that pass at the base and fail with the change. */
export interface ImpactCheck {
  ok: boolean;
  reason: string;
  broken: string[];
  /** Tests that ran with the change (empty when nothing was impacted). */
  ran: string[];
}

const FAILING = new Set(['failed', 'error']);
const failing = (tests: readonly TestResult[]) => [...new Set(tests.filter((t) => FAILING.has(t.outcome)).map((t) => t.nodeId))].sort();

interface Where {
  dir: string;
  outDir: string;
  runDir: string;
  env: Readonly<Record<string, string>>;
  signal: AbortSignal;
}

/**
 * A plugin context in `w.dir` whose outputs go under `<outDir>/<name>/raw/<plugin>/`. Impact data is looked up in
 * the current run first (its coverage plugin measured the very commit the attempt starts from),
 * then in earlier runs.
 */
function impactContext(input: ImpactCheckInput, w: Where, name: string): CollectContext {
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

/**
 * Base outcomes already measured in this run, by test id: every attempt of a run starts from the
 * same commit, so a test's outcome there is measured once (a lost race only costs a re-run).
 */
function baseCache(w: Where, baseSha: string) {
  const file = path.join(w.runDir, 'impacted-base', `${baseSha.slice(0, 12)}.json`);
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const add = (outcomes: Record<string, string>) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ ...read(), ...outcomes }));
    fs.renameSync(tmp, file);
  };
  return { read, add };
}

/** Which of `failed` pass at the base commit: known from this run, or run there in a throwaway worktree. */
async function passingAtBase(input: ImpactCheckInput, w: Where, failed: string[]): Promise<{ passing: string[] } | { problem: string }> {
  const cache = baseCache(w, input.baseSha);
  const known = cache.read();
  const unknown = failed.filter((id) => !(id in known));
  if (unknown.length) {
    const got = await runAtBase(input, w, unknown);
    if ('problem' in got) return got;
    // A test with no outcome at the base (added by the attempt) is recorded as absent, never passing.
    cache.add(Object.fromEntries(unknown.map((id) => [id, got.outcomes.get(id) ?? 'absent'])));
    for (const id of unknown) known[id] = got.outcomes.get(id) ?? 'absent';
  }
  return { passing: failed.filter((id) => known[id] === 'passed') };
}

async function runAtBase(input: ImpactCheckInput, w: Where, failed: string[]): Promise<{ outcomes: Map<string, string> } | { problem: string }> {
  const dir = `${w.dir}-base`;
  const gitLog = { logDir: path.join(w.outDir, 'impact-base-git') };
  try {
    await createTaskWorktree({ repo: input.repoDir, baseSha: input.baseSha, dir }, gitLog);
    linkDependencyDirs(input.repoDir, dir);
    const before = await input.plugin.impactedTests!(impactContext(input, { ...w, dir }, 'impact-base'), failed);
    if (!before.tests) return { problem: before.problem ?? 'no outcomes' };
    return { outcomes: new Map(before.tests.map((t) => [t.nodeId, t.outcome])) };
  } catch (err) {
    return { problem: describeError(err) };
  } finally {
    await removeTaskWorktree(input.repoDir, dir, gitLog).catch(() => undefined);
  }
}

function ranWhat(run: ImpactedTestsRun): string {
  return run.mode === 'full' ? `the full suite (${run.reason})` : run.mode === 'impacted' ? `the impacted tests (${run.reason})` : run.reason;
}

/**
 * After a task's targeted validation passed: runs the tests the attempt's diff may affect (the
 * plugin decides, falling back to its whole suite when unsure) and rejects the attempt when one
 * that passes at the base commit now fails. Tests failing with the change are re-run at the base
 * in a throwaway worktree, so failures that were already there never block a fix. A run that
 * produced nothing trustworthy rejects too: an unproven "nothing broke" is not green.
 */
export async function checkImpactedTests(input: ImpactCheckInput, w: Where): Promise<ImpactCheck> {
  if (!input.plugin.impactedTests) return { ok: true, reason: `plugin ${input.plugin.id} has no test impact: only the task's targets were run`, broken: [], ran: [] };
  const after = await input.plugin.impactedTests(impactContext(input, w, 'impact'));
  if (after.mode === 'none') return { ok: true, reason: `no other test is impacted: ${after.reason}`, broken: [], ran: [] };
  if (!after.tests) return { ok: false, reason: `the impacted tests could not be run: ${after.problem ?? 'no outcomes'} — ran ${ranWhat(after)}`, broken: [], ran: [] };
  const ran = after.tests.map((t) => t.nodeId);
  const failed = failing(after.tests);
  if (failed.length === 0) return { ok: true, reason: `ran ${ran.length} test(s), ${ranWhat(after)}: none fails`, broken: [], ran };
  const base = await passingAtBase(input, w, failed);
  if ('problem' in base) return { ok: false, reason: `${failed.length} impacted test(s) fail with the change (${failed.slice(0, 10).join(', ')}) and could not be checked at the base commit: ${base.problem}`, broken: [], ran };
  const before = failed.length - base.passing.length;
  const already = before ? `; ${before} failed before the change too` : '';
  if (base.passing.length === 0) return { ok: true, reason: `ran ${ran.length} test(s), ${ranWhat(after)}: no test that passed before fails${already}`, broken: [], ran };
  const names = base.passing.slice(0, 20).join(', ') + (base.passing.length > 20 ? `, …and ${base.passing.length - 20} more` : '');
  return { ok: false, reason: `the change breaks ${base.passing.length} previously passing test(s): ${names} (they pass at the base commit and fail with the change; ran ${ranWhat(after)}${already})`, broken: base.passing, ran };
}
