import fs from 'node:fs';
import path from 'node:path';

/** True when the repo root is a Go module or workspace: `go.mod` or `go.work`. */
export async function detect(repoDir: string): Promise<boolean> {
  for (const file of ['go.mod', 'go.work']) {
    const st = await fs.promises.stat(path.join(repoDir, file)).catch(() => undefined);
    if (st?.isFile()) return true;
  }
  return false;
}
