import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atqos, FIXTURES, makeProject, parseJsonOut, removeTempDirs, runDirs } from './support.js';
import { junitCounts, outcomeCounts } from './oracles.js';

interface Outcome {
  runDir: string;
  conclusion: string;
  counts: Record<string, number> | null;
  findings: { kind: string; message: string; scope: { nodeId?: string } }[];
}

const junit = (rel: string) => path.join(FIXTURES, 'junit', rel);

describe('atqos ingest --format junit', () => {
  let repo: string;
  beforeAll(() => {
    repo = makeProject('ingest', { 'README.md': 'reports land here\n' });
  });
  afterAll(removeTempDirs);

  it.each(['pytest/pytest7-xunit1.xml', 'pytest/pytest9-xunit1.xml', 'pytest/pytest9-xunit2.xml'])('%s → exit 1, counts equal the testcase outcomes in the file', async (rel) => {
    const r = await atqos(['ingest', '--format', 'junit', '--json', '--repo', repo, junit(rel)], repo);
    expect(r.code, r.stderr).toBe(1);
    const out = parseJsonOut<Outcome>(r);
    expect(out.conclusion).toBe('red');
    const expected = junitCounts(fs.readFileSync(junit(rel), 'utf8'));
    expect(outcomeCounts(out.counts)).toEqual(expected);
    expect(out.findings.filter((f) => f.kind === 'test_failure')).toHaveLength(expected.failed);
    expect(out.findings.filter((f) => f.kind === 'test_error')).toHaveLength(expected.errors);
    // The input is kept in the run dir.
    expect(fs.readdirSync(path.join(out.runDir, 'raw', 'junit')).some((n) => n.endsWith(path.basename(rel)))).toBe(true);
  });

  it('pytest 7 report: the numbers checked by hand against the XML', async () => {
    const r = await atqos(['ingest', '--format', 'junit', '--json', '--repo', repo, junit('pytest/pytest7-xunit1.xml')], repo);
    const out = parseJsonOut<Outcome>(r);
    // 18 <testcase> entries, one of them pytest's second entry for a teardown error → 17 tests.
    expect(outcomeCounts(out.counts)).toEqual({ total: 17, passed: 5, failed: 7, errors: 2, skipped: 2, xfailed: 1, xpassed: 0 });
    expect(out.findings.map((f) => f.scope.nodeId)).toContain('test_sample.test_param[2]');
  });

  it('a truncated report → exit 2, a tool_error finding naming the file, never green', async () => {
    const r = await atqos(['ingest', '--format', 'junit', '--json', '--repo', repo, junit('malformed/truncated.xml')], repo);
    expect(r.code, r.stderr).toBe(2);
    const out = parseJsonOut<Outcome>(r);
    expect(out.conclusion).toBe('error');
    const err = out.findings.find((f) => f.kind === 'tool_error');
    expect(err, JSON.stringify(out.findings)).toBeDefined();
    expect(err!.message).toContain('truncated.xml');
  });

  it('garbage among good reports still makes the run an error, keeping the good findings', async () => {
    const r = await atqos(['ingest', '--format', 'junit', '--json', '--repo', repo, junit('pytest/pytest7-xunit1.xml'), junit('malformed/not-xml.xml')], repo);
    expect(r.code, r.stderr).toBe(2);
    const out = parseJsonOut<Outcome>(r);
    expect(out.findings.some((f) => f.kind === 'tool_error' && f.message.includes('not-xml.xml'))).toBe(true);
    expect(out.findings.some((f) => f.kind === 'test_failure')).toBe(true);
  });

  it('a missing file or an unknown format → exit 3 and no run', async () => {
    const before = runDirs(repo).length;
    const missing = await atqos(['ingest', '--format', 'junit', '--repo', repo, path.join(repo, 'nope.xml')], repo);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nope\.xml does not exist/);
    const format = await atqos(['ingest', '--format', 'nope', '--repo', repo, junit('pytest/pytest7-xunit1.xml')], repo);
    expect(format.code).toBe(3);
    expect(format.stderr).toMatch(/unknown --format "nope"/);
    expect(format.stderr).toMatch(/junit/);
    expect(runDirs(repo).length).toBe(before);
  });
});
