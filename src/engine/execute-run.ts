import fs from 'node:fs';
import path from 'node:path';
import { AtqosError, describeError } from '../core/index.js';
import type { Finding, Run, Task, TestResult } from '../core/index.js';
import { loadConfig } from '../config/index.js';
import type { AtqosConfig } from '../config/index.js';
import type { Logger, Plugin } from '../plugin/contract.js';
import { buildToolEnv } from '../runner/index.js';
import { openStore, RunRecorder } from '../store/index.js';
import { writeFileAtomic, writeReports, runCounts } from '../reports/index.js';
import type { ToolOutcome } from '../reports/index.js';
import { silentLogger } from './logger.js';
import { createRunDir, ensureRunRoot, newRunId } from './run-dir.js';
import { selectPlugins } from './resolve-plugins.js';
import type { SelectedPlugin } from './resolve-plugins.js';
import { runPlugin } from './run-plugin.js';
import { planTasks } from './plan-tasks.js';
import { conclude } from './conclude.js';
import { gitHead } from './git-head.js';
import { resolveRepo } from './resolve-repo.js';
import { indexRun } from './index-run.js';
import { releaseRunLock, takeRunLock } from './run-lock.js';

export interface RunOptions {
  repoDir: string;
  registry: ReadonlyMap<string, Plugin>;
  command: string;
  lane?: string;
  configPath?: string;
  /** Overrides lane selection, e.g. the junit plugin for `ingest`. */
  plugins?: (config: AtqosConfig) => SelectedPlugin[];
  /** Called with the new run dir before any plugin runs (e.g. to copy ingested files in). */
  prepare?: (runDir: string) => void;
  parentEnv?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  log?: Logger;
}

export interface RunOutcome {
  run: Run;
  runDir: string;
  findings: Finding[];
  tests: TestResult[];
  tasks: Task[];
  tools: ToolOutcome[];
  reports: string[];
}

/** Keeps one finding per fingerprint (the first), so reports and tasks never double-count. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.fingerprint) ? false : (seen.add(f.fingerprint), true)));
}

/**
 * One run: collect → normalize → plan → report, each state change recorded in the run's store and
 * events.jsonl. Whatever fails inside, the run is finished, reported and indexed, never lost.
 */
