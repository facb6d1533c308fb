import fs from 'node:fs';
import path from 'node:path';

/**
 * The newest sibling run directory (run ids sort by time) other than `runDir` that holds
 * `relPath`. Run dirs are immutable once written, so what is found there stays valid.
 */
export function findPriorArtifact(runDir: string, relPath: string): { runId: string; file: string } | undefined {
  const runsDir = path.dirname(runDir);
  const self = path.basename(runDir);
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
