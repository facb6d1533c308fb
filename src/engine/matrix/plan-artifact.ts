import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AtqosError, Finding, Task, TestResult } from '../../core/index.js';
import { manifestProblem } from './manifest.js';

export const PLAN_JSON = 'plan.json';
export const MATRIX_JSON = 'matrix.json';
/** The plan run's directory, copied: the store, events, raw outputs and reports of the diagnosis. */
export const PLAN_RUN_DIR = 'run';

/** One matrix job: its number and the task ids it attempts, as `atqos attempt --task` takes them. */
export const MatrixJob = z.object({ job: z.string(), tasks: z.string() });
export type MatrixJob = z.infer<typeof MatrixJob>;

/** `strategy.matrix` for `fromJSON(...)`: `{ include: [{ job, tasks }] }`. */
export const Matrix = z.object({ include: z.array(MatrixJob).max(256) });
export type Matrix = z.infer<typeof Matrix>;

/** `plan.json`: everything an attempt job needs besides the checkout itself. */
export const MatrixPlan = z.object({
  schema: z.literal('atqos/matrix-plan@1'),
  runId: z.string().min(1),
  lane: z.string(),
  baseSha: z.string().regex(/^[0-9a-f]{40,64}$/),
  createdAt: z.string(),
  configSource: z.string().nullable(),
  /** The resolved config (secrets redacted; then re-read from the checkout at the base SHA). */
  config: z.unknown(),
  /** Plugin ids in lane order, with the options they ran with. */
  plugins: z.array(z.object({ id: z.string(), options: z.unknown() })),
  /** Every planned task, in plan order; only the first `attemptable` get matrix jobs. */
  tasks: z.array(Task),
  attemptable: z.number().int().nonnegative(),
  findings: z.array(Finding),
  tests: z.array(TestResult),
  tools: z.array(z.unknown()),
  jobs: z.array(z.object({ job: z.string(), tasks: z.array(z.string()) })),
});
export type MatrixPlan = z.infer<typeof MatrixPlan>;

function bad(planDir: string, why: string, hint: string): AtqosError {
  return new AtqosError('matrix_plan_invalid', `${planDir} is not a usable ATQOS plan artifact: ${why}`, { hint });
}

/**
 * Reads and checks a plan artifact (`atqos plan --matrix --out DIR`): every file against its
 * checksum, then `plan.json` against its schema. Throws AtqosError saying what to do otherwise.
 */
export function readPlanArtifact(planDir: string): MatrixPlan {
  const dir = path.resolve(planDir);
  const rerun = 'download the plan artifact again, or re-run the plan job (`atqos plan --matrix --out DIR`)';
  if (!fs.existsSync(path.join(dir, PLAN_JSON))) throw bad(dir, `${PLAN_JSON} is missing`, 'pass the directory `atqos plan --matrix --out DIR` wrote');
  const problem = manifestProblem(dir);
  if (problem) throw bad(dir, problem, rerun);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dir, PLAN_JSON), 'utf8'));
  } catch (err) {
    throw bad(dir, `${PLAN_JSON} is not JSON (${(err as Error).message})`, rerun);
  }
  const parsed = MatrixPlan.safeParse(raw);
  if (!parsed.success) throw bad(dir, `${PLAN_JSON} does not match its schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, `use the same ATQOS version for plan, attempt and integrate; ${rerun}`);
  if (!fs.existsSync(path.join(dir, PLAN_RUN_DIR, 'state.db'))) throw bad(dir, `${PLAN_RUN_DIR}/state.db is missing`, rerun);
  return parsed.data;
}

/** The matrix GitHub Actions reads: one entry per job, tasks space-separated. */
export function matrixOf(plan: Pick<MatrixPlan, 'jobs'>): Matrix {
  return { include: plan.jobs.map((j) => ({ job: j.job, tasks: j.tasks.join(' ') })) };
}
