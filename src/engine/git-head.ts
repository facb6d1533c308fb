import path from 'node:path';
import { resolveBase } from '../git/index.js';

/** The commit the repo is at, or undefined when it is not a git checkout (or has no commits). */
export async function gitHead(repoDir: string, runDir: string, env: Readonly<Record<string, string>>): Promise<string | undefined> {
  return resolveBase(repoDir, { logDir: path.join(runDir, 'raw', 'git'), env: { ...env, GIT_TERMINAL_PROMPT: '0' }, timeoutMs: 15_000 }).catch(() => undefined);
}
