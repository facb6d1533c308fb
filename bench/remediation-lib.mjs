// Shared by the remediation benchmarks: a generated git repo with N broken modules, a tiny
// benchmark plugin (its tool is one `node -e` process), a sleeping agent, and one timed `atqos run`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const DIST = new URL('../dist/src/', import.meta.url);
const { executeRun } = await import(new URL('engine/index.js', DIST).href);
const { remediationHook } = await import(new URL('engine/remediate/index.js', DIST).href);
const { fingerprint } = await import(new URL('core/index.js', DIST).href);
const { childProcessCount, childProcessTimeMs, childSpawnTimeMs } = await import(new URL('runner/index.js', DIST).href);

export const PLUGIN_ID = 'benchtool';
const FIXED = 'fixed';

// The benchmark's "test tool": one node process that checks every src/mod_*.txt and writes a report.
const COLLECT_JS = `
const fs = require('node:fs');
const files = fs.readdirSync('src').filter((f) => /^mod_\\d+\\.txt$/.test(f)).sort();
const tests = files.map((f) => ({ id: 'tests/' + f.replace('.txt', '.check') + '::test_' + f.replace('.txt', ''), file: 'src/' + f, ok: fs.readFileSync('src/' + f, 'utf8').trim() === ${JSON.stringify(FIXED)} }));
fs.writeFileSync(process.argv[1], JSON.stringify({ tests }));
`;
const VALIDATE_JS = `process.exitCode = require('node:fs').readFileSync(process.argv[1], 'utf8').trim() === ${JSON.stringify(FIXED)} ? 0 : 1;`;

/** A Plugin whose tool is a trivial real process, so a run measures ATQOS, not a test runner. */
export const benchPlugin = {
  id: PLUGIN_ID,
  description: 'benchmark tool: src/mod_<i>.txt must read "fixed"',
  detect: async () => true,
  parseOptions: (raw) => raw ?? {},
  async collect(ctx) {
    const rel = path.posix.join(ctx.rawDir, 'report.json');
    const exec = await ctx.exec('check', { argv: [process.execPath, '-e', COLLECT_JS, path.join(ctx.runDir, rel)], timeoutMs: 60_000 });
    return { artifacts: [ctx.artifact('report', rel)], exec };
  },
  normalize(input) {
    const text = input.read('report');
    if (text === undefined) return { findings: [], tests: [], counts: undefined, trustworthy: false, notes: ['benchtool wrote no report'] };
    const rows = JSON.parse(text).tests;
    const tests = rows.map((t) => ({ tool: PLUGIN_ID, nodeId: t.id, file: t.file, outcome: t.ok ? 'passed' : 'failed', durationMs: 0 }));
    const failed = rows.filter((t) => !t.ok);
    const findings = failed.map((t) => ({
      tool: PLUGIN_ID, kind: 'test_failure', severity: 'high', category: 'assertion',
      scope: { file: t.file, nodeId: t.id },
      fingerprint: fingerprint([PLUGIN_ID, 'test_failure', t.id]),
      title: `${t.id} fails`, message: `${t.file} does not hold the fix`,
      evidence: { sourceFiles: [t.file] }, artifacts: [],
    }));
    const counts = { total: rows.length, passed: rows.length - failed.length, failed: failed.length, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs: 0 };
    return { findings, tests, counts, trustworthy: true, notes: [] };
  },
  plan({ findings, options }) {
    return findings.map((f) => {
      const targets = { files: [f.scope.nodeId.split('::')[0]], nodeIds: [f.scope.nodeId] };
      return {
        type: 'fix', tool: PLUGIN_ID, title: `Fix ${f.scope.file}`, findings: [f.fingerprint], targets,
        allowedPaths: [f.scope.file], validation: benchPlugin.validation(targets, options), retryPolicy: { maxAttempts: 1 }, priority: 0,
      };
    });
  },
  validation(targets) {
    const file = targets.nodeIds[0].split('::test_')[1];
    return { commands: [{ argv: [process.execPath, '-e', VALIDATE_JS, `src/${file}.txt`], timeoutMs: 60_000 }], expect: 'exit-zero', repeat: 1 };
  },
};

const AGENT_JS = `
import fs from 'node:fs';
import path from 'node:path';
const sleepMs = Number(process.argv[2]);
const req = JSON.parse(fs.readFileSync(process.argv.at(-1), 'utf8'));
setTimeout(() => {
  const file = req.allowedPaths[0];
  fs.writeFileSync(path.join(req.worktree, file), ${JSON.stringify(`${FIXED}\n`)});
  console.log(JSON.stringify({ status: 'fixed', summary: 'wrote the fix into ' + file, filesChanged: [file] }));
}, sleepMs);
`;

