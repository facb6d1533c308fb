import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AtqosConfig } from '../../config/index.js';
import { AtqosConfig as AtqosConfigSchema, resolveConfig } from '../../config/index.js';
import type { ScheduledRepo, ScheduledRun, Scheduler, SchedulerOptions } from './scheduler.js';
import { createScheduler } from './scheduler.js';
import { ScheduleState } from './state.js';

const A: ScheduledRepo = { owner: 'Acme', repo: 'Widgets', installationId: 1, defaultBranch: 'main' };
const B: ScheduledRepo = { owner: 'acme', repo: 'gadgets', installationId: 1, defaultBranch: 'trunk' };

interface Harness {
  file: string;
  clock: { now: Date };
  dispatched: string[];
  logs: { level: string; msg: string; fields: Record<string, unknown> }[];
  configs: Map<string, () => AtqosConfig | undefined>;
  failNext: number;
  make(over?: Partial<SchedulerOptions>): Scheduler;
}

const open: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.stop()));
});

function harness(): Harness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-schedule-'));
  const h: Harness = {
    file: path.join(dir, 'state', 'app.db'),
    clock: { now: new Date('2025-06-10T12:00:00Z') },
    dispatched: [],
    logs: [],
    configs: new Map([['Widgets', () => resolveConfig({})]]),
    failNext: 0,
    make(over = {}) {
      const log = (level: string) => (fields: Record<string, unknown>, msg: string) => void h.logs.push({ level, msg, fields });
      const scheduler = createScheduler({
        stateFile: h.file,
        listRepos: async () => [A, B].filter((r) => h.configs.has(r.repo)),
        readConfig: async (repo) => h.configs.get(repo.repo)?.(),
        dispatch: async (repo: ScheduledRepo, run: ScheduledRun) => {
          if (h.failNext > 0) {
            h.failNext--;
            throw new Error('502 Bad Gateway');
          }
          h.dispatched.push(`${repo.owner}/${repo.repo} ${run.lane} ${run.command} @${h.clock.now.toISOString()}`);
        },
        log: { info: log('info'), warn: log('warn'), debug: log('debug') },
        now: () => h.clock.now,
        ...over,
      });
      open.push(scheduler);
      return scheduler;
    },
  };
  return h;
}

const set = (h: Harness, iso: string) => (h.clock.now = new Date(iso));
async function stopped(h: Harness, s: Scheduler): Promise<void> {
  await s.stop();
  open.splice(open.indexOf(s), 1);
  expect(h.file).toBeTruthy();
}

describe('createScheduler: the built-in nightly (03:00) and weekly (Sun 04:00) lanes', () => {
  it('does not dispatch fire times from before the repo was first seen, then dispatches each one once', async () => {
    const h = harness();
    const s = h.make();
    expect((await s.tick()).dispatched).toEqual([]);
    set(h, '2025-06-11T02:59:00Z');
    await s.tick();
    expect(h.dispatched).toEqual([]);
    set(h, '2025-06-11T03:00:20Z');
    const report = await s.tick();
    expect(report.dispatched).toEqual([{ repo: 'acme/widgets', lane: 'nightly', fireTime: new Date('2025-06-11T03:00:00Z') }]);
    set(h, '2025-06-11T03:01:00Z');
    await s.tick();
    expect(h.dispatched).toEqual(['Acme/Widgets nightly diagnose @2025-06-11T03:00:20.000Z']);
  });

  it('a restart (a new scheduler on the same file) does not dispatch again', async () => {
    const h = harness();
    const first = h.make();
    await first.tick();
    set(h, '2025-06-11T03:00:30Z');
    await first.tick();
    await stopped(h, first);
    set(h, '2025-06-11T03:02:00Z');
    const second = h.make();
    expect((await second.tick()).dispatched).toEqual([]);
    expect(h.dispatched).toHaveLength(1);
  });

  it('a fire time missed while the App was down is dispatched once after the restart', async () => {
    const h = harness();
    const first = h.make();
    await first.tick();
    await stopped(h, first);
    set(h, '2025-06-11T09:15:00Z');
    const second = h.make();
    await second.tick();
    set(h, '2025-06-11T09:16:00Z');
    await second.tick();
    expect(h.dispatched).toEqual(['Acme/Widgets nightly diagnose @2025-06-11T09:15:00.000Z']);
  });

  it('after a four-day outage only the latest missed night runs, and a week-old weekly is not run late', async () => {
    const h = harness();
    const first = h.make();
    await first.tick();
    await stopped(h, first);
    set(h, '2025-06-14T12:00:00Z');
    const second = h.make();
    const report = await second.tick();
    expect(report.dispatched.map((d) => `${d.lane} ${d.fireTime.toISOString()}`)).toEqual(['nightly 2025-06-14T03:00:00.000Z']);
    // Sunday 2025-06-15 04:00 is the first weekly fire time after the repo was first seen.
    set(h, '2025-06-16T12:00:00Z');
    expect((await second.tick()).dispatched.map((d) => d.lane)).toEqual(['nightly']);
    set(h, '2025-06-22T04:00:00Z');
    expect((await second.tick()).dispatched.map((d) => d.lane)).toEqual(['nightly', 'weekly']);
  });

  it('a longer catch-up window runs a weekly missed during a three-day outage', async () => {
    const h = harness();
    set(h, '2025-06-13T12:00:00Z');
    const first = h.make({ catchUpMs: 7 * 86_400_000 });
    await first.tick();
    await stopped(h, first);
    set(h, '2025-06-18T12:00:00Z');
    const second = h.make({ catchUpMs: 7 * 86_400_000 });
    expect((await second.tick()).dispatched.map((d) => `${d.lane} ${d.fireTime.toISOString()}`)).toEqual([
      'nightly 2025-06-18T03:00:00.000Z', 'weekly 2025-06-15T04:00:00.000Z',
    ]);
  });

  it('two schedulers on one state file dispatch each fire time once', async () => {
    const h = harness();
    const [one, two] = [h.make(), h.make()];
    await Promise.all([one.tick(), two.tick()]);
    set(h, '2025-06-11T03:00:00Z');
    const reports = await Promise.all([one.tick(), two.tick(), one.tick(), two.tick()]);
    // A scheduler's second tick() joins its first (the same report); the two schedulers race.
    expect(reports[2]).toBe(reports[0]);
    expect([reports[0], reports[1]].flatMap((r) => r?.dispatched ?? [])).toHaveLength(1);
    expect(h.dispatched).toHaveLength(1);
    const state = new ScheduleState(h.file);
    expect(state.dispatched('acme/widgets', 'nightly')).toEqual([new Date('2025-06-11T03:00:00Z')]);
    state.close();
  });

  it('a failed dispatch is released and retried on the next tick', async () => {
    const h = harness();
    const s = h.make();
    await s.tick();
    set(h, '2025-06-11T03:00:00Z');
    h.failNext = 1;
    const failed = await s.tick();
    expect(failed.dispatched).toEqual([]);
    expect(failed.failed).toEqual([{ repo: 'acme/widgets', lane: 'nightly', error: '502 Bad Gateway' }]);
    expect(h.logs.find((l) => l.level === 'warn')?.msg).toBe('schedule: dispatch failed; retried next tick');
    set(h, '2025-06-11T03:01:00Z');
    expect((await s.tick()).dispatched).toHaveLength(1);
    expect(h.dispatched).toEqual(['Acme/Widgets nightly diagnose @2025-06-11T03:01:00.000Z']);
  });
});

