import type { CommandSpec } from '../../src/core/index.js';
import { parseOptions, pytestPrefix } from './schema.js';

/**
 * `pytest --collect-only -q` in a checkout: one node id per line, then a summary. Used by the
 * inventory guard to prove an attempt did not make any test disappear.
 */
export function listTestsCommand(rawOptions: unknown): CommandSpec {
  const options = parseOptions(rawOptions);
  return {
    argv: [...pytestPrefix(options), ...options.args, '-p', 'no:cacheprovider', '--color=no', '--collect-only', '-q', ...(options.testPaths.length ? ['--', ...options.testPaths] : [])],
    cwd: '.',
    env: { PYTHONDONTWRITEBYTECODE: '1' },
    timeoutMs: Math.round(Math.min(options.timeoutSec, 600) * 1000),
  };
}

/** Node ids from `--collect-only -q` output; undefined when collection failed (exit ≠ 0 and ≠ 5). */
export function parseListedTests(exitCode: number | null, stdout: string): string[] | undefined {
  if (exitCode === 5) return [];
  if (exitCode !== 0) return undefined;
  const ids: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') break;
    if (line.includes('::')) ids.push(line.trimEnd());
  }
  return ids;
}
