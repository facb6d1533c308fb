import type { RoundLog, RoundRun } from './raw-files.js';
import { roundVerdicts } from './round-outcomes.js';

export interface Tally {
  passes: number;
  fails: number;
}

export interface Tallies {
  /** Per node id, over the runs of one purpose. */
  byId: Map<string, Tally>;
  /** Invocations that left no usable report. */
  lost: string[];
  /** Invocations that gave at least one verdict. */
  usable: number;
}

function describeLoss(run: RoundRun, error: string): string {
  const how = run.timedOut ? 'timed out' : `exited ${run.exitCode ?? 'by a signal'}`;
  return `${run.artifact}: pytest ${how} and left no usable report (${error})`;
}

/** Pass/fail counts per test over the invocations of one purpose (re-runs or quarantine checks). Pure. */
export function tallyRuns(log: RoundLog, purpose: RoundRun['purpose'], read: (name: string) => string | undefined): Tallies {
  const out: Tallies = { byId: new Map(), lost: [], usable: 0 };
  for (const run of log.runs.filter((r) => r.purpose === purpose)) {
    const parsed = roundVerdicts(read(run.artifact), run.nodeIds);
    if (!parsed.ok) {
      // A refused chunk (pytest exit 4) was retried id by id; its own loss is no news.
      if (run.exitCode !== 4) out.lost.push(describeLoss(run, parsed.error));
      continue;
    }
    if (parsed.verdicts.size) out.usable++;
    for (const [id, v] of parsed.verdicts) {
      const t = out.byId.get(id) ?? { passes: 0, fails: 0 };
      if (v === 'pass') t.passes++;
      else t.fails++;
      out.byId.set(id, t);
    }
  }
  return out;
}
