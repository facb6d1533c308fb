import { z } from 'zod';
import { BuiltinOptions, DEFAULT_QUARANTINE_MARKER } from '../agents/builtin/options.js';
import { ClaudeCodeOptions } from '../agents/claude-code/options.js';
import { CodexOptions } from '../agents/codex/options.js';
import { CursorAgentOptions } from '../agents/cursor-agent/options.js';

/** setTimeout's ceiling (2^31-1 ms): a larger timeout would fire at once. */
export const MAX_TIMEOUT_SEC = 2_147_483;
const timeoutSec = () => z.number().positive().max(MAX_TIMEOUT_SEC, { message: `must be at most ${MAX_TIMEOUT_SEC} seconds (about 24 days)` });

/** A directory inside the repo, relative, not the repo itself: ATQOS writes a `*` .gitignore there. */
const RunsDir = z
  .string()
  .min(1)
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  .refine((d) => !/[\u0000-\u001f\u007f]/.test(d), { message: 'must not contain control characters' })
  .refine((d) => {
    const norm = d.replace(/\\/g, '/').replace(/\/+$/, '');
    return !norm.startsWith('/') && !/^[A-Za-z]:/.test(norm) && !norm.split('/').includes('..') && norm !== '.' && norm !== '';
  }, { message: 'must be a directory inside the repository, such as .atqos (not absolute, not "." and without "..")' });

const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;

/** A five-field cron expression as GitHub Actions schedules accept. */
export const Cron = z.string().refine(
  (s) => {
    const fields = s.trim().split(/\s+/);
    return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f) || /^[A-Za-z]{3}(-[A-Za-z]{3})?$/.test(f));
  },
  { message: 'is not a cron expression (five fields: minute hour day-of-month month day-of-week)' },
);

