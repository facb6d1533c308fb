import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCAN_HELPER = 'atqos_flaky_scan.py';

/**
 * Where `atqos_flaky_scan.py` lives: `plugins/flaky/python/` under the package root, found by
 * walking up from this module (source tree, tsc output and the bundled CLI all sit below it).
 */
export function scanHelperPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; ) {
    for (const candidate of [path.join(dir, 'python'), path.join(dir, 'plugins', 'flaky', 'python')]) {
      if (fs.existsSync(path.join(candidate, SCAN_HELPER))) return path.join(candidate, SCAN_HELPER);
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(here, 'python', SCAN_HELPER);
    dir = parent;
  }
}
