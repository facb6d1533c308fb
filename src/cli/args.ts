import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { AtqosError } from '../core/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with errors that say how to get help instead of a stack trace. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new AtqosError('usage', `atqos ${command}: ${(err as Error).message}`, { hint: `run \`atqos ${command} --help\`` });
  }
}
