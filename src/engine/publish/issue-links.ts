import { findingRef, isAtqosQuarantine } from '../../agents/builtin/quarantine-tag.js';
import type { Task } from '../../core/index.js';
import type { FileChange, IssueLink } from '../../github/publish-plan.js';
import { git } from '../../git/index.js';
import type { GitOptions } from '../../git/index.js';

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** The 1-based line numbers and texts a one-file `git diff -U0` shows as added. */
export function addedLines(patch: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let next = -1;
  for (const raw of patch.split('\n')) {
    const hunk = HUNK.exec(raw);
    if (hunk) next = Number(hunk[1]);
    else if (raw.startsWith('diff --git ')) next = -1;
    // Before the first hunk, `+++ b/<path>` is a header, not an added line.
    else if (next >= 0 && raw.startsWith('+')) out.push({ line: next++, text: raw.slice(1).replace(/\r$/, '') });
  }
  return out;
}

/**
 * The quarantine marker lines `commit` added against `baseSha` that carry a reference to one of
 * the task's findings (`atqos finding <fp12>`, what the builtin quarantine writes when it knows
 * no issue URL), so the Publisher can link each finding's issue there. Only a `quarantine` task's
 * ATQOS markers count: agents are given the fingerprints, and a token planted in any other line
 * or task must not make the Publisher edit it. Lines the base already had never count.
 */
export async function findIssueLinks(repo: string, baseSha: string, commit: string, task: Pick<Task, 'type' | 'findings'>, files: readonly FileChange[], opts: GitOptions = {}): Promise<IssueLink[]> {
  if (task.type !== 'quarantine') return [];
  const refs = task.findings.map((fp) => ({ fp, token: findingRef(fp) }));
  const links: IssueLink[] = [];
  for (const file of files.filter((f) => f.action === 'write')) {
    const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
    if (!refs.some((r) => text.includes(r.token))) continue;
    // One path per call: the path is an argv element, never parsed back out of diff headers.
    const diff = await git(['diff', '-U0', '--no-color', '--no-ext-diff', '--no-renames', baseSha, commit, '--', file.path], { ...opts, cwd: repo });
    for (const added of addedLines(diff.stdout)) {
      const ref = isAtqosQuarantine(added.text) ? refs.find((r) => added.text.includes(r.token)) : undefined;
      if (ref) links.push({ fingerprint: ref.fp, path: file.path, line: added.line, token: ref.token });
    }
  }
  return links;
}
