import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext } from '../../../src/plugin/contract.js';

/** Git reads for impact selection, through the runner: argv only, literal pathspecs, no drivers. */
export interface GitReader {
  /** Exit 0 → true, 1 → false, anything else (unknown commit) → undefined. */
  isAncestor(ancestor: string, descendant: string): Promise<boolean | undefined>;
  /** `git diff -U0` of one file between `sha` and the working tree; undefined when git failed. */
  diff(sha: string, file: string): Promise<string | undefined>;
  /** The file's text at `sha`; undefined when it did not exist there. */
  show(sha: string, file: string): Promise<string | undefined>;
  /** Which of `files` differ between `sha` and the working tree; undefined when git failed. */
  changedSince(sha: string, files: readonly string[]): Promise<Set<string> | undefined>;
}

// Repo-controlled diff drivers and textconv filters are commands: never run them.
const DIFF_FLAGS = ['--no-color', '--no-ext-diff', '--no-textconv', '--no-renames'];

/** A GitReader over `ctx.exec`, its outputs kept under `raw/pytest/impact-git-*`. */
export function gitReader(ctx: CollectContext): GitReader {
  let n = 0;
  const env = { GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0' };
  const run = async (argv: string[]) => {
    const name = `impact-git-${++n}`;
    const r = await ctx.exec(name, { argv: ['git', ...argv], cwd: '.', env, timeoutMs: 60_000 });
    const ok = r.exitCode === 0 && r.stdoutTruncated === 0;
    const text = ok ? fs.readFileSync(path.join(ctx.runDir, ctx.rawDir, `${name}.stdout`), 'utf8') : undefined;
    return { exitCode: r.exitCode, text };
  };
  return {
    async isAncestor(a, d) {
      const r = await run(['merge-base', '--is-ancestor', a, d]);
      return r.exitCode === 0 ? true : r.exitCode === 1 ? false : undefined;
    },
    async diff(sha, file) {
      return (await run(['diff', '-U0', ...DIFF_FLAGS, sha, '--', file])).text;
    },
    async show(sha, file) {
      return (await run(['show', '--no-textconv', `${sha}:${file}`])).text;
    },
    async changedSince(sha, files) {
      if (files.length === 0) return new Set();
      const r = await run(['diff', '--name-only', '-z', ...DIFF_FLAGS, sha, '--', ...files]);
      return r.text === undefined ? undefined : new Set(r.text.split('\0').filter(Boolean));
    },
  };
}
