import type { ValidationSpec } from '../../src/core/index.js';
import { parseOptions, pytestPrefix } from './schema.js';

/** Times a targeted re-run must pass in a row before a fix counts (a flaky pass is no fix). */
export const VALIDATION_REPEAT = 3;

/** Validation runs leave no bytecode in the worktree either (see collectEnv). */
const NO_BYTECODE = { PYTHONDONTWRITEBYTECODE: '1' };

/**
 * The commands that prove a task done: a re-run of exactly its node ids, which must all pass.
 * Node ids are hostile input (parametrize ids can hold anything): they are argv elements after
 * `--`, so even one starting with `-` is a path, never an option. With no node ids (a usage
 * error), the suite must at least collect cleanly.
 */
export function validation(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  const timeoutMs = Math.round(options.timeoutSec * 1000);
  const common = [...options.args, '-p', 'no:cacheprovider', '--color=no'];
  if (targets.nodeIds.length === 0) {
    return {
      commands: [{ argv: [...pytestPrefix(options), ...common, '--collect-only', '-q', '--', ...(options.testPaths.length ? options.testPaths : [])], cwd: '.', env: NO_BYTECODE, timeoutMs }],
      expect: 'exit-zero',
      repeat: 1,
    };
  }
  return {
    // -rA lists every selected test's outcome in the summary, so the output names each target.
    commands: [{ argv: [...pytestPrefix(options), ...common, '-rA', '--', ...targets.nodeIds], cwd: '.', env: NO_BYTECODE, timeoutMs }],
    expect: 'targets-pass',
    repeat: VALIDATION_REPEAT,
  };
}
