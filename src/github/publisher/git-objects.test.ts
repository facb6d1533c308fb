import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_TREE_SHA, gitBlobSha, gitTreeSha } from './git-objects.js';

function git(dir: string, args: string[], input?: string | Buffer): string {
  return execFileSync('git', args, { cwd: dir, input, encoding: 'utf8' }).trim();
}

describe('git object ids computed locally', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-git-objects-'));
  git(dir, ['init', '-q']);

  it('matches git hash-object for text and binary blobs', () => {
    for (const content of [Buffer.from('hello\n'), Buffer.from([0, 255, 10, 13, 0]), Buffer.alloc(0)]) {
      expect(gitBlobSha(content)).toBe(git(dir, ['hash-object', '-w', '--stdin'], content));
    }
  });

  it('matches git mktree, including git\'s order of directories against similar names', () => {
    const blob = git(dir, ['hash-object', '-w', '--stdin'], 'x\n');
    const sub = git(dir, ['mktree'], `100644 blob ${blob}\tinner\n`);
    const entries = [
      { name: 'a.b', mode: '100644', sha: blob },
      { name: 'a', mode: '040000', sha: sub },
      { name: 'a-b', mode: '100755', sha: blob },
      { name: 'a0', mode: '100644', sha: blob },
      { name: 'ab', mode: '120000', sha: blob },
    ];
    const listing = entries.map((e) => `${e.mode} ${e.mode === '040000' ? 'tree' : 'blob'} ${e.sha}\t${e.name}\n`).join('');
    expect(gitTreeSha(entries)).toBe(git(dir, ['mktree'], listing));
    expect(gitTreeSha([])).toBe(EMPTY_TREE_SHA);
  });
});
