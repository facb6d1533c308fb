// Benchmark: wall time of the scale-out path (plan → 4 attempt jobs as separate processes in their
// own clones → integrate) against one `atqos run` job, for N latency-bound tasks (each agent sleeps
// S ms, like an LLM call, then writes a trivial valid fix). Both paths go through the built CLI,
// on the same generated repository, in the same process, so the ratio is measured, not assumed.
// Clones are made and caches warmed before timing (see below). Both paths share one machine, so
// the 4 "runners" compete for its cores where GitHub would give each its own: on a small machine
// the ratio understates the real one for CPU-bound phases (plan, validation, integrate).
// Run after building: `npm run build && node bench/matrix-vs-single.mjs`. Target: >= 3× faster.
// ATQOS_BENCH_CLI points at another build of the CLI.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const N = Number(process.env.BENCH_TASKS ?? 16);
const SLEEP_MS = Number(process.env.BENCH_SLEEP_MS ?? 1500);
const RUNNERS = 4;
const TARGET = 3;
const CLI = process.env.ATQOS_BENCH_CLI ?? fileURLToPath(new URL('../dist/atqos.mjs', import.meta.url));

// The project's "tests": one pytest file per module, each failing until its module returns its own
// word (distinct words: identical failures would be escalated into one systemic task).
const AGENT_JS = `
import fs from 'node:fs';
import path from 'node:path';
const req = JSON.parse(fs.readFileSync(process.env.ATQOS_AGENT_REQUEST ?? process.argv.at(-1), 'utf8'));
setTimeout(() => {
  const test = req.targets.files[0];
  const file = 'src/mods/' + path.basename(test).replace(/^test_/, '');
  const wanted = /== "(\\w+)"/.exec(fs.readFileSync(path.join(req.worktree, test), 'utf8'))[1];
  fs.writeFileSync(path.join(req.worktree, file), 'def value():\\n    return "' + wanted + '"\\n');
  console.log(JSON.stringify({ status: 'fixed', summary: 'wrote the fix into ' + file, filesChanged: [file] }));
}, Number(process.argv[2]));
`;

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliett', 'kilo', 'lima', 'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango'];

function git(cwd, args) {
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgSign=false', ...args], { cwd, encoding: 'utf8' });
}

function generate(root) {
  const repo = path.join(root, 'origin');
  fs.mkdirSync(path.join(repo, 'src', 'mods'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'tests'));
  fs.mkdirSync(path.join(repo, '.github'));
  fs.writeFileSync(path.join(repo, 'pytest.ini'), '[pytest]\npythonpath = src\n');
  fs.writeFileSync(path.join(repo, 'src', 'mods', '__init__.py'), '');
  for (let i = 0; i < N; i++) {
    const word = WORDS[i % WORDS.length] + (i >= WORDS.length ? WORDS[Math.floor(i / WORDS.length) % WORDS.length] : '');
    fs.writeFileSync(path.join(repo, 'src', 'mods', `m${i}.py`), 'def value():\n    return "broken"\n');
    fs.writeFileSync(path.join(repo, 'tests', `test_m${i}.py`), `from mods.m${i} import value\n\n\ndef test_m${i}():\n    assert value() == "${word}"\n`);
  }
  const agent = path.join(root, 'agent.mjs');
  fs.writeFileSync(agent, AGENT_JS);
  const config = {
    agents: { default: 'command', command: { argv: [process.execPath, agent, String(SLEEP_MS)] } },
    remediation: { agentConcurrency: 1, maxTasks: N, maxAttempts: 1, validationRepeat: 1, attemptTimeoutSec: 120 },
  };
  fs.writeFileSync(path.join(repo, '.github', 'atqos.yml'), `${JSON.stringify(config, null, 2)}\n`);
  git(repo, ['init', '-q', '-b', 'main']);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'broken modules']);
  return repo;
}

function clone(origin, dir) {
  git(path.dirname(dir), ['clone', '-q', origin, dir]);
  return dir;
}

