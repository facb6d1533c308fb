import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atqos, copyProject, gitStatus, parseJsonOut, readJson, removeTempDirs, runDirs } from './support.js';
import type { CliResult } from './support.js';
import { outcomeCounts, pytestSummaryCounts, readEvents, storedRun } from './oracles.js';

interface Outcome {
  runId: string;
  runDir: string;
  status: string;
  conclusion: string;
  counts: Record<string, number>;
  findings: { kind: string; fingerprint: string; scope: { nodeId?: string } }[];
}

describe('atqos diagnose on the demo project', () => {
  let repo: string;
  let result: CliResult;
  let out: Outcome;

  beforeAll(async () => {
    repo = copyProject('demo');
    result = await atqos(['diagnose', '--json', '--repo', repo], repo);
    out = parseJsonOut<Outcome>(result);
  });
  afterAll(removeTempDirs);

  it('exits 1 with a red conclusion, pure JSON on stdout and progress on stderr', () => {
    expect(result.code, result.stderr).toBe(1);
    expect(out.conclusion).toBe('red');
    expect(out.status).toBe('finished');
    expect(result.stdout.trim().startsWith('{')).toBe(true);
    expect(result.stderr).toMatch(/run started/);
    expect(result.stderr).toMatch(/run finished/);
  });

  it('reports the counts pytest itself printed', () => {
    const stdout = fs.readFileSync(path.join(out.runDir, 'raw', 'pytest', 'pytest.stdout'), 'utf8');
    const pytest = pytestSummaryCounts(stdout);
    expect(pytest.failed).toBeGreaterThan(0);
    expect(outcomeCounts(out.counts)).toEqual(pytest);
    const summary = readJson<Record<string, number>>(path.join(out.runDir, 'reports', 'test-summary.json'));
    expect(outcomeCounts(summary as never)).toEqual(pytest);
    // One finding per failed test (`test_failure` for assertions, `test_error` for other exceptions).
    const perTest = out.findings.filter((f) => f.kind === 'test_failure' || f.kind === 'test_error');
    expect(perTest).toHaveLength(pytest.failed + pytest.errors);
    for (const f of perTest) expect(stdout).toContain(`FAILED ${f.scope.nodeId}`);
  });

  it('writes the whole run directory inside the repo', () => {
    expect(path.dirname(out.runDir)).toBe(path.join(repo, '.atqos', 'runs'));
    expect(runDirs(repo)).toEqual([out.runDir]);
    for (const rel of ['reports/test-summary.json', 'reports/qa-report.json', 'reports/summary.md', 'findings.json', 'events.jsonl', 'state.db', 'config.resolved.json']) {
      expect(fs.existsSync(path.join(out.runDir, rel)), rel).toBe(true);
    }
    const findings = readJson<{ fingerprint: string }[]>(path.join(out.runDir, 'findings.json'));
    expect(findings.map((f) => f.fingerprint).sort()).toEqual(out.findings.map((f) => f.fingerprint).sort());
    expect(fs.readFileSync(path.join(out.runDir, 'reports', 'summary.md'), 'utf8')).toContain(out.runId);
    const qa = readJson<{ conclusion: string; findings: { fingerprint: string }[] }>(path.join(out.runDir, 'reports', 'qa-report.json'));
    expect(qa.conclusion).toBe('red');
    expect(qa.findings.map((f) => f.fingerprint).sort()).toEqual(out.findings.map((f) => f.fingerprint).sort());
    expect(storedRun(out.runDir, out.runId)).toEqual({ status: 'finished', conclusion: 'red' });
  });

  it('logs events from run.started to run.finished with strictly increasing seq', () => {
    const events = readEvents(out.runDir);
    expect(events[0]?.type).toBe('run.started');
    expect(events.at(-1)?.type).toBe('run.finished');
    expect(events.at(-1)?.data['conclusion']).toBe('red');
    for (let i = 1; i < events.length; i++) expect(events[i]!.seq).toBeGreaterThan(events[i - 1]!.seq);
  });

  it('leaves no trace in git: .atqos ignores itself and the tree stays clean', () => {
    expect(fs.readFileSync(path.join(repo, '.atqos', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(gitStatus(repo)).toBe('');
  });

  describe('atqos runs', () => {
    let second: Outcome;
    beforeAll(async () => {
      const r = await atqos(['diagnose', '--json', '-q'], repo);
      second = parseJsonOut<Outcome>(r);
    });

    it('lists runs newest first', async () => {
      const r = await atqos(['runs', 'list', '--json', '--repo', repo], repo);
      expect(r.code, r.stderr).toBe(0);
      const runs = parseJsonOut<{ id: string; status: string; conclusion: string }[]>(r);
      expect(runs.map((x) => x.id)).toEqual([second.runId, out.runId]);
      expect(runs.every((x) => x.status === 'finished' && x.conclusion === 'red')).toBe(true);
    });

    it('shows one run by a unique id prefix, with its findings', async () => {
      const other = second.runId;
      let n = 1;
      while (other.startsWith(out.runId.slice(0, n))) n++;
      const r = await atqos(['runs', 'show', out.runId.slice(0, n), '--json'], repo);
      expect(r.code, r.stderr).toBe(0);
      const shown = parseJsonOut<{ run: { id: string }; runDir: string; findings: { fingerprint: string }[] }>(r);
      expect(shown.run.id).toBe(out.runId);
      expect(shown.runDir).toBe(out.runDir);
      expect(shown.findings.map((f) => f.fingerprint).sort()).toEqual(out.findings.map((f) => f.fingerprint).sort());
    });

    it('refuses an unknown id with exit 3 and a hint', async () => {
      const r = await atqos(['runs', 'show', 'nope'], repo);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/no run matches "nope"/);
      expect(r.stderr).toMatch(/runs list/);
    });

    it('a second run of the same tree finds the same fingerprints', () => {
      expect(second.findings.map((f) => f.fingerprint).sort()).toEqual(out.findings.map((f) => f.fingerprint).sort());
    });
  });
});
