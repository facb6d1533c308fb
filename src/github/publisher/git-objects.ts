import { createHash } from 'node:crypto';

/*
 * Git's object ids computed locally, so the Publisher can tell that a branch already holds a fix
 * without writing anything: a second publish of the same plan must make no write requests, and
 * creating blobs and trees to compare would be writes.
 */

export interface TreeEntry {
  name: string;
  /** `100644`, `100755`, `120000`, `160000`, or `40000` for a tree (the API says `040000`). */
  mode: string;
  sha: string;
}

/** The tree with no entries (git's well-known id). */
export const EMPTY_TREE_SHA = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

function objectSha(type: 'blob' | 'tree', content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

/** `git hash-object` of a file's bytes. */
export function gitBlobSha(content: Buffer): string {
  return objectSha('blob', content);
}

/** `git mktree` of one directory's entries (any order; git's order is applied here). */
export function gitTreeSha(entries: TreeEntry[]): string {
  const sorted = entries.map((e) => ({ ...e, mode: e.mode.replace(/^0+/, '') })).sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
  const parts = sorted.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`), Buffer.from(e.sha, 'hex')]);
  return objectSha('tree', Buffer.concat(parts));
}

// Git orders a directory as if its name ended in '/'.
function sortKey(e: TreeEntry): Buffer {
  return Buffer.from(e.mode === '40000' ? `${e.name}/` : e.name);
}
