import fs from 'node:fs';
import path from 'node:path';
import { crashPoint, describeError } from '../core/index.js';
import type { Finding, Run, Task, TestResult } from '../core/index.js';
import type { EarlierResult, Plugin } from '../plugin/contract.js';
import { pluginContext } from './plugin-context.js';
import { supersede } from './supersede.js';
import { writePluginReports } from './plugin-reports.js';
import { openStore, RunRecorder } from '../store/index.js';
import type { Store } from '../store/index.js';
import { writeFileAtomic, writeReports, runCounts } from '../reports/index.js';
import type { ToolOutcome } from '../reports/index.js';
import { prepareRun, storePath } from './prepare-run.js';
import type { PreparedRun, RemediationSummary, RunOptions } from './prepare-run.js';
import type { SelectedPlugin } from './resolve-plugins.js';
import { runPlugin } from './run-plugin.js';
import type { PluginRun } from './run-plugin.js';
import { planTasks } from './plan-tasks.js';
import { conclude } from './conclude.js';
import { gitHead } from './git-head.js';
import { diagnoseRun } from './diagnose-run.js';
import { indexRun } from './index-run.js';
import { releaseRunLock } from './run-lock.js';
import type { PriorState } from './resume/prior-state.js';

export type { RunOptions } from './prepare-run.js';

export interface RunOutcome {
  run: Run;
  remediation?: RemediationSummary;
  runDir: string;
  findings: Finding[];
  tests: TestResult[];
  tasks: Task[];
  tools: ToolOutcome[];
  reports: string[];
}

interface Collected {
  findings: Finding[];
  tests: TestResult[];
  tools: ToolOutcome[];
  perPlugin: { plugin: Plugin; options: unknown; findings: Finding[] }[];
  earlier: EarlierResult[];
}

/** Keeps one finding per fingerprint (the first), so reports and tasks never double-count. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.fingerprint) ? false : (seen.add(f.fingerprint), true)));
}

function startPlugin(p: PreparedRun, selected: SelectedPlugin, earlier: readonly EarlierResult[]): Promise<PluginRun> {
  p.log.info({ plugin: selected.plugin.id }, 'collecting');
  return runPlugin({
    ...pluginContext(p), earlier: [...earlier], selected, repoDir: p.repoDir, runDir: p.runDir, runStartedAtMs: p.startedAt.getTime(),
    env: p.env, maxOutputBytes: p.config.runs.maxOutputBytes, signal: p.signal, log: p.log,
  });
}

function recordPlugin(recorder: RunRecorder, runId: string, runDir: string, pr: PluginRun, acc: Collected, sel: SelectedPlugin): void {
  const own = dedupe(pr.output.findings);
  acc.findings.push(...own);
  acc.tests.push(...pr.output.tests);
  acc.tools.push(pr.outcome);
  acc.perPlugin.push({ plugin: sel.plugin, options: sel.options, findings: own });
  acc.earlier.push({ plugin: sel.plugin.id, tests: pr.output.tests, findings: own, trustworthy: pr.outcome.trustworthy });
  const artifacts = [
    ...(pr.collect?.artifacts ?? []).filter((a) => a.exists).map((a) => ({ path: a.path, kind: 'raw', bytes: a.bytes })),
    ...writePluginReports(runDir, pr.output.reports),
  ];
  recorder.record('plugin.finished', { plugin: sel.plugin.id, exitCode: pr.outcome.exitCode, trustworthy: pr.outcome.trustworthy, findings: own.length, tests: pr.output.tests.length, notes: pr.outcome.notes, outcome: pr.outcome }, (tx) => {
    tx.upsertFindings(runId, own);
    tx.insertTestResults(runId, pr.output.tests);
    tx.insertArtifacts(runId, artifacts);
  });
}

/** Removes findings a later plugin explained better (a flaky test's failure), from the store too. */
function dropSuperseded(recorder: RunRecorder, runId: string, acc: Collected): void {
  const { kept, dropped } = supersede(acc.findings);
  if (dropped.length === 0) return;
  const gone = new Set(dropped.map((f) => f.fingerprint));
  acc.findings = kept;
  for (const pp of acc.perPlugin) pp.findings = pp.findings.filter((f) => !gone.has(f.fingerprint));
  recorder.record('findings.superseded', { fingerprints: [...gone], by: kept.filter((f) => f.supersedes?.some((fp) => gone.has(fp))).map((f) => f.fingerprint) }, (tx) => tx.deleteFindings(runId, [...gone]));
}

