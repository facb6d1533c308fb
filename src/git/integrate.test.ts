import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AtqosError } from '../core/index.js';
import { taskBranchName } from './branch-name.js';
import { commitAttempt, readTrailers } from './commit.js';
import { diffWorktree } from './diff.js';
import { resolveBase } from './head.js';
import { integrateBranches } from './integrate.js';
import { createTaskWorktree, removeTaskWorktree } from './worktree.js';
import { listWorktrees } from './worktree-list.js';
import { atqosBranches, checkoutState, makeRepo, read, sh, trailersFor, write } from './test-support.js';

const INTEGRATION = 'atqos/integration/run-1';
const FP = { a: 'a'.repeat(40), b: 'b'.repeat(40), c: 'c'.repeat(40), d: 'd'.repeat(40) };

/** One task attempt the way the engine runs it: worktree, edit, diff, commit, cleanup. */
async function attempt(repo: string, base: string, runRoot: string, fp: string, edits: Record<string, string>): Promise<string> {
  const branch = taskBranchName('fix', fp);
  const dir = await createTaskWorktree({ repo, baseSha: base, dir: path.join(runRoot, 'worktrees', fp.slice(0, 12)), branch });
  for (const [file, text] of Object.entries(edits)) write(dir, file, text);
  const { changes } = await diffWorktree(dir, base);
  if (changes.length > 0) await commitAttempt(dir, { subject: `fix ${fp.slice(0, 4)}`, trailers: trailersFor(fp.slice(0, 12)) });
  await removeTaskWorktree(repo, dir);
  return branch;
}

function dirtyProject() {
  const made = makeRepo({ 'a.py': 'one\ntwo\nthree\n', 'b.py': 'b\n', 'c.py': 'c\n' });
  write(made.repo, 'c.py', 'user is editing c\n');
  write(made.repo, 'scratch.txt', 'untracked\n');
  return made;
}

async function fullRun(repo: string, runRoot: string) {
  const base = await resolveBase(repo);
  const clean1 = await attempt(repo, base, runRoot, FP.a, { 'b.py': 'b fixed\n' });
  const clean2 = await attempt(repo, base, runRoot, FP.b, { 'a.py': 'ONE\ntwo\nthree\n' });
  const clash = await attempt(repo, base, runRoot, FP.c, { 'a.py': 'uno\ntwo\nthree\n', 'new.py': 'n\n' });
  const empty = await attempt(repo, base, runRoot, FP.d, {});
  const dir = path.join(runRoot, 'integration');
  const result = await integrateBranches({ repo, baseSha: base, branches: [clean1, clean2, clash, empty], integrationBranch: INTEGRATION, dir });
  return { base, dir, result, branches: { clean1, clean2, clash, empty } };
}

describe('integrateBranches', () => {
  it('applies clean branches in order, skips a conflicting one whole, and leaves the user checkout alone', async () => {
    const { repo, root } = dirtyProject();
    const before = checkoutState(repo);
    const { base, dir, result, branches } = await fullRun(repo, path.join(root, 'run1'));
    expect(result.applied).toEqual([branches.clean1, branches.clean2]);
    expect(result.conflicted).toEqual([{ branch: branches.clash, files: ['a.py'], reason: 'conflict in 1 file(s)' }]);
    expect(result.empty).toEqual([branches.empty]);
    expect(result.head).toBe(sh(repo, 'rev-parse', INTEGRATION).trim());
    expect(read(dir, 'a.py')).toBe('ONE\ntwo\nthree\n');
    expect(read(dir, 'b.py')).toBe('b fixed\n');
    expect(fs.existsSync(path.join(dir, 'new.py'))).toBe(false);
    expect(sh(dir, 'status', '--porcelain')).toBe('');
    expect(fs.existsSync(path.join(sh(dir, 'rev-parse', '--git-dir').trim(), 'CHERRY_PICK_HEAD'))).toBe(false);
    expect(sh(repo, 'rev-list', '--count', `${base}..${INTEGRATION}`).trim()).toBe('2');
    expect(await readTrailers(repo, INTEGRATION)).toEqual(trailersFor(FP.b.slice(0, 12)));
    expect(sh(repo, 'show', '-s', '--format=%cn', INTEGRATION).trim()).toBe('ATQOS');
    expect(checkoutState(repo)).toEqual(before);
    await removeTaskWorktree(repo, dir);
  });

  it('gives the same branches, trees and commit counts when the whole run happens twice', async () => {
    const { repo, root } = dirtyProject();
    const before = checkoutState(repo);
    const snapshot = async (runRoot: string) => {
      const { base, dir, result } = await fullRun(repo, runRoot);
      await removeTaskWorktree(repo, dir);
      const branches = atqosBranches(repo);
      return {
        result: { ...result, head: undefined },
        branches,
        trees: branches.map((b) => sh(repo, 'rev-parse', `${b}^{tree}`).trim()),
        counts: branches.map((b) => sh(repo, 'rev-list', '--count', `${base}..${b}`).trim()),
        worktrees: (await listWorktrees(repo)).length,
      };
    };
    const first = await snapshot(path.join(root, 'run1'));
    const second = await snapshot(path.join(root, 'run2'));
    expect(second).toEqual(first);
    expect(first.branches).toHaveLength(5);
    expect(first.counts).toEqual(['1', '1', '1', '0', '2']);
    expect(first.worktrees).toBe(1);
    expect(checkoutState(repo)).toEqual(before);
  });

  it('refuses a branch that does not exist before creating anything', async () => {
    const { repo, root, base } = makeRepo({ 'a.py': 'a\n' });
    const err = await integrateBranches({ repo, baseSha: base, branches: ['atqos/fix/000000000000'], integrationBranch: INTEGRATION, dir: path.join(root, 'int') })
      .catch((e: AtqosError) => e);
    expect((err as AtqosError).code).toBe('git_missing_branch');
    expect(atqosBranches(repo)).toEqual([]);
  });
});
