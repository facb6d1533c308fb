// Benchmark: share of add_test attempts the validation filter keeps, with a scripted agent
// population writing good, failing, flaky, useless and otherwise bad tests
// (fixtures/agents/add-test-*.mjs). Each agent runs by the `command` agent contract in a fresh
// linked worktree of a fixture repo; then the validation command that the coverage plugin builds
// (dist/plugins/coverage/validation) runs in that worktree, exactly as the engine runs it.
// Every bad candidate must be rejected and every good one kept: the script exits 1 otherwise.
// Usage: node bench/add-test-filter.mjs [--python /usr/bin/python3] [--rounds 1] [--dist DIR]   (after `npm run build`)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addWorktree, candidates, createProjectRepo } from '../fixtures/agents/add-test-kit.mjs';

const { values } = parseArgs({
  options: { python: { type: 'string', default: '/usr/bin/python3' }, rounds: { type: 'string', default: '1' }, dist: { type: 'string' } },
});
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const built = path.join(values.dist ?? path.join(root, 'dist'), 'plugins', 'coverage', 'validation', 'index.js');
if (!fs.existsSync(built)) throw new Error(`run \`npm run build\` first (${path.relative(root, built)} is missing)`);
const { addTestValidation, parseAddTestVerdict } = await import(built);

/** Meta's TestGen-LLM (Alshahwan et al., FSE 2024): share of generated tests that survived its filters. */
const TESTGEN_LLM_SURVIVAL = 0.25;

function run(argv, cwd, env = process.env) {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(argv[0], argv.slice(1), { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ...res, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** One attempt: the agent edits a fresh worktree, then the validation command judges it. */
function attempt(c, repo, work, n) {
  const worktree = addWorktree(repo, path.join(work, `${c.kind}-${n}`));
  const attemptDir = path.join(work, 'attempts', `${c.kind}-${n}`);
  fs.mkdirSync(attemptDir, { recursive: true });
  const request = path.join(attemptDir, 'request.json');
  fs.writeFileSync(request, JSON.stringify({ schema: 'atqos/agent-request@1', type: 'add_test', worktree, targets: { files: [c.target], nodeIds: [] } }));
  const agent = run([process.execPath, path.join(root, 'fixtures', 'agents', `add-test-${c.kind}.mjs`), request], worktree, { ...process.env, ATQOS_AGENT_REQUEST: request });
  if (agent.status !== 0) throw new Error(`agent add-test-${c.kind} exited ${agent.status}: ${agent.stderr}`);
  const spec = addTestValidation({ files: [c.target], nodeIds: [] }, { python: values.python });
  const [cmd] = spec.commands;
  const check = run(cmd.argv, path.resolve(worktree, cmd.cwd ?? '.'), { ...process.env, ...cmd.env });
  const verdict = parseAddTestVerdict(check.stdout ?? '');
  if (!verdict) throw new Error(`no verdict from ${cmd.argv.join(' ')}: ${check.stderr?.slice(-2000)}`);
  return { kind: c.kind, expect: c.expect, stage: c.stage ?? 'accepted', kept: check.status === 0 && verdict.ok, verdict, ms: check.ms };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-bench-add-test-'));
const repo = path.join(work, 'repo');
createProjectRepo(repo);
const results = [];
try {
  for (let n = 1; n <= Number(values.rounds); n++) for (const c of candidates()) results.push(attempt(c, repo, work, n));
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%` : '-');
console.log('kind              expected  kept/total  stage         gain (statements)  median ms  reason');
for (const c of candidates()) {
  const rs = results.filter((r) => r.kind === c.kind);
  const kept = rs.filter((r) => r.kept).length;
  const v = rs[0].verdict;
  const ms = rs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(rs.length / 2)];
  const gain = v.gain ? `${v.gain.covered >= 0 ? '+' : ''}${v.gain.covered} (${v.before.percent}%→${v.after.percent}%)` : '-';
  console.log(`${c.kind.padEnd(18)}${c.expect.padEnd(10)}${`${kept}/${rs.length}`.padEnd(12)}${v.stage.padEnd(14)}${gain.padEnd(19)}${ms.toFixed(0).padStart(9)}  ${v.reason.slice(0, 90)}`);
}

const good = results.filter((r) => r.expect === 'kept');
const bad = results.filter((r) => r.expect === 'rejected');
const kept = results.filter((r) => r.kept);
const stages = ['changes', 'environment', 'runs', 'baseline', 'coverage', 'regressions'];
console.log(`\nattempts ${results.length}: kept ${kept.length} (${pct(kept.length, results.length)}), rejected ${results.length - kept.length}`);
console.log(`good kept ${good.filter((r) => r.kept).length}/${good.length} (${pct(good.filter((r) => r.kept).length, good.length)}); bad rejected ${bad.filter((r) => !r.kept).length}/${bad.length} (${pct(bad.filter((r) => !r.kept).length, bad.length)})`);
console.log(`rejected at: ${stages.map((s) => `${s} ${results.filter((r) => !r.kept && r.verdict.stage === s).length}`).join(', ')}`);
console.log(`survival ${pct(kept.length, results.length)} of this scripted mix (${good.length} good of ${results.length}) vs TestGen-LLM ~${pct(TESTGEN_LLM_SURVIVAL, 1)} of LLM-generated candidates; ` +
  'the mix is chosen, so the ratio that matters is the filter\'s accuracy: 100% of bad rejected, 100% of good kept.');
console.log(`median validation time per attempt: ${results.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(results.length / 2)].toFixed(0)} ms`);

const wrong = results.filter((r) => r.kept !== (r.expect === 'kept') || r.verdict.stage !== r.stage);
if (wrong.length) {
  for (const r of wrong) console.error(`WRONG: ${r.kind} was ${r.kept ? 'kept' : 'rejected'} at ${r.verdict.stage}, expected ${r.expect} at ${r.stage}: ${r.verdict.reason}`);
  process.exit(1);
}
console.log('PASS: every bad candidate rejected (by the check meant to catch it), every good one kept');
