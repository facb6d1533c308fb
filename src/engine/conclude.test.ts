import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../core/index.js';
import type { Finding, TestCounts } from '../core/index.js';
import type { ToolOutcome } from '../reports/index.js';
import { conclude } from './conclude.js';

const counts = (c: Partial<TestCounts>): TestCounts => ({ ...emptyCounts(), ...c, total: (c.passed ?? 0) + (c.failed ?? 0) + (c.errors ?? 0) + (c.skipped ?? 0) + (c.xfailed ?? 0) + (c.xpassed ?? 0) });
const tool = (c: TestCounts | undefined, trustworthy = true): ToolOutcome => ({ plugin: 'p', trustworthy, exitCode: 0, durationMs: 1, counts: c, notes: [], artifacts: [] });
const audit = (c?: TestCounts): ToolOutcome => ({ ...tool(c), plugin: 'audit', audit: true });
const finding = (kind: Finding['kind']): Finding => ({
  tool: 'p', kind, severity: 'high', category: 'assertion', scope: {}, fingerprint: 'c'.repeat(40), title: 't', message: 'm', evidence: { sourceFiles: [] }, artifacts: [],
});

describe('conclude', () => {
  it('is green only for executed, passing, trustworthy runs', () => {
    expect(conclude([tool(counts({ passed: 3, skipped: 1 }))], [])).toBe('green');
  });
  it.each([
    ['no tools', [], []],
    ['an untrustworthy tool', [tool(counts({ passed: 3 }), false)], []],
    ['a tool without counts', [tool(undefined)], []],
    ['zero tests', [tool(counts({}))], []],
    ['only skipped and xfailed tests', [tool(counts({ skipped: 2, xfailed: 1 }))], []],
    ['failures no finding explains', [tool(counts({ passed: 2, failed: 1 }))], []],
    ['a tool_error finding', [tool(counts({ passed: 2 }))], [finding('tool_error')]],
    ['only an audit, no test run', [audit()], []],
    ['an audit beside a tool without counts', [audit(), tool(undefined)], []],
    ['an audit whose own counts show unexplained failures', [tool(counts({ passed: 1 })), audit(counts({ failed: 1 }))], []],
  ] as [string, ToolOutcome[], Finding[]][])('is error for %s', (_name, tools, findings) => {
    expect(conclude(tools, findings)).toBe('error');
  });
  it('is green for a passing suite beside a clean audit that brings no counts', () => {
    expect(conclude([tool(counts({ passed: 3 })), audit()], [])).toBe('green');
  });
  it('is red when problems were found by trustworthy tools', () => {
    expect(conclude([tool(counts({ passed: 2, failed: 1 }))], [finding('test_failure')])).toBe('red');
  });
});
