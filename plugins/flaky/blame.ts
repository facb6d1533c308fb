import fs from 'node:fs';
import type { CollectContext } from '../../src/plugin/contract.js';

export type BlameResult = { ok: true; committedAtMs: number } | { ok: false; reason: string };

const UNCOMMITTED = /^0{40}\b/;

/** The commit time of the line a `git blame --porcelain` output describes. */
export function parseBlame(porcelain: string): BlameResult {
  if (UNCOMMITTED.test(porcelain)) return { ok: false, reason: 'the marker is not committed yet' };
  const m = /^committer-time (\d+)$/m.exec(porcelain);
  return m ? { ok: true, committedAtMs: Number(m[1]) * 1000 } : { ok: false, reason: 'git blame printed no commit time' };
}

/** When line `line` of `file` was last committed, by `git blame` through the runner. */
export async function blameLine(ctx: CollectContext, name: string, file: string, line: number): Promise<BlameResult> {
  const exec = await ctx.exec(name, { argv: ['git', 'blame', '--porcelain', '-L', `${line},${line}`, '--', file], cwd: '.' });
  if (exec.failedToStart) return { ok: false, reason: 'git could not be started' };
  if (exec.exitCode !== 0) {
    const err = fs.existsSync(exec.stderrPath) ? fs.readFileSync(exec.stderrPath, 'utf8').trim().split('\n')[0] : '';
    return { ok: false, reason: `git blame exited ${exec.exitCode}${err ? `: ${err}` : ''}` };
  }
  return parseBlame(fs.readFileSync(exec.stdoutPath, 'utf8'));
}
