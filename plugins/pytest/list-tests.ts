import type { CommandSpec } from '../../src/core/index.js';
import { parseOptions, pytestPrefix } from './schema.js';

/**
 * `pytest --collect-only -q` in a checkout: one node id per line, then a summary. Used by the
 * inventory guard to prove an attempt did not make any test disappear. A module that fails to
 * import (a test of a removed API) must not hide every other test from the guard, so collection
 * goes on past it: the list then holds every test that collects.
 */
export function listTestsCommand(rawOptions: unknown): CommandSpec {
  const options = parseOptions(rawOptions);
  return {
    argv: [...pytestPrefix(options), ...options.args, '-p', 'no:cacheprovider', '--color=no', '--collect-only', '-q', '--continue-on-collection-errors', ...(options.testPaths.length ? ['--', ...options.testPaths] : [])],
    cwd: '.',
    env: { PYTHONDONTWRITEBYTECODE: '1' },
    timeoutMs: Math.round(Math.min(options.timeoutSec, 600) * 1000),
  };
}

/**
 * Node ids from `--collect-only -q` output: exit 0, or 1 when some modules had collection errors
 * (the ids that did collect come first, then the errors); none on exit 5; undefined for any other
 * exit (interrupted, a usage or conftest error).
 */
export function parseListedTests(exitCode: number | null, stdout: string): string[] | undefined {
  if (exitCode === 5) return [];
  if (exitCode !== 0 && exitCode !== 1) return undefined;
  const ids: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') break;
    if (line.includes('::')) ids.push(line.trimEnd());
  }
  return ids;
}
