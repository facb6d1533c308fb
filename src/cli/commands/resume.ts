import { remediationHook } from '../../engine/remediate/index.js';
import { engineCommand } from '../engine-command.js';
import { RESUME_HELP } from '../help.js';

/** `atqos resume RUN_ID`: the engine applies remediation only when the stopped run was an `atqos run`. */
export function resumeCommand(argv: string[]): Promise<number> {
  return engineCommand({ name: 'resume', help: RESUME_HELP, remediate: remediationHook() }, argv);
}
