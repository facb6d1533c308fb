import { z } from 'zod';

/** File names under `raw/flaky/`, by artifact name. Round reports are named `round-<r>-<c>`. */
export const RAW = {
  selection: 'selection.json',
  rounds: 'rounds.json',
  history: 'history.json',
  scanRequest: 'scan-request.json',
  scan: 'scan.json',
  quarantine: 'quarantine.json',
} as const;

const Outcome = z.enum(['passed', 'failed', 'error', 'skipped', 'xfailed', 'xpassed']);

/** What collect chose to re-run (`selection.json`). */
export const Selection = z.object({
  reruns: z.number().int().nonnegative(),
  earlyStop: z.boolean(),
  tests: z.array(z.object({ nodeId: z.string(), file: z.string(), outcome: z.enum(['failed', 'error']), fingerprints: z.array(z.string()), message: z.string().optional() })),
  /** Failing tests over `maxTests`, not re-run. */
  notRerun: z.array(z.string()),
});
export type Selection = z.infer<typeof Selection>;

/** One pytest invocation: which ids it selected and where its JUnit report is. */
export const RoundRun = z.object({
  purpose: z.enum(['rerun', 'quarantine']),
  round: z.number().int().positive(),
  artifact: z.string(),
  nodeIds: z.array(z.string()),
  exitCode: z.number().int().nullable(),
  timedOut: z.boolean(),
});
export type RoundRun = z.infer<typeof RoundRun>;

/** Every invocation of collect, in order (`rounds.json`), and ids pytest could not find. */
export const RoundLog = z.object({ runs: z.array(RoundRun), notFound: z.array(z.string()) });
export type RoundLog = z.infer<typeof RoundLog>;

/** Past outcomes per node id as `ctx.history` gave them (`history.json`), newest first. */
export const HistoryFile = z.record(
  z.string(),
  z.array(z.object({ runId: z.string(), startedAt: z.string(), outcome: Outcome, sha: z.string().optional() })),
);
export type HistoryFile = z.infer<typeof HistoryFile>;

/** One static hint of non-determinism found by the helper. */
export const Hint = z.object({
  kind: z.string(),
  call: z.string(),
  function: z.string(),
  line: z.number().int().optional(),
});
export type Hint = z.infer<typeof Hint>;

/** The helper's static evidence per test (`scan.json`). */
export const ScanReport = z.object({
  tests: z.array(z.object({ nodeId: z.string(), found: z.boolean(), hints: z.array(Hint).default([]), error: z.string().optional() })).default([]),
  markers: z.array(z.object({ file: z.string(), qualname: z.array(z.string()), line: z.number().int(), text: z.string(), xfail: z.boolean() })).default([]),
  errors: z.array(z.string()).default([]),
});
export type ScanReport = z.infer<typeof ScanReport>;

/** A quarantine marker found in the repo, its age and what re-running it showed (`quarantine.json`). */
export const QuarantineEntry = z.object({
  nodeId: z.string(),
  file: z.string(),
  line: z.number().int(),
  text: z.string(),
  xfail: z.boolean(),
  /** Commit time of the marker line (git blame), ms; undefined when unknown. */
  since: z.number().optional(),
  /** Why the age is unknown or the test was not re-run. */
  note: z.string().optional(),
  rerun: z.boolean(),
  /** The test's node ids (parametrized cases) whose history was recorded, as this run's pytest saw them. */
  nodeIds: z.array(z.string()).optional(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntry>;

export const QuarantineReport = z.object({ entries: z.array(QuarantineEntry), notes: z.array(z.string()) });
export type QuarantineReport = z.infer<typeof QuarantineReport>;

/** Parses a raw JSON file; undefined (with the reason in `notes`) when absent or malformed. */
export function readRaw<T>(schema: z.ZodType<T>, text: string | undefined, name: string, notes: string[]): T | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    notes.push(`raw/flaky/${name} does not have the expected shape (${parsed.error.issues[0]?.message ?? 'invalid'}); ignored`);
  } catch (err) {
    notes.push(`raw/flaky/${name} is not JSON (${err instanceof Error ? err.message : String(err)}); ignored`);
  }
  return undefined;
}
