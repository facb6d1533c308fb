import fs from 'node:fs';
import path from 'node:path';

/** Where an executable name or path leads, or why it leads nowhere. */
export type Located = { path: string } | { problem: string };

/**
 * Resolves `bin` the way spawning it would: a bare name is looked up on `pathVar`, a path
 * (anything with a separator) is taken as is, a relative one against `baseDir`. The file must
 * exist and be executable.
 */
export function findExecutable(bin: string, pathVar: string | undefined, baseDir: string): Located {
  if (bin.includes('/') || bin.includes('\\')) {
    const file = path.resolve(baseDir, bin);
    return executableProblem(file) ? { problem: executableProblem(file)! } : { path: file };
  }
  const dirs = (pathVar ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const file = path.join(dir, bin);
    if (!executableProblem(file)) return { path: file };
  }
  return { problem: `\`${bin}\` was not found on PATH (${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'} searched)` };
}

function executableProblem(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return `${file} does not exist`;
  }
  if (!stat.isFile()) return `${file} is not a file`;
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return `${file} is not executable (chmod +x it)`;
  }
  return undefined;
}
