import type { z } from 'zod';
import { AtqosError } from '../../src/core/index.js';

/** How a plugin words its option errors (the defaults are the common wording). */
export interface OptionsErrorWording {
  /** Name the full path of a bad value (`plugins.coverage.targets.0.min`), not only its top-level key. */
  fullPath?: boolean;
  /** The unknown-keys message, given the keys' full names. */
  unknownKeys?: (names: string[]) => string;
  /** Said after the list of known keys in the unknown-keys hint. */
  knownKeysNote?: string;
}

/**
 * The options parser of plugin `id`: parses and defaults `plugins.<id>` with `schema`, and throws
 * an AtqosError naming the offending `plugins.<id>.<key>` and what `expected` says it must be.
 */
export function optionsParser<S extends z.ZodType>(id: string, schema: S, expected: Record<string, string>, wording: OptionsErrorWording = {}): (raw: unknown) => z.output<S> {
  const section = `plugins.${id}`;
  const unknownKeys = wording.unknownKeys ?? ((names: string[]) => `${section} has unknown key(s): ${names.join(', ')}`);
  return (raw) => {
    const result = schema.safeParse(raw ?? {});
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      const names = issue.keys.map((k) => [section, ...issue.path, k].join('.'));
      throw new AtqosError('config_invalid', unknownKeys(names), {
        hint: `known keys: ${Object.keys(expected).join(', ')}${wording.knownKeysNote ? ` ${wording.knownKeysNote}` : ''}`,
      });
    }
    const key = String(issue?.path[0] ?? '');
    const at = wording.fullPath ? issue?.path.join('.') : key;
    const where = at ? `${section}.${at}` : section;
    throw new AtqosError('config_invalid', `${where} must be ${expected[key] ?? 'a mapping of options'}`, {
      hint: issue ? `${issue.message} (in .github/atqos.yml)` : 'fix it in .github/atqos.yml',
    });
  };
}
