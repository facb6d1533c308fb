import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../core/index.js';
import type { Finding } from '../core/index.js';
import type { Plugin } from '../plugin/contract.js';
import { openStore, listRuns, findingsForRun } from '../store/index.js';
import { executeRun } from './execute-run.js';
import { reconcileRuns } from './reconcile-runs.js';
import { silentLogger } from './logger.js';

const exitBin = path.resolve('fixtures/bin/exit-code.js');

/** A plugin that runs a real fixture executable and then behaves as each case needs. */
function plugin(id: string, behave: { collect?: 'throw'; normalize?: 'throw' | 'bad-record' | 'ok' | 'empty' }): Plugin {
  const finding: Finding = {
    tool: id, kind: 'test_failure', severity: 'high', category: 'assertion', scope: { nodeId: 't::a' },
    fingerprint: 'b'.repeat(40), title: 't::a failed', message: 'assert 1 == 2', evidence: { sourceFiles: [] }, artifacts: [],
  };
  return {
    id,
    description: `test plugin ${id}`,
    detect: async () => true,
    parseOptions: (raw) => raw ?? {},
    async collect(ctx) {
      const exec = await ctx.exec('tool', { argv: [exitBin, '1'] });
      if (behave.collect === 'throw') throw new Error('collector exploded');
      return { exec, artifacts: [ctx.artifact('stdout', `${ctx.rawDir}/tool.stdout`)] };
    },
    normalize() {
      if (behave.normalize === 'throw') throw new TypeError("Cannot read properties of undefined (reading 'cases')");
      if (behave.normalize === 'empty') return { findings: [], tests: [], counts: undefined, trustworthy: true, notes: [] };
      const bad = { ...finding, fingerprint: 'not-a-fingerprint' };
      const findings = behave.normalize === 'bad-record' ? [finding, bad as Finding] : [finding];
      return {
        findings,
        tests: [{ tool: id, nodeId: 't::a', outcome: 'failed', durationMs: 1 }, { tool: id, nodeId: 't::b', outcome: 'passed', durationMs: 1 }],
        counts: undefined,
        trustworthy: true,
        notes: [],
      };
    },
    plan: ({ findings }) => findings.map((f) => ({
      type: 'fix' as const, tool: id, title: `fix ${f.scope.nodeId}`, findings: [f.fingerprint], targets: { files: [], nodeIds: [] },
      allowedPaths: [], validation: { commands: [], expect: 'exit-zero' as const, repeat: 1 }, retryPolicy: { maxAttempts: 2 }, priority: 20,
    })),
    validation: () => ({ commands: [], expect: 'exit-zero', repeat: 1 }),
  };
}

function tempRepo(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-engine-'));
}

async function run(p: Plugin, repo = tempRepo()) {
  return executeRun({ repoDir: repo, registry: new Map([[p.id, p]]), command: 'diagnose', log: silentLogger });
}

