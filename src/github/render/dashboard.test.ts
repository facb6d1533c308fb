import { describe, expect, it } from 'vitest';
import { buildPublishPlan } from '../build-plan.js';
import type { RunHistoryEntry } from '../plan-input.js';
import { demoInput, demoRun } from '../test-support.js';
import { parseMarkers } from './markers.js';

const history: RunHistoryEntry[] = [
  { id: 'r-2', startedAt: '2026-11-19T03:00:00.000Z', findingCount: 9, failingCount: 7 },
  { id: 'r-1', startedAt: '2026-11-20T03:00:00.000Z', findingCount: 6, failingCount: 5, counts: { total: 12, passed: 7, failed: 5, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs: 1 } },
];

function mermaid(body: string): string | undefined {
  return /```mermaid\n([\s\S]*?)\n```/.exec(body)?.[1];
}

describe('dashboard', () => {
  it('starts with its marker and tables findings by kind × severity', () => {
    const { dashboard } = buildPublishPlan(demoInput({ history }));
    expect(dashboard!.title).toBe('ATQOS Dashboard');
    expect(dashboard!.body.split('\n')[0]).toBe('<!-- atqos:dashboard -->');
    expect(parseMarkers(dashboard!.body)).toEqual({ dashboard: true });
    expect(dashboard!.body).toContain('| test_failure | 0 | 3 | 0 | 0 | 3 |');
    expect(dashboard!.body).toContain('| test_error | 0 | 1 | 0 | 0 | 1 |');
    expect(dashboard!.body).toMatch(/\| fix \| 1 \| 2 \| PR from `atqos\/fix\/[0-9a-f]{12}` \|/);
    expect(dashboard!.body).toMatch(/\| fix \| 1 \| 1 \| abandoned \|/);
  });

  it('plots failing findings over the runs, oldest first, with the current run last', () => {
    const body = buildPublishPlan(demoInput({ history: [...history].reverse() })).dashboard!.body;
    expect(mermaid(body)).toBe([
      'xychart-beta',
      '  title "ATQOS failing findings per run"',
      '  x-axis ["11-19 03:00", "11-20 03:00", "11-21 00:00"]',
      '  y-axis "failing findings" 0 --> 7',
      '  line [7, 5, 4]',
    ].join('\n'));
    const runs = body.split('\n').filter((l) => /^\| `r/.test(l) || l.startsWith(`| \`${demoRun().id}`));
    expect(runs.map((l) => l.split('|')[1]!.trim())).toEqual([`\`${demoRun().id}\``, '`r-1`', '`r-2`']);
  });

  it('falls back to all findings when older runs lack the failing count', () => {
    const old = history.map(({ failingCount: _f, ...h }) => h);
    expect(mermaid(buildPublishPlan(demoInput({ history: old })).dashboard!.body)).toContain('line [9, 6, 4]');
  });

  it('is fine with no findings, no tasks and no history', () => {
    const plan = buildPublishPlan(demoInput({ run: demoRun({ conclusion: 'green' }), findings: [], tasks: [], attempts: [], accepted: [] }));
    const body = plan.dashboard!.body;
    expect(body).toContain('## Open findings\n\nNone.');
    expect(body).toContain('No tasks were planned.');
    expect(body).toContain('The trend chart appears after the second run.');
    expect(mermaid(body)).toBeUndefined();
  });

  it('keeps untrusted run ids out of the chart', () => {
    const evil: RunHistoryEntry = { id: '"] \n```\n<!-- atqos:dashboard -->', startedAt: '2026-11-18"]\nline [999', findingCount: 1 };
    const body = buildPublishPlan(demoInput({ history: [evil, ...history] })).dashboard!.body;
    expect(body.split('<!-- atqos:dashboard -->')).toHaveLength(2);
    expect(mermaid(body)).not.toContain('999');
    expect(mermaid(body)!.split('\n')).toHaveLength(5);
  });
});
