import { z } from 'zod';
import { AtqosError } from '../../core/index.js';

// Hidden HTML comments in bodies are how the Publisher finds what it made before. Untrusted text
// never contains `<!--` (see `untrusted`), so only ATQOS can write these.

const FINGERPRINT = /^[0-9a-f]{16,64}$/;
const TASK_BRANCH = /^atqos\/[a-z_]+\/[0-9a-f]{12}$/;

/** The first line of the dashboard issue's body. */
export const DASHBOARD_MARKER = '<!-- atqos:dashboard -->';

/** The marker that keys a finding's issue: the first line of its body. */
export function findingMarker(fingerprint: string): string {
  if (!FINGERPRINT.test(fingerprint)) {
    throw new AtqosError('plan_bad_marker', `'${fingerprint.slice(0, 80)}' is not a finding fingerprint (16–64 lowercase hex)`, {
      hint: 'pass the fingerprint produced by core `fingerprint()`',
    });
  }
  return `<!-- atqos:finding=${fingerprint} -->`;
}

/** The marker that keys a task's pull request: its stable branch. */
export function taskMarker(branch: string): string {
  if (!TASK_BRANCH.test(branch)) {
    throw new AtqosError('plan_bad_marker', `'${branch.slice(0, 80)}' is not an ATQOS task branch (atqos/<type>/<12 hex>)`, {
      hint: 'pass the branch from `taskBranchName()`',
    });
  }
  return `<!-- atqos:task=${branch} -->`;
}

/** The ATQOS keys found in an issue or PR body (the first of each kind wins). */
export interface BodyMarkers {
  finding?: string;
  task?: string;
  dashboard: boolean;
}

/** Reads the markers of a body fetched from GitHub. */
export function parseMarkers(body: string | null | undefined): BodyMarkers {
  const text = body ?? '';
  const finding = /<!-- atqos:finding=([0-9a-f]{16,64}) -->/.exec(text)?.[1];
  const task = /<!-- atqos:task=(atqos\/[a-z_]+\/[0-9a-f]{12}) -->/.exec(text)?.[1];
  return { ...(finding ? { finding } : {}), ...(task ? { task } : {}), dashboard: text.includes(DASHBOARD_MARKER) };
}

/**
 * A hidden comment carrying `value` as JSON. `--` (which would end the comment, also as `--!>`)
 * only occurs inside JSON strings, where `-\u002d` is the same text once parsed.
 */
export function metaComment(value: unknown): string {
  return `<!-- atqos:meta ${JSON.stringify(value).replace(/--/g, '-\\u002d')} -->`;
}

/** The hidden JSON of a PR body written by `metaComment`, or undefined when absent or unreadable. */
export function parseMetaJson(body: string | null | undefined): unknown {
  const m = /<!-- atqos:meta (\{.*?\}) -->/s.exec(body ?? '');
  if (!m) return undefined;
  try {
    return JSON.parse(m[1] as string) as unknown;
  } catch {
    return undefined;
  }
}

/** What an ATQOS pull request says about itself in its hidden JSON. */
const CoverageNumbers = z.object({ covered: z.number(), statements: z.number(), percent: z.number() });

export const PullRequestMeta = z.object({
  schema: z.literal('atqos/pr-meta@1'),
  runId: z.string(),
  taskId: z.string(),
  type: z.string(),
  branch: z.string(),
  commit: z.string(),
  /** The first 200 fingerprints; `findingsTotal` says how many there are. */
  findings: z.array(z.string()),
  findingsTotal: z.number().int(),
  agent: z.string().nullable(),
  model: z.string().nullable(),
  attempts: z.object({ n: z.number().int(), max: z.number().int() }),
  validation: z.object({
    commands: z.array(z.string()),
    repeat: z.number().int(),
    passed: z.boolean(),
    counts: z.object({ total: z.number(), passed: z.number(), failed: z.number(), errors: z.number() }),
    /** Runs of the validation that passed, of how many (absent in PRs of older versions). */
    runs: z.object({ passed: z.number().int(), total: z.number().int() }).optional(),
    /** add_test: the target module's coverage before and after, the new tests, flaky tests left out. */
    coverage: z.object({
      module: z.string(),
      before: CoverageNumbers,
      after: CoverageNumbers,
      gain: z.object({ covered: z.number(), percent: z.number() }),
      newTests: z.array(z.string()),
      excluded: z.array(z.string()),
    }).nullable().optional(),
  }),
  guardsPassed: z.array(z.string()),
  diffStat: z.object({ files: z.number().int(), insertions: z.number().int(), deletions: z.number().int() }),
  cost: z.object({ usd: z.number().optional(), inputTokens: z.number().optional(), outputTokens: z.number().optional() }).nullable(),
});
export type PullRequestMeta = z.infer<typeof PullRequestMeta>;

/** The metadata of an ATQOS PR body, or undefined when it has none or it does not match the schema. */
export function parseMeta(body: string | null | undefined): PullRequestMeta | undefined {
  const parsed = PullRequestMeta.safeParse(parseMetaJson(body));
  return parsed.success ? parsed.data : undefined;
}
