import path from 'node:path';
import { runCommand } from '../runner/index.js';
import fs from 'node:fs';

/** The commit the repo is at, or undefined when it is not a git checkout (or has no commits). */
export async function gitHead(repoDir: string, runDir: string, env: Readonly<Record<string, string>>): Promise<string | undefined> {
  const dir = path.join(runDir, 'raw', 'git');
  const res = await runCommand({
    argv: ['git', 'rev-parse', '--verify', '--quiet', 'HEAD'],
    cwd: repoDir,
    env,
    stdoutPath: path.join(dir, 'rev-parse.stdout'),
    stderrPath: path.join(dir, 'rev-parse.stderr'),
    timeoutMs: 15_000,
  });
  if (res.exitCode !== 0) return undefined;
  const sha = fs.readFileSync(res.stdoutPath, 'utf8').trim();
  return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}
