import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atqos, commitAll, copyProject, FIXTURES, makeProject, parseJsonOut, readJson, removeTempDirs, tempDir } from './support.js';
import { outcomeCounts } from './oracles.js';

interface Outcome {
  runDir: string;
  conclusion: string;
  counts: Record<string, number> | null;
  tools: { plugin: string; trustworthy: boolean; notes: string[] }[];
  findings: { tool: string; kind: string; fingerprint: string; message: string; scope: { nodeId?: string; file?: string } }[];
  tasks: unknown[];
  reports: string[];
}

interface GapSummary { module_inventory: { path: string; percent: number; status: string }[]; action_items: { path: string }[] }

const ingest = async (repo: string, format: string, files: string[], extra: string[] = []) => {
  const r = await atqos(['ingest', '--format', format, '--json', '--repo', repo, ...extra, ...files], repo);
  return { r, out: parseJsonOut<Outcome>(r) };
};
const gapSummary = (out: Outcome) => readJson<GapSummary>(path.join(out.runDir, 'reports', 'coverage-gap-summary.json'));
const failing = (out: Outcome) => out.findings.filter((f) => f.kind === 'test_failure' || f.kind === 'test_error').map((f) => f.scope.nodeId).sort();

describe('atqos ingest --format cobertura | lcov (reports measured for real by coverage.py)', () => {
  let repo: string;
  let reports: string;
  beforeAll(() => {
    repo = path.join(tempDir('ingest-python'), 'python-project');
    fs.cpSync(path.join(FIXTURES, 'ingest', 'python-project'), repo, { recursive: true });
    commitAll(repo);
    reports = tempDir('coverage-reports');
    // coverage.py 6.5 (Debian's python3) measures the project's own suite; nothing is written into the repo.
    const env = { ...process.env, COVERAGE_FILE: path.join(reports, '.coverage'), PYTHONDONTWRITEBYTECODE: '1' };
    execFileSync('/usr/bin/python3', ['-m', 'coverage', 'run', '-m', 'pytest', '-q', '-p', 'no:cacheprovider'], { cwd: repo, env, stdio: 'pipe' });
    execFileSync('/usr/bin/python3', ['-m', 'coverage', 'xml', '-q', '-o', path.join(reports, 'coverage.xml')], { cwd: repo, env, stdio: 'pipe' });
    execFileSync('/usr/bin/python3', ['-m', 'coverage', 'lcov', '-q', '-o', path.join(reports, 'coverage.lcov')], { cwd: repo, env, stdio: 'pipe' });
  });
  afterAll(removeTempDirs);

  it('cobertura → exit 1, one gap per module below 80%, the summary, and a note that no test was counted', async () => {
    const { r, out } = await ingest(repo, 'cobertura', [path.join(reports, 'coverage.xml')]);
    expect(r.code, r.stderr).toBe(1);
    expect(out.conclusion).toBe('red');
    // No test is counted: a coverage report holds no outcomes.
    expect(out.counts?.total ?? 0).toBe(0);
    expect(out.findings.map((f) => [f.tool, f.kind, f.scope.file])).toEqual([
      ['cobertura', 'coverage_gap', 'calc/text.py'],
      ['cobertura', 'coverage_gap', 'calc/unused.py'],
    ]);
    expect(out.tasks).toEqual([]);
    expect(gapSummary(out).module_inventory.map((m) => [m.path, m.percent, m.status])).toEqual([
      ['calc/ops.py', 100, 'covered'],
      ['calc/text.py', 72.73, 'below_target'],
      ['calc/unused.py', 0, 'no_tests'],
    ]);
    expect(out.tools[0]?.notes.some((n) => n.includes('holds no test results'))).toBe(true);
    expect(fs.readFileSync(path.join(out.runDir, 'reports', 'summary.md'), 'utf8')).toContain('holds no test results');
  });

  it('lcov of the same measurement → the same gaps with the same fingerprints', async () => {
    const xml = (await ingest(repo, 'cobertura', [path.join(reports, 'coverage.xml')])).out;
    const { r, out } = await ingest(repo, 'lcov', [path.join(reports, 'coverage.lcov')]);
    expect(r.code, r.stderr).toBe(1);
    expect(out.findings.map((f) => f.fingerprint)).toEqual(xml.findings.map((f) => f.fingerprint));
    expect(out.findings.every((f) => f.tool === 'lcov')).toBe(true);
    expect(gapSummary(out).module_inventory).toEqual(gapSummary(xml).module_inventory);
  });

  it('no module below target → exit 2, never green: a coverage report shows no test ran', async () => {
    const config = path.join(tempDir('config'), 'atqos.yml');
    fs.writeFileSync(config, 'plugins:\n  cobertura:\n    defaultTarget: 0\n');
    const json = await ingest(repo, 'cobertura', [path.join(reports, 'coverage.xml')], ['--config', config]);
    expect(json.r.code, json.r.stderr).toBe(2);
    expect(json.out.conclusion).toBe('error');
    expect(json.out.findings).toEqual([]);
    expect(json.out.tools[0]).toMatchObject({ plugin: 'cobertura', trustworthy: true });
    expect(json.out.tools[0]!.notes.join('\n')).toMatch(/holds no test results: no test is counted, so this run cannot be green/);
    const text = await atqos(['ingest', '--format', 'cobertura', '--config', config, '--repo', repo, path.join(reports, 'coverage.xml')], repo);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(/^ERROR ingest run/);
  });

  it('a truncated tracefile → exit 2 with a tool_error naming it', async () => {
    const { r, out } = await ingest(repo, 'lcov', [path.join(FIXTURES, 'coverage', 'truncated.lcov')]);
    expect(r.code, r.stderr).toBe(2);
    expect(out.findings.map((f) => [f.kind, f.tool])).toEqual([['tool_error', 'lcov']]);
    expect(out.findings[0]!.message).toMatch(/truncated\.lcov: the LCOV report is truncated/);
  });

  it('shards given together merge into the whole suite\'s measurement', async () => {
    const shards = ['shard-ops.xml', 'shard-text.xml'].map((n) => path.join(FIXTURES, 'ingest', 'coverage', n));
    const { r, out } = await ingest(repo, 'cobertura', shards);
    expect(r.code, r.stderr).toBe(1);
    const whole = (await ingest(repo, 'cobertura', [path.join(reports, 'coverage.xml')])).out;
    expect(gapSummary(out).module_inventory).toEqual(gapSummary(whole).module_inventory);
  });
});

