import type { Attempt, CommandSpec, Finding, Run, Task, TestCounts, ValidationResult } from '../core/index.js';
import type { FileChange, IssueLink, PublishPlan, RepoRef } from './publish-plan.js';

/** A task whose attempt was accepted: what its PR is made of. */
export interface AcceptedFix {
  taskId: string;
  /** The stable task branch, `atqos/<type>/<fingerprint-12>`. */
  branch: string;
  commit: string;
  commitMessage: string;
  files: FileChange[];
  diffStat: Attempt['diffStat'];
  /** The accepted attempt's validation: the commands, how often they ran, and the verdict. */
  validation: { commands: CommandSpec[]; repeat: number; result: ValidationResult };
  /** Added lines that refer to one of the task's findings, for the Publisher to link its issue. */
  issueLinks?: IssueLink[];
}

/** The re-collect on the integration branch after the fixes (see engine `checkpoint`). */
export interface CheckpointSummary {
  failingBefore: number;
  failingAfter: number;
  fixed: string[];
  introduced: string[];
  trustworthy?: boolean;
}

/** One earlier run, for the dashboard's trend. */
export interface RunHistoryEntry {
  id: string;
  startedAt: string;
  counts?: TestCounts;
  findingCount: number;
  /** Failing findings (test failures and errors); the trend plots these when every entry has them. */
  failingCount?: number;
}

/** Label templates: `{kind}` and `{severity}` (issues), `{type}` (PRs) are filled in. */
export interface LabelConfig {
  issue: string[];
  pullRequest: string[];
  dashboard: string[];
}

export const DEFAULT_LABELS: LabelConfig = {
  issue: ['atqos', 'atqos:{kind}', 'severity:{severity}'],
  pullRequest: ['atqos', 'auto-fix', 'needs-review'],
  dashboard: ['atqos'],
};

/** Annotations beyond this many are left out (most severe first) and counted in the summary. */
export const DEFAULT_MAX_ANNOTATIONS = 1000;

/** Everything `buildPublishPlan` needs, gathered by the engine from the store and run directory. */
export interface BuildPlanInput {
  repo: RepoRef;
  run: Run;
  /** The commit the check run is attached to (40 hex). */
  headSha: string;
  /** The branch PRs target. */
  baseBranch: string;
  findings: readonly Finding[];
  /** Findings open before this run and absent now; closed only when this run is trustworthy. */
  gone: readonly Finding[];
  tasks: readonly Task[];
  attempts: readonly Attempt[];
  accepted: readonly AcceptedFix[];
  checkpoint?: CheckpointSummary;
  stopReason?: string;
  reportUrl?: string;
  /** Earlier runs of the repo (any order); the current run is added when missing. */
  history?: readonly RunHistoryEntry[];
  /** fingerprint → id of the run that first saw it. */
  firstSeen?: Readonly<Record<string, string>>;
  limits?: Partial<PublishPlan['limits']> & { maxAnnotations?: number };
  labels?: Partial<LabelConfig>;
}
