import fs from 'node:fs';
import path from 'node:path';
import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';
import type { ExecResult } from '../../src/runner/types.js';
import { pluginPythonDir } from '../_lib/python-dir.js';
import { churnArgv } from './churn.js';
import { parseOptions } from './schema.js';
import type { CoverageOptions } from './schema.js';
import { guessSources } from './sources.js';
import { jsonArgv, suiteArgv } from './suite-argv.js';

const CONTEXTS_HELPER = 'atqos_coverage_contexts.py';

/** `plugins/coverage/python/`, found by walking up from this module (source, tsc output, bundle). */
export function coveragePythonDir(): string {
  return pluginPythonDir(import.meta.url, 'coverage', CONTEXTS_HELPER);
}

/** Artifact names normalize reads, and their files under `raw/coverage/`. */
export const ARTIFACTS = {
  coverageJson: 'coverage.json',
  tests: 'tests.json',
  impactMap: 'impact-map.json',
  churn: 'churn.stdout',
  head: 'head.stdout',
  stdout: 'suite.stdout',
  stderr: 'suite.stderr',
  jsonStderr: 'json.stderr',
  contextsStderr: 'contexts.stderr',
  report: 'report',
} as const;

/** The data file lives in the run dir: measuring never writes into the repo. */
export const DATA_FILE = '.coverage';

function suiteEnv(ctx: CollectContext, options: CoverageOptions, abs: (f: string) => string): Record<string, string> {
  const existing = ctx.env['PYTHONPATH'];
  const pluginDir = coveragePythonDir();
  return {
    PYTHONPATH: existing ? `${pluginDir}${path.delimiter}${existing}` : pluginDir,
    COVERAGE_FILE: abs(DATA_FILE),
    ATQOS_COVERAGE_TESTS: abs(ARTIFACTS.tests),
    ATQOS_COVERAGE_SWITCH: options.runner === 'coverage-run' && options.contexts ? '1' : '0',
    ...(ctx.env['PYTHONPYCACHEPREFIX'] ? {} : { PYTHONDONTWRITEBYTECODE: '1' }),
  };
}

async function runSuite(ctx: CollectContext, options: CoverageOptions, abs: (f: string) => string): Promise<{ exec: ExecResult; execs: Record<string, ExecResult> }> {
  const timeoutMs = Math.round(options.timeoutSec * 1000);
  const sources = options.source.length ? options.source : guessSources(ctx.repoDir);
  const env = suiteEnv(ctx, options, abs);
  const exec = await ctx.exec('suite', { argv: suiteArgv(options, sources), cwd: '.', env, timeoutMs });
  ctx.log.info({ exitCode: exec.exitCode, durationMs: exec.durationMs, sources }, 'suite under coverage finished');
  const execs: Record<string, ExecResult> = {};
  if (exec.failedToStart) return { exec, execs };
  // `parallel = true` in the repo's config leaves `.coverage.<host>.<pid>.<n>` pieces to combine.
  const pieces = fs.readdirSync(path.dirname(abs(DATA_FILE))).filter((f) => f.startsWith(`${DATA_FILE}.`));
  if (!fs.existsSync(abs(DATA_FILE)) && pieces.length) {
    execs['combine'] = await ctx.exec('combine', { argv: [options.python, '-m', 'coverage', 'combine'], cwd: '.', env, timeoutMs });
  }
  if (!fs.existsSync(abs(DATA_FILE))) return { exec, execs };
  execs['json'] = await ctx.exec('json', { argv: jsonArgv(options, abs(ARTIFACTS.coverageJson)), cwd: '.', env, timeoutMs });
  if (options.contexts) {
    const head = await ctx.exec('head', { argv: ['git', 'rev-parse', '--verify', '-q', 'HEAD'], cwd: '.', timeoutMs: 30_000 });
    const sha = head.exitCode === 0 ? fs.readFileSync(head.stdoutPath, 'utf8').trim() : '';
    const helper = path.join(coveragePythonDir(), CONTEXTS_HELPER);
    execs['contexts'] = await ctx.exec('contexts', { argv: [options.python, helper, abs(DATA_FILE), ctx.repoDir, abs(ARTIFACTS.impactMap), sha], cwd: '.', env, timeoutMs });
  }
  return { exec, execs };
}

/** Copies a configured report (`plugins.coverage.report`) into the run dir: the run keeps its input. */
function copyReport(ctx: CollectContext, options: CoverageOptions, abs: (f: string) => string): void {
  const from = path.resolve(ctx.repoDir, options.report!.path);
  try {
    if (fs.statSync(from).isFile()) fs.copyFileSync(from, abs(ARTIFACTS.report));
  } catch {
    ctx.log.warn({ path: options.report!.path }, 'configured coverage report not found');
  }
}

/**
 * Runs the suite under coverage (or takes the configured report), writes `coverage json`, the
 * impact map from per-test contexts, and the churn query. Non-zero exits are data for normalize.
 */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const abs = (file: string) => path.join(ctx.runDir, ctx.rawDir, file);
  const rel = (file: string) => path.posix.join(ctx.rawDir.replace(/\\/g, '/'), file);
  let exec: ExecResult | undefined;
  let execs: Record<string, ExecResult> = {};
  if (options.report) copyReport(ctx, options, abs);
  else ({ exec, execs } = await runSuite(ctx, options, abs));
  execs['churn'] = await ctx.exec('churn', { argv: churnArgv(options.churnDays), cwd: '.', timeoutMs: 120_000 });
  const artifacts = Object.entries(ARTIFACTS).map(([name, file]) => ctx.artifact(name, rel(file)));
  return { ...(exec ? { exec } : {}), execs, artifacts };
}
