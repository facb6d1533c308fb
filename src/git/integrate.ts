import { AtqosError } from '../core/index.js';
import { assertBranchName } from './branch-name.js';
import { git } from './git.js';
import type { GitOptions } from './git.js';
import { createTaskWorktree } from './worktree.js';

export interface IntegrationSpec {
  repo: string;
  baseSha: string;
  /** Validated task branches, applied in this order. */
  branches: readonly string[];
  /** Created, or reset to `baseSha` when it exists. */
  integrationBranch: string;
  /** The integration worktree; left in place for the checkpoint, remove it with removeTaskWorktree. */
  dir: string;
}

export interface ConflictedBranch {
  branch: string;
  /** Files git could not merge; empty when the pick failed for another reason (see `reason`). */
  files: string[];
  reason: string;
}

export interface IntegrationResult {
  /** The integration branch's final commit. */
  head: string;
  applied: string[];
  conflicted: ConflictedBranch[];
  /** Branches with no commits beyond the base: nothing to apply, not a fix. */
  empty: string[];
}

/**
 * Resets `integrationBranch` to `baseSha` in its own worktree and cherry-picks each branch's
 * commits onto it, in order. A branch that does not apply cleanly is aborted as a whole and
 * reported; the others still go in. The user's checkout is never touched.
 */
export async function integrateBranches(spec: IntegrationSpec, opts: GitOptions = {}): Promise<IntegrationResult> {
  const branches = spec.branches.map(assertBranchName);
  await assertBranchesExist(spec.repo, branches, opts);
  const dir = await createTaskWorktree({ repo: spec.repo, baseSha: spec.baseSha, dir: spec.dir, branch: spec.integrationBranch }, opts);
  const result: IntegrationResult = { head: spec.baseSha, applied: [], conflicted: [], empty: [] };
  for (const branch of branches) {
    const commits = await branchCommits(spec.repo, spec.baseSha, branch, opts);
    if (commits.length === 0) result.empty.push(branch);
    else {
      const conflict = await pickAll(dir, commits, opts);
      if (conflict) result.conflicted.push({ branch, ...conflict });
      else result.applied.push(branch);
    }
  }
  result.head = await headOf(dir, opts);
  return result;
}

/** One rev-parse for all branches; only when it fails, one per branch to name the missing one. */
async function assertBranchesExist(repo: string, branches: readonly string[], opts: GitOptions): Promise<void> {
  if (branches.length === 0) return;
  const all = await git(['rev-parse', ...branches.map((b) => `refs/heads/${b}^{commit}`), '--'], { ...opts, cwd: repo, allowFail: true });
  if (all.exitCode === 0) return;
  for (const branch of branches) await assertBranchExists(repo, branch, opts);
}

async function assertBranchExists(repo: string, branch: string, opts: GitOptions): Promise<void> {
  const res = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], { ...opts, cwd: repo, allowFail: true });
  if (res.exitCode !== 0) {
    throw new AtqosError('git_missing_branch', `branch '${branch}' does not exist in ${repo}`, {
      hint: 'integrate only branches of accepted attempts from this run',
    });
  }
}

async function branchCommits(repo: string, baseSha: string, branch: string, opts: GitOptions): Promise<string[]> {
  const res = await git(['rev-list', '--reverse', `${baseSha}..refs/heads/${branch}`, '--'], { ...opts, cwd: repo });
  return res.stdout.split('\n').filter(Boolean);
}

/** Cherry-picks `commits`; on failure restores the worktree to where it was and says why. */
async function pickAll(dir: string, commits: string[], opts: GitOptions): Promise<Omit<ConflictedBranch, 'branch'> | undefined> {
  const call = { ...opts, cwd: dir };
  const before = await headOf(dir, opts);
  // Redundant commits (a fix another branch already brought) are kept, not treated as failures.
  const pick = await git(['cherry-pick', '--keep-redundant-commits', '--allow-empty', ...commits], { ...call, allowFail: true });
  if (pick.exitCode === 0) return undefined;
  const unmerged = await git(['diff', '--name-only', '--diff-filter=U', '-z', '--no-relative'], { ...call, allowFail: true });
  const files = unmerged.stdout.split('\0').filter(Boolean);
  await git(['cherry-pick', '--abort'], { ...call, allowFail: true });
  // --abort returns to `before`; reset anyway so a half-applied pick can never reach the branch.
  await git(['reset', '--quiet', '--hard', before], call);
  const reason = files.length > 0 ? `conflict in ${files.length} file(s)` : pick.stderr.trim().split('\n').slice(-3).join(' ');
  return { files, reason };
}

async function headOf(dir: string, opts: GitOptions): Promise<string> {
  return (await git(['rev-parse', '--verify', 'HEAD^{commit}'], { ...opts, cwd: dir })).stdout.trim();
}
