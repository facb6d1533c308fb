import path from 'node:path';
import type { CollectResult } from '../plugin/contract.js';
import { runScrubber, scrubFile } from '../secrets/index.js';
import { statArtifact } from './collect-context.js';

/**
 * Redacts secrets from the files a tool wrote itself (JUnit XML, coverage JSON), as its stdout
 * and stderr already are, before normalize reads them: findings quote these files. A file that
 * was rewritten is stat'ed again so its recorded size is true.
 */
export async function scrubRawArtifacts(runDir: string, collect: CollectResult): Promise<CollectResult> {
  const artifacts = await Promise.all(
    collect.artifacts.map(async (a) => {
      if (!a.exists) return a;
      const redacted = await scrubFile(path.join(runDir, a.path), runScrubber()).catch(() => 0);
      return redacted > 0 ? statArtifact(runDir, a.name, a.path) : a;
    }),
  );
  return { ...collect, artifacts };
}
