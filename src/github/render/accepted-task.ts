import type { Attempt, Task } from '../../core/index.js';
import { AtqosError } from '../../core/index.js';
import type { AcceptedFix } from '../plan-input.js';
import type { PlanContext } from './context.js';

/** What a PR is built from: the accepted fix, its task and the task's attempts. */
export interface AcceptedTask {
  fix: AcceptedFix;
  task: Task;
  accepted: Attempt;
  attempts: Attempt[];
}

/**
 * Pairs each accepted fix with its task and its accepted attempt. A fix whose task is unknown or
 * has no accepted, validated attempt is a bug upstream: a PR is never planned for it.
 */
export function acceptedTasks(ctx: PlanContext): AcceptedTask[] {
  const tasks = new Map(ctx.input.tasks.map((t) => [t.id, t]));
  return ctx.input.accepted.map((fix) => {
    const task = tasks.get(fix.taskId);
    const attempts = ctx.input.attempts.filter((a) => a.taskId === fix.taskId).sort((a, b) => a.n - b.n);
    const accepted = attempts.filter((a) => a.outcome === 'accepted').at(-1);
    if (!task || !accepted || !fix.validation.result.ok) {
      const why = !task ? 'is not among the run\'s tasks' : !accepted ? 'has no accepted attempt' : 'did not pass its validation';
      throw new AtqosError('plan_unaccepted_task', `task '${fix.taskId.slice(0, 80)}' ${why}, so no pull request may be planned for it`, {
        hint: 'pass only fixes from `remediate().accepted` together with the run\'s tasks and attempts',
      });
    }
    return { fix, task, accepted, attempts };
  }).sort((a, b) => (a.fix.branch < b.fix.branch ? -1 : a.fix.branch > b.fix.branch ? 1 : 0));
}
