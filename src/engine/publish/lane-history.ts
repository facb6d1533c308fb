import fs from 'node:fs';
import type { Finding, Run } from '../../core/index.js';
import type { RunHistoryEntry } from '../../github/plan-input.js';
import { findingsForRun, getRun, openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';

/** What the repo-level index knows around one run: findings gone since, the trend, first sightings. */
export interface LaneHistory {
  gone: Finding[];
  history: RunHistoryEntry[];
  firstSeen: Record<string, string>;
}

const FAILING_KINDS = ['test_failure', 'test_error', 'collection_error', 'env_error', 'tool_error'];
const HISTORY_RUNS = 20;

/** Whether a run's findings can be trusted to be complete: only then may an absence close an issue. */
export function isTrustworthy(run: Run): boolean {
  return run.status === 'finished' && (run.conclusion === 'green' || run.conclusion === 'red');
}

/**
 * Reads the repo index (`.atqos/state.db`): `gone` holds the findings of the previous trustworthy
 * run of the same lane that this run no longer has (empty unless this run is trustworthy),
 * `history` the lane's last 20 runs, `firstSeen` the earliest run holding each current finding.
 */
export function laneHistory(indexFile: string, run: Run, findings: readonly Finding[]): LaneHistory {
  if (!fs.existsSync(indexFile)) return { gone: [], history: [], firstSeen: {} };
  const store = openStore(indexFile);
  try {
    return { gone: goneFindings(store, run, findings), history: history(store, run.lane), firstSeen: firstSeen(store, findings) };
  } finally {
    store.close();
  }
}

function goneFindings(store: Store, run: Run, findings: readonly Finding[]): Finding[] {
  if (!isTrustworthy(run)) return [];
  const previous = store.db
    .prepare<[{ lane: string; id: string; startedAt: string }], { id: string }>(
      `SELECT id FROM runs WHERE lane = @lane AND id <> @id AND status = 'finished' AND conclusion IN ('green', 'red')
       AND (started_at < @startedAt OR (started_at = @startedAt AND id < @id)) ORDER BY started_at DESC, id DESC LIMIT 1`,
    )
    .get({ lane: run.lane, id: run.id, startedAt: run.startedAt });
  if (!previous) return [];
  const current = new Set(findings.map((f) => f.fingerprint));
  return findingsForRun(store, previous.id).filter((f) => !current.has(f.fingerprint));
}

function history(store: Store, lane: string): RunHistoryEntry[] {
  const ids = store.db
    .prepare<[string, number], { id: string }>('SELECT id FROM runs WHERE lane = ? ORDER BY started_at DESC, id DESC LIMIT ?')
    .all(lane, HISTORY_RUNS)
    .map((r) => r.id);
  const failing = store.db.prepare<[string], { n: number }>(
    `SELECT COUNT(*) AS n FROM findings WHERE run_id = ? AND kind IN (${FAILING_KINDS.map((k) => `'${k}'`).join(', ')})`,
  );
  const entries: RunHistoryEntry[] = [];
  for (const id of ids) {
    const r = getRun(store, id);
    if (!r) continue;
    entries.push({ id: r.id, startedAt: r.startedAt, findingCount: r.findingCount, failingCount: failing.get(r.id)?.n ?? 0, ...(r.counts ? { counts: r.counts } : {}) });
  }
  return entries.reverse();
}

function firstSeen(store: Store, findings: readonly Finding[]): Record<string, string> {
  const earliest = store.db.prepare<[string], { id: string }>(
    'SELECT r.id AS id FROM findings f JOIN runs r ON r.id = f.run_id WHERE f.fingerprint = ? ORDER BY r.started_at, r.id LIMIT 1',
  );
  const out: Record<string, string> = {};
  for (const f of findings) {
    const row = earliest.get(f.fingerprint);
    if (row) out[f.fingerprint] = row.id;
  }
  return out;
}
