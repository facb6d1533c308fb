import { statSync } from 'node:fs';

/** Why `argv` can never be started, naming what to change; undefined when it can. */
export function argvProblem(argv: readonly string[]): string | undefined {
  if (argv.length === 0 || argv[0] === '') return 'nothing to run: argv is empty; configure the command to run';
  const withNul = argv.findIndex((arg) => arg.includes('\0'));
  if (withNul >= 0) return `argv[${withNul}] contains a NUL byte, which no process can receive; remove it from the command`;
  return undefined;
}

/** Why a process cannot run in `cwd`; undefined when it can. */
export function cwdProblem(cwd: string): string | undefined {
  return isDirectory(cwd) ? undefined : `working directory '${cwd}' does not exist or is not a directory`;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
