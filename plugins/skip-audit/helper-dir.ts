import { pluginPythonDir } from '../_lib/python-dir.js';

const MARKER = 'atqos_skip_inventory.py';

/**
 * Where the skip audit's Python helpers live: `plugins/skip-audit/python/`, found by walking up
 * from this module (source tree, tsc output and the bundled CLI all sit below the package root).
 */
export function skipAuditPythonDir(): string {
  return pluginPythonDir(import.meta.url, 'skip-audit', MARKER);
}
