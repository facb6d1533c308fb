import type { ValidationSpec } from '../../src/core/index.js';
import { pytestCommand } from './argv.js';
import { parseOptions } from './schema.js';

/** Passes in a row a quarantine or a lifted quarantine must show: a flaky test gets more than one chance to fail. */
export const VALIDATION_REPEAT = 5;

/**
 * Proof for both of this plugin's task types, which the engine asks for by targets alone: the test
 * files still collect, and the target tests no longer fail the run. After a quarantine the test
 * may still fail, but as a non-strict xfail that exits 0; after a lifted quarantine it must pass.
 * Node ids go after `--` (hostile ids are never options). Repeated, since the tests are flaky.
 */
export function validation(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  const common = ['-p', 'no:cacheprovider', '-p', 'no:randomly', '--color=no'];
  const timeoutMs = Math.round(options.timeoutSec * 1000);
  const env = { PYTHONDONTWRITEBYTECODE: '1' };
  const commands = [];
  if (targets.files.length) commands.push({ argv: [...pytestCommand(options), ...common, '--collect-only', '-q', '--', ...targets.files], cwd: '.', env, timeoutMs });
  if (targets.nodeIds.length) commands.push({ argv: [...pytestCommand(options), ...common, '-rA', '--', ...targets.nodeIds], cwd: '.', env, timeoutMs });
  if (commands.length === 0) commands.push({ argv: [...pytestCommand(options), ...common, '--collect-only', '-q'], cwd: '.', env, timeoutMs });
  return { commands, expect: 'exit-zero', repeat: VALIDATION_REPEAT };
}
