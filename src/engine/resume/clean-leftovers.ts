import fs from 'node:fs';
import path from 'node:path';
import { listWorktrees, removeTaskWorktree } from '../../git/index.js';
import { killProcessesUnder } from '../../runner/index.js';
import type { Logger } from '../../plugin/contract.js';

export interface Leftovers {
  /** Processes the dead run left working in its scratch dirs (agents, test runs), now killed. */
  killed: number[];
  /** Worktrees of the dead run, now removed. */
  worktrees: string[];
}

const within = (dir: string, roots: readonly string[]) => roots.some((r) => dir === r || dir.startsWith(`${r}${path.sep}`));

/**
 * Clears what a killed run left behind before it is resumed: processes still running in its
 * worktrees are killed, its worktrees removed and its scratch dirs deleted. The user's own
 * worktrees are never touched: only those under the run's recorded scratch dirs or named for it.
 */
export async function cleanLeftovers(repoDir: string, runId: string, scratchDirs: readonly string[], log: Logger): Promise<Leftovers> {
  const roots = scratchDirs.map((d) => path.resolve(d));
  const ours = (await listWorktrees(repoDir)).filter((w) => !w.main && (within(w.path, roots) || path.basename(path.dirname(w.path)).includes(`-${runId}-`) || path.basename(w.path).includes(`-${runId}-`)));
  const killed = killProcessesUnder([...roots, ...ours.map((w) => w.path)]);
  for (const w of ours) await removeTaskWorktree(repoDir, w.path);
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  if (killed.length || ours.length) log.info({ run: runId, killed: killed.join(',') || 'none', worktrees: ours.length }, 'cleaned up after the stopped run');
  return { killed, worktrees: ours.map((w) => w.path) };
}
