import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AtqosError } from '../core/index.js';
import { childProcessCount } from '../runner/index.js';
import { commitAttempt } from './commit.js';
import { diffWorktree } from './diff.js';
import { parseRawNumstatPatch } from './parse-diff.js';
import { readManyAtBase } from './read-at-base.js';
import { createTaskWorktree, removeTaskWorktree } from './worktree.js';
import { atqosBranches, makeRepo, sh, trailersFor, write } from './test-support.js';

// Every git process costs an attempt ~5 ms; these pin the counts of the common, healthy path.
async function processes<T>(fn: () => Promise<T>): Promise<{ value: T; count: number }> {
  const before = childProcessCount();
  const value = await fn();
  return { value, count: childProcessCount() - before };
}

const BINARY = Buffer.from([0, 1, 2, 0x0a, 0xff, 0x0a]);

describe('one attempt on a detached worktree', () => {
  it('creates, diffs, reads the base, commits and removes with 7 git processes and no branch', async () => {
    const { repo, root, base } = makeRepo({ 'a.py': 'a\n', 'ü.txt': 'ünï\ncödé\n', 'bin.dat': BINARY, 'new\nline.txt': 'nl\n' });
    const dir = path.join(root, 'wt', 'task-1');
    const created = await processes(() => createTaskWorktree({ repo, baseSha: base, dir }));
    expect(created.count).toBe(1);
    expect(sh(dir, 'rev-parse', 'HEAD').trim()).toBe(base);
    expect(() => sh(dir, 'symbolic-ref', '-q', 'HEAD')).toThrow();

    write(dir, 'a.py', 'fixed\n');
    const diffed = await processes(() => diffWorktree(dir, base));
    expect(diffed.count).toBe(3);
    expect(diffed.value.changes).toEqual([{ path: 'a.py', status: 'modified', insertions: 1, deletions: 1, binary: false }]);
    expect(diffed.value.patch).toMatch(/^diff --git a\/a\.py b\/a\.py\n[\s\S]*\n-a\n\+fixed\n$/);

    const files = ['ü.txt', 'bin.dat', 'a.py', 'absent.py', 'new\nline.txt'];
    const read = await processes(() => readManyAtBase(repo, base, files));
    expect(read.count).toBe(2); // one batch, plus one for the name no batch line can carry
    expect([...read.value.keys()]).toEqual(files);
    expect(read.value.get('ü.txt')).toBe('ünï\ncödé\n');
    expect(read.value.get('bin.dat')).toBe(BINARY.toString('utf8'));
    expect(read.value.get('a.py')).toBe('a\n');
    expect(read.value.get('absent.py')).toBeUndefined();
    expect(read.value.get('new\nline.txt')).toBe('nl\n');

    const committed = await processes(() => commitAttempt(dir, { subject: 'fix', trailers: trailersFor('t1') }));
    expect(committed.count).toBe(3);
    expect(committed.value).toBe(sh(dir, 'rev-parse', 'HEAD').trim());
    expect(sh(repo, 'cat-file', '-p', `${committed.value}:a.py`)).toBe('fixed\n');

    const removed = await processes(() => removeTaskWorktree(repo, dir));
    expect(removed.count).toBe(1);
    expect(fs.existsSync(dir)).toBe(false);
    expect(sh(repo, 'worktree', 'list', '--porcelain')).not.toContain(dir);
    expect(atqosBranches(repo)).toEqual([]);
  });

  it('reads many files as the base has them, and refuses an unknown base in the batch too', async () => {
    const { repo, base } = makeRepo({ 'src/a.py': 'a\n', 'b.py': 'b\n' });
    const many = await readManyAtBase(repo, base, ['src', 'b.py', 'src/a.py', 'b.py']);
    expect([...many.entries()]).toEqual([['src', undefined], ['b.py', 'b\n'], ['src/a.py', 'a\n']]);
    const err = await readManyAtBase(repo, 'e'.repeat(40), ['b.py']).catch((e: AtqosError) => e);
    expect((err as AtqosError).code).toBe('git_bad_sha');
    const tree = sh(repo, 'rev-parse', `${base}^{tree}`).trim();
    const notCommit = await readManyAtBase(repo, tree, ['b.py']).catch((e: AtqosError) => e);
    expect((notCommit as AtqosError).code).toBe('git_bad_sha');
  });

  it('commits on a retry after "nothing to commit" only when HEAD has these trailers', async () => {
    const { repo, root, base } = makeRepo({ 'a.py': 'a\n' });
    const dir = await createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'wt') });
    write(dir, 'a.py', 'b\n');
    const first = await commitAttempt(dir, { subject: 'fix', trailers: trailersFor('t1') });
    expect(await commitAttempt(dir, { subject: 'fix', trailers: trailersFor('t1') })).toBe(first);
    const err = await commitAttempt(dir, { subject: 'fix', trailers: trailersFor('t2') }).catch((e: AtqosError) => e);
    expect((err as AtqosError).code).toBe('git_nothing_to_commit');
  });
});

describe('parseRawNumstatPatch', () => {
  it('splits records from the patch at the separator, whatever the patch holds', () => {
    const patch = 'diff --git a/x b/x\n+\0:100644 odd\n';
    const out = parseRawNumstatPatch(`:100644 100644 a b M\0x\0` + `1\t0\tx\0` + `\0${patch}`);
    expect(out).toEqual({ changes: [{ path: 'x', status: 'modified', insertions: 1, deletions: 0, binary: false }], patch });
    expect(parseRawNumstatPatch('')).toEqual({ changes: [], patch: '' });
    expect(() => parseRawNumstatPatch(`:100644 100644 a b M\0x\0` + `1\t0\tx\0diff`)).toThrowError(/no separator/);
  });
});
