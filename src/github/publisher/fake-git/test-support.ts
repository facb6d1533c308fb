import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * The Git data API of a fake GitHub, backed by a real git repository: real git hashes the blobs
 * and builds the trees, so the Publisher's own tree hashing is checked against git, not itself.
 */

interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}

export class GitStore {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-fake-github-'));
  readonly commits = new Map<string, FakeCommit>();
  readonly refs = new Map<string, string>();

  constructor() {
    this.git(['init', '-q', '--bare']);
  }

  private git(args: string[], input?: string, env?: NodeJS.ProcessEnv): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', input, env: { ...process.env, ...env } }).trim();
  }

  /** A base commit (under the given id) whose tree holds `files`. */
  seedCommit(sha: string, files: Record<string, string>): void {
    const entries = Object.entries(files).map(([p, text]) => ({ path: p, mode: '100644', sha: this.writeBlob(Buffer.from(text).toString('base64')) }));
    const tree = this.buildTree(undefined, entries);
    this.commits.set(sha, { sha, tree, parents: [], message: 'base' });
  }

  writeBlob(contentBase64: string): string {
    const file = path.join(this.dir, 'blob.tmp');
    fs.writeFileSync(file, Buffer.from(contentBase64, 'base64'));
    return this.git(['hash-object', '-w', file]);
  }

  /** `POST /git/trees` with `base_tree`: entries set or (sha null) delete paths, nested paths too. */
  buildTree(baseTree: string | undefined, entries: { path: string; mode: string; sha: string | null }[]): string {
    const env = { GIT_INDEX_FILE: path.join(this.dir, `index-${process.pid}-${Math.random()}`) };
    this.git(baseTree ? ['read-tree', baseTree] : ['read-tree', '--empty'], undefined, env);
    for (const e of entries) {
      if (e.sha === null) this.git(['update-index', '--force-remove', e.path], undefined, env);
      else this.git(['update-index', '--add', '--cacheinfo', `${e.mode},${e.sha},${e.path}`], undefined, env);
    }
    const tree = this.git(['write-tree'], undefined, env);
    fs.rmSync(env.GIT_INDEX_FILE, { force: true });
    return tree;
  }

  /** `GET /git/trees/{sha}` (not recursive), in GitHub's shape; undefined when git has no such tree. */
  readTree(sha: string): { sha: string; truncated: false; tree: { path: string; mode: string; type: string; sha: string }[] } | undefined {
    let listing: string;
    try {
      listing = this.git(['ls-tree', sha]);
    } catch {
      return undefined;
    }
    const tree = listing.split('\n').filter(Boolean).map((line) => {
      const [meta = '', name = ''] = line.split('\t');
      const [mode = '', type = '', objectSha = ''] = meta.split(' ');
      return { path: name, mode: mode === '040000' ? '040000' : mode, type, sha: objectSha };
    });
    return { sha, truncated: false, tree };
  }

  createCommit(tree: string, parents: string[], message: string): FakeCommit {
    const sha = createHash('sha1').update(JSON.stringify([tree, parents, message, this.commits.size])).digest('hex');
    const commit = { sha, tree, parents, message };
    this.commits.set(sha, commit);
    return commit;
  }

  /** The paths and texts of a tree, recursively (for assertions). */
  files(tree: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of this.git(['ls-tree', '-r', tree]).split('\n').filter(Boolean)) {
      const [meta = '', name = ''] = line.split('\t');
      out[name] = this.git(['cat-file', 'blob', meta.split(' ')[2] ?? '']);
    }
    return out;
  }
}
