import { describe, expect, it } from 'vitest';
import type { Finding, TestResult } from '../core/index.js';
import type { ReportInput } from './report-input.js';
import { buildSarif, sarifRuleId } from './sarif.js';
import { buildCtrf } from './ctrf.js';
import { CTRF_SCHEMA, SARIF_SCHEMA, validator } from './test-support.js';

function finding(over: Partial<Finding> & { fingerprint: string }): Finding {
  return {
    tool: 'pytest', kind: 'test_failure', severity: 'high', category: 'assertion', scope: {}, title: 't', message: 'm',
    evidence: { sourceFiles: [] }, artifacts: [], ...over,
  };
}

function input(): ReportInput {
  const findings = [
    finding({ fingerprint: 'a'.repeat(40), scope: { file: 'tests/test x.py', line: 7, nodeId: 'tests/test x.py::test_p[ü]' }, title: 'test_p failed' }),
    finding({ fingerprint: 'b'.repeat(40), tool: 'ruff', kind: 'lint_error', severity: 'low', category: 'lint', scope: { file: 'src/a.py', line: 3 }, evidence: { sourceFiles: [], details: { code: 'E501', url: 'https://docs.astral.sh/ruff/rules/line-too-long', column: 89 } } }),
    finding({ fingerprint: 'c'.repeat(40), tool: 'ruff', kind: 'lint_error', severity: 'low', category: 'lint', scope: { file: 'src/b.py' }, evidence: { sourceFiles: [], details: { code: 'E501' } } }),
    finding({ fingerprint: 'd'.repeat(40), kind: 'tool_error', severity: 'blocker', category: 'tool', scope: {} }),
    finding({ fingerprint: 'e'.repeat(40), tool: 'flaky', kind: 'flaky_test', severity: 'medium', category: 'flaky', scope: { file: 'tests/t.py', nodeId: 'tests/t.py::test_f' } }),
  ];
  const tests: TestResult[] = [
    { tool: 'pytest', nodeId: 'tests/test x.py::test_p[ü]', outcome: 'failed', durationMs: 12.6, file: 'tests/test x.py', message: 'assert 1 == 2' },
    { tool: 'pytest', nodeId: 'tests/t.py::test_f', outcome: 'failed', durationMs: 1 },
    { tool: 'pytest', nodeId: 'tests/t.py::test_ok', outcome: 'passed', durationMs: 3 },
    { tool: 'pytest', nodeId: 'tests/t.py::test_x', outcome: 'xfailed', durationMs: 0 },
    { tool: 'pytest', nodeId: 'tests/t.py::test_s', outcome: 'skipped', durationMs: 0 },
    { tool: 'pytest', nodeId: 'tests/t.py::test_e', outcome: 'error', durationMs: 0 },
  ];
  return {
    run: { id: 'r1', repo: '/repo', lane: 'nightly', command: 'diagnose', status: 'finished', conclusion: 'red', startedAt: '2026-11-21T00:00:00.000Z', finishedAt: '2026-11-21T00:00:05.500Z', findingCount: findings.length, baseSha: 'f'.repeat(40) },
    findings, tests, tasks: [],
    tools: [{ plugin: 'pytest', trustworthy: true, exitCode: 1, durationMs: 100, counts: undefined, notes: [], artifacts: [] }],
  };
}

describe('SARIF output', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = validator(SARIF_SCHEMA);
    const sarif = buildSarif(input());
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    // The schema catches a broken document: this is not a check that cannot fail.
    expect(validate({ ...sarif, version: '2.0.0' })).toBe(false);
  });

  it('has one rule per tool rule, 1-based regions, our fingerprints, and no location-less results', () => {
    const run = (buildSarif(input()).runs as Record<string, unknown>[])[0] as { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: Record<string, unknown>[]; properties: Record<string, number> };
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['pytest/test_failure', 'ruff/E501', 'flaky/flaky_test']);
    expect(run.tool.driver.rules[1]?.helpUri).toBe('https://docs.astral.sh/ruff/rules/line-too-long');
    expect(run.results).toHaveLength(4);
    expect(run.results[0]).toMatchObject({
      ruleId: 'pytest/test_failure', ruleIndex: 0, level: 'error', partialFingerprints: { 'atqosFinding/v1': 'a'.repeat(40) },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'tests/test%20x.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 7 } } }],
    });
    expect(run.results[1]).toMatchObject({ ruleIndex: 1, level: 'note', locations: [{ physicalLocation: { region: { startLine: 3, startColumn: 89 } } }] });
    expect(run.results[2]).toMatchObject({ ruleIndex: 1, locations: [{ physicalLocation: { region: { startLine: 1 } } }] });
    expect(run.properties).toMatchObject({ findings: 5, withoutLocation: 1, truncated: 0 });
  });

  it('names rules by the code a plugin recorded, else by the kind', () => {
    expect(sarifRuleId(finding({ fingerprint: 'a'.repeat(40), tool: 'eslint', evidence: { sourceFiles: [], details: { rule: 'no-undef' } } }))).toBe('eslint/no-undef');
    expect(sarifRuleId(finding({ fingerprint: 'a'.repeat(40), evidence: { sourceFiles: [], details: { code: 7 } } }))).toBe('pytest/test_failure');
  });
});

describe('CTRF output', () => {
  it('validates against the CTRF schema and maps every outcome', () => {
    const validate = validator(CTRF_SCHEMA);
    const ctrf = buildCtrf(input()) as { results: { summary: Record<string, number>; tests: Record<string, unknown>[] } };
    expect(validate(ctrf), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...ctrf, reportFormat: 'JUnit' })).toBe(false);
    expect(ctrf.results.summary).toMatchObject({ tests: 6, passed: 1, failed: 3, skipped: 2, pending: 0, other: 0, flaky: 1, duration: 5500 });
    expect(ctrf.results.tests[0]).toMatchObject({ name: 'tests/test x.py::test_p[ü]', status: 'failed', rawStatus: 'failed', duration: 13, filePath: 'tests/test x.py', message: 'assert 1 == 2' });
    expect(ctrf.results.tests.find((t) => t['name'] === 'tests/t.py::test_f')).toMatchObject({ flaky: true });
    expect(ctrf.results.tests.find((t) => t['name'] === 'tests/t.py::test_x')).toMatchObject({ status: 'skipped', rawStatus: 'xfailed' });
  });
});
