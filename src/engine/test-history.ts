import fs from 'node:fs';
import type { TestHistoryEntry } from '../plugin/contract.js';
import { openStore, testHistory } from '../store/index.js';

/**
 * Past outcomes of tests from the repo's index of runs, read-only. A missing or unreadable index
 * means no history (a first run), never an error: history only ever adds evidence.
 */
export function readTestHistory(indexPath: string | undefined, tool: string, nodeIds: readonly string[], limit = 50): Map<string, TestHistoryEntry[]> {
  const out = new Map<string, TestHistoryEntry[]>();
  for (const id of nodeIds) out.set(id, []);
  if (!indexPath || !fs.existsSync(indexPath) || nodeIds.length === 0) return out;
  let store;
  try {
    store = openStore(indexPath);
  } catch {
    return out;
  }
  try {
    for (const id of nodeIds) out.set(id, testHistory(store, tool, id, { limit }));
  } finally {
    store.close();
  }
  return out;
}
