import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, tempDir, write } from './test-support.js';
import { createTaskWorktree, removeTaskWorktree } from './worktree.js';
import { diffWorktree } from './diff.js';
import { linkDependencyDirs } from './link-dependencies.js';

describe('linkDependencyDirs', () => {
  it('links untracked dependency dirs into a worktree, keeps them out of the diff, and removing the worktree leaves them intact', async () => {
    // `node_modules/` (directory-only pattern) does not match a symlink: the diff must exclude it itself.
    const { repo, base } = makeRepo({ '.gitignore': 'node_modules/\n', 'src/a.js': 'export const a = 1;\n', 'venv/tracked.txt': 'tracked\n' });
    write(repo, 'node_modules/pkg/index.js', 'module.exports = 42;\n');
    write(repo, '.venv/bin/python-marker', 'x\n');
    const wt = path.join(tempDir(), 'wt');
    await createTaskWorktree({ repo, baseSha: base, dir: wt });
    expect(linkDependencyDirs(repo, wt)).toEqual(['node_modules', '.venv']);
    expect(fs.readFileSync(path.join(wt, 'node_modules/pkg/index.js'), 'utf8')).toBe('module.exports = 42;\n');
    expect(fs.lstatSync(path.join(wt, 'venv')).isSymbolicLink()).toBe(false);
    // Linking twice is a no-op.
    expect(linkDependencyDirs(repo, wt)).toEqual([]);

    write(wt, 'src/a.js', 'export const a = 2;\n');
    const diff = await diffWorktree(wt, base, {}, ['node_modules', '.venv']);
    expect(diff.changes.map((c) => c.path)).toEqual(['src/a.js']);
    // Without the exclusion the symlink would read as the agent's new file: the exclusion is what keeps it out.
    const unguarded = await diffWorktree(wt, base);
    expect(unguarded.changes.map((c) => c.path).sort()).toEqual(['.venv', 'node_modules', 'src/a.js']);

    await removeTaskWorktree(repo, wt);
    expect(fs.existsSync(wt)).toBe(false);
    expect(fs.readFileSync(path.join(repo, 'node_modules/pkg/index.js'), 'utf8')).toBe('module.exports = 42;\n');
    expect(fs.existsSync(path.join(repo, '.venv/bin/python-marker'))).toBe(true);
  });

  it('survives a plain recursive delete of the worktree (the checkpoint cleanup)', async () => {
    const { repo, base } = makeRepo({ 'a.txt': 'a\n' });
    write(repo, 'node_modules/x.js', 'x\n');
    const wt = path.join(tempDir(), 'wt');
    await createTaskWorktree({ repo, baseSha: base, dir: wt });
    linkDependencyDirs(repo, wt);
    fs.rmSync(wt, { recursive: true, force: true });
    expect(fs.readFileSync(path.join(repo, 'node_modules/x.js'), 'utf8')).toBe('x\n');
  });
});
