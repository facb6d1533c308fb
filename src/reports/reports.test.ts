import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, TestResult } from '../core/index.js';
import type { ReportInput } from './report-input.js';
import { mdCell } from './summary-md.js';
import { writeReports } from './write-reports.js';

const hostile = 'tests/test_x.py::test_p[a|b`<script>alert(1)</script>\n## injected]';

function input(): ReportInput {
  const finding: Finding = {
    tool: 'pytest', kind: 'test_failure', severity: 'high', category: 'assertion',
    scope: { file: 'tests/test_x.py', nodeId: hostile, line: 7, symbol: 'test_p' },
    fingerprint: 'a'.repeat(40), title: 'test_p failed', message: 'AssertionError: assert 1 == 2',
    evidence: { assertionMessage: 'assert 1 == 2', exceptionType: 'AssertionError', sourceFiles: ['src/x.py'], excerpt: 'E assert 1 == 2' },
    artifacts: [{ path: 'raw/pytest/junit.xml' }],
  };
  const tests: TestResult[] = [
    { tool: 'pytest', nodeId: hostile, outcome: 'failed', durationMs: 12, file: 'tests/test_x.py' },
    { tool: 'pytest', nodeId: 'tests/test_x.py::test_ok', outcome: 'passed', durationMs: 3 },
    { tool: 'pytest', nodeId: 'tests/test_x.py::test_skip', outcome: 'skipped', durationMs: 0 },
  ];
  return {
    run: { id: 'r1', repo: '/repo', lane: 'nightly', command: 'diagnose', status: 'finished', conclusion: 'red', startedAt: '2026-11-21T00:00:00.000Z', findingCount: 1 },
    findings: [finding], tests, tasks: [],
    tools: [{ plugin: 'pytest', trustworthy: true, exitCode: 1, durationMs: 100, counts: undefined, notes: [], artifacts: [] }],
  };
}

describe('writeReports', () => {
  it('writes the report contracts with counts from the tests and repo-relative files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-reports-'));
    const files = writeReports(dir, input());
    expect(files).toEqual(['findings.json', 'reports/test-summary.json', 'reports/qa-report.json', 'reports/summary.md', 'reports/findings.sarif', 'reports/ctrf.json']);
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'reports/test-summary.json'), 'utf8'));
    expect(summary).toMatchObject({ total: 3, passed: 1, failed: 1, skipped: 1, errors: 0, conclusion: 'red' });
    expect(summary.failures[0]).toMatchObject({ nodeid: hostile, assertion_message: 'assert 1 == 2', source_files: ['src/x.py'], line: 7 });
    const qa = JSON.parse(fs.readFileSync(path.join(dir, 'reports/qa-report.json'), 'utf8'));
    expect(qa.summary.by_kind).toEqual({ test_failure: 1 });
    expect(qa.findings[0]).toMatchObject({ severity: 'high', category: 'assertion', source_files: ['src/x.py'], log_excerpt: 'E assert 1 == 2' });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'findings.json'), 'utf8'))).toHaveLength(1);
  });

  it('keeps hostile test names from breaking the markdown', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-reports-'));
    writeReports(dir, input());
    const md = fs.readFileSync(path.join(dir, 'reports/summary.md'), 'utf8');
    const row = md.split('\n').find((l) => l.includes('test\\_p'));
    expect(row).toBeDefined();
    expect(row).not.toContain('<script>');
    expect(md).not.toMatch(/^## injected/m);
    // a row has exactly 5 unescaped cell separators plus the borders
    expect((row as string).replace(/\\\|/g, '').split('|').length).toBe(7);
  });
});

describe('mdCell', () => {
  it('escapes markup and cuts long text', () => {
    expect(mdCell('a|b*c_d`e')).toBe('a\\|b\\*c\\_d\\`e');
    expect(mdCell('x'.repeat(300), 10)).toHaveLength(10);
  });
});
