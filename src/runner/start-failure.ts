import { existsSync } from 'node:fs';
import path from 'node:path';

interface StartContext {
  file: string;
  cwd: string;
  env: Readonly<Record<string, string>>;
  label?: string;
  hint?: string;
}

/** A message for an executable that could not be started, naming it and the fix. */
export function describeStartFailure(code: string | undefined, detail: string, ctx: StartContext): string {
  const who = ctx.label ? `${ctx.label} executable` : 'executable';
  const fix = ctx.hint ?? defaultHint(code);
  if (code === 'ENOENT') return `${who} '${ctx.file}' ${notFound(ctx)}; ${fix}`;
  if (code === 'EACCES') return `${who} '${ctx.file}' is not executable (EACCES); ${fix}`;
  return `${who} '${ctx.file}' could not be started: ${detail}; ${fix}`;
}

function notFound(ctx: StartContext): string {
  if (ctx.file.includes('/') || ctx.file.includes(path.sep)) {
    // execve also says ENOENT when the file exists but its `#!` interpreter does not.
    const exists = existsSync(path.resolve(ctx.cwd, ctx.file));
    return exists ? 'exists but its #! interpreter was not found' : `does not exist (relative to ${ctx.cwd})`;
  }
  const pathVar = Object.entries(ctx.env).find(([k]) => k.toUpperCase() === 'PATH')?.[1];
  return pathVar ? 'not found on PATH' : `not found on PATH (the child's environment has no PATH)`;
}

function defaultHint(code: string | undefined): string {
  if (code === 'ENOENT') return 'install it or configure its full path';
  if (code === 'EACCES') return 'make it executable (chmod +x) or configure another path';
  return 'check the command in .github/atqos.yml';
}