function atqos(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Throws unless every task was fixed and the checkpoint is clean: a fast broken run proves nothing. */
function assertAllFixed(label, r) {
  const out = JSON.parse(r.stdout);
  const fixed = out.tasks.filter((t) => t.status === 'succeeded').length;
  if (r.code !== 0 || fixed !== N || out.remediation?.checkpoint?.failingAfter !== 0) {
    const why = JSON.stringify(out.remediation?.attempts?.slice(0, 2) ?? out.remediation ?? null).slice(0, 800);
    throw new Error(`${label} did not fix all ${N} tasks (exit ${r.code}, ${fixed} fixed): ${why} ${r.stderr.slice(-800)}`);
  }
}

async function timed(work) {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-bench-matrix-')));
try {
  const origin = generate(root);
  // Every clone is made before the clock starts: on GitHub each runner checks out in parallel
  // before ATQOS runs, and the single job's checkout is not part of its run either.
  const singleRepo = clone(origin, path.join(root, 'single'));
  const planner = clone(origin, path.join(root, 'planner'));
  const runners = Array.from({ length: RUNNERS }, (_, i) => clone(origin, path.join(root, `runner-${i + 1}`)));
  const integrator = clone(origin, path.join(root, 'integrator'));
  // Warm-up, untimed: node, the bundle, python and pytest are read from disk once, so whichever
  // path runs first is not charged for cold caches.
  const warm = clone(origin, path.join(root, 'warm-up'));
  await atqos(['diagnose', '--json', '-q', '--repo', warm], warm);
  const single = await timed(async () => {
    const r = await atqos(['run', '--json', '-q', '--repo', singleRepo], singleRepo);
    assertAllFixed('single job', r);
  });
  const phases = {};
  const matrix = await timed(async () => {
    const planDir = path.join(root, 'plan');
    const plan = await timed(() => atqos(['plan', '--matrix', '--repo', planner, '--out', planDir, '--max-jobs', String(RUNNERS), '--json', '-q'], planner));
    if (plan.value.code !== 0) throw new Error(`plan failed: ${plan.value.stderr.slice(-800)}`);
    phases.plan = plan.ms;
    const { include } = JSON.parse(plan.value.stdout).matrix;
    if (include.length !== RUNNERS) throw new Error(`expected ${RUNNERS} jobs, the plan made ${include.length}`);
    const attempts = await timed(() => Promise.all(include.map(async (j, i) => {
      const repo = runners[i];
      const r = await atqos(['attempt', '--plan', planDir, '--task', j.tasks, '--out', path.join(root, 'artifacts', `atqos-attempt-${j.job}`), '--repo', repo, '-q'], repo);
      if (r.code !== 0) throw new Error(`attempt job ${j.job} failed: ${r.stderr.slice(-800)}`);
    })));
    phases.attempts = attempts.ms;
    const dirs = include.map((j) => path.join(root, 'artifacts', `atqos-attempt-${j.job}`));
    const integrated = await timed(() => atqos(['integrate', '--plan', planDir, ...dirs.flatMap((d) => ['--attempts', d]), '--repo', integrator, '--json', '-q', '--expect-all'], integrator));
    assertAllFixed('matrix path', integrated.value);
    phases.integrate = integrated.ms;
  });
  const ratio = single.ms / matrix.ms;
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`N = ${N} tasks, agent sleep ${SLEEP_MS} ms, agentConcurrency 1 per job, ${RUNNERS} simulated runners (separate processes and clones)`);
  console.log('| path | wall time |');
  console.log('|---|---:|');
  console.log(`| single job (atqos run) | ${s(single.ms)} |`);
  console.log(`| matrix total | ${s(matrix.ms)} |`);
  console.log(`|   plan | ${s(phases.plan)} |`);
  console.log(`|   ${RUNNERS} attempt jobs in parallel | ${s(phases.attempts)} |`);
  console.log(`|   integrate | ${s(phases.integrate)} |`);
  console.log(`\nspeedup single / matrix: ${ratio.toFixed(2)}× (target >= ${TARGET}×): ${ratio >= TARGET ? 'PASS' : 'MISS'}`);
} finally {
  if (process.env.BENCH_KEEP) console.error(`kept ${root}`);
  else fs.rmSync(root, { recursive: true, force: true });
}
