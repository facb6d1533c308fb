import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { AtqosError } from '../core/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Flags where an empty value means "not given": workflow inputs default to '' and templates pass
 * them on as `--lane "${{ inputs.lane }}"`, which must select the config's default lane.
 */
const EMPTY_IS_UNSET = ['lane'] as const;

/** parseArgs with errors that say how to get help instead of a stack trace. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new AtqosError('usage', `atqos ${command}: ${(err as Error).message}`, { hint: `run \`atqos ${command} --help\`` });
  }
  const values = parsed.values as Record<string, unknown>;
  for (const flag of EMPTY_IS_UNSET) if (typeof values[flag] === 'string' && (values[flag] as string).trim() === '') delete values[flag];
  return parsed;
}
