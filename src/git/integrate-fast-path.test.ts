import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childProcessCount } from '../runner/index.js';
import { integrateBranches } from './integrate.js';
import { removeTaskWorktree } from './worktree.js';
import { commitAll, makeRepo, read, sh, write } from './test-support.js';

const INTEGRATION = 'atqos/integration/run-fast';

/** A branch `name` off `base` with one commit per edit set, made with plain git. */
function branch(repo: string, base: string, name: string, ...commits: Record<string, string>[]): string {
  sh(repo, 'switch', '--quiet', '-c', name, base);
  commits.forEach((edits, i) => {
    for (const [file, text] of Object.entries(edits)) write(repo, file, text);
    commitAll(repo, `${name} ${i + 1}`);
  });
  sh(repo, 'switch', '--quiet', 'main');
  return name;
}

function subjects(repo: string, base: string): string[] {
  return sh(repo, 'log', '--reverse', '--format=%s', `${base}..${INTEGRATION}`).split('\n').filter(Boolean);
}

function clean(dir: string): void {
  expect(sh(dir, 'status', '--porcelain')).toBe('');
  expect(fs.existsSync(path.join(sh(dir, 'rev-parse', '--git-dir').trim(), 'CHERRY_PICK_HEAD'))).toBe(false);
}

describe('integrateBranches: all branches in one cherry-pick', () => {
  it('applies every branch in order with a fixed number of git processes, whatever the branch count', async () => {
    const { repo, root, base } = makeRepo({ 'a.py': 'a\n', 'b.py': 'b\n', 'c.py': 'c\n' });
    const names = [
      branch(repo, base, 'atqos/fix/aaaaaaaaaaaa', { 'a.py': 'A\n' }),
      branch(repo, base, 'atqos/fix/eeeeeeeeeeee'),
      branch(repo, base, 'atqos/fix/bbbbbbbbbbbb', { 'b.py': 'B\n' }, { 'b.py': 'BB\n' }),
      branch(repo, base, 'atqos/fix/cccccccccccc', { 'c.py': 'C\n' }),
    ];
    const dir = path.join(root, 'int');
    const before = childProcessCount();
    const result = await integrateBranches({ repo, baseSha: base, branches: names, integrationBranch: INTEGRATION, dir });
    // rev-parse tips, worktree add, rev-list --parents, rev-list of the two-commit branch, one cherry-pick, rev-parse HEAD
    expect(childProcessCount() - before).toBe(6);
    expect(result).toEqual({ head: sh(repo, 'rev-parse', INTEGRATION).trim(), applied: [names[0], names[2], names[3]], conflicted: [], empty: [names[1]] });
    expect(subjects(repo, base)).toEqual(['atqos/fix/aaaaaaaaaaaa 1', 'atqos/fix/bbbbbbbbbbbb 1', 'atqos/fix/bbbbbbbbbbbb 2', 'atqos/fix/cccccccccccc 1']);
    expect([read(dir, 'a.py'), read(dir, 'b.py'), read(dir, 'c.py')]).toEqual(['A\n', 'BB\n', 'C\n']);
    clean(dir);
    await removeTaskWorktree(repo, dir);
  });

  it('falls back to one pick per branch on a conflict, charging it to the later branch only', async () => {
    const { repo, root, base } = makeRepo({ 'a.py': 'one\ntwo\n', 'b.py': 'b\n' });
    const first = branch(repo, base, 'atqos/fix/111111111111', { 'a.py': 'ONE\ntwo\n' });
    const second = branch(repo, base, 'atqos/fix/222222222222', { 'a.py': 'uno\ntwo\n', 'new.py': 'n\n' });
    const third = branch(repo, base, 'atqos/fix/333333333333', { 'b.py': 'B\n' });
    const dir = path.join(root, 'int');
    const result = await integrateBranches({ repo, baseSha: base, branches: [first, second, third], integrationBranch: INTEGRATION, dir });
    expect(result.applied).toEqual([first, third]);
    expect(result.conflicted).toEqual([{ branch: second, files: ['a.py'], reason: 'conflict in 1 file(s)' }]);
    expect(result.empty).toEqual([]);
    expect(subjects(repo, base)).toEqual([`${first} 1`, `${third} 1`]);
    expect([read(dir, 'a.py'), read(dir, 'b.py'), fs.existsSync(path.join(dir, 'new.py'))]).toEqual(['ONE\ntwo\n', 'B\n', false]);
    clean(dir);
    await removeTaskWorktree(repo, dir);
  });

  it('picks a commit shared by two branches twice, as the per-branch path always did', async () => {
    const { repo, root, base } = makeRepo({ 'a.py': 'a\n' });
    const one = branch(repo, base, 'atqos/fix/444444444444', { 'a.py': 'fixed\n' });
    sh(repo, 'branch', 'atqos/fix/555555555555', one);
    const dir = path.join(root, 'int');
    const result = await integrateBranches({ repo, baseSha: base, branches: [one, 'atqos/fix/555555555555'], integrationBranch: INTEGRATION, dir });
    expect(result.applied).toEqual([one, 'atqos/fix/555555555555']);
    expect(subjects(repo, base)).toEqual([`${one} 1`, `${one} 1`]);
    expect(read(dir, 'a.py')).toBe('fixed\n');
    await removeTaskWorktree(repo, dir);
  });
});
