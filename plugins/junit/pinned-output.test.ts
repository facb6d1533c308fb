import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NormalizeInput } from '../../src/plugin/contract.js';
import { junitPlugin } from './index.js';

// Pins what normalize makes of a real pytest 9 report, so that performance work on the parser
// cannot change fingerprints (issues and branches are keyed by them), counts or messages.
const REPO = '/home/dev/app';
const text = fs.readFileSync(new URL('../../fixtures/junit/pytest/pytest9-xunit1.xml', import.meta.url), 'utf8');
const input: NormalizeInput = {
  collect: { artifacts: [{ name: 'report-0', path: 'raw/junit/0-junit.xml', exists: true, bytes: text.length, mtimeMs: 0 }] },
  read: () => text,
  repoDir: REPO,
  runDir: `${REPO}/.atqos/runs/r1`,
  runStartedAtMs: 0,
  options: {},
};

describe('junit normalize output is pinned (pytest 9, xunit1)', () => {
  const out = junitPlugin.normalize(input);

  it('counts, notes and per-test outcomes', () => {
    expect(out.counts).toEqual({ total: 18, passed: 5, failed: 8, errors: 2, skipped: 2, xfailed: 1, xpassed: 0, durationMs: 26 });
    expect(out.trustworthy).toBe(true);
    expect(out.notes).toEqual([
      'junit.xml: declared tests=22 but 19 testcase elements (pytest subtests?); counting the elements',
      'junit.xml: merged 1 duplicate testcase entries (pytest writes a second one for a teardown error)',
      'ingested reports cannot be re-run: tasks planned from them carry no validation commands',
    ]);
    expect(out.tests.filter((t) => t.outcome !== 'passed').map((t) => [t.nodeId, t.outcome, t.durationMs, t.message?.split('\n')[0]])).toEqual([
      ['test_sample.test_fails_assertion', 'failed', 1, "AssertionError: assert {'a': 2} == {'a': 1}"],
      ['test_sample.test_raises_exception', 'failed', 0, 'ValueError: bad value <42> & more'],
      ['test_sample.test_setup_error', 'error', 0, 'failed on setup with "RuntimeError: database unavailable"'],
      ['test_sample.test_fails_then_teardown_errors', 'failed', 0, 'AssertionError: call failed'],
      ['test_sample.test_passes_then_teardown_errors', 'error', 0, 'failed on teardown with "RuntimeError: teardown boom"'],
      ['test_sample.test_skipped', 'skipped', 0, 'not on this platform'],
      ['test_sample.test_skipped_inside', 'skipped', 1, 'needs network'],
      ['test_sample.test_xfail', 'xfailed', 5, 'known bug #12'],
      ['test_sample.test_xpass_strict', 'failed', 1, '[XPASS(strict)] fixed upstream'],
      ['test_sample.test_param[2]', 'failed', 1, 'AssertionError: n was 2'],
      ['test_sample.TestGroup.test_in_class_fails', 'failed', 1, 'assert [1, 2] == [1, 3]'],
      ['test_sample.test_timeout_like', 'failed', 1, 'TimeoutError: operation timed out after 0.5 s'],
      ['test_subtests.test_with_subtests', 'failed', 10, 'AssertionError: i was 1'],
    ]);
    expect(out.tests.filter((t) => t.outcome === 'passed' && t.message !== undefined)).toEqual([]);
    expect(out.tests.every((t) => t.file === 'test_sample.py' || t.file === 'test_subtests.py')).toBe(true);
  });

  it('fingerprints, categories, exception types and source files', () => {
    expect(out.findings.map((f) => [f.scope.nodeId, f.kind, f.category, f.evidence.exceptionType, f.fingerprint])).toEqual([
      ['test_sample.test_fails_assertion', 'test_failure', 'assertion', 'AssertionError', '9dbc45725a60dfa9765908590a279029d3fd4f4e'],
      ['test_sample.test_raises_exception', 'test_failure', 'exception', 'ValueError', 'dc49b88c3418a174972e71210263b2cc56a2fc89'],
      ['test_sample.test_setup_error', 'test_error', 'exception', undefined, 'c629c8fc155bb374193bd349a77422498c61170b'],
      ['test_sample.test_fails_then_teardown_errors', 'test_failure', 'assertion', 'AssertionError', '263d05bdc7c049dfc3b48abd9651225ff728419c'],
      ['test_sample.test_passes_then_teardown_errors', 'test_error', 'exception', undefined, '07608f1d38f51b623af332180b8ded6db0b13e3e'],
      ['test_sample.test_xpass_strict', 'test_failure', 'unknown', undefined, '6759c5b29d97a180ba5eeb7dc105240edfee93f4'],
      ['test_sample.test_param[2]', 'test_failure', 'assertion', 'AssertionError', '53ed2143e165350fbf5ee17b997ed18f1793f640'],
      ['test_sample.TestGroup.test_in_class_fails', 'test_failure', 'assertion', undefined, '58b66178faada93d6477e07a1780206c2ebce282'],
      ['test_sample.test_timeout_like', 'test_failure', 'timeout', 'TimeoutError', '8f80a66a502deb3ebca3ace2d1d9edd77621f846'],
      ['test_subtests.test_with_subtests', 'test_failure', 'assertion', 'AssertionError', 'a6380b56542e28dd591a46446cfd5b53ff558ec9'],
    ]);
    expect(out.findings.map((f) => f.evidence.sourceFiles)).toEqual([...Array(9).fill(['test_sample.py']), ['test_subtests.py']]);
    expect(out.findings.map((f) => [f.message.length, f.evidence.excerpt?.length])).toEqual([
      [114, 281], [33, 151], [57, 166], [36, 201], [53, 169], [30, 30], [37, 199], [78, 269], [45, 173], [37, 329],
    ]);
  });

  it('one finding in full, with the extra teardown error in its details', () => {
    const f = out.findings[3];
    expect(f).toEqual({
      tool: 'junit',
      kind: 'test_failure',
      severity: 'high',
      category: 'assertion',
      scope: { nodeId: 'test_sample.test_fails_then_teardown_errors', file: 'test_sample.py', symbol: 'test_fails_then_teardown_errors', line: 32 },
      fingerprint: '263d05bdc7c049dfc3b48abd9651225ff728419c',
      title: 'test_sample.test_fails_then_teardown_errors failed: AssertionError: call failed',
      message: 'AssertionError: call failed\nassert 0',
      evidence: {
        excerpt: 'broken_teardown = None\n\n    def test_fails_then_teardown_errors(broken_teardown):\n>       assert 0, "call failed"\nE       AssertionError: call failed\nE       assert 0\n\ntest_sample.py:34: AssertionError',
        assertionMessage: 'AssertionError: call failed\nassert 0',
        exceptionType: 'AssertionError',
        sourceFiles: ['test_sample.py'],
        details: {
          suite: 'pytest',
          classname: 'test_sample',
          durationMs: 0,
          extra: [{ outcome: 'error', message: 'failed on teardown with "RuntimeError: teardown boom"' }],
        },
      },
      artifacts: [{ path: 'raw/junit/0-junit.xml', description: 'JUnit report' }],
    });
  });
});
