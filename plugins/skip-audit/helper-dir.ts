import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'atqos_skip_inventory.py';

/**
 * Where the skip audit's Python helpers live: `plugins/skip-audit/python/`, found by walking up
 * from this module (source tree, tsc output and the bundled CLI all sit below the package root).
 */
export function skipAuditPythonDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'python'), path.join(dir, 'plugins', 'skip-audit', 'python')]) {
      if (fs.existsSync(path.join(candidate, MARKER))) return candidate;
    }
    if (path.dirname(dir) === dir) return path.join(here, 'python');
  }
}
