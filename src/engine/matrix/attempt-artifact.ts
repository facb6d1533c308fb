import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Attempt, Event, TaskStatus } from '../../core/index.js';

export const ATTEMPT_JSON = 'attempt.json';
export const BUNDLE_FILE = 'branches.bundle';

/** Where one task of an attempt job ended. */
export const AttemptedTask = z.object({
  id: z.string(),
  status: TaskStatus,
  branch: z.string().optional(),
  /** The validated commit on `branch`, in `branches.bundle`. */
  commit: z.string().optional(),
  reason: z.string().optional(),
});
export type AttemptedTask = z.infer<typeof AttemptedTask>;

/** `attempt.json`: what one matrix job did with its tasks, enough to merge it into the run. */
export const AttemptJob = z.object({
  schema: z.literal('atqos/matrix-attempt@1'),
  planRunId: z.string(),
  baseSha: z.string(),
  tasks: z.array(AttemptedTask).min(1),
  attempts: z.array(Attempt),
  /** The job's task events in the order they happened (attempt.*, task.*, agent.fallback). */
  events: z.array(Event),
  /** Why the job stopped starting attempts (a budget, an interrupt), if it did. */
  stopReason: z.string().optional(),
  interrupted: z.boolean(),
  bundle: z.literal(BUNDLE_FILE).nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
});
export type AttemptJob = z.infer<typeof AttemptJob>;

/** `attempt.json` of a directory, or why it cannot be used. */
export function readAttemptJob(dir: string): AttemptJob | string {
  const file = path.join(dir, ATTEMPT_JSON);
  if (!fs.existsSync(file)) return `${ATTEMPT_JSON} is missing`;
  try {
    const parsed = AttemptJob.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    return `${ATTEMPT_JSON} does not match its schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  } catch (err) {
    return `${ATTEMPT_JSON} is not JSON (${(err as Error).message})`;
  }
}
