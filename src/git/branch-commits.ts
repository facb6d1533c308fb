import { AtqosError } from '../core/index.js';
import { git } from './git.js';
import type { GitOptions } from './git.js';

export interface BranchCommits {
  branch: string;
  /** The branch's commits beyond the base, oldest first; empty when it has none. */
  commits: string[];
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The tip commit of each branch, in order: one rev-parse for all of them. Only when that fails,
 * one call per branch, to name the missing one.
 */
export async function resolveBranchTips(repo: string, branches: readonly string[], opts: GitOptions): Promise<string[]> {
  if (branches.length === 0) return [];
  const all = await git(['rev-parse', ...branches.map((b) => `refs/heads/${b}^{commit}`), '--'], { ...opts, cwd: repo, allowFail: true });
  const tips = all.stdout.split('\n').filter((line) => SHA.test(line));
  if (all.exitCode === 0 && tips.length === branches.length) return tips;
  const one: string[] = [];
  for (const branch of branches) one.push(await branchTip(repo, branch, opts));
  return one;
}

async function branchTip(repo: string, branch: string, opts: GitOptions): Promise<string> {
  const res = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], { ...opts, cwd: repo, allowFail: true });
  const tip = res.stdout.trim();
  if (res.exitCode !== 0 || !SHA.test(tip)) {
    throw new AtqosError('git_missing_branch', `branch '${branch}' does not exist in ${repo}`, {
      hint: 'integrate only branches of accepted attempts from this run',
    });
  }
  return tip;
}

/**
 * Each branch's commits beyond `baseSha`. A task branch is nearly always one commit on the base,
 * which one `rev-list --parents` call over all tips confirms; any other branch is listed with
 * its own `rev-list`.
 */
export async function branchCommits(repo: string, baseSha: string, branches: readonly string[], tips: readonly string[], opts: GitOptions): Promise<BranchCommits[]> {
  const live = [...new Set(tips.filter((tip) => tip !== baseSha))];
  const parents = live.length > 0 ? await parentsOf(repo, live, opts) : new Map<string, string[]>();
  const out: BranchCommits[] = [];
  for (const [i, branch] of branches.entries()) {
    const tip = tips[i] ?? '';
    const above = parents.get(tip);
    if (tip === baseSha) out.push({ branch, commits: [] });
    else if (above?.length === 1 && above[0] === baseSha) out.push({ branch, commits: [tip] });
    else out.push({ branch, commits: await revList(repo, baseSha, tip, opts) });
  }
  return out;
}

async function parentsOf(repo: string, commits: readonly string[], opts: GitOptions): Promise<Map<string, string[]>> {
  const res = await git(['rev-list', '--no-walk=unsorted', '--parents', ...commits, '--'], { ...opts, cwd: repo });
  const map = new Map<string, string[]>();
  for (const line of res.stdout.split('\n').filter(Boolean)) {
    const [commit = '', ...parents] = line.split(' ');
    map.set(commit, parents);
  }
  return map;
}

async function revList(repo: string, baseSha: string, tip: string, opts: GitOptions): Promise<string[]> {
  const res = await git(['rev-list', '--reverse', `${baseSha}..${tip}`, '--'], { ...opts, cwd: repo });
  return res.stdout.split('\n').filter(Boolean);
}
