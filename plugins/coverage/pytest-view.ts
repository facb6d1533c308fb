import { parseOptions } from './schema.js';

/**
 * The `plugins.pytest`-shaped view of the coverage options, for pytest's helpers this plugin
 * reuses (test-file matcher, inventory listing): the same interpreter, args and test paths.
 */
export function asPytestOptions(raw: unknown): { python: string; args: string[]; testPaths: string[]; timeoutSec: number } {
  const o = parseOptions(raw);
  return { python: o.python, args: o.args, testPaths: o.testPaths, timeoutSec: o.timeoutSec };
}
