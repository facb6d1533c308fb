// Helpers shared by the skip audit's specs: fixture copies in temp git repos with dated commits,
// a real pytest run for `ctx.earlier`, and a real audit. Not part of the plugin.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollectContext } from '../../src/engine/collect-context.js';
import { buildToolEnv, runCommand } from '../../src/runner/index.js';
import type { CommandSpec } from '../../src/core/index.js';
import type { CollectResult, EarlierResult, NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { pytestPlugin } from '../pytest/index.js';
import { collect } from './collect.js';
import { normalize } from './normalize.js';

const projectsDir = fileURLToPath(new URL('../../fixtures/projects/', import.meta.url));
const temps: string[] = [];

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

function git(dir: string, args: string[], date?: string): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Old Dev', GIT_AUTHOR_EMAIL: 'old@example.org', GIT_COMMITTER_NAME: 'Old Dev', GIT_COMMITTER_EMAIL: 'old@example.org', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  return execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
}

/**
 * `fixtures/projects/skip-audit` in a temp git repo: `tests/test_legacy.py` committed on `oldDate`,
 * everything else in a second commit today. Returns the repo and the old commit.
 */
export function datedProject(oldDate = '2020-01-15T12:00:00Z'): { repoDir: string; oldCommit: string } {
  const repoDir = tempDir('atqos-skip-audit-repo-');
  fs.cpSync(path.join(projectsDir, 'skip-audit'), repoDir, { recursive: true });
  git(repoDir, ['init', '-q']);
  git(repoDir, ['add', 'tests/test_legacy.py']);
  git(repoDir, ['commit', '-q', '-m', 'legacy exporter test'], oldDate);
  const oldCommit = git(repoDir, ['rev-parse', 'HEAD']);
  git(repoDir, ['add', '-A']);
  git(repoDir, ['commit', '-q', '-m', 'shop 2.0']);
  return { repoDir, oldCommit };
}

export function gitStatus(repoDir: string): string {
  return git(repoDir, ['status', '--porcelain', '--ignored']);
}

/** The pytest plugin's real run on the repo: what skip-audit sees as `ctx.earlier`. */
export async function pytestEarlier(repoDir: string, python: string): Promise<EarlierResult> {
  const runDir = tempDir('atqos-skip-audit-pytest-run-');
  const options = { python };
  const runStartedAtMs = Date.now();
  const ctx = createCollectContext({ repoDir, runDir, pluginId: 'pytest', options, env: buildToolEnv(process.env), runStartedAtMs });
  const result = await pytestPlugin.collect(ctx);
  const out = pytestPlugin.normalize({ collect: result, read: reader(runDir, result), repoDir, runDir, runStartedAtMs, options });
  return { plugin: 'pytest', tests: out.tests, findings: out.findings, trustworthy: out.trustworthy };
}

function reader(runDir: string, result: CollectResult) {
  return (name: string): string | undefined => {
    const a = result.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(runDir, a.path), 'utf8') : undefined;
  };
}

export interface Audit {
  runDir: string;
  collect: CollectResult;
  input: NormalizeInput;
  out: NormalizeOutput;
}

/** The skip audit's real collect and normalize, with the run dir outside the repo. */
export async function audit(repoDir: string, options: Record<string, unknown>, earlier: EarlierResult[] = []): Promise<Audit> {
  const runDir = tempDir('atqos-skip-audit-run-');
  const runStartedAtMs = Date.now();
  const ctx = createCollectContext({ repoDir, runDir, pluginId: 'skip-audit', options, env: buildToolEnv(process.env), runStartedAtMs, lane: { name: 'weekly', select: undefined, reruns: undefined, riskTiers: {} }, earlier });
  const result = await collect(ctx);
  const input: NormalizeInput = { collect: result, read: reader(runDir, result), repoDir, runDir, runStartedAtMs, options };
  return { runDir, collect: result, input, out: normalize(input) };
}

/** Runs a validation command in `repoDir` and returns its exit code and output. */
export async function runValidation(repoDir: string, cmd: CommandSpec): Promise<{ exitCode: number | null; stdout: string }> {
  const out = tempDir('atqos-skip-audit-validate-');
  const res = await runCommand({ argv: cmd.argv, cwd: path.resolve(repoDir, cmd.cwd ?? '.'), env: { ...buildToolEnv(process.env), ...cmd.env }, stdoutPath: path.join(out, 'o'), stderrPath: path.join(out, 'e'), timeoutMs: cmd.timeoutMs });
  return { exitCode: res.exitCode, stdout: fs.readFileSync(path.join(out, 'o'), 'utf8') };
}
