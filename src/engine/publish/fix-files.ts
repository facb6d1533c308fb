import { AtqosError } from '../../core/index.js';
import type { FileChange } from '../../github/publish-plan.js';
import { git } from '../../git/index.js';
import type { GitOptions } from '../../git/index.js';

interface TreeChange {
  status: string;
  mode: string;
  oid: string;
  path: string;
}

/** Modes a plan can carry: a regular file, executable or not. Symlinks and submodules cannot be. */
const FILE_MODES = new Set(['100644', '100755']);

/**
 * The files `commit` changes against `baseSha`, as the plan carries them: the full content of
 * every added or modified file (base64, so binary survives) and every deletion. Throws when the
 * commit changes something a plan cannot express (a symlink, a submodule).
 */
export async function fixFiles(repo: string, baseSha: string, commit: string, opts: GitOptions = {}): Promise<FileChange[]> {
  const res = await git(['diff-tree', '-r', '--no-renames', '-z', baseSha, commit], { ...opts, cwd: repo });
  const changes = parseDiffTree(res.stdout);
  const written = changes.filter((c) => c.status !== 'D');
  for (const c of written) {
    if (!FILE_MODES.has(c.mode)) {
      throw new AtqosError('fix_unpublishable', `commit ${commit.slice(0, 12)} changes ${c.path} to mode ${c.mode}, which a publish plan cannot carry`, {
        hint: 'only regular files can be published as a fix; make the change by hand',
      });
    }
  }
  const blobs = await readBlobs(repo, written.map((c) => c.oid), opts);
  return changes.map((c): FileChange => {
    if (c.status === 'D') return { action: 'delete', path: c.path };
    const content = blobs.get(c.oid) ?? Buffer.alloc(0);
    return { action: 'write', path: c.path, contentBase64: content.toString('base64'), mode: c.mode as '100644' | '100755' };
  });
}

/** `:<old mode> <new mode> <old oid> <new oid> <status>\0<path>\0` per change. */
function parseDiffTree(out: string): TreeChange[] {
  const parts = out.split('\0');
  const changes: TreeChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const head = parts[i] ?? '';
    if (!head.startsWith(':')) break;
    const [, mode = '', , oid = '', status = ''] = head.slice(1).split(' ');
    changes.push({ status: status.charAt(0), mode, oid, path: parts[i + 1] ?? '' });
  }
  return changes;
}

async function readBlobs(repo: string, oids: readonly string[], opts: GitOptions): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const out = new Map<string, Buffer>();
  if (unique.length === 0) return out;
  const res = await git(['cat-file', '--batch'], { ...opts, cwd: repo, input: unique.map((o) => `${o}\n`).join(''), raw: true });
  const buf = res.stdoutBytes ?? Buffer.alloc(0);
  let at = 0;
  for (const oid of unique) {
    const eol = buf.indexOf(0x0a, at);
    const [, type, sizeText] = buf.subarray(at, eol < 0 ? at : eol).toString('utf8').split(' ');
    const size = Number(sizeText);
    if (eol < 0 || type !== 'blob' || !Number.isSafeInteger(size)) {
      throw new AtqosError('git_batch_unparsed', `git cat-file --batch gave no blob for ${oid}`, { hint: 'check that git 2.39 or newer is on PATH and the repository is not damaged (`git fsck`)' });
    }
    out.set(oid, Buffer.from(buf.subarray(eol + 1, eol + 1 + size)));
    at = eol + 1 + size + 1;
  }
  return out;
}
