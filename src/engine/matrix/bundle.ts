import fs from 'node:fs';
import { AtqosError } from '../../core/index.js';
import { git } from '../../git/index.js';

/**
 * Writes the task branches (their commits beyond `baseSha`) into a git bundle at `file`. False,
 * and no file, when there is nothing to bundle: git refuses an empty bundle.
 */
export async function bundleBranches(repoDir: string, baseSha: string, branches: readonly string[], file: string): Promise<boolean> {
  if (branches.length === 0) return false;
  const create = () => git(['bundle', 'create', '--quiet', file, ...branches.map((b) => `refs/heads/${b}`), `^${baseSha}`], { cwd: repoDir, hint: 'the task branches must exist in this checkout' });
  try {
    await create();
  } catch (err) {
    // A cancelled job's first SIGTERM kills every running child, this one too if it was writing
    // the artifact just then; the artifact is what the cancelled job still owes, so write it again.
    if (!(err instanceof AtqosError) || err.code !== 'git_interrupted') throw err;
    fs.rmSync(`${file}.lock`, { force: true });
    await create();
  }
  return fs.existsSync(file);
}

/** The refs a bundle holds (`refs/heads/x` → sha), or why git cannot read it against this repo. */
export async function bundleHeads(repoDir: string, file: string): Promise<Map<string, string> | string> {
  const verify = await git(['bundle', 'verify', '--quiet', file], { cwd: repoDir, allowFail: true });
  if (verify.exitCode !== 0) return `git bundle verify failed: ${verify.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 300)}`;
  const heads = await git(['bundle', 'list-heads', file], { cwd: repoDir, allowFail: true });
  if (heads.exitCode !== 0) return `git bundle list-heads failed: ${heads.stderr.trim().slice(0, 300)}`;
  const map = new Map<string, string>();
  for (const line of heads.stdout.split('\n')) {
    const [sha, ref] = line.trim().split(/\s+/);
    if (sha && ref) map.set(ref, sha);
  }
  return map;
}

/** Fetches `branches` from a verified bundle into this repo's branches of the same name (forced: reruns converge). */
export async function fetchBranches(repoDir: string, file: string, branches: readonly string[]): Promise<void> {
  if (branches.length === 0) return;
  await git(['fetch', '--quiet', '--no-tags', file, ...branches.map((b) => `+refs/heads/${b}:refs/heads/${b}`)], { cwd: repoDir, hint: 'check out another branch than the atqos/* task branches and retry' });
}
