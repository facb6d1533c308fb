import { assertBranchName } from './branch-name.js';
import { branchCommits, resolveBranchTips } from './branch-commits.js';
import type { BranchCommits } from './branch-commits.js';
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
  const tips = await resolveBranchTips(spec.repo, branches, opts);
  const dir = await createTaskWorktree({ repo: spec.repo, baseSha: spec.baseSha, dir: spec.dir, branch: spec.integrationBranch }, opts);
  const plan = await branchCommits(spec.repo, spec.baseSha, branches, tips, opts);
  const toApply = plan.filter((b) => b.commits.length > 0);
  const result: IntegrationResult = { head: spec.baseSha, applied: [], conflicted: [], empty: plan.filter((b) => b.commits.length === 0).map((b) => b.branch) };
  if (await pickAtOnce(dir, spec.baseSha, toApply, opts)) result.applied = toApply.map((b) => b.branch);
  else {
    for (const { branch, commits } of toApply) {
      const conflict = await pickAll(dir, commits, opts);
      if (conflict) result.conflicted.push({ branch, ...conflict });
      else result.applied.push(branch);
    }
  }
  result.head = await headOf(dir, opts);
  return result;
}

/**
 * The common case — every branch applies — in one cherry-pick of all their commits. False (and
 * the worktree back at `baseSha`) when it did not work out: then each branch is picked on its
 * own, so a conflict is charged to the branch that caused it.
 */
async function pickAtOnce(dir: string, baseSha: string, branches: readonly BranchCommits[], opts: GitOptions): Promise<boolean> {
  const commits = branches.flatMap((b) => b.commits);
  // One branch gains nothing; a commit on two branches must be picked twice, which one call cannot.
  if (branches.length < 2 || new Set(commits).size !== commits.length) return branches.length === 0;
  const call = { ...opts, cwd: dir };
  const pick = await git(['cherry-pick', '--keep-redundant-commits', '--allow-empty', ...commits], { ...call, allowFail: true });
  if (pick.exitCode === 0) return true;
  await git(['cherry-pick', '--abort'], { ...call, allowFail: true });
  await git(['reset', '--quiet', '--hard', baseSha], call);
  return false;
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