/**
 * One run: collect → normalize → plan → report, each state change recorded in the run's store and
 * events.jsonl. The first tool starts before the store is opened, so book-keeping overlaps with
 * it instead of adding to the wall time. Whatever fails inside, the run is finished, reported and
 * indexed, never lost.
 */
export async function executeRun(opts: RunOptions): Promise<RunOutcome> {
  return driveRun(await prepareRun(opts), opts);
}

/**
 * Carries a prepared run to its end. With `prior` (`atqos resume`), the run continues from what
 * its store holds: a finished collection and plan are kept, finished attempts are never redone.
 */
export async function driveRun(p: PreparedRun, opts: Pick<RunOptions, 'command' | 'prepare' | 'remediate' | 'signal'>, prior?: PriorState): Promise<RunOutcome> {
  const collect = !prior?.planned;
  const [first, ...rest] = p.selected;
  let firstRun: Promise<PluginRun> | undefined;
  let prepareError: unknown;
  try {
    // Written first: it is what a resume of this run reads back, whenever the run is killed.
    if (!prior) writeFileAtomic(path.join(p.runDir, 'config.resolved.json'), `${JSON.stringify({ source: p.configSource ?? null, lane: p.lane, config: p.config }, null, 2)}\n`);
    if (!prior) opts.prepare?.(p.runDir);
    if (first && collect && !prior) firstRun = startPlugin(p, first, []);
  } catch (err) {
    prepareError = err;
  }
  let store: Store;
  let recorder: RunRecorder;
  try {
    store = openStore(storePath(p.runDir));
    recorder = new RunRecorder(store, { runId: p.runId, runDir: p.runDir });
  } catch (err) {
    // The first tool is already running: stop it before giving up, so nothing is left behind.
    p.abort(err);
    await firstRun?.catch(() => undefined);
    throw err;
  }
  let run: Run = prior
    ? { ...prior.run, status: 'running' }
    : { id: p.runId, repo: p.repoDir, lane: p.lane, command: opts.command, status: 'running', startedAt: p.startedAt.toISOString(), findingCount: 0 };
  const acc: Collected = prior?.planned
    ? { findings: prior.findings, tests: prior.tests, tools: prior.tools, perPlugin: [], earlier: [] }
    : { findings: [], tests: [], tools: [], perPlugin: [], earlier: [] };
  let tasks: Task[] = prior?.planned ? prior.tasks : [];
  let remediation: RemediationSummary | undefined;
  if (prior) {
    const { error: _e, conclusion: _c, finishedAt: _f, ...reopened } = run;
    run = reopened;
    recorder.record('run.resumed', { previousStatus: prior.run.status, pid: process.pid, keeps: prior.planned ? 'collection and plan' : 'nothing (collection runs again)', leftovers: prior.leftovers ?? null }, (tx) => {
      tx.updateRun(p.runId, { status: 'running', error: undefined, conclusion: undefined, finishedAt: undefined });
      if (collect) tx.clearCollected(p.runId);
    });
    if (collect) recorder.record('collection.restarted', { plugins: p.selected.map((s) => s.plugin.id) });
  } else {
    recorder.record('run.started', { lane: p.lane, command: opts.command, config: p.configSource ?? 'embedded defaults', plugins: p.selected.map((s) => s.plugin.id) }, (tx) => tx.insertRun(run));
  }
  p.log.info({ run: p.runId, lane: p.lane, plugins: p.selected.map((s) => s.plugin.id).join(','), resumed: !!prior }, prior ? 'run resumed' : 'run started');
  try {
    if (prepareError) throw prepareError;
    if (!run.baseSha) run.baseSha = await gitHead(p.repoDir, p.runDir, p.env);
    if (collect) {
      for (const [i, sel] of [first, ...rest].entries()) {
        if (!sel) continue;
        recorder.record('plugin.started', { plugin: sel.plugin.id });
        const pr = i === 0 && firstRun ? await firstRun : await startPlugin(p, sel, acc.earlier);
        recordPlugin(recorder, p.runId, p.runDir, pr, acc, sel);
        p.log.info({ plugin: sel.plugin.id, findings: pr.output.findings.length, tests: pr.output.tests.length, trustworthy: pr.outcome.trustworthy }, 'collected');
      }
      dropSuperseded(recorder, p.runId, acc);
      tasks = planTasks(p.runId, p.repoDir, acc.perPlugin);
      recorder.record('tasks.planned', { tasks: tasks.length, baseSha: run.baseSha ?? null }, (tx) => {
        tx.insertTasks(tasks);
        if (run.baseSha) tx.updateRun(p.runId, { baseSha: run.baseSha });
      });
    }
    let stopped = () => p.signal.aborted;
    if (opts.remediate && tasks.length && !p.signal.aborted) {
      // Read-only root-cause notes on failing findings (agents.diagnose; off by default). A
      // resumed run keeps what it had: its findings come back from the store without notes.
      if (!prior?.planned) acc.findings = await diagnoseRun(p, recorder, run.baseSha, acc.findings);
      if (!p.signal.aborted) {
        remediation = await opts.remediate({ prepared: p, recorder, baseSha: run.baseSha, tasks, findings: acc.findings, ...(prior ? { prior } : {}) });
        tasks = remediation.tasks;
        // A remediation that kept within the lane budget ended gracefully, with its stop reason.
        if (remediation.withinLaneBudget) stopped = () => p.interrupt.aborted;
      }
    }
    run.conclusion = stopped() ? 'error' : conclude(acc.tools, acc.findings);
    run.status = opts.signal?.aborted ? 'interrupted' : 'finished';
    if (stopped() && !opts.signal?.aborted) run.error = `lane timeout of ${p.timeoutMs / 1000} s reached`;
  } catch (err) {
    p.log.warn({ run: p.runId, error: describeError(err) }, 'run crashed');
    await firstRun?.catch(() => undefined);
    run = { ...run, status: 'crashed', conclusion: 'error', error: describeError(err) };
  }
  const outcome = finish(p, { ...run, findingCount: acc.findings.length }, recorder, store, acc, tasks, remediation);
  return remediation ? { ...outcome, remediation } : outcome;
}