describe('atqos ingest --format ctrf', () => {
  let repo: string;
  beforeAll(() => {
    repo = makeProject('ingest-ctrf', { 'README.md': 'reports land here\n' });
  });
  afterAll(removeTempDirs);

  it('a jest report → exit 1, its counts, one finding per failure and the flaky pass', async () => {
    const { r, out } = await ingest(repo, 'ctrf', [path.join(FIXTURES, 'ingest', 'ctrf', 'jest.json')]);
    expect(r.code, r.stderr).toBe(1);
    expect(outcomeCounts(out.counts)).toEqual({ total: 6, passed: 3, failed: 2, errors: 0, skipped: 1, xfailed: 0, xpassed: 0 });
    expect(out.findings.map((f) => f.kind).sort()).toEqual(['flaky_test', 'test_failure', 'test_failure']);
    expect(fs.existsSync(path.join(out.runDir, 'raw', 'ctrf', '0-jest.json'))).toBe(true);
  });

  it('hostile test names come through as data', async () => {
    const { r, out } = await ingest(repo, 'ctrf', [path.join(FIXTURES, 'ingest', 'ctrf', 'hostile-names.json')]);
    expect(r.code, r.stderr).toBe(1);
    expect(out.findings.map((f) => f.scope.nodeId)).toContain('shell.test.ts > $(touch /tmp/atqos-pwned) `id` ; rm -rf / && echo');
    expect(fs.existsSync('/tmp/atqos-pwned')).toBe(false);
  });

  it.each(['malformed.json', 'truncated.json'])('%s → exit 2, a tool_error, never green', async (name) => {
    const { r, out } = await ingest(repo, 'ctrf', [path.join(FIXTURES, 'ingest', 'ctrf', name)]);
    expect(r.code, r.stderr).toBe(2);
    expect(out.conclusion).toBe('error');
    expect(out.findings.map((f) => f.kind)).toEqual(['tool_error']);
    expect(out.findings[0]!.message).toContain(name);
  });
});

describe('round trip: ATQOS\'s own ctrf.json of a real diagnose run', () => {
  afterAll(removeTempDirs);

  it('ingested back, it gives the same failing tests and counts', async () => {
    const repo = copyProject('demo');
    const diagnose = await atqos(['diagnose', '--json', '--repo', repo], repo);
    expect(diagnose.code, diagnose.stderr).toBe(1);
    const first = parseJsonOut<Outcome>(diagnose);
    const ctrf = first.reports.find((p) => p.endsWith(path.join('reports', 'ctrf.json')));
    expect(ctrf).toBeDefined();
    // Ingested into another checkout of the same project, as a CI job elsewhere would hand it over.
    const other = copyProject('demo');
    const { r, out } = await ingest(other, 'ctrf', [ctrf!]);
    expect(r.code, r.stderr).toBe(1);
    expect(failing(out).length).toBeGreaterThan(0);
    expect(failing(out)).toEqual(failing(first));
    expect(outcomeCounts(out.counts)).toEqual(outcomeCounts(first.counts));
  });
});
