import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Finding, Run } from '../../core/index.js';
import { openStore } from '../../store/index.js';
import { laneHistory } from './lane-history.js';

function finding(fp: string, kind: Finding['kind'] = 'test_failure'): Finding {
  return Finding.parse({ tool: 'pytest', kind, severity: 'high', category: 'assertion', scope: { nodeId: `tests/t.py::t_${fp.slice(0, 4)}` }, fingerprint: fp, title: `t ${fp.slice(0, 4)}`, message: 'm', evidence: {} });
}

function run(id: string, minute: number, over: Partial<Run> = {}): Run {
  return Run.parse({ id, repo: '/r', lane: 'nightly', command: 'diagnose', status: 'finished', conclusion: 'red', startedAt: `2026-11-21T00:${String(minute).padStart(2, '0')}:00.000Z`, ...over });
}

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

/** A real index: r1 (nightly, red: A, B), r2 (nightly, error: A), r3 (pr lane: C), r4 (nightly, green, the current run). */
function index(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-index-')), 'state.db');
  const store = openStore(file);
  const rows: [Run, Finding[]][] = [
    [run('r1', 1, { findingCount: 2 }), [finding(A), finding(B, 'coverage_gap')]],
    [run('r2', 2, { conclusion: 'error', findingCount: 1 }), [finding(A)]],
    [run('r3', 3, { lane: 'pr' }), [finding(C)]],
    [run('r4', 4, { conclusion: 'green' }), []],
  ];
  store.transaction((tx) => rows.forEach(([r, fs]) => { tx.insertRun(r); tx.upsertFindings(r.id, fs); }));
  store.close();
  return file;
}

describe('laneHistory', () => {
  it('gone: the findings of the previous trustworthy run of the same lane, skipping error runs and other lanes', () => {
    const h = laneHistory(index(), run('r4', 4, { conclusion: 'green' }), []);
    expect(h.gone.map((f) => f.fingerprint).sort()).toEqual([A, B]);
  });

  it('gone is empty when the current run is not trustworthy, and leaves out what it still sees', () => {
    const file = index();
    expect(laneHistory(file, run('r4', 4, { conclusion: 'error' }), []).gone).toEqual([]);
    expect(laneHistory(file, run('r4', 4, { status: 'interrupted' }), []).gone).toEqual([]);
    expect(laneHistory(file, run('r4', 4, { conclusion: 'red' }), [finding(A)]).gone.map((f) => f.fingerprint)).toEqual([B]);
  });

  it('history: the lane\'s runs oldest first with failing counts; firstSeen: the earliest run with each finding', () => {
    const h = laneHistory(index(), run('r4', 4), [finding(A), finding(C)]);
    expect(h.history.map((e) => [e.id, e.failingCount])).toEqual([['r1', 1], ['r2', 1], ['r4', 0]]);
    expect(h.firstSeen).toEqual({ [A]: 'r1', [C]: 'r3' });
  });

  it('an absent index gives nothing and creates no file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-index-')), 'state.db');
    expect(laneHistory(file, run('r4', 4), [])).toEqual({ gone: [], history: [], firstSeen: {} });
    expect(fs.existsSync(file)).toBe(false);
  });
});