function finish(p: PreparedRun, done: Run, recorder: RunRecorder, store: Store, acc: Collected, tasks: Task[], remediation?: RemediationSummary): RunOutcome {
  const run: Run = { ...done, finishedAt: new Date().toISOString() };
  const input = { run, findings: acc.findings, tests: acc.tests, tasks, tools: acc.tools, ...(remediation ? { remediation: remediation.report } : {}) };
  run.counts = runCounts(input);
  const reports = writeReports(p.runDir, input);
  crashPoint('run.reports-written');
  const reportArtifacts = reports.map((r) => ({ path: r, kind: 'report', bytes: fs.statSync(path.join(p.runDir, r)).size }));
  recorder.record('run.finished', { status: run.status, conclusion: run.conclusion, findings: run.findingCount, error: run.error }, (tx) => {
    tx.insertArtifacts(run.id, reportArtifacts);
    tx.updateRun(run.id, run);
  });
  store.close();
  releaseRunLock(p.runDir);
  indexRun(p.runRoot, p.runDir, run.id, p.log);
  p.log.info({ run: run.id, conclusion: run.conclusion, findings: run.findingCount }, 'run finished');
  return { run, runDir: p.runDir, findings: acc.findings, tests: acc.tests, tasks, tools: acc.tools, reports };
}
