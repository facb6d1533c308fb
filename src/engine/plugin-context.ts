import path from 'node:path';
import type { PreparedRun } from './prepare-run.js';
import type { PluginRunInput } from './run-plugin.js';
import { INDEX_DB } from './index-run.js';

/** What every plugin of a run sees besides its own options: the lane, the changes, past runs. */
export function pluginContext(p: PreparedRun): Pick<PluginRunInput, 'lane' | 'changes' | 'indexPath' | 'runsDir'> {
  return { lane: p.laneContext, changes: p.changes, indexPath: path.join(p.runRoot, INDEX_DB), runsDir: path.join(p.runRoot, 'runs') };
}
