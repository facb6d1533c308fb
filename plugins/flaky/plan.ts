import type { Finding } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { nodeFile, nodeSymbol } from '../pytest/node-ids.js';
import { validation } from './validation.js';

/** The builtin quarantine fixer keeps at most this much of a title as the marker's reason. */
export const MAX_REASON = 200;

const pct = (x: unknown) => (typeof x === 'number' ? `${Math.round(x * 100)}%` : '?');

/**
 * The title of a quarantine task, which the builtin fixer turns into the marker's reason (and the
 * first URL in it, if any, into the issue link): the counts, the interval, history and evidence.
 */
export function quarantineTitle(f: Finding): string {
  const d = f.evidence.details ?? {};
  const runs = Number(d['reruns'] ?? 0) + 1;
  const fails = Number(d['rerunFailures'] ?? 0) + 1;
  const ci = d['wilson95'] as { low?: number; high?: number } | undefined;
  const history = d['history'] as { runs?: number; flakeRate?: number } | undefined;
  const parts = [`Quarantine flaky ${f.scope.symbol ?? f.scope.nodeId}: failed ${fails} of ${runs} runs on one commit (re-run failure rate ${pct(d['failureRate'])}, 95% CI ${pct(ci?.low)}-${pct(ci?.high)})`];
  if (history?.runs) parts.push(`history flake rate ${pct(history.flakeRate)} over ${history.runs} runs`);
  if (typeof d['evidenceSummary'] === 'string' && d['evidenceSummary']) parts.push(`evidence: ${d['evidenceSummary']}`);
  const title = parts.join('; ');
  return title.length <= MAX_REASON ? title : `${title.slice(0, MAX_REASON - 1)}…`;
}

function draft(type: TaskDraft['type'], title: string, f: Finding, priority: number, options: unknown): TaskDraft {
  const nodeId = f.scope.nodeId!;
  const targets = { files: [nodeFile(nodeId)], nodeIds: [nodeId] };
  return {
    type,
    tool: 'flaky',
    title,
    findings: [f.fingerprint],
    targets,
    allowedPaths: [...targets.files],
    validation: validation(targets, options),
    retryPolicy: { maxAttempts: 2 },
    priority,
  };
}

/**
 * A `quarantine` task per flaky test; a `remove_skip` task per expired quarantine that passed
 * every run without it (the builtin remove_skip fixer deletes xfail decorators on the test). Pure.
 */
export function plan(input: PlanInput): TaskDraft[] {
  const drafts: TaskDraft[] = [];
  for (const f of input.findings.filter((x) => x.tool === 'flaky' && x.kind === 'flaky_test' && x.scope.nodeId)) {
    if (f.evidence.details?.['quarantineExpired'] === true) {
      drafts.push(draft('remove_skip', `Lift the quarantine of ${nodeSymbol(f.scope.nodeId!) ?? f.scope.nodeId}: it passed every run without it`, f, 40, input.options));
    } else {
      drafts.push(draft('quarantine', quarantineTitle(f), f, 30, input.options));
    }
  }
  return drafts;
}
