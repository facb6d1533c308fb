import fs from 'node:fs';
import { z } from 'zod';

const Sha = z.string().regex(/^[0-9a-f]{40}$/);
const ZERO = '0'.repeat(40);
// The App's request tag: an id, then `#<thread>` or `@<sha>` (src/app/request-tag.ts). Anything else is ignored.
const REQUEST = /^[0-9a-f]{12}(#\d{1,10}|@[0-9a-f]{40})?$/;

// Only the fields read here; everything else in GitHub's payload is ignored.
const Payload = z.object({
  after: z.string().optional(),
  ref: z.string().optional(),
  pull_request: z.object({ number: z.number(), head: z.object({ sha: z.string() }), base: z.object({ ref: z.string() }) }).optional(),
  inputs: z.record(z.string(), z.unknown()).nullish(),
  repository: z.object({ full_name: z.string().optional(), default_branch: z.string().optional() }).optional(),
}).passthrough();

/** What the run is about, from the triggering event and the runner's environment. */
export interface EventContext {
  event: string;
  /** The commit the check run belongs to; undefined: the commit the run tested. */
  headSha?: string;
  /** The branch fix PRs target. */
  baseBranch: string;
  pr?: number;
  /** The ATQOS App's request tag of a dispatch (`inputs.request`), logged to match the run to its trigger. */
  request?: string;
}

/**
 * Reads `GITHUB_EVENT_PATH`: a push's `after`, a pull request's head SHA and base branch, a
 * `workflow_dispatch`'s `sha`, `pr` and `base` inputs; `GITHUB_SHA` and the default branch else.
 */
export function readEvent(env: NodeJS.ProcessEnv): EventContext {
  const event = env.GITHUB_EVENT_NAME ?? '';
  const payload = loadPayload(env.GITHUB_EVENT_PATH);
  const pr = payload.pull_request;
  const inputs = payload.inputs ?? {};
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const ref = payload.ref ?? env.GITHUB_REF ?? '';
  const branchOfRef = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  const candidates = pr ? [pr.head.sha] : event === 'push' ? [payload.after] : [str(inputs.sha), env.GITHUB_SHA];
  const headSha = candidates.find((s) => s !== undefined && s !== ZERO && Sha.safeParse(s).success);
  const baseBranch = pr?.base.ref ?? str(inputs.base) ?? branchOfRef ?? payload.repository?.default_branch ?? 'main';
  const dispatchedPr = Number(str(inputs.pr));
  const request = str(inputs.request);
  return {
    event,
    baseBranch,
    ...(request && REQUEST.test(request) ? { request } : {}),
    ...(headSha ? { headSha } : {}),
    ...(pr ? { pr: pr.number } : Number.isInteger(dispatchedPr) && dispatchedPr > 0 ? { pr: dispatchedPr } : {}),
  };
}

function loadPayload(file: string | undefined): z.infer<typeof Payload> {
  if (!file || !fs.existsSync(file)) return {};
  const parsed = Payload.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : {};
}
