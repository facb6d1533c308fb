import fs from 'node:fs';
import path from 'node:path';

/**
 * The newest run directory under `runsDir` (run ids sort by time) other than `self` that holds
 * `relPath`. Run dirs are immutable once written, so what is found there stays valid.
 */
export function findPriorArtifact(runsDir: string, self: string, relPath: string): { runId: string; file: string } | undefined {
  let ids: string[];
  try {
    ids = fs.readdirSync(runsDir).filter((id) => id !== self).sort().reverse();
  } catch {
    return undefined;
  }
  const rel = relPath.split('/').filter((p) => p && p !== '.' && p !== '..');
  for (const id of ids) {
    const file = path.join(runsDir, id, ...rel);
    if (fs.existsSync(file)) return { runId: id, file };
  }
  return undefined;
}
