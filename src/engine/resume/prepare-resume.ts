import fs from 'node:fs';
import path from 'node:path';
import { AtqosError } from '../../core/index.js';
import { AtqosConfig, loadConfig } from '../../config/index.js';
import { openStore } from '../../store/index.js';
import { silentLogger } from '../logger.js';
import { parsePluginOptions } from '../resolve-plugins.js';
import { resolveRepo } from '../resolve-repo.js';
import { ensureRunRoot } from '../run-dir.js';
import { isRunLive, takeRunLock } from '../run-lock.js';
import { runControls, storePath } from '../prepare-run.js';
import type { PreparedRun, RunOptions } from '../prepare-run.js';
import { loadPriorState } from './prior-state.js';
import type { PriorState } from './prior-state.js';
import type { ChangeSet } from '../../plugin/contract.js';
import { laneContext } from '../lane-context.js';

export interface ResumeOptions extends Pick<RunOptions, 'repoDir' | 'registry' | 'configPath' | 'parentEnv' | 'signal' | 'log'> {
  /** The run id, or an unambiguous prefix of it. */
  runId: string;
}

/** Commands whose runs can be continued; `ingest` copies its input first, so rerun it instead. */
const RESUMABLE = new Set(['diagnose', 'run']);

function findRunDir(runRoot: string, idOrPrefix: string): string {
  const runs = path.join(runRoot, 'runs');
  const ids = fs.existsSync(runs) ? fs.readdirSync(runs).filter((id) => id === idOrPrefix || id.startsWith(idOrPrefix)) : [];
  const exact = ids.find((id) => id === idOrPrefix);
  if (exact || ids.length === 1) return path.join(runs, exact ?? (ids[0] as string));
  throw new AtqosError(ids.length ? 'run_id_ambiguous' : 'run_unknown', ids.length ? `run id "${idOrPrefix}" is ambiguous: ${ids.slice(0, 5).join(', ')}` : `no run "${idOrPrefix}" under ${runs}`, {
    hint: '`atqos runs list` shows the runs and their ids',
  });
}

/**
 * The config the run started with: a resumed run keeps its lane, plugins and budgets. The saved
 * copy has secrets redacted; if it lost one (a token in `env.set`), the config file is read again.
 */
function savedConfig(runDir: string, current: () => AtqosConfig): { config: AtqosConfig; lane: string; source: string | undefined; changes: ChangeSet | undefined } {
  const file = path.join(runDir, 'config.resolved.json');
  try {
    const text = fs.readFileSync(file, 'utf8');
    const saved = JSON.parse(text) as { source?: string | null; lane?: string; config?: unknown; changes?: ChangeSet | null };
    const config = text.includes('[REDACTED') ? current() : AtqosConfig.parse(saved.config);
    return { config, lane: String(saved.lane), source: saved.source ?? undefined, changes: saved.changes ?? undefined };
  } catch (err) {
    throw new AtqosError('run_not_resumable', `${file} is missing or unreadable, so the run cannot be continued with its own settings`, {
      hint: 'the run stopped before it did any work: start a new one with `atqos run`',
      cause: err,
    });
  }
}

/**
 * Everything `atqos resume` needs: the stopped run's directory (locked again), its saved config
 * and plugins, and what it had done. Refuses a live, finished or unknown run with a hint.
 */
export function prepareResume(opts: ResumeOptions): { prepared: PreparedRun; prior: PriorState } {
  const log = opts.log ?? silentLogger;
  const repoDir = resolveRepo(opts.repoDir);
  const current = loadConfig(repoDir, opts.configPath).config;
  const runRoot = ensureRunRoot(repoDir, current.runs.dir);
  const runDir = findRunDir(runRoot, opts.runId);
  const runId = path.basename(runDir);
  if (isRunLive(runDir)) {
    throw new AtqosError('run_live', `run ${runId} is still running`, { hint: 'wait for it, or stop it (Ctrl-C or kill) and then resume it' });
  }
  const { config, lane, source, changes } = savedConfig(runDir, () => current);
  const store = openStore(storePath(runDir));
  let prior: PriorState | undefined;
  try {
    prior = loadPriorState(store, runId);
  } finally {
    store.close();
  }
  if (!prior) throw new AtqosError('run_not_resumable', `run ${runId} has no record of itself in its state.db`, { hint: 'the run stopped before it started: start a new one' });
  if (prior.run.status === 'finished') {
    throw new AtqosError('run_finished', `run ${runId} already finished (${prior.run.conclusion ?? 'no conclusion'}); there is nothing to resume`, { hint: 'start a new run with `atqos run`' });
  }
  if (!RESUMABLE.has(prior.run.command)) {
    throw new AtqosError('run_not_resumable', `run ${runId} is an \`atqos ${prior.run.command}\` run, which cannot be resumed`, { hint: `rerun \`atqos ${prior.run.command}\`` });
  }
  const options = parsePluginOptions(config, opts.registry);
  const selected = prior.plugins.map((id) => {
    const plugin = opts.registry.get(id);
    if (!plugin) throw new AtqosError('run_not_resumable', `run ${runId} used plugin "${id}", which this ATQOS does not have`, { hint: 'resume it with the ATQOS version that started it' });
    return { plugin, options: options.has(id) ? options.get(id) : plugin.parseOptions(undefined) };
  });
  takeRunLock(runDir);
  const prepared: PreparedRun = {
    runId, runDir, runRoot, repoDir, lane, config, configSource: source, selected, log,
    laneContext: laneContext(config, lane), ...(changes ? { changes } : {}),
    startedAt: new Date(prior.run.startedAt),
    ...runControls(config, lane, opts),
  };
  return { prepared, prior };
}
