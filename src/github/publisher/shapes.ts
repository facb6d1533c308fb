import { z } from 'zod';
import { AtqosError } from '../../core/index.js';

/*
 * The fields of GitHub's REST responses the Publisher reads, and nothing more: a response that
 * does not fit is a clear error, not an `undefined` deep inside a comparison.
 */

const LabelRef = z.union([z.string(), z.object({ name: z.string() })]).transform((l) => (typeof l === 'string' ? l : l.name));

export const GhIssue = z.object({
  number: z.number().int(),
  html_url: z.string(),
  state: z.enum(['open', 'closed']),
  title: z.string(),
  body: z.string().nullish(),
  labels: z.array(LabelRef).default([]),
  /** Present when the "issue" is a pull request (the issues API lists both). */
  pull_request: z.object({ merged_at: z.string().nullish() }).partial().nullish(),
});
export type GhIssue = z.infer<typeof GhIssue>;

export const GhPull = z.object({
  number: z.number().int(),
  html_url: z.string(),
  state: z.enum(['open', 'closed']),
  title: z.string(),
  body: z.string().nullish(),
  merged_at: z.string().nullish(),
  labels: z.array(LabelRef).default([]),
  head: z.object({ ref: z.string() }),
});
export type GhPull = z.infer<typeof GhPull>;

export const GhCheckRun = z.object({
  id: z.number().int(),
  html_url: z.string().nullish(),
  status: z.string(),
  conclusion: z.string().nullish(),
  details_url: z.string().nullish(),
  external_id: z.string().nullish(),
  output: z.object({
    title: z.string().nullish(),
    summary: z.string().nullish(),
    text: z.string().nullish(),
    annotations_count: z.number().int().default(0),
  }),
});
export type GhCheckRun = z.infer<typeof GhCheckRun>;

export const GhCheckRunList = z.object({ check_runs: z.array(GhCheckRun) });

export const GhLabel = z.object({ name: z.string() });

export const GhRef = z.object({ object: z.object({ sha: z.string() }) });

export const GhCommit = z.object({ sha: z.string(), tree: z.object({ sha: z.string() }) });

export const GhTree = z.object({
  sha: z.string(),
  tree: z.array(z.object({ path: z.string(), mode: z.string(), type: z.string(), sha: z.string() })),
});
export type GhTree = z.infer<typeof GhTree>;

export const GhSha = z.object({ sha: z.string() });

/** `data` read as `schema`, or an error naming the response that did not fit. */
export function parseResponse<T extends z.ZodType>(schema: T, data: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AtqosError('github_unexpected_response', `GitHub's response to ${what} is not what the Publisher expects: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, {
    hint: 'check that the API base URL points at GitHub or GitHub Enterprise Server 3.x',
  });
}
