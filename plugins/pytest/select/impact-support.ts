// Helpers for the selection specs: the impact fixture in a temp git repo, a real impact map built
// with coverage.py's per-test contexts, and a collect context for a run after it. Not plugin code.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCollectContext } from '../../../src/engine/collect-context.js';
import { PLAIN_LANE } from '../../../src/engine/collect-context.js';
import { buildToolEnv } from '../../../src/runner/index.js';
import type { ChangeSet, CollectContext, LaneContext } from '../../../src/plugin/contract.js';
import type { ImpactMap } from '../../coverage/impact-map.js';
import { IMPACT_MAP_ARTIFACT } from '../../coverage/impact-map.js';
import { projectsDir } from '../test-support.js';

/** The interpreter with pytest-cov and coverage.py on this machine. */
export const COVERAGE_PYTHON = '/usr/bin/python3';

const temps: string[] = [];
const quiet = { PYTHONDONTWRITEBYTECODE: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' };

export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, ...quiet } });
}

/** A fresh git repo holding `fixtures/projects/<name>`, committed; returns the dir and commit. */
export function fixtureRepo(name = 'impact'): { repo: string; sha: string } {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-select-${name}-`));
  temps.push(repo);
  fs.cpSync(path.join(projectsDir, name), repo, { recursive: true });
  fs.writeFileSync(path.join(repo, '.gitignore'), '.atqos/\n__pycache__/\n');
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  return { repo, sha: git(repo, 'rev-parse', 'HEAD').trim() };
}

export function removeTemps(): void {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

const CoverageJson = (text: string) => JSON.parse(text) as { files: Record<string, { contexts?: Record<string, string[]> }> };

/** Runs the suite under coverage with per-test contexts and converts it to an impact map. */
export function measureImpactMap(repo: string, sha: string | undefined, pkg = 'calc'): ImpactMap {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-cov-'));
  temps.push(tmp);
  const env = { ...process.env, ...quiet, COVERAGE_FILE: path.join(tmp, '.coverage') };
  // Exit 1 (some tests failed) still measures every test: a map of a broken suite is a real map.
  const run = spawnSync(COVERAGE_PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', `--cov=${pkg}`, '--cov-context=test', '--cov-report='], { cwd: repo, env, encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) throw new Error(`pytest under coverage exited ${run.status}: ${run.stdout}${run.stderr}`);
  execFileSync(COVERAGE_PYTHON, ['-m', 'coverage', 'json', '--show-contexts', '-o', path.join(tmp, 'cov.json')], { cwd: repo, env, stdio: 'pipe' });
  const cov = CoverageJson(fs.readFileSync(path.join(tmp, 'cov.json'), 'utf8'));
  const map: ImpactMap = { schema: 'atqos/impact-map@1', ...(sha ? { sha } : {}), createdAt: new Date().toISOString(), tests: {}, importTime: {} };
  for (const [file, data] of Object.entries(cov.files)) {
    for (const [line, contexts] of Object.entries(data.contexts ?? {})) {
      for (const c of contexts) {
        if (c === '') (map.importTime[file] ??= []).push(Number(line));
        else ((map.tests[c.replace(/\|(setup|run|teardown)$/, '')] ??= {})[file] ??= []).push(Number(line));
      }
    }
  }
  return map;
}

/** Writes `map` where `ctx.prior` finds it: an older sibling run dir of the next run. */
export function keepImpactMap(repo: string, map: unknown, runId = '20200101T000000-old'): void {
  const file = path.join(repo, '.atqos', 'runs', runId, ...IMPACT_MAP_ARTIFACT.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof map === 'string' ? map : JSON.stringify(map));
}

/** What the engine will compute for `--changed-since <sha>`: tracked changes and untracked files. */
export function changesSince(repo: string, sha: string): ChangeSet {
  const tracked = git(repo, 'diff', '--name-only', '-z', sha).split('\0');
  const untracked = git(repo, 'ls-files', '--others', '--exclude-standard', '-z').split('\0');
  return { since: sha, baseSha: sha, files: [...new Set([...tracked, ...untracked].filter(Boolean))].sort() };
}

let runCounter = 0;

/** A collect context for a new run in `repo`'s runs dir, in `lane`, with `changes`. */
export function contextFor(repo: string, opts: { lane?: Partial<LaneContext>; changes?: ChangeSet; options?: Record<string, unknown> } = {}): CollectContext {
  const runDir = path.join(repo, '.atqos', 'runs', `20990101T000000-new-${++runCounter}`);
  fs.mkdirSync(runDir, { recursive: true });
  return createCollectContext({
    repoDir: repo,
    runDir,
    pluginId: 'pytest',
    options: opts.options ?? {},
    env: buildToolEnv(process.env),
    runStartedAtMs: Date.now(),
    lane: { ...PLAIN_LANE, ...opts.lane },
    ...(opts.changes ? { changes: opts.changes } : {}),
  });
}

/** Replaces `from` with `to` in a repo file (exactly once, or the spec is wrong). */
export function edit(repo: string, file: string, from: string, to: string): void {
  const abs = path.join(repo, file);
  const text = fs.readFileSync(abs, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  fs.writeFileSync(abs, text.replace(from, to));
}