describe('createScheduler: repos without schedules and broken configs', () => {
  it('does nothing for a repo without a config or whose lanes have no cron', async () => {
    const h = harness();
    h.configs.set('Widgets', () => undefined);
    h.configs.set('gadgets', () => AtqosConfigSchema.parse({ lanes: { pr: {}, health: { plugins: ['pytest'] } } }));
    const s = h.make();
    await s.tick();
    set(h, '2025-06-22T04:00:00Z');
    expect(await s.tick()).toEqual({ dispatched: [], failed: [] });
    expect(h.logs).toEqual([]);
  });

  it('a broken config in one repo is logged and the others still run', async () => {
    const h = harness();
    h.configs.set('Widgets', () => resolveConfig({ lanes: { nightly: { cron: 'every night' } } }));
    h.configs.set('gadgets', () => resolveConfig({ lanes: { hourly: { cron: '0 * * * *' }, bad: { cron: '60 3 * * *' } } }));
    const s = h.make();
    await s.tick();
    set(h, '2025-06-10T13:00:00Z');
    const report = await s.tick();
    expect(report.dispatched.map((d) => `${d.repo} ${d.lane}`)).toEqual(['acme/gadgets hourly']);
    expect(report.failed.map((f) => `${f.repo} ${f.lane ?? ''}`)).toEqual(['acme/widgets ', 'acme/gadgets bad']);
    const warnings = h.logs.filter((l) => l.level === 'warn');
    expect(warnings[0]?.fields.error).toContain('`lanes.nightly.cron` is not a cron expression');
    expect(warnings.some((w) => String(w.fields.error).includes('minute 60 is outside 0-59'))).toBe(true);
  });

  it('a failed repository listing is logged and the tick dispatches nothing', async () => {
    const h = harness();
    const s = h.make({ listRepos: async () => Promise.reject(new Error('401 Bad credentials')) });
    expect(await s.tick()).toEqual({ dispatched: [], failed: [{ repo: '*', error: '401 Bad credentials' }] });
    expect(h.logs[0]?.msg).toBe('schedule: could not list the installed repositories');
  });

  it('start() ticks at once and on its interval; stop() ends it', async () => {
    const h = harness();
    const warm = h.make();
    await warm.tick();
    await stopped(h, warm);
    set(h, '2025-06-11T03:00:00Z');
    const s = h.make();
    s.start(5);
    await vi.waitFor(() => expect(h.dispatched).toHaveLength(1));
    set(h, '2025-06-12T03:00:00Z');
    await vi.waitFor(() => expect(h.dispatched).toHaveLength(2));
    await stopped(h, s);
    set(h, '2025-06-13T03:00:00Z');
    await new Promise((r) => setTimeout(r, 30));
    expect(h.dispatched).toHaveLength(2);
  });

  it('says which file it could not open and what to set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-schedule-'));
    const notADir = path.join(dir, 'file');
    fs.writeFileSync(notADir, 'x');
    expect(() => new ScheduleState(path.join(notADir, 'app.db'))).toThrow(/cannot open the App's schedule state/);
  });
});
