import type { AtqosConfig } from '../../config/index.js';
import { describeError } from '../../core/index.js';
import type { Logger } from '../../plugin/contract.js';
import { parseCron } from './cron.js';
import { previousFireTime } from './fire-time.js';
import type { FireKey } from './state.js';
import { ScheduleState } from './state.js';

/** A repository the App is installed on. */
export interface ScheduledRepo {
  owner: string;
  repo: string;
  installationId: number;
  defaultBranch: string;
}

/** What a scheduled lane asks the workflow to do: diagnose the default branch's head. */
export interface ScheduledRun {
  lane: string;
  command: 'diagnose';
  sha?: undefined;
}

export interface SchedulerOptions {
  /** The SQLite file that makes schedules survive restarts (e.g. ATQOS_APP_STATE). */
  stateFile: string;
  listRepos: () => Promise<ScheduledRepo[]>;
  /** The repo's resolved `.github/atqos.yml`; undefined when it has none (nothing is scheduled). */
  readConfig: (repo: ScheduledRepo) => Promise<AtqosConfig | undefined>;
  dispatch: (repo: ScheduledRepo, run: ScheduledRun) => Promise<void>;
  log: Logger;
  now?: () => Date;
  /** A missed fire time older than this is not dispatched late. Default 24 h. */
  catchUpMs?: number;
}

/** What one tick dispatched and what failed. */
export interface TickReport {
  dispatched: FireKey[];
  failed: { repo: string; lane?: string; error: string }[];
}

export interface Scheduler {
  /** Dispatches every lane whose latest fire time is due and not yet dispatched by anyone. */
  tick(): Promise<TickReport>;
  /** Ticks now and then every `intervalMs` (default 60 s). */
  start(intervalMs?: number): void;
  /** Stops ticking, waits for a tick in flight, and closes the state file. */
  stop(): Promise<void>;
}

export const DEFAULT_CATCH_UP_MS = 24 * 3_600_000;
export const DEFAULT_TICK_MS = 60_000;

/**
 * Lane crons from each installed repo's config turned into workflow dispatches, at most once per
 * fire time across restarts and App processes sharing `stateFile`. Only the latest fire time of a
 * lane is ever due, so an outage costs at most one late run per lane, never a burst; a repo or
 * lane schedule first seen after a fire time does not dispatch it. A claim is made before the
 * dispatch and undone when the dispatch fails, so the next tick retries.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const state = new ScheduleState(options.stateFile);
  const now = options.now ?? (() => new Date());
  const catchUpMs = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  const { log } = options;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<TickReport> | undefined;

  async function tickRepos(): Promise<TickReport> {
    const report: TickReport = { dispatched: [], failed: [] };
    let repos: ScheduledRepo[];
    try {
      repos = await options.listRepos();
    } catch (err) {
      log.warn({ error: describeError(err) }, 'schedule: could not list the installed repositories');
      report.failed.push({ repo: '*', error: describeError(err) });
      return report;
    }
    for (const repo of repos) await tickRepo(repo, report);
    state.prune(new Date(now().getTime() - 2 * Math.max(catchUpMs, DEFAULT_CATCH_UP_MS)));
    return report;
  }

  async function tickRepo(repo: ScheduledRepo, report: TickReport): Promise<void> {
    const name = `${repo.owner}/${repo.repo}`.toLowerCase();
    let config: AtqosConfig | undefined;
    try {
      config = await options.readConfig(repo);
    } catch (err) {
      log.warn({ repo: name, error: describeError(err) }, 'schedule: config unreadable; its lanes are not scheduled this tick');
      report.failed.push({ repo: name, error: describeError(err) });
      return;
    }
    for (const [lane, { cron }] of Object.entries(config?.lanes ?? {})) {
      if (cron) await tickLane(repo, name, lane, cron, report);
    }
  }

  async function tickLane(repo: ScheduledRepo, name: string, lane: string, cron: string, report: TickReport): Promise<void> {
    const at = now();
    let due: Date;
    try {
      due = previousFireTime(parseCron(cron), at);
    } catch (err) {
      log.warn({ repo: name, lane, cron, error: describeError(err) }, 'schedule: lane cron is not usable');
      report.failed.push({ repo: name, lane, error: describeError(err) });
      return;
    }
    if (due < state.firstSeen(name, lane, cron.trim(), at)) return;
    if (at.getTime() - due.getTime() > catchUpMs) return;
    const key = { repo: name, lane, fireTime: due };
    if (!state.claim(key, at)) return;
    try {
      await options.dispatch(repo, { lane, command: 'diagnose' });
    } catch (err) {
      state.release(key);
      log.warn({ repo: name, lane, fireTime: due.toISOString(), error: describeError(err) }, 'schedule: dispatch failed; retried next tick');
      report.failed.push({ repo: name, lane, error: describeError(err) });
      return;
    }
    log.info({ repo: name, lane, fireTime: due.toISOString() }, 'schedule: workflow dispatched');
    report.dispatched.push(key);
  }

  const tick = (): Promise<TickReport> => {
    // One tick at a time: a slow one is joined, not overlapped.
    inFlight ??= tickRepos().finally(() => (inFlight = undefined));
    return inFlight;
  };

  return {
    tick,
    start(intervalMs = DEFAULT_TICK_MS) {
      if (timer) return;
      const run = () => void tick().catch((err: unknown) => log.warn({ error: describeError(err) }, 'schedule: tick failed'));
      timer = setInterval(run, intervalMs);
      timer.unref();
      run();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await inFlight?.catch(() => undefined);
      state.close();
    },
  };
}
