import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ModuleCoverage = z.object({ covered: z.number(), statements: z.number(), percent: z.number() });

/** The JSON line `add_test_check.py` prints: why an add_test attempt was kept or rejected. */
export const AddTestVerdict = z.object({
  ok: z.boolean(),
  /** The check that decided: changes, environment, runs, baseline, coverage, regressions, or accepted. */
  stage: z.string(),
  reason: z.string(),
  module: z.string().nullable(),
  before: ModuleCoverage.nullable(),
  after: ModuleCoverage.nullable(),
  gain: z.object({ covered: z.number(), percent: z.number() }).nullable(),
  runs: z.array(z.object({ run: z.number(), exitCode: z.number(), tests: z.number(), passed: z.number(), failed: z.array(z.string()) })),
  newTests: z.array(z.string()),
  changedFiles: z.array(z.string()),
  broken: z.array(z.string()),
  /** Tests left out of the regression check because the run already found them flaky. */
  excluded: z.array(z.object({ nodeId: z.string(), reason: z.string() })).default([]),
});
export type AddTestVerdict = z.infer<typeof AddTestVerdict>;

/** The verdict in a helper's stdout (its last non-empty line), or undefined when there is none. */
export function parseAddTestVerdict(stdout: string): AddTestVerdict | undefined {
  const last = stdout.split('\n').map((l) => l.trim()).filter(Boolean).at(-1);
  if (!last) return undefined;
  try {
    const parsed = AddTestVerdict.safeParse(JSON.parse(last));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The verdict of an attempt from its validation artifacts (`tasks/<task>/attempt-<n>/validation/
 * run-1-cmd-1.stdout`, paths relative to the run dir): where the coverage gain per task is read.
 */
export function readAddTestVerdict(runDir: string, artifacts: readonly { path: string }[]): AddTestVerdict | undefined {
  const stdout = artifacts.find((a) => a.path.endsWith('.stdout'));
  if (!stdout) return undefined;
  const file = path.join(runDir, stdout.path);
  return fs.existsSync(file) ? parseAddTestVerdict(fs.readFileSync(file, 'utf8')) : undefined;
}
