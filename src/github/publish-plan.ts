import { z } from 'zod';
import { FindingKind, Severity } from '../core/index.js';

/**
 * What should exist on GitHub after a run: written by the engine as `publish-plan.json` in the
 * run directory and carried out by the Publisher (the App, or the Action in standalone mode).
 * Pure data: every text is final (already cut to GitHub's limits), every object carries the key
 * the Publisher uses to find what it made before, so publishing twice changes nothing.
 */

export const PLAN_SCHEMA = 'atqos/publish-plan@1';

/** `owner/name` of the repository the plan is for. */
export const RepoRef = z.object({ owner: z.string().min(1), repo: z.string().min(1) });
export type RepoRef = z.infer<typeof RepoRef>;

/** One check-run annotation (GitHub's shape; 1-based lines; path repo-relative). */
export const Annotation = z.object({
  path: z.string().min(1),
  start_line: z.number().int().positive(),
  end_line: z.number().int().positive(),
  annotation_level: z.enum(['notice', 'warning', 'failure']),
  title: z.string().max(255).optional(),
  message: z.string().min(1).max(64 * 1024),
  raw_details: z.string().max(64 * 1024).optional(),
});
export type Annotation = z.infer<typeof Annotation>;

export const CheckRunPlan = z.object({
  /** The check's name; with headSha, its identity (re-publishing updates it). */
  name: z.string().min(1),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  status: z.enum(['queued', 'in_progress', 'completed']),
  conclusion: z.enum(['success', 'failure', 'neutral', 'cancelled', 'timed_out', 'action_required', 'skipped']).optional(),
  title: z.string().min(1).max(255),
  /** Markdown, at most 65,535 characters (cut with a link to the full report). */
  summary: z.string().max(65_535),
  text: z.string().max(65_535).optional(),
  /** All annotations; the Publisher sends them 50 per request. */
  annotations: z.array(Annotation).default([]),
  /** "Fix with ATQOS" and friends: `requested_action` buttons (max 3, GitHub's limits on lengths). */
  actions: z.array(z.object({
    label: z.string().min(1).max(20),
    description: z.string().min(1).max(40),
    identifier: z.string().min(1).max(20),
  })).max(3).default([]),
  detailsUrl: z.string().url().optional(),
  externalId: z.string().optional(),
});
export type CheckRunPlan = z.infer<typeof CheckRunPlan>;

/** One issue per finding, keyed by its fingerprint marker `<!-- atqos:finding=<fp> -->`. */
export const IssuePlan = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{16,64}$/),
  /** `open`: create, or reopen (with a comment) if closed, or update if open. `closed`: close with `closeComment` if open; never create. */
  state: z.enum(['open', 'closed']),
  title: z.string().min(1).max(256),
  /** Markdown including the marker; at most 65,535 characters. */
  body: z.string().max(65_535),
  labels: z.array(z.string().min(1).max(50)).default([]),
  kind: FindingKind,
  severity: Severity,
  /** Posted when an open issue is closed because the finding is gone. */
  closeComment: z.string().max(65_535).optional(),
  /** Posted when a closed issue is reopened because the finding came back. */
  reopenComment: z.string().max(65_535).optional(),
});
export type IssuePlan = z.infer<typeof IssuePlan>;

/** A file of a fix: its full text after the fix, or its deletion. */
export const FileChange = z.discriminatedUnion('action', [
  z.object({ action: z.literal('write'), path: z.string().min(1), contentBase64: z.string(), mode: z.enum(['100644', '100755']).default('100644') }),
  z.object({ action: z.literal('delete'), path: z.string().min(1) }),
]);
export type FileChange = z.infer<typeof FileChange>;

/**
 * A line the fix added that refers to a finding by `token` (`atqos finding <fp12>`, written by the
 * builtin quarantine): the Publisher puts the finding's issue URL in place of the token, once the
 * issue exists, so the PR's code links the issue.
 */
export const IssueLink = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{16,64}$/),
  path: z.string().min(1),
  /** 1-based line in the fixed file. */
  line: z.number().int().positive(),
  token: z.string().min(1),
});
export type IssueLink = z.infer<typeof IssueLink>;

/** One PR per validated task, on its stable branch; never present for an unvalidated task. */
export const PullRequestPlan = z.object({
  taskId: z.string().min(1),
  /** `atqos/<type>/<fingerprint-12>`: stable per finding, so a rerun updates the same PR. */
  branch: z.string().regex(/^atqos\/[a-z_]+\/[0-9a-f]{12}$/),
  /** The branch the PR targets (the repo's default branch or the PR's base). */
  base: z.string().min(1),
  /** The commit the fix was made on; the Publisher builds the fix commit on top of it. */
  baseSha: z.string().regex(/^[0-9a-f]{40}$/),
  title: z.string().min(1).max(256),
  /** Markdown with the metadata table and `<!-- atqos:task=… -->` + hidden JSON; at most 65,535 characters. */
  body: z.string().max(65_535),
  labels: z.array(z.string().min(1).max(50)).default([]),
  /** The commit message (with the ATQOS-* trailers) and the files it changes. */
  commitMessage: z.string().min(1),
  files: z.array(FileChange).min(1),
  /** Fingerprints whose issues this PR fixes (`Fixes #n` is added by the Publisher once it knows n). */
  fixes: z.array(z.string()).default([]),
  /**
   * Fingerprints this PR addresses without fixing them (a quarantine): `Refs #n`, so merging it
   * does not close the issue as fixed (a later run that no longer sees the finding closes it).
   */
  refs: z.array(z.string()).default([]),
  /** Lines of the fix files whose finding reference becomes the finding's issue URL at publish time. */
  issueLinks: z.array(IssueLink).optional(),
  draft: z.boolean().default(false),
});
export type PullRequestPlan = z.infer<typeof PullRequestPlan>;

/** The one dashboard issue per repo, keyed by `<!-- atqos:dashboard -->`. */
export const DashboardPlan = z.object({
  title: z.string().min(1).max(256),
  body: z.string().max(65_535),
  labels: z.array(z.string()).default([]),
});
export type DashboardPlan = z.infer<typeof DashboardPlan>;

export const PublishPlan = z.object({
  schema: z.literal(PLAN_SCHEMA),
  runId: z.string().min(1),
  repo: RepoRef,
  /** Where the full report lives (the run's artifact page), linked from cut texts. */
  reportUrl: z.string().url().optional(),
  checkRuns: z.array(CheckRunPlan).default([]),
  /** Issues to ensure. Findings not listed are left alone (another lane may own them). */
  issues: z.array(IssuePlan).default([]),
  pullRequests: z.array(PullRequestPlan).default([]),
  dashboard: DashboardPlan.optional(),
  limits: z.object({
    /** Open ATQOS PRs allowed in the repo at once; new ones beyond it are skipped and reported. */
    maxOpenPullRequests: z.number().int().nonnegative().default(10),
    /** New PRs this plan may open. */
    maxNewPullRequestsPerRun: z.number().int().nonnegative().default(5),
  }).default({ maxOpenPullRequests: 10, maxNewPullRequestsPerRun: 5 }),
});
export type PublishPlan = z.infer<typeof PublishPlan>;
