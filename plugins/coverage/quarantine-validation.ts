import type { ValidationSpec } from '../../src/core/index.js';
import { parseOptions } from './schema.js';

/**
 * Proof that quarantining tests left their files runnable: the files' tests run and the session
 * exits 0 (a quarantined test is a non-strict xfail, so it may pass or fail). Paths come after
 * `--`: a file name is never read as an option.
 */
export function quarantineValidation(files: readonly string[], rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  return {
    commands: [{
      argv: [options.python, '-m', 'pytest', ...options.args, '-p', 'no:cacheprovider', '--color=no', '-rA', '--', ...files],
      cwd: '.',
      env: { PYTHONDONTWRITEBYTECODE: '1' },
      timeoutMs: Math.round(options.timeoutSec * 1000),
    }],
    expect: 'exit-zero',
    repeat: 1,
  };
}
