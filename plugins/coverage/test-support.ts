// Helpers shared by the coverage plugin's specs: fixture projects as git repos in temp dirs and a
// real collect, as the engine runs it. Not part of the plugin.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildToolEnv } from '../../src/runner/index.js';
import { collectRun, TempDirs } from '../_lib/test-support.js';
import type { CollectedRun } from '../_lib/test-support.js';
import { collect } from './collect.js';

export const projectsDir = fileURLToPath(new URL('../../fixtures/projects/', import.meta.url));
export const samplesDir = fileURLToPath(new URL('../../fixtures/coverage/', import.meta.url));

/** Debian's interpreter: pytest 7, pytest-cov 4, coverage 6.5 (pyenv's python3 has no coverage). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

const temps = new TempDirs('atqos-coverage');

export const tempDir = (label: string): string => temps.make(label);
export const removeTemps = (): void => temps.removeAll();

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).toString();

/** A copy of `fixtures/projects/<name>` committed to a fresh git repo (one commit per `commits` entry touching those files again). */
export function gitProject(name: string, extraCommits: string[][] = []): string {
  const dir = tempDir(name);
  fs.cpSync(path.join(projectsDir, name), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  for (const [i, files] of extraCommits.entries()) {
    for (const f of files) fs.appendFileSync(path.join(dir, f), `# change ${i}\n`);
    git(dir, 'commit', '-q', '-am', `change ${i}`);
  }
  return dir;
}

export function gitStatus(dir: string): string {
  return git(dir, 'status', '--porcelain', '--ignored');
}

export type { CollectedRun } from '../_lib/test-support.js';

/** Runs the plugin's real collect in `repoDir` with a run dir outside the repo. */
export async function collectIn(repoDir: string, options: Record<string, unknown>, env: Record<string, string> = {}, runStartedAtMs = Date.now()): Promise<CollectedRun> {
  return collectRun({ collect, pluginId: 'coverage', repoDir, runDir: tempDir('run'), options, env: { ...buildToolEnv(process.env), ...env }, runStartedAtMs });
}
