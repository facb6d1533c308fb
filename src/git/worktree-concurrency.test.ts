import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTaskWorktree, removeTaskWorktree } from './worktree.js';
import { listWorktrees } from './worktree-list.js';
import { makeRepo, read } from './test-support.js';

// `atqos run` with agentConcurrency > 1 creates and removes task worktrees of one repo at once;
// git's own worktree bookkeeping (add reads every registration, prune deletes half-made ones)
// is not safe against itself, so these calls must not interleave.
describe('task worktrees created and removed concurrently in one repo', () => {
  it('all succeed, each on its own branch, and all are gone afterwards', async () => {
    const { repo, root, base } = makeRepo({ 'src/app.py': 'x = 1\n' });
    const dirs = Array.from({ length: 12 }, (_, i) => path.join(root, 'wt', `task-${i}`));
    for (let round = 0; round < 3; round++) {
      const made = await Promise.all(dirs.map((dir, i) => createTaskWorktree({ repo, baseSha: base, dir, branch: `atqos/work/r${round}/t${i}` })));
      for (const dir of made) expect(read(dir, 'src/app.py')).toBe('x = 1\n');
      expect((await listWorktrees(repo)).filter((w) => !w.main)).toHaveLength(dirs.length);
      await Promise.all(made.map((dir) => removeTaskWorktree(repo, dir)));
      expect((await listWorktrees(repo)).filter((w) => !w.main)).toEqual([]);
    }
  }, 120_000);
});
