import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import { skipAuditPlugin } from './index.js';
import { parseOptions } from './schema.js';
import { audit, removeTemps, tempDir } from './test-support.js';

const fixture = fileURLToPath(new URL('../../fixtures/projects/skip-audit/', import.meta.url));

function plainCopy(): string {
  const dir = tempDir('atqos-skip-audit-nogit-');
  fs.cpSync(fixture, dir, { recursive: true });
  return dir;
}

afterAll(removeTemps);

describe('options', () => {
  it('defaults work without a config section', () => {
    expect(parseOptions(undefined)).toEqual({ python: 'python3', staleSkipDays: 180, deleteAfterDays: 30, runSkipped: true, reruns: 3, timeoutSec: 900 });
  });

  it('an unknown key or a bad value is an AtqosError naming plugins.skip-audit.<key>', () => {
    expect(() => parseOptions({ stale: 3 })).toThrow(AtqosError);
    expect(() => parseOptions({ stale: 3 })).toThrow(/plugins\.skip-audit\.stale/);
    expect(() => parseOptions({ reruns: 0 })).toThrow(/plugins\.skip-audit\.reruns must be a whole number from 1 to 20/);
    expect(() => parseOptions({ deleteAfterDays: 0 })).toThrow(/plugins\.skip-audit\.deleteAfterDays must be a positive whole number of days/);
  });

  it('joins only the weekly and release lanes by itself, and detects pytest projects only', async () => {
    expect(skipAuditPlugin.lanes).toEqual(['weekly', 'release']);
    expect(await skipAuditPlugin.detect(fixture)).toBe(true);
    expect(await skipAuditPlugin.detect(tempDir('atqos-skip-audit-empty-'))).toBe(false);
  });
});

describe('degraded runs', () => {
  it('runSkipped: false runs no test, says so by having no stale findings, and notes the missing git history', async () => {
    const repoDir = plainCopy();
    const a = await audit(repoDir, { runSkipped: false });
    expect(a.collect.artifacts.some((x) => x.name.startsWith('unskip-'))).toBe(false);
    expect(a.out.findings.map((f) => [f.kind, f.scope.nodeId]).sort()).toEqual([
      ['skip_unjustified', 'tests/test_pricing.py::test_discount_xfail_without_reason'],
      ['skip_unjustified', 'tests/test_pricing.py::test_total_of_nothing_without_reason'],
    ]);
    expect(a.out.notes.join('\n')).toContain('not a git work tree');
    expect(fs.readdirSync(path.join(repoDir, 'tests')).some((f) => f.includes('pycache'))).toBe(false);
  }, 60_000);

  it('an interpreter that does not exist is a tool_error naming the option, never a clean audit', async () => {
    const a = await audit(plainCopy(), { python: '/nonexistent/python3' });
    expect(a.out.trustworthy).toBe(false);
    expect(a.out.findings).toHaveLength(1);
    expect(a.out.findings[0]).toMatchObject({ kind: 'tool_error', severity: 'blocker' });
    expect(a.out.findings[0]!.message).toContain('plugins.skip-audit.python');
  }, 60_000);

  it('a test that passes un-skipped once, then fails, is a flaky pass: no stale skip', async () => {
    const repoDir = tempDir('atqos-skip-audit-flaky-');
    const counter = path.join(tempDir('atqos-skip-audit-counter-'), 'count');
    fs.writeFileSync(path.join(repoDir, 'test_flaky.py'), [
      'import os', 'import pytest', `COUNTER = ${JSON.stringify(counter)}`, '',
      '@pytest.mark.skip(reason="flaky upstream")', 'def test_flaky_pass():',
      '    n = int(open(COUNTER).read()) if os.path.exists(COUNTER) else 0',
      '    open(COUNTER, "w").write(str(n + 1))', '    assert n != 1', '',
    ].join('\n'));
    const a = await audit(repoDir, {});
    expect(a.out.findings.filter((f) => f.kind === 'skip_stale')).toEqual([]);
    expect((a.out.reports?.['skip-audit.json'] as { tests: unknown[] }).tests).toEqual([{ id: 'test_flaky.py::test_flaky_pass', status: 'flaky-pass', rounds: ['passed', 'failed'] }]);
    expect(fs.readFileSync(counter, 'utf8')).toBe('2');
  }, 60_000);
});
