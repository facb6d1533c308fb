import type { Attempt, CommandSpec, ValidationResult } from '../../core/index.js';
import type { AcceptedTask } from './accepted-task.js';
import type { PullRequestMeta } from './markers.js';
import { oneLine } from './markdown.js';
import { coverageGainOf, runsPassed } from '../../reports/index.js';

const COMMANDS_MAX = 10;
const COMMAND_CHARS = 500;
// Bounds the hidden JSON so it always fits beside the visible body; `fixes` keeps the full list.
const FINDINGS_MAX = 200;
const GUARDS_MAX = 50;

/** The PR's metadata: shown as the table and hidden as JSON in the body. */
export function metaFor(runId: string, at: AcceptedTask): PullRequestMeta {
  const { fix, task, accepted } = at;
  const counts = fix.validation.result.summary;
  return {
    schema: 'atqos/pr-meta@1',
    runId,
    taskId: task.id,
    type: task.type,
    branch: fix.branch,
    commit: fix.commit,
    findings: task.findings.slice(0, FINDINGS_MAX),
    findingsTotal: task.findings.length,
    agent: accepted.agent ? oneLine(accepted.agent, 100) : null,
    model: accepted.model ? oneLine(accepted.model, 100) : null,
    attempts: { n: accepted.n, max: task.retryPolicy.maxAttempts },
    validation: {
      commands: fix.validation.commands.slice(0, COMMANDS_MAX).map((c) => oneLine(commandText(c), COMMAND_CHARS)),
      repeat: fix.validation.repeat,
      passed: fix.validation.result.ok,
      counts: { total: counts.total, passed: counts.passed, failed: counts.failed, errors: counts.errors },
      // Results recorded before validations kept their runs have neither.
      ...(fix.validation.result.runs ? { runs: runsPassed(fix.validation.result) } : {}),
      ...(fix.validation.result.details?.coverage ? { coverage: coverageOf(fix.validation.result) } : {}),
    },
    guardsPassed: [...new Set(accepted.guards.filter((g) => g.passed).map((g) => oneLine(g.guard, 60)))].sort().slice(0, GUARDS_MAX),
    diffStat: { ...fix.diffStat },
    cost: totalCost(at.attempts),
  };
}

const TESTS_MAX = 20;

/** What the validation measured of the target module's coverage; null when it measured none. */
function coverageOf(v: ValidationResult): PullRequestMeta['validation']['coverage'] {
  const c = v.details?.coverage;
  if (!c) return null;
  return {
    module: oneLine(c.module, 300), before: c.before, after: c.after, gain: coverageGainOf(c),
    newTests: (v.details?.newTests ?? []).slice(0, TESTS_MAX).map((t) => oneLine(t, 300)),
    excluded: (v.details?.excluded ?? []).slice(0, TESTS_MAX).map((e) => oneLine(e.nodeId, 300)),
  };
}

/** The cost of every attempt of the task added up; null when no attempt reported any. */
function totalCost(attempts: readonly Attempt[]): PullRequestMeta['cost'] {
  const sum = (key: 'usd' | 'inputTokens' | 'outputTokens') => {
    const values = attempts.map((a) => a.cost[key]).filter((v): v is number => v !== undefined);
    return values.length ? values.reduce((x, y) => x + y, 0) : undefined;
  };
  const usd = sum('usd');
  const inputTokens = sum('inputTokens');
  const outputTokens = sum('outputTokens');
  if (usd === undefined && inputTokens === undefined && outputTokens === undefined) return null;
  return {
    ...(usd !== undefined ? { usd: Math.round(usd * 10_000) / 10_000 } : {}),
    ...(inputTokens !== undefined ? { inputTokens } : {}),
    ...(outputTokens !== undefined ? { outputTokens } : {}),
  };
}

export function costText(cost: PullRequestMeta['cost']): string {
  if (!cost) return 'not reported';
  const parts = [
    cost.usd !== undefined ? `$${cost.usd.toFixed(2)}` : undefined,
    cost.inputTokens !== undefined ? `${cost.inputTokens} input tokens` : undefined,
    cost.outputTokens !== undefined ? `${cost.outputTokens} output tokens` : undefined,
  ];
  return `${parts.filter(Boolean).join(', ')} (all attempts)`;
}

/** A command line for display (arguments with spaces or quotes are quoted). */
export function commandText(c: CommandSpec): string {
  return c.argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ');
}
