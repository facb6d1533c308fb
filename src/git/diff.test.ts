import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AtqosError } from '../core/index.js';
import { diffWorktree } from './diff.js';
import { parseRawNumstat } from './parse-diff.js';
import { readAtBase, readManyAtBase } from './read-at-base.js';
import { createTaskWorktree } from './worktree.js';
import { checkoutState, makeRepo, sh, tempDir, write } from './test-support.js';

const BINARY = Buffer.from([0, 1, 2, 3, 255, 254, 0, 10]);
const ODD = ['with space.py', 'ünïcödé/тест.py', 'new\nline.txt', '-rf', 'quote"and\'tab\t.txt'];

function project() {
  const lines = Array.from({ length: 30 }, (_, i) => `line ${i}\n`).join('');
  return makeRepo({
    'src/mod.py': 'def f():\n    return 1\n',
    'tests/test_old_name.py': lines,
    'tests/test_gone.py': 'def test_gone():\n    assert True\n',
    'img.bin': BINARY,
    'link-target.txt': 'target\n',
    ...Object.fromEntries(ODD.map((p) => [p, `content of ${p}\n`])),
  });
}

async function agentWorktree() {
  const made = project();
  const dir = await createTaskWorktree({ repo: made.repo, baseSha: made.base, dir: path.join(made.root, 'wt'), branch: 'atqos/fix/0123456789ab' });
  return { ...made, dir };
}

describe('diffWorktree', () => {
  it('reports edits, renames, deletions, untracked files, binaries and odd paths exactly', async () => {
    const { repo, dir, base } = await agentWorktree();
    const before = checkoutState(repo);
    write(dir, 'src/mod.py', 'def f():\n    return 2\n');
    fs.renameSync(path.join(dir, 'tests/test_old_name.py'), path.join(dir, 'tests/test new name.py'));
    fs.appendFileSync(path.join(dir, 'tests/test new name.py'), 'one more\n');
    fs.rmSync(path.join(dir, 'tests/test_gone.py'));
    write(dir, 'brand/new ✓.py', 'print("hi")\n');
    write(dir, 'img.bin', Buffer.concat([BINARY, BINARY]));
    fs.rmSync(path.join(dir, 'link-target.txt'));
    fs.symlinkSync('src/mod.py', path.join(dir, 'link-target.txt'));
    for (const p of ODD) fs.appendFileSync(path.join(dir, p), 'more\n');

    const { changes, patch } = await diffWorktree(dir, base);
    const byPath = new Map(changes.map((c) => [c.path, c]));
    expect(byPath.get('src/mod.py')).toEqual({ path: 'src/mod.py', status: 'modified', insertions: 1, deletions: 1, binary: false });
    expect(byPath.get('tests/test new name.py')).toEqual({
      path: 'tests/test new name.py', oldPath: 'tests/test_old_name.py', status: 'renamed', insertions: 1, deletions: 0, binary: false,
    });
    expect(byPath.get('tests/test_gone.py')).toMatchObject({ status: 'deleted', deletions: 2, insertions: 0 });
    expect(byPath.get('brand/new ✓.py')).toMatchObject({ status: 'added', insertions: 1 });
    expect(byPath.get('img.bin')).toMatchObject({ status: 'modified', binary: true, insertions: 0, deletions: 0 });
    expect(byPath.get('link-target.txt')).toMatchObject({ status: 'type_changed' });
    for (const p of ODD) expect(byPath.get(p)).toMatchObject({ status: 'modified', insertions: 1, deletions: 0 });
    expect(changes).toHaveLength(6 + ODD.length);
    expect(patch).toContain('GIT binary patch');
    expect(patch).toContain('rename from tests/test_old_name.py');
    expect(checkoutState(repo)).toEqual(before);
  });

  it('produces a patch that rebuilds the same tree on a clean checkout of the base', async () => {
    const { repo, root, dir, base } = await agentWorktree();
    write(dir, 'src/mod.py', 'def f():\n    return 3\n');
    write(dir, 'img.bin', Buffer.from([9, 0, 9]));
    fs.rmSync(path.join(dir, '-rf'));
    write(dir, 'ünïcödé/new file.txt', 'x\n');
    const { patch } = await diffWorktree(dir, base);
    const patchFile = path.join(tempDir(), 'diff.patch');
    fs.writeFileSync(patchFile, patch);
    const clean = await createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'clean'), branch: 'atqos/fix/ffffffffffff' });
    sh(clean, 'apply', '--index', '--binary', patchFile);
    expect(sh(clean, 'write-tree')).toBe(sh(dir, 'write-tree'));
  });

  it('reports nothing for an untouched worktree, and ignores ignored files', async () => {
    const { repo, root, base } = makeRepo({ '.gitignore': '__pycache__/\n', 'a.py': 'a\n' });
    const dir = await createTaskWorktree({ repo, baseSha: base, dir: path.join(root, 'wt'), branch: 'atqos/fix/0123456789ab' });
    write(dir, '__pycache__/a.cpython-312.pyc', 'bytecode');
    expect(await diffWorktree(dir, base)).toEqual({ changes: [], patch: '' });
  });

  it('sees changes an agent committed itself in the worktree', async () => {
    const { dir, base } = await agentWorktree();
    write(dir, 'src/mod.py', 'committed by agent\n');
    sh(dir, 'commit', '--quiet', '-am', 'agent commit');
    const { changes } = await diffWorktree(dir, base);
    expect(changes.map((c) => c.path)).toEqual(['src/mod.py']);
  });

  it('fails with a hint on malformed git output rather than guessing', () => {
    expect(() => parseRawNumstat(':100644 100644 a b U\0x\0')).toThrowError(/unexpected status 'U'/);
    expect(() => parseRawNumstat(':100644 100644 a b M\0x\0')).toThrowError(/1 raw records but 0 numstat/);
    expect(() => parseRawNumstat(':100644 100644 a b M\0x\0' + '1\t2\ty\0')).toThrowError(/disagree/);
    expect(parseRawNumstat('')).toEqual([]);
  });
});

