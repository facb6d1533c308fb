import type { ValidationSpec } from '../../src/core/index.js';
import { asPathArg } from '../_lib/path-arg.js';
import { flake8Prefix, parseOptions } from './schema.js';

const CODE = /^[A-Z]+[0-9]+$/;

/** The codes a task's node ids (`<file>::<code>`) name. */
function codesOf(nodeIds: string[]): string[] {
  return [...new Set(nodeIds.map((id) => id.slice(id.lastIndexOf('::') + 2)))].sort();
}

/**
 * Proof a lint task is done: flake8 on the task's files, limited to its codes, exits 0 (flake8
 * exits 1 on any violation, and on a crash, so neither passes). The repo's config still applies
 * (max-line-length, max-complexity). Without codes the whole file must be clean.
 */
export function validation(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  const codes = codesOf(targets.nodeIds);
  const select = codes.length > 0 && codes.every((c) => CODE.test(c)) ? [`--select=${codes.join(',')}`] : [];
  const argv = [...flake8Prefix(options), '--no-show-source', ...options.args, ...select, '--', ...targets.files.map(asPathArg)];
  return { commands: [{ argv, cwd: '.', timeoutMs: Math.round(options.timeoutSec * 1000) }], expect: 'exit-zero', repeat: 1 };
}
