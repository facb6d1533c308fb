import { engineCommand } from '../engine-command.js';
import { DIAGNOSE_HELP } from '../help.js';

export function diagnoseCommand(argv: string[]): Promise<number> {
  return engineCommand({ name: 'diagnose', help: DIAGNOSE_HELP }, argv);
}
