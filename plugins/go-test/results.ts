import { countOutcomes } from '../../src/core/index.js';
import type { TestCounts, TestResult } from '../../src/core/index.js';
import type { FoldedStream, GoTest } from './fold.js';
import type { Locator } from './locate.js';
import { goNodeId } from './node-ids.js';
import { readOutput } from './test-output.js';

const OUTCOME = { pass: 'passed', fail: 'failed', skip: 'skipped' } as const;

/** A test that started and never ended died with its binary (panic, timeout, os.Exit): an error. */
export function outcomeOf(t: GoTest): TestResult['outcome'] {
  return t.outcome ? OUTCOME[t.outcome] : 'error';
}

function messageOf(t: GoTest): string | undefined {
  if (t.outcome === 'pass') return undefined;
  const d = readOutput(t.output);
  return d.timeout ? `test timed out after ${d.timeout}` : d.panic ? `panic: ${d.panic}` : d.log?.message || undefined;
}

/** Every test and subtest the stream reports, as go reports it (a parent fails with its subtest). */
export function testResults(folded: FoldedStream, locate: Locator): TestResult[] {
  const out: TestResult[] = [];
  for (const p of folded.packages.values()) {
    for (const t of p.tests.values()) {
      const file = locate.testFile(p.importPath, t.name);
      const message = messageOf(t);
      out.push({
        tool: 'go-test',
        nodeId: goNodeId(p.importPath, t.name),
        ...(file ? { file } : {}),
        outcome: outcomeOf(t),
        durationMs: t.elapsedMs,
        ...(message ? { message: message.slice(0, 2000) } : {}),
      });
    }
  }
  return out;
}

/**
 * Counts over tests and subtests alike (go reports each), plus one error per package that failed
 * without a test to blame: a build failure, a TestMain exit, a panic in init.
 */
export function countResults(tests: readonly TestResult[], packageErrors: number): TestCounts {
  const counts = countOutcomes(tests);
  return { ...counts, errors: counts.errors + packageErrors };
}
