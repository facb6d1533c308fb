import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Run } from '../../core/index.js';
import { rejectionOf } from '../../core/test-support.js';
import { openStore, RunRecorder } from '../../store/index.js';
import { readRunRecord } from './run-record.js';

const ID = '20261121T000000Z-ab12cd';

/** A run dir with a real store holding the run and the events the engine records. */
function runDir(status: Run['status'], events: [string, Record<string, unknown>][]): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-record-')), 'runs', ID);
  const store = openStore(path.join(dir, 'state.db'));
  const recorder = new RunRecorder(store, { runId: ID, runDir: dir });
  recorder.record('run.started', {}, (tx) => tx.insertRun(Run.parse({ id: ID, repo: '/r', lane: 'nightly', command: 'run', status, conclusion: 'red', startedAt: '2026-11-21T00:00:00.000Z' })));
  for (const [type, data] of events) recorder.record(type, data);
  store.close();
  return dir;
}

const cp = (after: number) => ['checkpoint.finished', { failingBefore: 4, failingAfter: after, fixed: ['f1'], introduced: [], trustworthy: true, branches: ['atqos/fix/x'] }] as [string, Record<string, unknown>];

describe('readRunRecord', () => {
  it('takes the last checkpoint and the recorded stop reason', () => {
    const rec = readRunRecord(runDir('finished', [cp(3), cp(2), ['remediation.stopped', { reason: 'a fixed finding came back' }]]));
    expect(rec.run.id).toBe(ID);
    expect(rec.checkpoint).toEqual({ failingBefore: 4, failingAfter: 2, fixed: ['f1'], introduced: [], trustworthy: true });
    expect(rec.stopReason).toBe('a fixed finding came back');
  });

  it('prefers the reason the loop finished with (budget stops included) over a mid-run stop', () => {
    const rec = readRunRecord(runDir('finished', [['remediation.stopped', { reason: 'early' }], ['remediation.finished', { reason: 'task budget: 1 of 2 tasks attempted (remediation.maxTasks)' }]]));
    expect(rec.stopReason).toBe('task budget: 1 of 2 tasks attempted (remediation.maxTasks)');
    expect(rec.checkpoint).toBeUndefined();
    expect(readRunRecord(runDir('finished', [['remediation.finished', { reason: null }]])).stopReason).toBeUndefined();
  });

  it('refuses a run that is still running, and a directory that is not a run', async () => {
    expect(() => readRunRecord(runDir('running', []))).toThrow(/has not finished/);
    const err = await rejectionOf(Promise.resolve().then(() => readRunRecord(fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-empty-')))));
    expect(err.code).toBe('run_unknown');
    expect(err.message).toContain('has no state.db');
  });
});
