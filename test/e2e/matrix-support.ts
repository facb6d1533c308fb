// Shared by the matrix end-to-end tests: the CLI as a process, fresh clones at the base SHA as
// actions/checkout leaves them, and a run reduced to what must be equal between the single-job
// path and the matrix path (findings, fix branches' changes, checkpoint, publish plan).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { assertBuilt, CLI } from './support.js';
import type { CliResult } from './support.js';
import { branches, gitIn } from './run-support.js';
import type { RunOut } from './run-support.js';

/** The CLI under test; ATQOS_E2E_CLI points at a private build while dist/ is shared. */
export const BIN = process.env.ATQOS_E2E_CLI ?? CLI;

export interface Spawned {
  pid: number;
  kill: (signal: NodeJS.Signals) => void;
  done: Promise<CliResult>;
}

export function spawnAtqos(args: string[], cwd: string, env: Record<string, string> = {}): Spawned {
  if (BIN === CLI) assertBuilt();
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { pid: child.pid ?? -1, kill: (signal) => child.kill(signal), done };
}

export function atqos(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return spawnAtqos(args, cwd, env).done;
}

export interface Comparable {
  code: number | null;
  findings: string[];
  /** Fix branch → its change against the base. */
  fixes: Record<string, string>;
  integration: string;
  checkpoint: { failingBefore: number; failingAfter: number; fixed: string[] };
  publish: unknown;
}

/** Markdown table rows in sorted order: tables list tasks by id, and ids differ per run. */
function sortTableRows(value: unknown): unknown {
  if (typeof value === 'string') {
    const blocks: string[][] = [];
    for (const line of value.split('\n')) {
      const row = line.startsWith('| ') && !line.startsWith('|---');
      const last = blocks.at(-1);
      if (row && last && (last.at(-1) ?? '').startsWith('| ')) last.push(line);
      else blocks.push([line]);
    }
    return blocks.map((b) => (b.length > 1 ? [...b].sort() : b).join('\n')).join('\n');
  }
  if (Array.isArray(value)) return value.map(sortTableRows);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortTableRows(v)]));
  return value;
}

/** An origin repository and clones of it at its base commit. */
export class MatrixFixture {
  readonly base: string;

  constructor(readonly work: string, readonly origin: string) {
    this.base = gitIn(origin, ['rev-parse', 'HEAD']).trim();
  }

  /** A fresh clone of the origin at the base SHA, detached, as actions/checkout leaves it. */
  clone(label: string): string {
    const dir = path.join(this.work, label);
    execFileSync('git', ['clone', '-q', this.origin, dir]);
    gitIn(dir, ['checkout', '-q', '--detach', this.base]);
    return dir;
  }

  /** `git diff-tree` of base → ref: the same text for the same change, whatever the commit. */
  changeOf(repo: string, ref: string): string {
    return gitIn(repo, ['diff-tree', '-r', this.base, ref]).trim();
  }

  /** A publish plan without what must differ between two runs: run and task ids, commit ids (their trailers name the run), durations. */
  normalizedPlan(repo: string, file: string, out: RunOut): unknown {
    const taskIds = Object.fromEntries(out.remediation.tasks.map((t) => [t.id, t.branch ?? t.title]));
    const commits = Object.fromEntries(branches(repo, 'atqos/fix/*').map((b) => [gitIn(repo, ['rev-parse', b]).trim(), b]));
    let text = fs.readFileSync(file, 'utf8').replaceAll(out.runId, 'RUN');
    for (const [sha, branch] of Object.entries(commits)) text = text.replaceAll(sha, `COMMIT(${branch})`);
    for (const [id, branch] of Object.entries(taskIds)) text = text.replaceAll(id, `TASK(${branch})`);
    text = text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME').replace(/\d+(\.\d+)?\s?(ms|s|min)\b/g, 'DURATION').replace(/"durationMs":\s*[\d.]+/g, '"durationMs":0');
    return sortTableRows(JSON.parse(text) as unknown);
  }

  /**
   * The run reduced for comparison. The publish plan is the one already in the run directory
   * when `written` (integrate --github wrote it), else the one `atqos publish --dry-run` writes.
   */
  async comparable(repo: string, result: CliResult, out: RunOut, written = false): Promise<Comparable> {
    if (!written) {
      const publish = await atqos(['publish', out.runId, '--repo', repo, '--github', 'acme/calc', '--base', 'main', '--dry-run', '-q'], repo);
      expect(publish.code, publish.stderr).toBe(0);
    }
    const cp = out.remediation.checkpoint!;
    return {
      code: result.code,
      findings: (out as unknown as { findings: { fingerprint: string }[] }).findings.map((f) => f.fingerprint).sort(),
      fixes: Object.fromEntries(branches(repo, 'atqos/fix/*').map((b) => [b, this.changeOf(repo, b)])),
      integration: this.changeOf(repo, cp.integrationBranch),
      checkpoint: { failingBefore: cp.failingBefore, failingAfter: cp.failingAfter, fixed: [...cp.fixed].sort() },
      publish: this.normalizedPlan(repo, path.join(out.runDir, 'publish-plan.json'), out),
    };
  }
}

export interface MatrixOut extends RunOut {
  publishPlan: string | null;
  matrix: {
    notAttempted: string[];
    interrupted: { artifact: string; unfinished: string[] }[];
    rejected: { artifact: string; reason: string }[];
    duplicated: { task: string; used: string; ignored: string[] }[];
  };
}

export interface PlanOut {
  runId: string;
  baseSha: string;
  planDir: string;
  tasks: number;
  attemptable: number;
  jobs: number;
  matrix: { include: { job: string; tasks: string }[] };
  local: (RunOut & { exitCode: number; publishPlan: string | null; matrix: { notAttempted: string[] } }) | null;
}
