import fs from 'node:fs/promises';
import path from 'node:path';
import { AtqosError } from '../../core/index.js';

/** Absolute path of repo-relative `file` inside `worktree`; refuses anything that leaves it. */
export function insideWorktree(worktree: string, file: string): string {
  const root = path.resolve(worktree);
  const abs = path.resolve(root, file);
  if (abs !== root && abs.startsWith(root + path.sep)) return abs;
  throw new AtqosError('target_outside_worktree', `the target '${file}' is outside the task's worktree`, {
    hint: 'task targets must be repo-relative paths; check the plugin that planned this task',
  });
}

/** The file's text, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
