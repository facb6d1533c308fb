import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';

/** Every file of an artifact directory with its sha256, written last so a torn upload shows. */
export const ArtifactManifest = z.object({
  schema: z.literal('atqos/matrix-manifest@1'),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});
export type ArtifactManifest = z.infer<typeof ArtifactManifest>;

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, child));
    else if (entry.isFile() && child !== MANIFEST_FILE) out.push(child);
  }
  return out;
}

/** Writes `manifest.json` over every regular file under `dir`. Call it last. */
export function writeManifest(dir: string): ArtifactManifest {
  const manifest: ArtifactManifest = { schema: 'atqos/matrix-manifest@1', files: Object.fromEntries(listFiles(dir).map((f) => [f, sha256(path.join(dir, f))])) };
  const tmp = path.join(dir, `${MANIFEST_FILE}.tmp`);
  fs.writeFileSync(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(tmp, path.join(dir, MANIFEST_FILE));
  return manifest;
}

/**
 * What is wrong with an artifact directory against its manifest: no manifest (the job died
 * before finishing it), a listed file missing or changed. Undefined when it checks out.
 */
export function manifestProblem(dir: string): string | undefined {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) return `${MANIFEST_FILE} is missing (the job did not finish writing its artifact)`;
  let manifest: ArtifactManifest;
  try {
    manifest = ArtifactManifest.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (err) {
    return `${MANIFEST_FILE} is not a valid manifest (${(err as Error).message.slice(0, 200)})`;
  }
  for (const [rel, hash] of Object.entries(manifest.files)) {
    const abs = path.join(dir, rel);
    if (rel.split('/').includes('..') || path.isAbsolute(rel)) return `${MANIFEST_FILE} lists a path outside the artifact: ${rel}`;
    if (!fs.existsSync(abs)) return `${rel} is listed in ${MANIFEST_FILE} but missing`;
    if (sha256(abs) !== hash) return `${rel} does not match its checksum in ${MANIFEST_FILE} (corrupted in transfer or edited)`;
  }
  return undefined;
}
