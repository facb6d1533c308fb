import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Sortable, unique run id: `20261121T080647Z-3f9a1c`. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * Creates `<repo>/<dir>` with a `.gitignore` of `*` (as pytest does for its cache), so that
 * ATQOS's only footprint in the target repo never shows up in `git status`.
 */
export function ensureRunRoot(repoDir: string, dir: string): string {
  const root = path.resolve(repoDir, dir);
  fs.mkdirSync(path.join(root, 'runs'), { recursive: true });
  const ignore = path.join(root, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# created by atqos: run artifacts stay out of git\n*\n');
  return root;
}

/** Creates the run directory; fails if it exists, since a run dir is written once. */
export function createRunDir(runRoot: string, runId: string): string {
  const dir = path.join(runRoot, 'runs', runId);
  fs.mkdirSync(dir, { recursive: false });
  fs.mkdirSync(path.join(dir, 'raw'));
  fs.mkdirSync(path.join(dir, 'reports'));
  return dir;
}
