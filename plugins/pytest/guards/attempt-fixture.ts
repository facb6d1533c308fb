// Helpers for the guard specs, not part of the plugin: a fixture project as a real git repo in a
// temp dir, an agent's edits applied to it, and the GuardInput that real git and real pytest give.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Task } from '../../../src/core/index.js';
import type { ChangedFile, GuardInput } from '../../../src/guards/index.js';
import { pytestTestFiles } from '../test-files.js';

const PROJECTS = fileURLToPath(new URL('../../../fixtures/projects/', import.meta.url));
const CI = 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt && pytest\n';
const ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };

const git = (dir: string, args: string[]) => execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8' });

export interface FixtureRepo {
  dir: string;
  base: string;
  /** Writes a file, creating its directory. */
  write(rel: string, text: string): void;
  read(rel: string): string;
  /** Replaces `from` (which must be present) in a file. */
  edit(rel: string, from: string, to: string): void;
}

/** A committed copy of fixtures/projects/demo plus a requirements.txt and a CI workflow. */
export function demoRepo(): FixtureRepo {
  return projectRepo('demo', { 'requirements.txt': 'pytest>=7\n', '.github/workflows/ci.yml': CI });
}

/** A committed copy of `fixtures/projects/<project>` with `files` added. */
export function projectRepo(project: string, files: Record<string, string> = {}): FixtureRepo {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-guards-'));
  fs.cpSync(path.join(PROJECTS, project), dir, { recursive: true, filter: (src) => !/[/\\](?:\.atqos|\.benchmarks|__pycache__|\.pytest_cache)$/.test(src) });
  const repo: FixtureRepo = {
    dir,
    base: '',
    write: (rel, text) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    },
    read: (rel) => fs.readFileSync(path.join(dir, rel), 'utf8'),
    edit: (rel, from, to) => {
      const text = repo.read(rel);
      if (!text.includes(from)) throw new Error(`${rel} does not contain ${from}`);
      repo.write(rel, text.replace(from, to));
    },
  };
  for (const [rel, text] of Object.entries(files)) repo.write(rel, text);
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  repo.base = git(dir, ['rev-parse', 'HEAD']).trim();
  return repo;
}

/** Node ids pytest collects in `dir` (real pytest, nothing written into the repo). */
export function collectIds(dir: string): string[] {
  let out: string;
  try {
    out = execFileSync('python3', ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider'], { cwd: dir, env: ENV, encoding: 'utf8' });
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  return out.split('\n').filter((l) => l.includes('::')).map((l) => l.trim());
}

const STATUS: Record<string, ChangedFile['status']> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type_changed' };

/** The attempt's changes as git sees them against the base commit (renames detected). */
export function changedFiles(repo: FixtureRepo): ChangedFile[] {
  git(repo.dir, ['add', '-A']);
  const names = git(repo.dir, ['diff', '--cached', '-M', '--name-status', '-z', repo.base]).split('\0');
  const stats = git(repo.dir, ['diff', '--cached', '-M', '--numstat', '-z', repo.base]).split('\0');
  const counts = new Map<string, { insertions: number; deletions: number; binary: boolean }>();
  for (let i = 0; i < stats.length - 1; i++) {
    const [ins, del, p] = stats[i]!.split('\t');
    const file = p === '' ? stats[(i += 2)]! : p!; // a rename: "ins\tdel\t" then old, new
    counts.set(file, { insertions: Number(ins) || 0, deletions: Number(del) || 0, binary: ins === '-' });
  }
  const changes: ChangedFile[] = [];
  for (let i = 0; i < names.length - 1; i++) {
    const status = STATUS[names[i]![0]!]!;
    const renamed = status === 'renamed' || status === 'copied';
    const oldPath = renamed ? names[++i]! : undefined;
    const file = names[++i]!;
    changes.push({ path: file, status, ...(oldPath ? { oldPath } : {}), ...counts.get(file)! });
  }
  return changes;
}

/** What the engine hands the guards after an attempt in `repo` (test files by the repo's pytest config). */
export function guardInput(repo: FixtureRepo, task: Task, inventoryBefore: string[]): GuardInput {
  return {
    task,
    changes: changedFiles(repo),
    readBase: (p) => {
      try {
        return git(repo.dir, ['show', `${repo.base}:${p}`]);
      } catch {
        return undefined;
      }
    },
    readAfter: (p) => (fs.existsSync(path.join(repo.dir, p)) ? repo.read(p) : undefined),
    inventoryBefore,
    inventoryAfter: collectIds(repo.dir),
    isTestFile: pytestTestFiles(repo.dir, {}),
    limits: { maxChangedLines: 400, maxChangedFiles: 10 },
  };
}
