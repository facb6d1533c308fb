import type { ValidationSpec } from '../../src/core/index.js';
import { skipAuditPythonDir } from './helper-dir.js';
import { parseOptions } from './schema.js';

/**
 * Proof that a delete_test task is done: the target files run with `-p atqos_deleted`, which
 * fails the session while any target test function is still collected; the files' other tests
 * must pass (exit 0; a file left without tests counts as passing). Files after `--`.
 */
export function deleteValidation(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  const functions = [...new Set(targets.nodeIds.map((id) => id.split('[')[0]!))].sort();
  return {
    commands: [{
      argv: [options.python, '-m', 'pytest', '-p', 'no:cacheprovider', '--color=no', '-p', 'atqos_deleted', '-rA', '--', ...targets.files],
      cwd: '.',
      env: { PYTHONPATH: skipAuditPythonDir(), PYTHONDONTWRITEBYTECODE: '1', ATQOS_DELETED_TESTS: JSON.stringify(functions) },
      timeoutMs: Math.round(options.timeoutSec * 1000),
    }],
    expect: 'exit-zero',
    repeat: 1,
  };
}
