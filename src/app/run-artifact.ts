import { z } from 'zod';
import { AtqosError } from '../core/index.js';
import type { RepoRef } from '../github/index.js';
import type { AppOctokit } from './octokit.js';
import { listZip, readZipEntry } from './zip.js';

/** Artifacts the ATQOS workflow uploads are named `atqos-run-<run id>`. */
export const RUN_ARTIFACT_PREFIX = 'atqos-run-';
/** Largest artifact zip the App downloads (the whole run directory). */
export const MAX_ARTIFACT_BYTES = 200 * 1024 * 1024;
/** Largest publish-plan.json the App reads (fix PRs carry whole files, base64). */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;
const PLAN_FILE = 'publish-plan.json';

/** An artifact as the list endpoint returns it (only the fields used). */
export const RunArtifact = z.object({
  id: z.number().int(),
  name: z.string(),
  size_in_bytes: z.number().nonnegative().default(0),
  expired: z.boolean().default(false),
});
export type RunArtifact = z.infer<typeof RunArtifact>;

/** The run's unexpired `atqos-run-*` artifacts. */
export async function listRunArtifacts(octokit: AppOctokit, repo: RepoRef, runId: number): Promise<RunArtifact[]> {
  const all = await octokit.paginate('GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', { ...repo, run_id: runId, per_page: 100 });
  return all.flatMap((raw) => {
    const a = RunArtifact.safeParse(raw);
    return a.success && a.data.name.startsWith(RUN_ARTIFACT_PREFIX) && !a.data.expired ? [a.data] : [];
  });
}

/** Downloads an artifact and returns the text of its publish-plan.json (shallowest one). */
export async function readPlanText(octokit: AppOctokit, repo: RepoRef, artifact: RunArtifact): Promise<string> {
  if (artifact.size_in_bytes > MAX_ARTIFACT_BYTES) throw tooLarge(artifact.name, artifact.size_in_bytes);
  const response = await octokit.request('GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}', {
    ...repo,
    artifact_id: artifact.id,
    archive_format: 'zip',
    // The body is read here, capped, instead of trusting the blob store's content type.
    request: { parseSuccessResponseBody: false },
  });
  const zip = await readCapped(response.data, artifact.name);
  const entries = listZip(zip).filter((e) => e.name === PLAN_FILE || e.name.endsWith(`/${PLAN_FILE}`));
  const depth = (name: string) => name.split('/').length;
  entries.sort((a, b) => depth(a.name) - depth(b.name));
  const [first, second] = entries;
  if (!first) throw new AtqosError('publish_plan_missing', `artifact ${artifact.name} has no ${PLAN_FILE}`, { hint: 'the lane must finish its plan step; check the workflow run log' });
  if (second && depth(second.name) === depth(first.name)) {
    throw new AtqosError('publish_plan_ambiguous', `artifact ${artifact.name} has more than one ${PLAN_FILE} at the same level`, { hint: 'upload one run directory per atqos-run-* artifact' });
  }
  return readZipEntry(zip, first, MAX_PLAN_BYTES).toString('utf8');
}

async function readCapped(body: unknown, name: string): Promise<Buffer> {
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (!body || typeof (body as ReadableStream).getReader !== 'function') {
    throw new AtqosError('artifact_download_empty', `artifact ${name} downloaded with no body`, { hint: 'download it again; it may have expired' });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_ARTIFACT_BYTES) throw tooLarge(name, total);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function tooLarge(name: string, size: number): AtqosError {
  return new AtqosError('artifact_too_large', `artifact ${name} is over ${MAX_ARTIFACT_BYTES} bytes (${size})`, {
    hint: 'upload only the run directory; leave large raw outputs out of the atqos-run-* artifact',
  });
}