function events(runDir: string): { type: string; seq: number }[] {
  return fs.readFileSync(path.join(runDir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe('executeRun', () => {
  it('records a healthy red run: findings, tasks, reports, events, index', async () => {
    const out = await run(plugin('fake', { normalize: 'ok' }));
    expect(out.run).toMatchObject({ status: 'finished', conclusion: 'red', findingCount: 1 });
    expect(out.tasks).toHaveLength(1);
    expect(events(out.runDir).map((e) => e.type)).toEqual(['run.started', 'plugin.started', 'plugin.finished', 'tasks.planned', 'run.finished']);
    for (const f of ['findings.json', 'reports/summary.md', 'reports/test-summary.json', 'reports/qa-report.json', 'config.resolved.json', 'raw/fake/tool.stdout']) {
      expect(fs.existsSync(path.join(out.runDir, f)), f).toBe(true);
    }
    expect(fs.existsSync(path.join(out.runDir, 'run.lock'))).toBe(false);
    const index = openStore(path.join(out.runDir, '..', '..', 'state.db'));
    try {
      expect(listRuns(index).map((r) => r.id)).toEqual([out.run.id]);
      expect(findingsForRun(index, out.run.id)).toHaveLength(1);
    } finally {
      index.close();
    }
  });

  it('turns a collect crash into a tool_error finding and an error conclusion, keeping the raw output', async () => {
    const out = await run(plugin('fake', { collect: 'throw' }));
    expect(out.run).toMatchObject({ status: 'finished', conclusion: 'error' });
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ kind: 'tool_error', severity: 'blocker' });
    expect(out.findings[0]?.message).toContain('collector exploded');
    expect(fs.existsSync(path.join(out.runDir, 'raw/fake/tool.stdout'))).toBe(true);
    expect(fs.readFileSync(path.join(out.runDir, 'reports/summary.md'), 'utf8')).toContain('could not diagnose reliably');
  });

  it('turns a normalize crash into an error conclusion, never green', async () => {
    const out = await run(plugin('fake', { normalize: 'throw' }));
    expect(out.run.conclusion).toBe('error');
    expect(out.tools[0]?.trustworthy).toBe(false);
    expect(out.findings[0]?.message).toContain("reading 'cases'");
  });

  it('drops records that do not match the models and says so', async () => {
    const out = await run(plugin('fake', { normalize: 'bad-record' }));
    expect(out.findings.map((f) => f.fingerprint)).toEqual(['b'.repeat(40)]);
    expect(out.tools[0]?.notes.join()).toContain('dropped 1 malformed record');
    expect(out.tools[0]?.trustworthy).toBe(false);
    expect(out.run.conclusion).toBe('error');
  });

  it('is not green when a tool reports nothing at all', async () => {
    const out = await run(plugin('fake', { normalize: 'empty' }));
    expect(out.run.conclusion).toBe('error');
  });

  it('refuses to start when no plugin applies, creating no run', async () => {
    const repo = tempRepo();
    const p = { ...plugin('fake', {}), detect: async () => false };
    await expect(run(p, repo)).rejects.toThrow(AtqosError);
    expect(fs.existsSync(path.join(repo, '.atqos'))).toBe(false);
  });

  it('records an interrupted run as interrupted with an error conclusion', async () => {
    const controller = new AbortController();
    controller.abort();
    const p = plugin('fake', { normalize: 'ok' });
    const out = await executeRun({ repoDir: tempRepo(), registry: new Map([[p.id, p]]), command: 'diagnose', signal: controller.signal, log: silentLogger });
    expect(out.run).toMatchObject({ status: 'interrupted', conclusion: 'error' });
  });
});

describe('reconcileRuns', () => {
  it('closes a run whose process died as crashed, writes its reports and indexes it', async () => {
    const out = await run(plugin('fake', { normalize: 'ok' }));
    // Simulate a process killed mid-run: a second run dir whose store says running and whose lock names a dead pid.
    const runsDir = path.dirname(out.runDir);
    const deadDir = path.join(runsDir, '20200101T000000Z-dead00');
    fs.mkdirSync(deadDir);
    const store = openStore(path.join(deadDir, 'state.db'));
    store.transaction((tx) => tx.insertRun({ id: '20200101T000000Z-dead00', repo: '/x', lane: 'nightly', command: 'diagnose', status: 'running', startedAt: '2020-01-01T00:00:00.000Z', findingCount: 0 }));
    store.close();
    fs.writeFileSync(path.join(deadDir, 'run.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname() }));
    expect(reconcileRuns(path.dirname(runsDir), silentLogger)).toEqual(['20200101T000000Z-dead00']);
    const index = openStore(path.join(path.dirname(runsDir), 'state.db'));
    try {
      const dead = listRuns(index).find((r) => r.id === '20200101T000000Z-dead00');
      expect(dead).toMatchObject({ status: 'crashed', conclusion: 'error' });
    } finally {
      index.close();
    }
    expect(fs.readFileSync(path.join(deadDir, 'reports/summary.md'), 'utf8')).toContain('could not diagnose reliably');
    expect(events(deadDir).at(-1)?.type).toBe('run.abandoned');
    // A second pass changes nothing.
    expect(reconcileRuns(path.dirname(runsDir), silentLogger)).toEqual([]);
  });
});