export async function executeRun(opts: RunOptions): Promise<RunOutcome> {
  const log = opts.log ?? silentLogger;
  const repoDir = resolveRepo(opts.repoDir);
  const { config, source } = loadConfig(repoDir, opts.configPath);
  const lane = opts.lane ?? config.defaultLane;
  const selected = opts.plugins ? opts.plugins(config) : await selectPlugins(config, lane, opts.registry, repoDir);
  if (selected.length === 0) {
    throw new AtqosError('nothing_to_run', `no plugin applies to ${repoDir} in lane "${lane}"`, {
      hint: `no test suite was detected (for pytest: pytest.ini, pyproject.toml [tool.pytest.ini_options], setup.cfg, tox.ini, conftest.py or test_*.py files); or list plugins in lanes.${lane}.plugins`,
    });
  }
  const runRoot = ensureRunRoot(repoDir, config.runs.dir);
  const runId = newRunId();
  const runDir = createRunDir(runRoot, runId);
  takeRunLock(runDir);
  const env = buildToolEnv(opts.parentEnv ?? process.env, { allow: config.env.allow, set: config.env.set });
  const timeoutMs = (config.lanes[lane]?.timeoutSec ?? 0) * 1000;
  const signals = [opts.signal, timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => !!s);
  const signal = AbortSignal.any(signals);
  const startedAt = new Date();
  const store = openStore(path.join(runDir, 'state.db'));
  const recorder = new RunRecorder(store, { runId, runDir });
  let run: Run = { id: runId, repo: repoDir, lane, command: opts.command, status: 'running', startedAt: startedAt.toISOString(), findingCount: 0 };
  const findings: Finding[] = [];
  const tests: TestResult[] = [];
  const tools: ToolOutcome[] = [];
  let tasks: Task[] = [];
  recorder.record('run.started', { lane, command: opts.command, config: source ?? 'embedded defaults', plugins: selected.map((s) => s.plugin.id) }, (tx) => tx.insertRun(run));
  log.info({ run: runId, lane, plugins: selected.map((s) => s.plugin.id).join(',') }, 'run started');
  try {
    writeFileAtomic(path.join(runDir, 'config.resolved.json'), `${JSON.stringify({ source: source ?? null, lane, config }, null, 2)}\n`);
    run.baseSha = await gitHead(repoDir, runDir, env);
    opts.prepare?.(runDir);
    const perPlugin: { plugin: Plugin; options: unknown; findings: Finding[] }[] = [];
    for (const sel of selected) {
      recorder.record('plugin.started', { plugin: sel.plugin.id });
      log.info({ plugin: sel.plugin.id }, 'collecting');
      const pr = await runPlugin({ selected: sel, repoDir, runDir, runStartedAtMs: startedAt.getTime(), env, maxOutputBytes: config.runs.maxOutputBytes, signal, log });
      const own = dedupe(pr.output.findings);
      findings.push(...own);
      tests.push(...pr.output.tests);
      tools.push(pr.outcome);
      perPlugin.push({ plugin: sel.plugin, options: sel.options, findings: own });
      const artifacts = (pr.collect?.artifacts ?? []).filter((a) => a.exists).map((a) => ({ path: a.path, kind: 'raw', bytes: a.bytes }));
      recorder.record('plugin.finished', { plugin: sel.plugin.id, exitCode: pr.outcome.exitCode, trustworthy: pr.outcome.trustworthy, findings: own.length, tests: pr.output.tests.length, notes: pr.outcome.notes }, (tx) => {
        tx.upsertFindings(runId, own);
        tx.insertTestResults(runId, pr.output.tests);
        tx.insertArtifacts(runId, artifacts);
      });
      log.info({ plugin: sel.plugin.id, findings: own.length, tests: pr.output.tests.length, trustworthy: pr.outcome.trustworthy }, 'collected');
    }
    tasks = planTasks(runId, perPlugin);
    recorder.record('tasks.planned', { tasks: tasks.length }, (tx) => tx.insertTasks(tasks));
    run.conclusion = signal.aborted ? 'error' : conclude(tools, findings);
    run.status = opts.signal?.aborted ? 'interrupted' : 'finished';
    if (signal.aborted && !opts.signal?.aborted) run.error = `lane timeout of ${timeoutMs / 1000} s reached`;
  } catch (err) {
    log.warn({ run: runId, error: describeError(err) }, 'run crashed');
    run = { ...run, status: 'crashed', conclusion: 'error', error: describeError(err) };
  }
  return finish({ run: { ...run, findingCount: findings.length }, runDir, runRoot, recorder, store, findings, tests, tasks, tools, log });
}

function finish(s: {
  run: Run; runDir: string; runRoot: string; recorder: RunRecorder; store: ReturnType<typeof openStore>;
  findings: Finding[]; tests: TestResult[]; tasks: Task[]; tools: ToolOutcome[]; log: Logger;
}): RunOutcome {
  const run: Run = { ...s.run, finishedAt: new Date().toISOString() };
  const input = { run, findings: s.findings, tests: s.tests, tasks: s.tasks, tools: s.tools };
  run.counts = runCounts(input);
  const reports = writeReports(s.runDir, input);
  const reportArtifacts = reports.map((p) => ({ path: p, kind: 'report', bytes: fs.statSync(path.join(s.runDir, p)).size }));
  s.recorder.record('run.finished', { status: run.status, conclusion: run.conclusion, findings: run.findingCount, error: run.error }, (tx) => {
    tx.insertArtifacts(run.id, reportArtifacts);
    tx.updateRun(run.id, run);
  });
  s.store.close();
  releaseRunLock(s.runDir);
  indexRun(s.runRoot, s.runDir, run.id, s.log);
  s.log.info({ run: run.id, conclusion: run.conclusion, findings: run.findingCount }, 'run finished');
  return { run, runDir: s.runDir, findings: s.findings, tests: s.tests, tasks: s.tasks, tools: s.tools, reports };
}
