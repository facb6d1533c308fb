import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { atqos, commitAll, isAlive, parseJsonOut, removeTempDirs, runDirs, spawnCli, tempDir, waitFor, writeFiles } from './support.js';
import type { CliProcess } from './support.js';
import { readEvents, storedRun } from './oracles.js';

/** A project whose second test writes its pid beside the repo (outside git) and sleeps 30 s. */
function sleepingProject(): { repo: string; pidFile: string } {
  const parent = tempDir('sleepy');
  const repo = path.join(parent, 'repo');
  const pidFile = path.join(parent, 'pytest.pid');
  writeFiles(repo, {
    'pytest.ini': '[pytest]\ntestpaths = tests\n',
    'tests/test_sleep.py': [
      'import os, pathlib, time',
      '',
      'def test_quick():',
      '    assert True',
      '',
      'def test_sleeps():',
      `    pathlib.Path(${JSON.stringify(pidFile)}).write_text(str(os.getpid()))`,
      '    time.sleep(30)',
      '',
    ].join('\n'),
  });
  commitAll(repo);
  return { repo, pidFile };
}

/** Starts diagnose and waits until pytest is inside the sleeping test; returns the run dir and pid. */
async function startSleepingRun(repo: string, pidFile: string): Promise<CliProcess & { runDir: string; pytestPid: number }> {
  const cli = spawnCli(['diagnose', '--json', '--repo', repo], repo);
  started.push(cli);
  const runDir = await waitFor('raw/pytest/ in a run dir', () => runDirs(repo).find((d) => fs.existsSync(path.join(d, 'raw', 'pytest'))));
  const pytestPid = await waitFor('the pid file of the sleeping test', () => {
    const text = fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8') : '';
    return /^\d+$/.test(text) ? Number(text) : undefined;
  });
  pids.push(pytestPid);
  return { ...cli, runDir, pytestPid };
}

const started: CliProcess[] = [];
const pids: number[] = [];

/** Nothing this file started may outlive it, whatever an assertion did. */
function killLeftovers(): void {
  for (const c of started.splice(0)) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  for (const pid of pids.splice(0)) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

afterEach(killLeftovers);
afterAll(removeTempDirs);

describe('stopping a run', () => {
  it('SIGINT: exits 130 within seconds, records the run as interrupted, writes reports, stops pytest', async () => {
    const { repo, pidFile } = sleepingProject();
    const run = await startSleepingRun(repo, pidFile);
    const sentAt = Date.now();
    run.child.kill('SIGINT');
    const r = await run.done;
    const tookMs = Date.now() - sentAt;
    expect(r.code, r.stderr).toBe(130);
    expect(tookMs).toBeLessThan(8_000);
    const out = parseJsonOut<{ runId: string; runDir: string; status: string; conclusion: string }>(r);
    expect(out.runDir).toBe(run.runDir);
    expect(out).toMatchObject({ status: 'interrupted', conclusion: 'error' });
    expect(storedRun(run.runDir, out.runId)).toEqual({ status: 'interrupted', conclusion: 'error' });
    const last = readEvents(run.runDir).at(-1);
    expect(last?.type).toBe('run.finished');
    expect(last?.data['status']).toBe('interrupted');
    for (const rel of ['reports/summary.md', 'reports/test-summary.json', 'reports/qa-report.json']) {
      expect(fs.existsSync(path.join(run.runDir, rel)), rel).toBe(true);
    }
    expect(isAlive(run.pytestPid), `pytest ${run.pytestPid} outlived the interrupted run`).toBe(false);
  });

  it('SIGKILL: the next `runs list` closes the dead run as crashed and writes its summary', async () => {
    const { repo, pidFile } = sleepingProject();
    const run = await startSleepingRun(repo, pidFile);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    killLeftovers(); // the orphaned pytest group: SIGKILL leaves ATQOS no chance to stop it
    const summary = path.join(run.runDir, 'reports', 'summary.md');
    expect(fs.existsSync(summary), 'a killed run cannot have written its summary itself').toBe(false);
    const r = await atqos(['runs', 'list', '--json', '--repo', repo], repo);
    expect(r.code, r.stderr).toBe(0);
    const runs = parseJsonOut<{ id: string; status: string; conclusion: string; error?: string }[]>(r);
    const id = path.basename(run.runDir);
    expect(runs.find((x) => x.id === id)).toMatchObject({ status: 'crashed', conclusion: 'error' });
    expect(fs.existsSync(summary)).toBe(true);
    expect(storedRun(run.runDir, id)).toEqual({ status: 'crashed', conclusion: 'error' });
  });
});
