import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../core/errors.js';
import { Event } from '../core/run.js';
import { readEventLog } from './event-log.js';
import { openStore } from './open-store.js';
import { eventsForRun, findingsForRun } from './queries.js';
import { RunRecorder } from './recorder.js';
import { getRun } from './run-queries.js';
import type { Store } from './store.js';
import { sampleFinding, sampleRun, storeTracker, tempDir } from './test-support.js';

const track = storeTracker();

function setup(): { store: Store; runDir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'state.db');
  const store = openStore(file);
  track(store);
  return { store, runDir: path.join(dir, 'runs', 'r1'), file };
}

function logLines(runDir: string): unknown[] {
  return fs.readFileSync(path.join(runDir, 'events.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
}

describe('RunRecorder', () => {
  it('commits the change and the event together, then logs the same event with increasing seq', () => {
    const { store, runDir } = setup();
    const rec = new RunRecorder(store, { runId: 'r1', runDir });
    const started = rec.record('run.started', { lane: 'nightly' }, (tx) => tx.insertRun(sampleRun('r1')));
    const found = rec.record('findings.stored', { count: 1, nested: { at: undefined, ok: true } }, (tx) =>
      tx.upsertFindings('r1', [sampleFinding('tests/test_a.py::test_x')]),
    );
    expect([started.seq, found.seq]).toEqual([1, 2]);
    expect(found.data).toEqual({ count: 1, nested: { ok: true } });
    expect(getRun(store, 'r1')?.status).toBe('running');
    expect(findingsForRun(store, 'r1')).toHaveLength(1);
    const lines = logLines(runDir);
    expect(lines.map((l) => Event.parse(l))).toEqual(eventsForRun(store, 'r1'));
    expect(lines).toEqual([started, found]);
  });

  it('stores and logs nothing when apply throws, and the seq is not used up', () => {
    const { store, runDir } = setup();
    const rec = new RunRecorder(store, { runId: 'r1', runDir });
    rec.record('run.started', {}, (tx) => tx.insertRun(sampleRun('r1')));
    expect(() =>
      rec.record('task.created', { n: 1 }, (tx) => {
        tx.upsertFindings('r1', [sampleFinding('tests/test_a.py::test_y')]);
        throw new Error('planner exploded');
      }),
    ).toThrow('planner exploded');
    expect(findingsForRun(store, 'r1')).toEqual([]);
    expect(eventsForRun(store, 'r1').map((e) => e.type)).toEqual(['run.started']);
    expect(logLines(runDir)).toHaveLength(1);
    expect(rec.record('next', {}).seq).toBe(2);
  });

  it('rejects an event for a run that was never inserted, logging nothing', () => {
    const { store, runDir } = setup();
    const rec = new RunRecorder(store, { runId: 'ghost', runDir });
    expect(() => rec.record('x', {})).toThrow(/FOREIGN KEY/);
    expect(fs.existsSync(path.join(runDir, 'events.jsonl'))).toBe(false);
  });

  it('resumes seq after the store is reopened', () => {
    const { store, runDir, file } = setup();
    const rec = new RunRecorder(store, { runId: 'r1', runDir });
    rec.record('run.started', {}, (tx) => tx.insertRun(sampleRun('r1')));
    rec.record('collect.done', {});
    store.close();
    const reopened = openStore(file);
    track(reopened);
    const resumed = new RunRecorder(reopened, { runId: 'r1', runDir });
    expect(resumed.lastSeq).toBe(2);
    expect(resumed.record('run.resumed', {}).seq).toBe(3);
    expect(readEventLog(path.join(runDir, 'events.jsonl')).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('on resume, drops a torn last line and restores lines lost after their commit', () => {
    const { store, runDir } = setup();
    const rec = new RunRecorder(store, { runId: 'r1', runDir });
    rec.record('run.started', {}, (tx) => tx.insertRun(sampleRun('r1')));
    rec.record('a', {});
    rec.record('b', { k: 'v' });
    const log = path.join(runDir, 'events.jsonl');
    const [first] = fs.readFileSync(log, 'utf8').split('\n');
    fs.writeFileSync(log, `${first}\n{"seq":2,"runId":"r1","ts":"20`); // crash mid-write of line 2
    const resumed = new RunRecorder(store, { runId: 'r1', runDir });
    expect(resumed.lastSeq).toBe(3);
    expect(logLines(runDir)).toEqual(eventsForRun(store, 'r1'));
    expect(fs.readFileSync(log, 'utf8').endsWith('\n')).toBe(true);
  });

  it('refuses to record inside another transaction, where its line could precede its commit', () => {
    const { store, runDir } = setup();
    const rec = new RunRecorder(store, { runId: 'r1', runDir });
    rec.record('run.started', {}, (tx) => tx.insertRun(sampleRun('r1')));
    const err = (() => {
      try {
        store.transaction(() => rec.record('nested', {}));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AtqosError);
    expect(eventsForRun(store, 'r1')).toHaveLength(1);
  });
});