describe('diffWorktree on a tampered worktree inside the user checkout', () => {
  async function insideRepo() {
    const made = makeRepo({ '.gitignore': '.atqos/\n', 'a.py': 'a\n' });
    write(made.repo, 'a.py', 'user edit\n');
    const dir = path.join(made.repo, '.atqos', 'runs', 'r1', 'wt');
    await createTaskWorktree({ repo: made.repo, baseSha: made.base, dir, branch: 'atqos/fix/0123456789ab' });
    return { ...made, dir };
  }

  it('works when intact', async () => {
    const { repo, dir, base } = await insideRepo();
    const before = checkoutState(repo);
    write(dir, 'a.py', 'agent\n');
    expect((await diffWorktree(dir, base)).changes.map((c) => c.path)).toEqual(['a.py']);
    expect(checkoutState(repo)).toEqual(before);
  });

  it.each([
    ['deleted', (dir: string) => fs.rmSync(path.join(dir, '.git'))],
    ['pointed at the main repository', (dir: string, repo: string) => fs.writeFileSync(path.join(dir, '.git'), `gitdir: ${path.join(repo, '.git')}\n`)],
    ['replaced by a directory', (dir: string) => (fs.rmSync(path.join(dir, '.git')), sh(dir, 'init', '--quiet'))],
  ])('refuses to stage when the .git file was %s, and the user index stays as it was', async (_how, tamper) => {
    const { repo, dir, base } = await insideRepo();
    const before = checkoutState(repo);
    write(dir, 'a.py', 'agent\n');
    tamper(dir, repo);
    const err = await diffWorktree(dir, base).catch((e: AtqosError) => e);
    expect((err as AtqosError).code).toBe('git_worktree_tampered');
    expect(checkoutState(repo)).toEqual(before);
  });
});

describe('readAtBase', () => {
  it('reads files at the base commit, not the worktree, for any path', async () => {
    const { repo, dir, base } = await agentWorktree();
    write(dir, 'src/mod.py', 'changed\n');
    write(repo, 'src/mod.py', 'user edit\n');
    expect(await readAtBase(repo, base, 'src/mod.py')).toBe('def f():\n    return 1\n');
    for (const p of ODD) expect(await readAtBase(repo, base, p)).toBe(`content of ${p}\n`);
    const many = await readManyAtBase(repo, base, ['src/mod.py', 'absent.py', 'src/mod.py']);
    expect([...many.entries()]).toEqual([['src/mod.py', 'def f():\n    return 1\n'], ['absent.py', undefined]]);
  });

  it('is undefined for paths absent at the base (or directories) and throws for an unknown base', async () => {
    const { repo, base } = project();
    expect(await readAtBase(repo, base, 'nope.py')).toBeUndefined();
    expect(await readAtBase(repo, base, 'src')).toBeUndefined();
    const err = await readAtBase(repo, 'e'.repeat(40), 'src/mod.py').catch((e: AtqosError) => e);
    expect((err as AtqosError).code).toBe('git_bad_sha');
  });

  it.each(['../etc/passwd', '/etc/passwd', './src/mod.py', 'src//mod.py', ''])('refuses the non repo-relative path %j', async (p) => {
    const { repo, base } = project();
    const err = await readAtBase(repo, base, p).catch((e: AtqosError) => e);
    expect((err as AtqosError).code).toBe('git_bad_path');
  });
});
