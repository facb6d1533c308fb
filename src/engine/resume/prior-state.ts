import type { Attempt, Event, Finding, Run, Task, TestResult } from '../../core/index.js';
import { attemptsForRun, eventsForRun, findingsForRun, getRun, tasksForRun, testResultsForRun } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import type { ToolOutcome } from '../../reports/index.js';

/** An attempt that started but never recorded its end: the process died during it. */
export interface UnfinishedAttempt {
  taskId: string;
  n: number;
  agent: string;
}

/** What a stopped run had done, read back from its own store, for `atqos resume`. */
export interface PriorState {
  run: Run;
  /** Plugin ids the run selected, in order. */
  plugins: string[];
  /** Whether collection finished and tasks were planned; otherwise collection runs again. */
  planned: boolean;
  findings: Finding[];
  tests: TestResult[];
  tools: ToolOutcome[];
  tasks: Task[];
  /** Attempts that ended (any outcome), as stored. */
  attempts: Attempt[];
  unfinished: UnfinishedAttempt[];
  /** Temp dirs the run made worktrees in; whatever is left there belongs to the dead process. */
  scratchDirs: string[];
  /** Filled by resume: what the dead process left behind and was cleaned up. */
  leftovers?: { killed: number[]; worktrees: string[] };
  /** The last checkpoint's result and the branches it integrated, if one finished. */
  checkpoint?: { branches: string[]; result: Record<string, unknown> };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toolOutcome(e: Event): ToolOutcome {
  const d = e.data;
  if (d.outcome && typeof d.outcome === 'object') return d.outcome as ToolOutcome;
  return { plugin: str(d.plugin) ?? 'unknown', trustworthy: d.trustworthy === true, exitCode: typeof d.exitCode === 'number' ? d.exitCode : null, durationMs: 0, counts: undefined, notes: Array.isArray(d.notes) ? (d.notes as string[]) : [], artifacts: [] };
}

/** Reads a run's state; undefined when the store does not hold the run. */
export function loadPriorState(store: Store, runId: string): PriorState | undefined {
  const run = getRun(store, runId);
  if (!run) return undefined;
  const events = eventsForRun(store, runId);
  const of = (type: string) => events.filter((e) => e.type === type);
  const attempts = attemptsForRun(store, runId);
  const ended = new Set(attempts.map((a) => `${a.taskId}#${a.n}`));
  const unfinished = of('attempt.started')
    .map((e) => ({ taskId: str(e.data.task) ?? '', n: Number(e.data.attempt), agent: str(e.data.agent) ?? 'unknown' }))
    .filter((a) => a.taskId && Number.isInteger(a.n) && !ended.has(`${a.taskId}#${a.n}`));
  // After a restart of collection, only the plugin results recorded since count.
  const lastRestart = Math.max(0, ...of('collection.restarted').map((e) => e.seq));
  const cp = of('checkpoint.finished').at(-1);
  const started = of('run.started')[0];
  return {
    run,
    plugins: Array.isArray(started?.data.plugins) ? (started.data.plugins as string[]) : [],
    planned: of('tasks.planned').some((e) => e.seq > lastRestart),
    findings: findingsForRun(store, runId),
    tests: testResultsForRun(store, runId),
    tools: of('plugin.finished').filter((e) => e.seq > lastRestart).map(toolOutcome),
    tasks: tasksForRun(store, runId),
    attempts,
    unfinished,
    scratchDirs: [...of('remediation.started'), ...of('checkpoint.started')].map((e) => str(e.data.dir)).filter((d): d is string => !!d),
    ...(cp ? { checkpoint: { branches: Array.isArray(cp.data.branches) ? (cp.data.branches as string[]) : [], result: cp.data } } : {}),
  };
}
