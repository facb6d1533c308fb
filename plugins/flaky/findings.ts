import { fingerprint, stableId } from '../../src/core/index.js';
import type { ArtifactRef, Finding } from '../../src/core/index.js';
import { nodeFile, nodeSymbol } from '../pytest/node-ids.js';
import type { Hint, Selection } from './raw-files.js';
import type { HistoryStats } from './stats.js';
import { wilson } from './stats.js';
import type { Tally } from './tally.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** What is known about one re-run test. */
export interface FlakyFacts {
  test: Selection['tests'][number];
  reruns: Tally;
  history: HistoryStats;
  hints: Hint[];
  artifacts: ArtifactRef[];
  roots: string[];
}

/** `time.sleep, random.random` — the distinct calls behind the static hints. */
export function hintSummary(hints: readonly Hint[], max = 3): string {
  const calls = [...new Set(hints.map((h) => (h.kind === 'float_equality' ? 'float ==' : h.call)))];
  return calls.length > max ? `${calls.slice(0, max).join(', ')} and ${calls.length - max} more` : calls.join(', ');
}

/**
 * A test that failed in the run and both passed and failed when re-run on the same commit. The
 * failure rate and its Wilson interval come from the re-runs alone: the original failure is why
 * the test was picked, so counting it would bias the rate upwards.
 */
export function flakyFinding(f: FlakyFacts): Finding {
  const { test, reruns, history } = f;
  const n = reruns.passes + reruns.fails;
  const rate = n ? reruns.fails / n : 0;
  const ci = wilson(reruns.fails, n);
  const symbol = nodeSymbol(test.nodeId) ?? test.nodeId;
  const evidence = hintSummary(f.hints);
  const lines = [
    `${test.nodeId} failed in this run, then passed ${reruns.passes} and failed ${reruns.fails} of ${n} re-runs on the same commit.`,
    `Failure rate over the re-runs: ${pct(rate)} (95% Wilson interval ${pct(ci.low)}–${pct(ci.high)}).`,
    history.runs ? `History: ${history.failures} failure(s) in ${history.runs} earlier run(s), flake rate ${pct(history.flakeRate)} (${history.sameCommitFlips} same-commit and ${history.crossCommitFlips} other flips).` : 'History: no earlier runs of this test in the index.',
    evidence ? `Static evidence: ${f.hints.map((h) => `${h.call} in ${h.function}${h.line ? ` (line ${h.line})` : ''}`).join('; ')}.` : 'Static evidence: none found in the test or the functions it calls.',
  ];
  return {
    tool: 'flaky',
    kind: 'flaky_test',
    severity: 'medium',
    category: 'flaky',
    scope: { file: test.file, nodeId: test.nodeId, symbol },
    fingerprint: fingerprint(['flaky', 'flaky_test', stableId(test.nodeId, f.roots)]),
    title: `${symbol} is flaky: failed ${reruns.fails + 1} of ${n + 1} runs on the same commit`,
    message: lines.join('\n'),
    evidence: {
      ...(test.message ? { assertionMessage: test.message } : {}),
      sourceFiles: [test.file],
      details: {
        originalOutcome: test.outcome,
        reruns: n,
        rerunPasses: reruns.passes,
        rerunFailures: reruns.fails,
        failureRate: rate,
        wilson95: ci,
        history,
        staticEvidence: f.hints,
        evidenceSummary: evidence,
      },
    },
    artifacts: f.artifacts,
    ...(test.fingerprints.length ? { supersedes: [...test.fingerprints] } : {}),
  };
}

/** A quarantined test that passed every re-run with its quarantine lifted. */
export function liftableFinding(nodeId: string, marker: string, rounds: number, ageDays: number, artifacts: ArtifactRef[], roots: string[], history: HistoryStats): Finding {
  const symbol = nodeSymbol(nodeId) ?? nodeId;
  const recorded = history.runs ? ` In full lanes it failed ${history.failures} of ${history.runs} recorded run(s) (xfail under the quarantine counts as a failure), flake rate ${pct(history.flakeRate)}.` : ' No full-lane run of it is recorded in the index.';
  return {
    tool: 'flaky',
    kind: 'flaky_test',
    severity: 'low',
    category: 'flaky',
    scope: { file: nodeFile(nodeId), nodeId, symbol },
    fingerprint: fingerprint(['flaky', 'flaky_test', stableId(nodeId, roots), 'quarantine-expired']),
    title: `${symbol}: quarantine can be lifted (passed ${rounds} of ${rounds} runs without it)`,
    message: `${nodeId} has been quarantined for ${Math.floor(ageDays)} days (\`${marker}\`) and passed all ${rounds} re-runs with the quarantine lifted (--runxfail): the quarantine can be lifted.${recorded}`,
    evidence: { sourceFiles: [nodeFile(nodeId)], details: { quarantineExpired: true, marker, ageDays: Math.floor(ageDays), reruns: rounds, rerunPasses: rounds, history } },
    artifacts,
  };
}
