import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../core/index.js';
import type { Finding } from '../core/index.js';
import type { Plugin } from '../plugin/contract.js';
import { findingsForRun, openStore } from '../store/index.js';
import { makeRepo, write } from '../git/test-support.js';
import { executeRun } from './execute-run.js';
import { silentLogger } from './logger.js';

const failFp = fingerprint(['first', 'test_failure', 't::flaky']);

function finding(tool: string, kind: Finding['kind'], fp: string, supersedes?: string[]): Finding {
  return {
    tool, kind, severity: 'high', category: 'assertion', scope: { nodeId: 't::flaky' }, fingerprint: fp, title: `${kind} t::flaky`,
    message: 'boom', evidence: { sourceFiles: [] }, artifacts: [], ...(supersedes ? { supersedes } : {}),
  };
}

const base = {
  detect: async () => true,
  parseOptions: (raw: unknown) => raw ?? {},
  plan: () => [],
  validation: () => ({ commands: [], expect: 'exit-zero' as const, repeat: 1 }),
};

/** Runs first: a failing test, a report, and a report name that tries to leave reports/. */
const first: Plugin = {
  ...base, id: 'first', description: 'first test plugin',
  async collect() { return { artifacts: [] }; },
  normalize: () => ({
    findings: [finding('first', 'test_failure', failFp)],
    tests: [{ tool: 'first', nodeId: 't::flaky', outcome: 'failed', durationMs: 3 }],
    counts: undefined, trustworthy: true, notes: [],
    reports: { 'first-summary.json': { ok: 1 }, '../escape.json': { bad: true } },
  }),
};

/** Joins only the weekly lane; writes down what the engine told it, and explains first's failure. */
const second: Plugin = {
  ...base, id: 'second', description: 'second test plugin', lanes: ['weekly'],
  async collect(ctx) {
    const seen = {
      lane: ctx.lane, earlier: ctx.earlier.map((e) => ({ plugin: e.plugin, tests: e.tests.length, findings: e.findings.map((f) => f.fingerprint) })),
      changes: ctx.changes ?? null, history: [...ctx.history('first', ['t::flaky', 't::never'])], prior: ctx.prior('raw/second/seen.json')?.runId ?? null,
    };
    fs.writeFileSync(path.join(ctx.runDir, ctx.rawDir, 'seen.json'), JSON.stringify(seen));
    return { artifacts: [ctx.artifact('seen', `${ctx.rawDir}/seen.json`)] };
  },
  normalize: () => ({ findings: [finding('second', 'flaky_test', fingerprint(['second', 'flaky', 't::flaky']), [failFp])], tests: [], counts: undefined, trustworthy: true, notes: [] }),
};

const registry = new Map<string, Plugin>([[first.id, first], [second.id, second]]);
const seen = (runDir: string) => JSON.parse(fs.readFileSync(path.join(runDir, 'raw/second/seen.json'), 'utf8'));

describe('what the engine gives plugins', () => {
  it('runs a plugin only in the lanes it joins', async () => {
    const { repo } = makeRepo({ 'a.txt': 'a\n' });
    const out = await executeRun({ repoDir: repo, registry, command: 'diagnose', lane: 'nightly', log: silentLogger });
    expect(out.tools.map((t) => t.plugin)).toEqual(['first']);
  });

  it('passes earlier results, changes, history and prior artifacts; applies supersedes; writes plugin reports', async () => {
    const { repo, base: sha } = makeRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
    write(repo, 'a.txt', 'changed\n');
    write(repo, 'new file.txt', 'untracked\n');
    const one = await executeRun({ repoDir: repo, registry, command: 'diagnose', lane: 'weekly', changedSince: 'HEAD', log: silentLogger });
    const s1 = seen(one.runDir);
    expect(s1.earlier).toEqual([{ plugin: 'first', tests: 1, findings: [failFp] }]);
    expect(s1.lane).toMatchObject({ name: 'weekly', riskTiers: {} });
    expect(s1.changes).toEqual({ since: 'HEAD', baseSha: sha, files: ['a.txt', 'new file.txt'] });
    expect(s1.history).toEqual([['t::flaky', []], ['t::never', []]]);
    expect(s1.prior).toBeNull();
    // The flaky finding replaced the failure everywhere: outcome, findings.json, the store.
    expect(one.findings.map((f) => f.kind)).toEqual(['flaky_test']);
    expect(JSON.parse(fs.readFileSync(path.join(one.runDir, 'findings.json'), 'utf8')).map((f: Finding) => f.kind)).toEqual(['flaky_test']);
    const store = openStore(path.join(one.runDir, 'state.db'));
    try {
      expect(findingsForRun(store, one.run.id).map((f) => f.kind)).toEqual(['flaky_test']);
    } finally {
      store.close();
    }
    const types = fs.readFileSync(path.join(one.runDir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).type);
    expect(types).toContain('findings.superseded');
    expect(JSON.parse(fs.readFileSync(path.join(one.runDir, 'reports/first-summary.json'), 'utf8'))).toEqual({ ok: 1 });
    expect(fs.existsSync(path.join(one.runDir, 'escape.json'))).toBe(false);
    expect(one.tools.find((t) => t.plugin === 'first')?.notes.join('\n')).toMatch(/ignored report name\(s\) "\.\.\/escape\.json"/);

    const two = await executeRun({ repoDir: repo, registry, command: 'diagnose', lane: 'weekly', log: silentLogger });
    const s2 = seen(two.runDir);
    expect(s2.changes).toBeNull();
    expect(s2.prior).toBe(one.run.id);
    expect(s2.history[0][1]).toMatchObject([{ runId: one.run.id, outcome: 'failed', durationMs: 3, baseSha: sha }]);
  });

  it('refuses a --changed-since that names no commit, before writing a run', async () => {
    const { repo } = makeRepo({ 'a.txt': 'a\n' });
    await expect(executeRun({ repoDir: repo, registry, command: 'diagnose', changedSince: 'no-such-branch', log: silentLogger })).rejects.toThrow(/--changed-since no-such-branch: no such commit/);
    await expect(executeRun({ repoDir: repo, registry, command: 'diagnose', changedSince: '--output=x', log: silentLogger })).rejects.toThrow(/not a revision/);
    expect(fs.existsSync(path.join(repo, '.atqos'))).toBe(false);
  });
});
