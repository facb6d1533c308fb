import type { ValidationSpec } from '../../../src/core/index.js';
import { parseOptions } from '../schema.js';
import { addTestCheckScript } from './helper-path.js';

/** Consecutive passing runs the new tests need (TestGen-LLM's "passes reliably" filter). */
export const ADD_TEST_RUNS = 5;

/**
 * How long the one helper command may take, in units of `timeoutSec` (one suite run): two suite
 * runs under coverage (before and after) plus the repeated runs of the new test files alone.
 */
const SUITE_RUNS_BUDGET = 3;

/**
 * The commands that prove an `add_test` attempt: one run of `add_test_check.py` in the worktree,
 * which keeps the attempt only when it changed test files alone, its new tests pass
 * {@link ADD_TEST_RUNS} times in a row, the coverage of `targets.files[0]` (by repo-relative
 * path) strictly rises over the base version, and no test that passed before fails. The helper
 * repeats on its own, so `repeat` is 1; its stdout is one JSON verdict line
 * ({@link AddTestVerdict}) holding the coverage before and after, which is also the engine's
 * `ValidationReport`. Tests in `knownFlaky` are left out of the regression check, and the verdict
 * names them.
 */
export function addTestValidation(targets: { files: readonly string[]; nodeIds: readonly string[] }, rawOptions: unknown, knownFlaky: readonly string[] = []): ValidationSpec {
  const options = parseOptions(rawOptions);
  const [module] = targets.files;
  const argv = [
    options.python, addTestCheckScript(),
    // `--key=value` keeps a value that starts with `-` (a pytest option, a hostile path) a value.
    ...(module === undefined ? [] : [`--module=${module}`]),
    `--python=${options.python}`,
    `--runs=${ADD_TEST_RUNS}`,
    `--timeout=${options.timeoutSec}`,
    ...(options.branch ? ['--branch'] : []),
    ...options.source.map((s) => `--source=${s}`),
    ...options.testPaths.map((p) => `--test-path=${p}`),
    ...options.args.map((a) => `--pytest-arg=${a}`),
    // Tests this run found flaky: the attempt starts from the run's base, where they still flip.
    ...knownFlaky.map((id) => `--known-flaky=${id}`),
  ];
  return {
    commands: [{ argv, cwd: '.', env: { PYTHONDONTWRITEBYTECODE: '1' }, timeoutMs: Math.round(options.timeoutSec * 1000 * SUITE_RUNS_BUDGET), reports: true }],
    expect: 'exit-zero',
    repeat: 1,
    repeatsItself: true,
  };
}
