import { AtqosError } from '../core/index.js';
import { git } from './git.js';
import type { GitOptions } from './git.js';

/**
 * The text of repo-relative `file` at commit `baseSha` (UTF-8 decoded, no filters or textconv),
 * or undefined when no file exists at that path there. Throws when `baseSha` itself is unknown,
 * so a typo cannot pass for "file absent".
 */
export async function readAtBase(repo: string, baseSha: string, file: string, opts: GitOptions = {}): Promise<string | undefined> {
  assertRepoRelative(file);
  // `<sha>:<path>` is one argument that never starts with `-`, so a path like `-rf` stays a path.
  const res = await git(['cat-file', 'blob', `${baseSha}:${file}`], { ...opts, cwd: repo, allowFail: true });
  if (res.exitCode === 0) return res.stdout;
  const commit = await git(['cat-file', '-e', `${baseSha}^{commit}`], { ...opts, cwd: repo, allowFail: true });
  if (commit.exitCode !== 0) {
    throw new AtqosError('git_bad_sha', `commit '${baseSha.slice(0, 80)}' does not exist in ${repo}`, { hint: 'pass the base sha from resolveBase() for this repository' });
  }
  return undefined;
}

/**
 * Texts at `baseSha` for several paths, for guards that read the base synchronously: one
 * `git cat-file --batch` for all of them. Same answers and errors as `readAtBase` per path.
 */
export async function readManyAtBase(repo: string, baseSha: string, files: readonly string[], opts: GitOptions = {}): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  const unique = [...new Set(files)];
  unique.forEach(assertRepoRelative);
  // Batch requests are lines (a trailing CR is dropped): such names are asked one by one.
  const oneLine = (name: string): boolean => !/[\r\n]/.test(name);
  const batched = oneLine(baseSha) ? unique.filter(oneLine) : [];
  if (batched.length > 0) await readBatch(repo, baseSha, batched, out, opts);
  for (const file of unique) if (!out.has(file)) out.set(file, await readAtBase(repo, baseSha, file, opts));
  // Callers see the paths in the order they asked for them.
  return new Map(unique.map((file) => [file, out.get(file)]));
}

async function readBatch(repo: string, baseSha: string, files: readonly string[], out: Map<string, string | undefined>, opts: GitOptions): Promise<void> {
  const input = [`${baseSha}^{commit}`, ...files.map((f) => `${baseSha}:${f}`)].map((l) => `${l}\n`).join('');
  const res = await git(['cat-file', '--batch'], { ...opts, cwd: repo, input, raw: true });
  const objects = parseBatch(res.stdoutBytes ?? Buffer.alloc(0), files.length + 1);
  if (objects[0]?.type !== 'commit') {
    throw new AtqosError('git_bad_sha', `commit '${baseSha.slice(0, 80)}' does not exist in ${repo}`, { hint: 'pass the base sha from resolveBase() for this repository' });
  }
  files.forEach((file, i) => {
    const obj = objects[i + 1];
    out.set(file, obj?.type === 'blob' ? obj.content.toString('utf8') : undefined);
  });
}

/** `--batch` answers, in request order: `<oid> <type> <size>\n<bytes>\n`, or `<name> missing\n`. */
function parseBatch(buf: Buffer, count: number): { type: string; content: Buffer }[] {
  const objects: { type: string; content: Buffer }[] = [];
  let at = 0;
  while (objects.length < count) {
    const eol = buf.indexOf(0x0a, at);
    if (eol < 0) throw unreadable('an answer ends early');
    const words = buf.subarray(at, eol).toString('utf8').split(' ');
    const last = words.at(-1) ?? '';
    if (last === 'missing' || last === 'ambiguous') {
      objects.push({ type: last, content: Buffer.alloc(0) });
      at = eol + 1;
      continue;
    }
    const size = Number(words[2]);
    if (words.length !== 3 || !Number.isSafeInteger(size) || eol + 2 + size > buf.length) throw unreadable(`bad header '${words.join(' ').slice(0, 80)}'`);
    objects.push({ type: words[1] ?? '', content: buf.subarray(eol + 1, eol + 1 + size) });
    at = eol + 1 + size + 1;
  }
  return objects;
}

function unreadable(detail: string): AtqosError {
  return new AtqosError('git_batch_unparsed', `cannot read git cat-file --batch output: ${detail}`, {
    hint: 'check that git 2.39 or newer is on PATH; report this with the attempt directory if it persists',
  });
}

function assertRepoRelative(file: string): void {
  const parts = file.split('/');
  if (file === '' || file.startsWith('/') || /^[A-Za-z]:/.test(file) || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new AtqosError('git_bad_path', `'${file.slice(0, 200)}' is not a repo-relative path`, {
      hint: 'pass paths as git prints them: relative to the repository root, `/`-separated, without `.` or `..`',
    });
  }
}
