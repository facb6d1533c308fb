import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { junitPlugin } from './index.js';
import { parseJunit } from './parse.js';

const fixture = (name: string) => fs.readFileSync(path.resolve('fixtures/junit/generic', name), 'utf8');

function normalize(name: string) {
  const text = fixture(name);
  return junitPlugin.normalize({
    collect: { artifacts: [{ name: 'report-0', path: `raw/junit/0-${name}`, exists: true, bytes: text.length, mtimeMs: 0 }] },
    read: () => text, repoDir: '/repo', runDir: '/repo/.atqos/runs/r', runStartedAtMs: 0, options: {},
  });
}

describe('reports that declare more problems than their testcases show', () => {
  it('a jest-junit suite that failed to compile is never green', () => {
    const out = normalize('jest-compile-error.xml');
    expect(out.trustworthy).toBe(false);
    expect(out.counts).toMatchObject({ total: 1, passed: 1 });
    expect(out.findings.map((f) => f.kind)).toEqual(['tool_error']);
    expect(out.findings[0]?.message).toContain('declare 1 more failure');
  });

  it('declared failures with only passing testcases are never green', () => {
    const out = normalize('declared-failures-without-cases.xml');
    expect(out.trustworthy).toBe(false);
    expect(out.findings[0]?.kind).toBe('tool_error');
  });

  it('a suite-level <error> becomes an errored case with a finding, and explains the declared error', () => {
    const parsed = parseJunit(fixture('suite-level-error.xml'));
    expect(parsed.ok && parsed.report.unexplained).toBeFalsy();
    const out = normalize('suite-level-error.xml');
    expect(out.trustworthy).toBe(true);
    expect(out.counts).toMatchObject({ total: 2, passed: 1, errors: 1 });
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ kind: 'test_error', message: 'setUpClass failed' });
  });
});
