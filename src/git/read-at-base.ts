import { AtqosError } from '../core/index.js';
import { git } from './git.js';
import type { GitOptions } from './git.js';

/**
 * The text of repo-relative `file` at commit `baseSha` (UTF-8 decoded, no filters or textconv),
 * or undefined when no file exists at that path there. Throws when `baseSha` itself is unknown,
 * so a typo cannot pass for "file absent".
 */
export async function readAtBase(repo: string, baseSha: string, file: string, opts: GitOptions = {}): Promise<string | undefined> {
  assertRepoRelative(file);
  // `<sha>:<path>` is one argument that never starts with `-`, so a path like `-rf` stays a path.
  const res = await git(['cat-file', 'blob', `${baseSha}:${file}`], { ...opts, cwd: repo, allowFail: true });
  if (res.exitCode === 0) return res.stdout;
  const commit = await git(['cat-file', '-e', `${baseSha}^{commit}`], { ...opts, cwd: repo, allowFail: true });
  if (commit.exitCode !== 0) {
    throw new AtqosError('git_bad_sha', `commit '${baseSha.slice(0, 80)}' does not exist in ${repo}`, { hint: 'pass the base sha from resolveBase() for this repository' });
  }
  return undefined;
}

/** Texts at `baseSha` for several paths, for guards that read the base synchronously. */
export async function readManyAtBase(repo: string, baseSha: string, files: readonly string[], opts: GitOptions = {}): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const file of new Set(files)) out.set(file, await readAtBase(repo, baseSha, file, opts));
  return out;
}

function assertRepoRelative(file: string): void {
  const parts = file.split('/');
  if (file === '' || file.startsWith('/') || /^[A-Za-z]:/.test(file) || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new AtqosError('git_bad_path', `'${file.slice(0, 200)}' is not a repo-relative path`, {
      hint: 'pass paths as git prints them: relative to the repository root, `/`-separated, without `.` or `..`',
    });
  }
}
