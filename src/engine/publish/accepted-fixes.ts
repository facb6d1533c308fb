import { describeError } from '../../core/index.js';
import type { Attempt, Task, ValidationResult } from '../../core/index.js';
import type { AcceptedFix } from '../../github/plan-input.js';
import { git, readTrailers } from '../../git/index.js';
import type { GitOptions } from '../../git/index.js';
import { fixFiles } from './fix-files.js';
import { findIssueLinks } from './issue-links.js';

export interface GatherInput {
  repoDir: string;
  runId: string;
  baseSha: string;
  tasks: readonly Task[];
  attempts: readonly Attempt[];
  git?: GitOptions;
}

export interface GatheredFixes {
  accepted: AcceptedFix[];
  /** Why an accepted task has no PR in the plan (its branch moved on, was deleted, …). */
  notes: string[];
}

/**
 * Each succeeded task's fix as git holds it: the tip of its task branch, which must still be this
 * run's commit (a later run may have moved the stable branch), with the files it changes against
 * the run's base and its validation from the accepted attempt.
 */
export async function gatherAcceptedFixes(input: GatherInput): Promise<GatheredFixes> {
  const accepted: AcceptedFix[] = [];
  const notes: string[] = [];
  for (const task of input.tasks) {
    if (task.status !== 'succeeded' || !task.branch) continue;
    const attempt = input.attempts.filter((a) => a.taskId === task.id && a.outcome === 'accepted').sort((a, b) => a.n - b.n).at(-1);
    if (!attempt?.validation?.ok) {
      notes.push(`task ${task.id}: no accepted, validated attempt is recorded, so no pull request`);
      continue;
    }
    try {
      const fix = await fixOf(input, task, attempt);
      if (typeof fix === 'string') notes.push(`task ${task.id}: ${fix}`);
      else accepted.push(fix);
    } catch (err) {
      notes.push(`task ${task.id}: ${describeError(err)}`);
    }
  }
  return { accepted, notes };
}

async function fixOf(input: GatherInput, task: Task, attempt: Attempt): Promise<AcceptedFix | string> {
  const call = { ...input.git, cwd: input.repoDir };
  const branch = task.branch as string;
  const rev = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], { ...call, allowFail: true });
  if (rev.exitCode !== 0) return `branch ${branch} no longer exists, so no pull request`;
  const commit = rev.stdout.trim();
  const trailers = await readTrailers(input.repoDir, commit, input.git);
  if (trailers['ATQOS-Run'] !== input.runId) {
    return `branch ${branch} now holds a commit of run ${trailers['ATQOS-Run'] ?? '(none)'}, not this run, so no pull request`;
  }
  const files = await fixFiles(input.repoDir, input.baseSha, commit, input.git);
  if (files.length === 0) return `branch ${branch} changes nothing against the run's base, so no pull request`;
  const message = await git(['log', '-1', '--format=%B', commit, '--'], call);
  const issueLinks = await findIssueLinks(input.repoDir, input.baseSha, commit, task, files, input.git);
  return {
    taskId: task.id,
    branch,
    commit,
    commitMessage: message.stdout.replace(/\n+$/, '\n'),
    files,
    diffStat: attempt.diffStat,
    validation: validationOf(task, attempt.validation!),
    ...(issueLinks.length ? { issueLinks } : {}),
  };
}

/**
 * The commands that proved the fix as the accepted attempt ran them (with what the run added,
 * like `--known-flaky`, and the configured repeat), not the plan's; a record from before
 * attempts kept them falls back to the plan's.
 */
function validationOf(task: Task, result: ValidationResult): AcceptedFix['validation'] {
  return { commands: result.commands ?? task.validation.commands, repeat: result.repeat ?? task.validation.repeat, result };
}