/** A risk tier (PRD-78 §4): the paths and test markers that belong to it. */
export const RiskTier = z
  .object({
    /** Repo-relative globs of source or test files in this tier. */
    paths: z.array(z.string().min(1)).default([]),
    /** Test markers (pytest marks, tags) that put a test in this tier. */
    markers: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type RiskTier = z.infer<typeof RiskTier>;

export const RiskTierName = z.enum(['P0', 'P1', 'P2']);
export type RiskTierName = z.infer<typeof RiskTierName>;

/** Which tests a lane runs (all when absent). Each plugin maps these onto its tool. */
export const LaneSelect = z
  .object({
    /** A marker expression (pytest `-m`), e.g. `not slow`. */
    markers: z.string().min(1).optional(),
    /** Repo-relative test paths or globs to run instead of the whole suite. */
    paths: z.array(z.string().min(1)).optional(),
    /** Only the tests that touch code changed since the base (`--changed-since`); full suite when unsure. */
    impacted: z.boolean().optional(),
    /** Only tests in these risk tiers (`riskTiers`). */
    tiers: z.array(RiskTierName).optional(),
  })
  .strict();
export type LaneSelect = z.infer<typeof LaneSelect>;

/** A preset: which plugins run and within what limits. */
export const Lane = z
  .object({
    description: z.string().optional(),
    /** Plugin ids to run; omitted → every registered plugin that detects itself in the repo. */
    plugins: z
      .array(z.string().min(1))
      .refine((ids) => new Set(ids).size === ids.length, { message: 'lists a plugin twice' })
      .optional(),
    cron: Cron.optional(),
    /** Wall-time budget for the whole lane, seconds. */
    timeoutSec: timeoutSec().optional(),
    /** Which tests run. */
    select: LaneSelect.optional(),
    /** Times each failing test is re-run on the same commit to tell flaky from broken. */
    reruns: z.number().int().min(0).max(100).optional(),
  })
  .strict();
export type Lane = z.infer<typeof Lane>;

/**
 * The built-in lanes (DESIGN §13), merged under a user's lane of the same name. Which plugins a
 * preset runs comes from the plugins themselves: every plugin that detects itself joins, and the
 * expensive extras (coverage, flaky, skip-audit: `Plugin.lanes`) join weekly and release only —
 * a preset naming plugin ids would force Python tools onto a Go or TypeScript repo. nightly, the
 * default lane of `atqos diagnose`, stays without them: coverage needs a Python with coverage.py
 * (without it the run is `error`, exit 2, as in the demo with pyenv's python3), and re-running
 * every failure 10× would make a local diagnose of a red suite many times slower. Every preset
 * has a wall-time budget (`timeoutSec`): past it the run is stopped and reported as error. No
 * preset sets `reruns`: a lane's reruns override `plugins.flaky.reruns` (10), which would then
 * silently lose to the preset.
 */
export const DEFAULT_LANES: Record<string, Lane> = {
  pr: {
    description: 'Fast lane on pull requests: only the tests that touch the code changed since --changed-since (the full suite when unsure)',
    select: { impacted: true },
    timeoutSec: 15 * 60,
  },
  health: {
    // No `select`: the pytest plugin picks the P0+P1 risk tiers when they are configured, else the
    // whole suite — `select: { tiers }` without configured tiers would select nothing.
    description: 'Curated high-signal subset: the P0 and P1 risk tiers when riskTiers names them, else the full suite',
    timeoutSec: 30 * 60,
  },
  nightly: { description: 'Full suite with every plugin that detects itself', cron: '0 3 * * *', timeoutSec: 2 * 60 * 60 },
  weekly: {
    description: 'Coverage gap finder: full suite under coverage, flaky re-runs and the skip audit',
    cron: '0 4 * * 0',
    timeoutSec: 4 * 60 * 60,
  },
  release: { description: 'Everything: full suite, coverage, flaky re-runs, skip audit', timeoutSec: 6 * 60 * 60 },
};

/** `agents.diagnose`: ask an agent, read-only, for each failure's root cause and a suggested fix. */
export const DiagnoseConfig = z
  .object({
    /** Agent asked; default `agents.default`. */
    agent: z.string().min(1).optional(),
    enabled: z.boolean().default(false),
    /** Failing findings diagnosed per run, in report order (and, with `skips`, skip findings asked about). */
    maxFindings: z.number().int().positive().default(10),
    /**
     * Ask, for each skip finding with a stated reason, whether that reason still holds. The verdict
     * is unverified advice on the finding (`evidence.details.skipReasonVerdict`), never an action.
     */
    skips: z.boolean().default(false),
  })
  .strict();
export type DiagnoseConfig = z.infer<typeof DiagnoseConfig>;

/** Which agent attempts which task type, and how external agents are started. */
export const AgentsConfig = z
  .object({
    /** Agent id used when `byTaskType` does not name one. */
    default: z.string().default('builtin'),
    byTaskType: z.record(z.string(), z.string()).default({}),
    /** Agents tried next, in order, when a task's agent times out, fails or changes nothing. */
    fallback: z.array(z.string()).default([]),
    command: z
      .object({
        /** The executable and its arguments; the request file path is appended. */
        argv: z.array(z.string().min(1)).min(1),
        /** Extra environment names passed to the agent (API keys), besides the tool allowlist. */
        allowEnv: z.array(z.string()).default([]),
      })
      .strict()
      .optional(),
    builtin: BuiltinOptions.optional(),
    'claude-code': ClaudeCodeOptions.optional(),
    codex: CodexOptions.optional(),
    /** Read-only diagnosis of failing findings before remediation; informs, never decides. */
    diagnose: DiagnoseConfig.default({ enabled: false, maxFindings: 10, skips: false }),
    'cursor-agent': CursorAgentOptions.optional(),
  })
  .strict();
export type AgentsConfig = z.infer<typeof AgentsConfig>;

/** Bounds of `atqos run`: what it may attempt and when it stops. */
export const RemediationConfig = z
  .object({
    maxTasks: z.number().int().positive().default(20),
    /** Attempts per task; systemic tasks get one more. */
    maxAttempts: z.number().int().positive().default(2),
    /** Agent attempts running at once. */
    agentConcurrency: z.number().int().positive().default(2),
    /** Tool runs (validation, test inventory) at once across all attempts: the CPU-bound part. */
    toolConcurrency: z.number().int().positive().default(2),
    attemptTimeoutSec: timeoutSec().default(900),
    /** Times the targeted validation must pass in a row. */
    validationRepeat: z.number().int().positive().default(3),
    maxChangedLines: z.number().int().positive().default(400),
    maxChangedFiles: z.number().int().positive().default(10),
    /** Wall-time budget for the remediation phase, seconds. */
    wallTimeSec: timeoutSec().default(3600),
    /** Lines changed by accepted fixes in one run (insertions + deletions) before the run stops. */
    maxChurnLines: z.number().int().positive().default(2000),
    /** Agent spend per run in USD, from what agents report; no new attempt starts past it. */
    maxCostUsd: z.number().positive().optional(),
    /** Agent spend per task in USD; the task is abandoned when its attempts reach it. */
    maxCostUsdPerTask: z.number().positive().optional(),
    /** Turns an agent may take per attempt, for agents that can be told (claude-code). */
    maxTurns: z.number().int().positive().optional(),
  })
  .strict();
export type RemediationConfig = z.infer<typeof RemediationConfig>;

/** When the App posts to the notification webhook. */
export const NotifyEvent = z.enum(['run_finished', 'new_blocker']);
export type NotifyEvent = z.infer<typeof NotifyEvent>;

/** Notifications the ATQOS App sends (the CLI and the Action ignore this section). */
export const NotifyConfig = z
  .object({
    /** A Slack-compatible incoming-webhook URL; it is a credential, so keep it out of public repos. */
    slackWebhookUrl: z.url({ protocol: /^https$/, message: 'must be an https:// incoming-webhook URL' }).optional(),
    on: z.array(NotifyEvent).default(['run_finished', 'new_blocker']),
  })
  .strict();
export type NotifyConfig = z.infer<typeof NotifyConfig>;

export const AtqosConfig = z
  .object({
    version: z.literal(1).default(1),
    /** Lane used when none is given. */
    defaultLane: z.string().default('nightly'),
    lanes: z.record(z.string(), Lane).default({}),
    /** Risk tiers: P0 (critical) to P2; drive task priority and what fast lanes select. */
    riskTiers: z.object({ P0: RiskTier.optional(), P1: RiskTier.optional(), P2: RiskTier.optional() }).strict().default({}),
    /** Per-plugin options, keyed by plugin id; each plugin validates its own section. */
    plugins: z.record(z.string(), z.unknown()).default({}),
    runs: z
      .object({
        /** Where run directories and the store live, relative to the repo. */
        dir: RunsDir.default('.atqos'),
        /** Bytes kept per output stream of a tool; the rest is counted and dropped. */
        maxOutputBytes: z.number().int().positive().default(10 * 1024 * 1024),
      })
      .strict()
      .default({ dir: '.atqos', maxOutputBytes: 10 * 1024 * 1024 }),
    env: z
      .object({
        /**
         * Extra variable names passed from ATQOS's environment to tools; `PREFIX_*` matches a
         * prefix but never a credential-looking name (those must be listed exactly).
         */
        allow: z
          .array(z.string().min(1).refine((n) => n.replace(/\*$/, '').length > 0, { message: 'must name variables: a bare "*" would pass every secret to the tests' }))
          .default([]),
        /** Variables set for tools. */
        set: z.record(z.string(), z.string()).default({}),
      })
      .strict()
      .default({ allow: [], set: {} }),
    agents: AgentsConfig.default({ default: 'builtin', byTaskType: {}, fallback: [], diagnose: { enabled: false, maxFindings: 10, skips: false } }),
    remediation: RemediationConfig.default(RemediationConfig.parse({})),
    notify: NotifyConfig.optional(),
  })
  .strict()
  .superRefine(checkQuarantineMarker);
export type AtqosConfig = z.infer<typeof AtqosConfig>;

/**
 * `agents.builtin.quarantineMarker` is the one quarantine-marker setting. The flaky plugin's old
 * key of the same name is still accepted when it says the same, and refused when it differs:
 * two markers would leave one of them unrecognised.
 */
function checkQuarantineMarker(config: { plugins: Record<string, unknown>; agents: { builtin?: { quarantineMarker: string } | undefined } }, ctx: z.RefinementCtx): void {
  const flaky = config.plugins['flaky'];
  const old = flaky && typeof flaky === 'object' ? (flaky as Record<string, unknown>)['quarantineMarker'] : undefined;
  const marker = config.agents.builtin?.quarantineMarker ?? DEFAULT_QUARANTINE_MARKER;
  if (old === undefined || old === marker) return;
  ctx.addIssue({
    code: 'custom',
    path: ['plugins', 'flaky', 'quarantineMarker'],
    message: `is deprecated and differs from \`agents.builtin.quarantineMarker\` (${marker}), the one quarantine-marker setting: remove plugins.flaky.quarantineMarker and set the template under agents.builtin.quarantineMarker`,
  });
}
