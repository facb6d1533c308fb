import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { AtqosError } from '../../src/core/index.js';

/** The `plugins.ruff` section of `.github/atqos.yml`. */
export const RuffOptions = z
  .object({
    /** argv prefix that runs ruff, e.g. `["uv", "run", "ruff"]` or `[".venv/bin/ruff"]`. */
    command: z.array(z.string().min(1)).min(1).default(['ruff']),
    /** Extra `ruff check` arguments, before the paths. */
    args: z.array(z.string()).default([]),
    /** Paths handed to `ruff check`. */
    paths: z.array(z.string().min(1)).min(1).default(['.']),
    timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(600),
  })
  .strict();
export type RuffOptions = z.infer<typeof RuffOptions>;

const EXPECTED: Record<string, string> = {
  command: 'a non-empty list of non-empty strings (the argv that runs ruff)',
  args: 'a list of strings',
  paths: 'a non-empty list of non-empty strings',
  timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
};

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export function parseOptions(raw: unknown): RuffOptions {
  const result = RuffOptions.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    throw new AtqosError('config_invalid', `plugins.ruff has unknown key(s): ${issue.keys.map((k) => `plugins.ruff.${k}`).join(', ')}`, {
      hint: `known keys: ${Object.keys(EXPECTED).join(', ')}`,
    });
  }
  const key = String(issue?.path[0] ?? '');
  const where = key ? `plugins.ruff.${key}` : 'plugins.ruff';
  throw new AtqosError('config_invalid', `${where} must be ${EXPECTED[key] ?? 'a mapping of options'}`, {
    hint: issue ? `${issue.message} (in .github/atqos.yml)` : 'fix it in .github/atqos.yml',
  });
}

/** A path argument must never be read as an option. */
export function asPathArg(p: string): string {
  return p.startsWith('-') ? `./${p}` : p;
}
