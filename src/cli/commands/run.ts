import { loadConfig } from '../../config/index.js';
import { checkAgentRouting, remediationHook } from '../../engine/remediate/index.js';
import { engineCommand } from '../engine-command.js';
import { RUN_HELP } from '../help.js';

export function runCommand(argv: string[]): Promise<number> {
  return engineCommand(
    {
      name: 'run',
      help: RUN_HELP,
      precheck: (repoDir, configPath) => checkAgentRouting(loadConfig(repoDir, configPath).config.agents, repoDir),
      remediate: remediationHook(),
    },
    argv,
  );
}
