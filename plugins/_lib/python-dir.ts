import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A plugin's Python helper dir, `plugins/<id>/python/` (the one holding `marker`), found by walking
 * up from `moduleUrl` (the caller's `import.meta.url`): the source tree, tsc output and the bundled
 * CLI all sit below the package root. Not found: `fallback`, relative to the module's dir.
 */
export function pluginPythonDir(moduleUrl: string, pluginId: string, marker: string, fallback = 'python'): string {
  const here = path.dirname(fileURLToPath(moduleUrl));
  for (let dir = here; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'python'), path.join(dir, 'plugins', pluginId, 'python')]) {
      if (fs.existsSync(path.join(candidate, marker))) return candidate;
    }
    if (path.dirname(dir) === dir) return path.join(here, fallback);
  }
}
