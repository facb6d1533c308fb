import type { CheckpointResult } from './checkpoint.js';

/**
 * Whether the loop must stop after its latest checkpoint (seed spec §9), and why: the failing
 * findings did not go down since the previous checkpoint (or the diagnosis, for the first) while
 * some were failing, a
 * fingerprint an earlier checkpoint saw fixed is failing again, or new failures appeared.
 * Checkpoints are full re-collections on the integration branch, so these are facts, not claims.
 */
export function stopAfterCheckpoint(checkpoints: readonly CheckpointResult[]): string | undefined {
  const last = checkpoints.at(-1);
  if (!last) return undefined;
  const k = checkpoints.length;
  const earlierFixed = new Set(checkpoints.slice(0, -1).flatMap((c) => c.fixed));
  const nowFixed = new Set(last.fixed);
  const returned = [...earlierFixed].filter((fp) => !nowFixed.has(fp));
  if (returned.length) return `fixed finding(s) came back at checkpoint ${k}: ${returned.map((f) => f.slice(0, 12)).join(', ')}`;
  const previous = checkpoints.at(-2)?.failingAfter ?? last.failingBefore;
  // "Nothing failing" from a checkpoint whose tools did not run cleanly is no fact: it cannot
  // excuse a checkpoint that reduced nothing.
  const nothingFailing = previous === 0 && last.failingAfter === 0;
  if (nothingFailing && !last.trustworthy) return `checkpoint ${k} is not trustworthy (a tool did not run cleanly), so its 0 failing findings prove nothing`;
  // Nothing failing before or after: there is nothing to reduce, and later waves (add_test
  // tasks, ordered after the stability tasks) are why the loop goes on. Termination still holds:
  // waves are finite and every checkpoint follows a wave that accepted a task.
  if (last.failingAfter >= previous && !nothingFailing) return `no net reduction of failing findings at checkpoint ${k} (${previous} → ${last.failingAfter})`;
  if (last.introduced.length) return `${last.introduced.length} new failing finding(s) appeared at checkpoint ${k}`;
  return undefined;
}
