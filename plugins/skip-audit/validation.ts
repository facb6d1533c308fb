import type { TaskType, ValidationSpec } from '../../src/core/index.js';
import { deleteValidation } from './delete-validation.js';
import { QUARANTINE_TAG } from '../../src/agents/builtin/quarantine-tag.js';
import { skipAuditPythonDir } from './helper-dir.js';
import { parseOptions } from './schema.js';

/**
 * The commands that prove a skip-audit task done: the target tests run (node ids after `--`, so a
 * hostile id is never an option) and must pass, `reruns` times in a row. pytest exits 0 when a
 * test is still skipped, so `atqos_no_skips` fails the session for a target that skipped or
 * xfailed, unless it carries an ATQOS quarantine marker (what a quarantine task leaves behind).
 * Without node ids, the files must at least collect. A delete_test is proven by `deleteValidation`.
 */
export function validation(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown, type?: TaskType): ValidationSpec {
  if (type === 'delete_test') return deleteValidation(targets, rawOptions);
  const options = parseOptions(rawOptions);
  const timeoutMs = Math.round(options.timeoutSec * 1000);
  const env = { PYTHONPATH: skipAuditPythonDir(), PYTHONDONTWRITEBYTECODE: '1', ATQOS_QUARANTINE_TAG: QUARANTINE_TAG };
  const prefix = [options.python, '-m', 'pytest', '-p', 'no:cacheprovider', '--color=no'];
  if (targets.nodeIds.length === 0) {
    return { commands: [{ argv: [...prefix, '--collect-only', '-q', '--', ...targets.files], cwd: '.', env, timeoutMs }], expect: 'exit-zero', repeat: 1 };
  }
  return {
    commands: [{ argv: [...prefix, '-p', 'atqos_no_skips', '-rA', '--', ...targets.nodeIds], cwd: '.', env, timeoutMs }],
    expect: 'targets-pass',
    repeat: options.reruns,
  };
}
