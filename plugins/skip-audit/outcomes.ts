import { z } from 'zod';
import type { TestOutcome } from '../../src/core/index.js';
import { parseJunit } from '../junit/parse.js';
import { caseKey, junitKey } from '../pytest/node-ids.js';
import { testId } from './inventory.js';

const Condition = z.object({ text: z.string(), result: z.boolean().nullable(), error: z.string().optional() });

/** A skipif/xfail marker as `atqos_unskip` evaluated it on this machine. */
export const ConditionalMark = z.object({
  mark: z.enum(['skipif', 'xfail']),
  reason: z.string().nullable().optional(),
  conditions: z.array(Condition),
  unconditional: z.boolean(),
});
export type ConditionalMark = z.infer<typeof ConditionalMark>;

const UnskipItem = z.object({
  nodeid: z.string(),
  file: z.string(),
  qualname: z.array(z.string()).min(1),
  conditionals: z.array(ConditionalMark),
  removed: z.array(z.string()),
  neutralize: z.boolean(),
  neutralized: z.boolean(),
});

/** What `atqos_unskip` wrote at the end of a session. */
export const UnskipReport = z.object({
  version: z.literal(1),
  pytest: z.string(),
  python: z.string(),
  items: z.array(UnskipItem),
  errors: z.array(z.string()),
});
export type UnskipReport = z.infer<typeof UnskipReport>;

/** One test function's result in one round: every case passed, something failed, or it still skipped. */
export type RoundVerdict = 'passed' | 'failed' | 'skipped' | 'missing';

export interface RoundResult {
  /** By test id (`file::Class::test`, no parameters). */
  verdicts: Map<string, { verdict: RoundVerdict; cases: { nodeId: string; outcome: TestOutcome | 'missing'; message?: string }[] }>;
  report: UnskipReport | undefined;
  problems: string[];
}

function parseReport(text: string | undefined): { report?: UnskipReport; problem?: string } {
  if (text === undefined) return { problem: 'atqos_unskip wrote no report (pytest did not start, or crashed before the end)' };
  try {
    const r = UnskipReport.safeParse(JSON.parse(text));
    return r.success ? { report: r.data } : { problem: `atqos_unskip report has an unexpected shape: ${r.error.issues[0]?.message}` };
  } catch {
    return { problem: 'atqos_unskip report is not JSON' };
  }
}

function verdictOf(outcomes: (TestOutcome | 'missing')[]): RoundVerdict {
  if (outcomes.some((o) => o === 'failed' || o === 'error' || o === 'xpassed')) return 'failed';
  if (outcomes.includes('missing')) return 'missing';
  return outcomes.every((o) => o === 'passed') ? 'passed' : 'skipped';
}

/** One un-skipped round: JUnit for outcomes, the plugin's report for node ids and conditions. Pure. */
export function readRound(junitXml: string | undefined, reportJson: string | undefined): RoundResult {
  const problems: string[] = [];
  const { report, problem } = parseReport(reportJson);
  if (problem) problems.push(problem);
  const cases = new Map<string, { outcome: TestOutcome; message?: string }>();
  if (junitXml === undefined) problems.push('the un-skipped run wrote no JUnit report');
  else {
    const parsed = parseJunit(junitXml);
    if (!parsed.ok) problems.push(`un-skipped run JUnit: ${parsed.error}`);
    else for (const c of parsed.report.cases) cases.set(caseKey(c.classname, c.name), { outcome: c.outcome === 'error' ? 'error' : c.outcome, message: c.message });
  }
  const grouped = new Map<string, { nodeId: string; outcome: TestOutcome | 'missing'; message?: string }[]>();
  for (const item of report?.items ?? []) {
    const id = testId(item.file, item.qualname);
    const c = cases.get(junitKey(item.nodeid));
    grouped.set(id, [...(grouped.get(id) ?? []), { nodeId: item.nodeid, outcome: c?.outcome ?? 'missing', ...(c?.message ? { message: c.message } : {}) }]);
  }
  const verdicts: RoundResult['verdicts'] = new Map();
  for (const [id, cs] of grouped) verdicts.set(id, { verdict: verdictOf(cs.map((c) => c.outcome)), cases: cs });
  return { verdicts, report, problems };
}
