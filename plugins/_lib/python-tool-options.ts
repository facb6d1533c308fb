import { z } from 'zod';
import { MAX_TIMEOUT_SEC } from '../../src/config/schema.js';
import { optionsParser } from './options-parser.js';

/** The `plugins.<tool>` section of a Python checker run as `<python> -m <tool>` or by its own name. */
function schemaFor(tool: string, defaultTimeoutSec: number) {
  return z
    .object({
      /** Interpreter that runs `-m <tool>` (e.g. `.venv/bin/python`); unset: the `<tool>` on PATH. */
      python: z.string().min(1).optional(),
      /** Full argv replacing `<tool>` / `<python> -m <tool>`, e.g. `["uv", "run", "<tool>"]`. */
      command: z.array(z.string().min(1)).min(1).optional(),
      /** Extra arguments, before the paths. */
      args: z.array(z.string()).default([]),
      /** Paths handed to the tool. */
      paths: z.array(z.string().min(1)).min(1).default(['.']),
      timeoutSec: z.number().positive().max(MAX_TIMEOUT_SEC).default(defaultTimeoutSec),
    })
    .strict();
}

export type PythonToolOptions = z.infer<ReturnType<typeof schemaFor>>;

/**
 * Options of a Python checker plugin (mypy, flake8): the zod schema, a parser whose errors name
 * `plugins.<tool>.<key>` and what it must be, and the argv prefix of every invocation —
 * `command`, else `<python> -m <tool>`, else `<tool>`.
 */
export function pythonToolOptions(tool: string, defaultTimeoutSec: number) {
  const schema = schemaFor(tool, defaultTimeoutSec);
  const parseOptions = optionsParser(tool, schema, {
    python: 'a non-empty string (an interpreter name or path)',
    command: `a non-empty list of non-empty strings (the argv that runs ${tool})`,
    args: 'a list of strings',
    paths: 'a non-empty list of non-empty strings',
    timeoutSec: `a positive number of seconds, at most ${MAX_TIMEOUT_SEC}`,
  });
  const prefix = (options: PythonToolOptions): string[] => {
    if (options.command) return [...options.command];
    return options.python ? [options.python, '-m', tool] : [tool];
  };
  return { schema, parseOptions, prefix };
}
