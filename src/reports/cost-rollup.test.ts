import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { durationBetween, rollUpCost } from './cost-rollup.js';
import { writeReports } from './write-reports.js';
import type { ReportInput } from './report-input.js';

const attempts = [
  { agent: 'claude-code', cost: { usd: 0.1, inputTokens: 1200, outputTokens: 850, turns: 7 } },
  { agent: 'claude-code', cost: { usd: 0.2, inputTokens: 100, outputTokens: 50, turns: 2 } },
  { agent: 'cursor-agent', cost: {} },
  { agent: 'codex', cost: { inputTokens: 10, outputTokens: 5, turns: 1 } },
];

describe('rollUpCost', () => {
  it('sums every field over attempts and per agent, without float noise', () => {
    const r = rollUpCost(attempts);
    expect(r).toMatchObject({ usd: 0.3, inputTokens: 1310, outputTokens: 905, turns: 10 });
    expect(r.byAgent['claude-code']).toEqual({ usd: 0.3, inputTokens: 1300, outputTokens: 900, turns: 9 });
    expect(r.byAgent.codex).toEqual({ inputTokens: 10, outputTokens: 5, turns: 1 });
  });

  it('leaves a field absent when no attempt reported it, instead of claiming 0', () => {
    const r = rollUpCost([{ agent: 'cursor-agent', cost: {} }, { agent: 'builtin', cost: undefined }]);
    expect(r).toEqual({ byAgent: { 'cursor-agent': {}, builtin: {} } });
    expect('usd' in r).toBe(false);
  });
});

describe('durationBetween', () => {
  it('is the difference of the timestamps, or undefined for an unfinished or reversed attempt', () => {
    expect(durationBetween('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:04.321Z')).toBe(4321);
    expect(durationBetween('2026-01-01T00:00:00.000Z', undefined)).toBeUndefined();
    expect(durationBetween('2026-01-01T00:00:05.000Z', '2026-01-01T00:00:00.000Z')).toBeUndefined();
  });
});

function input(remediation: Record<string, unknown>): ReportInput {
  return {
    run: { id: 'r1', repo: '/repo', lane: 'nightly', command: 'run', status: 'finished', conclusion: 'red', startedAt: '2026-11-21T00:00:00.000Z', findingCount: 0 },
    findings: [], tests: [], tasks: [], tools: [], remediation,
  };
}

describe('summary.md remediation cost', () => {
  it('shows agent, duration and cost per attempt and a total line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-cost-'));
    writeReports(dir, input({
      tasks: [{ id: 't1', type: 'fix', title: 'fix test_add', status: 'succeeded', branch: 'atqos/fix/abc' }],
      attempts: [
        { task: 't1', n: 1, agent: 'claude-code', outcome: 'rejected', reason: 'guard', cost: attempts[0]!.cost, durationMs: 4321 },
        { task: 't1', n: 2, agent: 'cursor-agent', outcome: 'accepted', cost: {}, durationMs: 61_500 },
      ],
      cost: rollUpCost(attempts.slice(0, 1).concat(attempts.slice(2, 3))),
      checkpoint: null, stopReason: null,
    }));
    const md = fs.readFileSync(path.join(dir, 'reports/summary.md'), 'utf8');
    expect(md).toContain('| fix test\\_add | 1 | claude-code | 4.3 s | $0.1000 | 7 | rejected |');
    expect(md).toContain('| fix test\\_add | 2 | cursor-agent | 1 min 2 s | - | - | accepted |');
    expect(md).toContain('Total agent cost: **$0.1000**, 1200 input / 850 output tokens, 7 turns (claude-code $0.1000, cursor-agent -).');
  });

  it('says no cost was reported when no agent reported any', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-cost-'));
    writeReports(dir, input({
      tasks: [{ id: 't1', type: 'remove_skip', title: 'unskip', status: 'succeeded', branch: 'b' }],
      attempts: [{ task: 't1', n: 1, agent: 'builtin', outcome: 'accepted', cost: {}, durationMs: 20 }],
      cost: rollUpCost([{ agent: 'builtin', cost: {} }]),
    }));
    const md = fs.readFileSync(path.join(dir, 'reports/summary.md'), 'utf8');
    expect(md).toContain('Total agent cost: **no cost reported** (builtin -).');
  });
});
