import type { ValidationSpec } from '../../src/core/index.js';
import { CHECK_TARGETS } from './check-script.js';
import { parseOptions, VITEST_ENV, vitestPrefix } from './schema.js';
import { splitNodeId, testNamePattern } from './test-id.js';

/** Times a targeted re-run must pass in a row before a fix counts (a flaky pass is no fix). */
export const VALIDATION_REPEAT = 3;

const asPathArg = (p: string) => (p.startsWith('-') ? `./${p}` : p);

/**
 * The commands that prove a task done: `vitest run <files> --testNamePattern=<exact names>`,
 * judged by a check that every target test ran and passed (see CHECK_TARGETS). Names are hostile
 * input: they travel as one argv element each, regex-escaped, never through a shell. With no
 * node ids (a test file that could not load), the files must run with at least one passing test.
 */
export function validation(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  const ids = targets.nodeIds.flatMap((id) => splitNodeId(id) ?? []);
  const files = [...new Set([...ids.map((t) => t.file), ...targets.files])].sort();
  const pattern = ids.length ? [`--testNamePattern=${testNamePattern(ids.map((t) => t.name))}`] : [];
  const vitest = [...vitestPrefix(options), 'run', ...files.map(asPathArg), ...options.args, '--no-cache', ...pattern];
  return {
    commands: [{ argv: ['node', '-e', CHECK_TARGETS, '--', JSON.stringify(ids), ...vitest], cwd: '.', env: { ...VITEST_ENV }, timeoutMs: Math.round(options.timeoutSec * 1000) }],
    expect: 'targets-pass',
    repeat: VALIDATION_REPEAT,
  };
}