function git(cwd, args) {
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgSign=false', ...args], { cwd, encoding: 'utf8' });
}

/** A committed git repo with `n` broken modules and their checks, configured for one `atqos run`. */
export function generateRepo({ n, concurrency, sleepMs }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-bench-rem-'));
  const repo = path.join(root, 'repo');
  fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'tests'));
  fs.mkdirSync(path.join(repo, '.github'));
  for (let i = 0; i < n; i++) {
    fs.writeFileSync(path.join(repo, 'src', `mod_${i}.txt`), 'broken\n');
    fs.writeFileSync(path.join(repo, 'tests', `mod_${i}.check`), `src/mod_${i}.txt must read "${FIXED}"\n`);
  }
  const agent = path.join(root, 'agent.mjs');
  fs.writeFileSync(agent, AGENT_JS);
  const config = {
    version: 1,
    defaultLane: 'bench',
    lanes: { bench: { plugins: [PLUGIN_ID] } },
    agents: { default: 'command', command: { argv: [process.execPath, agent, String(sleepMs)] } },
    remediation: { agentConcurrency: concurrency, maxTasks: n, maxAttempts: 1, validationRepeat: 1, attemptTimeoutSec: 120 },
  };
  // JSON is YAML; the loader parses it as .github/atqos.yml.
  fs.writeFileSync(path.join(repo, '.github', 'atqos.yml'), `${JSON.stringify(config, null, 2)}\n`);
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'broken modules']);
  return { root, repo };
}

function eventsOf(runDir) {
  return fs.readFileSync(path.join(runDir, 'events.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/**
 * One `atqos run` on a fresh repo: wall and child-process time of the whole run and of the
 * remediation phase (attempts + integration + checkpoint), and the span of the attempt pool.
 * Throws unless every one of the `n` tasks was fixed — a fast broken run proves nothing.
 */
export async function timedRun({ n, concurrency, sleepMs }) {
  const { root, repo } = generateRepo({ n, concurrency, sleepMs });
  try {
    const hook = remediationHook();
    const phase = {};
    const remediate = async (input) => {
      if (input.tasks.length !== n || input.tasks.some((t) => t.type !== 'fix')) {
        throw new Error(`benchmark setup: expected ${n} fix tasks, planned ${input.tasks.map((t) => t.type).join(',')}`);
      }
      const [t0, c0] = [performance.now(), childProcessTimeMs()];
      const out = await hook(input);
      Object.assign(phase, { wallMs: performance.now() - t0, childMs: childProcessTimeMs() - c0 });
      return out;
    };
    const [t0, c0, k0, s0, cpu0] = [performance.now(), childProcessTimeMs(), childProcessCount(), childSpawnTimeMs(), process.cpuUsage()];
    const outcome = await executeRun({ repoDir: repo, registry: new Map([[PLUGIN_ID, benchPlugin]]), command: 'run', remediate });
    const cpu = process.cpuUsage(cpu0);
    const run = {
      wallMs: performance.now() - t0, childMs: childProcessTimeMs() - c0, spawnMs: childSpawnTimeMs() - s0,
      processes: childProcessCount() - k0, cpuMs: (cpu.user + cpu.system) / 1000,
    };
    const report = outcome.remediation?.report;
    const succeeded = outcome.tasks.filter((t) => t.status === 'succeeded').length;
    if (outcome.run.status !== 'finished' || succeeded !== n || report?.checkpoint?.failingAfter !== 0) {
      throw new Error(`benchmark run did not fix all ${n} tasks: status ${outcome.run.status} (${outcome.run.error ?? ''}), ${succeeded} succeeded, checkpoint ${JSON.stringify(report?.checkpoint ?? null)}, attempts ${JSON.stringify(report?.attempts?.slice(0, 2))}`);
    }
    const events = eventsOf(outcome.runDir);
    const at = (type, pick) => pick(events.filter((e) => e.type === type).map((e) => Date.parse(e.ts)));
    const poolMs = at('attempt.finished', (xs) => Math.max(...xs)) - at('attempt.started', (xs) => Math.min(...xs));
    return { run, phase, poolMs };
  } finally {
    if (process.env.BENCH_KEEP) console.error(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const fmt = (ms) => `${ms.toFixed(1)} ms`;
