import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { z } from 'zod';
import { AtqosError } from '../../src/core/index.js';

/** The `plugins.pytest` section of `.github/atqos.yml`. */
export const PytestOptions = z
  .object({
    /** Interpreter that runs `-m pytest`; a name on PATH or a path (e.g. `.venv/bin/python`). */
    python: z.string().min(1).default('python3'),
    /** Extra pytest arguments, appended after the test paths. */
    args: z.array(z.string()).default([]),
    /** Paths handed to pytest; empty lets pytest's own discovery (`testpaths`, rootdir) decide. */
    testPaths: z.array(z.string().min(1)).default([]),
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(1800),
    /** Full argv replacing `<python> -m pytest`, e.g. `["uv", "run", "pytest"]`. */
    command: z.array(z.string().min(1)).min(1).optional(),
    /** Keep running the other modules when one fails to import, so one run shows everything. */
    continueOnCollectionErrors: z.boolean().default(true),
  })
  .strict();
export type PytestOptions = z.infer<typeof PytestOptions>;

const EXPECTED: Record<string, string> = {
  python: 'a non-empty string (an interpreter name or path)',
  args: 'a list of strings',
  testPaths: 'a list of non-empty strings',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
  command: 'a non-empty list of non-empty strings',
  continueOnCollectionErrors: 'true or false',
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export function parseOptions(raw: unknown): PytestOptions {
  const result = PytestOptions.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    throw new AtqosError('config_invalid', `plugins.pytest has unknown key(s): ${issue.keys.join(', ')}`, {
      hint: `known keys: ${Object.keys(EXPECTED).join(', ')}`,
    });
  }
  const key = String(issue?.path[0] ?? '');
  const where = key ? `plugins.pytest.${key}` : 'plugins.pytest';
  const expected = EXPECTED[key] ?? 'a mapping of options';
  throw new AtqosError('config_invalid', `${where} must be ${expected}`, {
    hint: issue ? `${issue.message} (in .github/atqos.yml)` : 'fix it in .github/atqos.yml',
  });
}

/** `python -m pytest`, or the configured command: the prefix of every pytest invocation. */
export function pytestPrefix(options: PytestOptions): string[] {
  return options.command ? [...options.command] : [options.python, '-m', 'pytest'];
}
