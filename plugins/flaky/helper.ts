import path from 'node:path';
import { pluginPythonDir } from '../_lib/python-dir.js';

export const SCAN_HELPER = 'atqos_flaky_scan.py';

/**
 * Where `atqos_flaky_scan.py` lives: `plugins/flaky/python/` under the package root, found by
 * walking up from this module (source tree, tsc output and the bundled CLI all sit below it).
 */
export function scanHelperPath(): string {
  return path.join(pluginPythonDir(import.meta.url, 'flaky', SCAN_HELPER), SCAN_HELPER);
}
