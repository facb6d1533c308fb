import { AtqosError } from '../core/index.js';
import type { ChangedFile } from '../guards/contract.js';

interface RawEntry {
  status: ChangedFile['status'];
  path: string;
  oldPath?: string;
}

interface NumstatEntry {
  path: string;
  insertions: number;
  deletions: number;
  binary: boolean;
}

const STATUS: Record<string, ChangedFile['status']> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type_changed',
};

/**
 * Parses `git diff --raw --numstat -z`: raw records (`:modes shas STATUS\0path\0[path\0]`), then
 * numstat records (`ins\tdel\tpath\0` or `ins\tdel\t\0old\0new\0`), one of each per changed path
 * in the same order. NUL separation keeps paths with spaces, newlines or quotes exact.
 */
export function parseRawNumstat(out: string): ChangedFile[] {
  const { changes, rest } = readRecords(out);
  if (rest !== '') throw malformed('unexpected output after the numstat records');
  return changes;
}

/**
 * Parses `git diff --raw --numstat -z --patch`: the records as above, then a NUL, then the patch.
 * The records end once every raw record has its numstat record, so the patch is what follows,
 * whatever bytes it contains.
 */
export function parseRawNumstatPatch(out: string): { changes: ChangedFile[]; patch: string } {
  const { changes, rest } = readRecords(out);
  if (changes.length === 0 && rest === '') return { changes, patch: '' };
  if (!rest.startsWith('\0')) throw malformed('no separator between the numstat records and the patch');
  return { changes, patch: rest.slice(1) };
}

function readRecords(out: string): { changes: ChangedFile[]; rest: string } {
  const tokens = out.split('\0');
  const raw: RawEntry[] = [];
  const stats: NumstatEntry[] = [];
  let i = 0;
  let consumed = 0;
  const next = (): string => {
    const token = tokens[i++];
    if (token === undefined) throw malformed('a record ends early');
    consumed += token.length + 1;
    return token;
  };
  while (i < tokens.length && (raw.length === 0 || stats.length < raw.length)) {
    if (tokens[i] === '' && i === tokens.length - 1) break;
    const head = next();
    if (head.startsWith(':')) raw.push(rawEntry(head, next));
    else stats.push(numstatEntry(head, next));
  }
  if (raw.length !== stats.length) throw malformed(`${raw.length} raw records but ${stats.length} numstat records`);
  // `consumed` counts the NUL after the last record; the rest starts right after it.
  return { changes: raw.map((r, n) => merge(r, stats[n] as NumstatEntry)), rest: out.slice(Math.min(consumed, out.length)) };
}

function rawEntry(head: string, next: () => string): RawEntry {
  const letter = head.split(' ')[4]?.[0] ?? '';
  const status = STATUS[letter];
  if (!status) throw malformed(`unexpected status '${letter}' (an unmerged or broken file?)`);
  if (status === 'renamed' || status === 'copied') {
    const oldPath = next();
    return { status, oldPath, path: next() };
  }
  return { status, path: next() };
}

function numstatEntry(head: string, next: () => string): NumstatEntry {
  // Not split('\t', 3): JS drops what follows the limit, and paths may contain tabs.
  const tab1 = head.indexOf('\t');
  const tab2 = head.indexOf('\t', tab1 + 1);
  if (tab1 < 0 || tab2 < 0) throw malformed(`bad numstat record '${head.slice(0, 80)}'`);
  const ins = head.slice(0, tab1);
  const del = head.slice(tab1 + 1, tab2);
  const path = head.slice(tab2 + 1);
  const binary = ins === '-' && del === '-';
  if (!binary && !(/^\d+$/.test(ins) && /^\d+$/.test(del))) throw malformed(`bad numstat record '${head.slice(0, 80)}'`);
  let file = path;
  if (path === '') {
    next(); // the rename's old path, already known from the raw record
    file = next();
  }
  return { path: file, insertions: binary ? 0 : Number(ins), deletions: binary ? 0 : Number(del), binary };
}

function merge(r: RawEntry, s: NumstatEntry): ChangedFile {
  if (r.path !== s.path) throw malformed(`raw path '${r.path}' and numstat path '${s.path}' disagree`);
  const file: ChangedFile = { path: r.path, status: r.status, insertions: s.insertions, deletions: s.deletions, binary: s.binary };
  if (r.oldPath !== undefined) file.oldPath = r.oldPath;
  return file;
}

function malformed(detail: string): AtqosError {
  return new AtqosError('git_diff_unparsed', `cannot read git's diff output: ${detail}`, {
    hint: 'check that git 2.39 or newer is on PATH; report this with the attempt directory if it persists',
  });
}
