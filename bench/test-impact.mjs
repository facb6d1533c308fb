// PR-lane test impact against the full suite, measured in the same run, over seeded source
// mutations of fixtures/projects/impact (one file each): tests executed, wall time, and missed
// failures (failures the full suite saw that the impacted subset did not) — which must be zero.
// Drives the CLI end to end: `atqos diagnose --lane full` vs `atqos diagnose --lane pr
// --changed-since <base>` (lane `pr` selects `impacted: true`). The impact map comes from an earlier
// `atqos diagnose --lane map` run of the coverage plugin (per-test contexts, `--coverage-python`
// must have coverage.py).
// The fixture's tests are instant; `--work-ms` (default 300) gives each test a sleep in an autouse
// fixture (added to the base commit) so the suite costs what real suites cost.
// Usage: node bench/test-impact.mjs [--cli dist/atqos.mjs] [--python python3] [--coverage-python /usr/bin/python3] [--work-ms 300]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({ options: { cli: { type: 'string', default: path.join(root, 'dist', 'atqos.mjs') }, python: { type: 'string', default: 'python3' }, 'coverage-python': { type: 'string', default: '/usr/bin/python3' }, 'work-ms': { type: 'string', default: '300' } } });
if (!fs.existsSync(values.cli)) throw new Error(`${values.cli} does not exist: run \`npm run build\` first`);

/** One mutation per file: each breaks behaviour a test checks, so the full suite fails. */
const MUTATIONS = [
  ['add: + → -', 'calc/arith.py', 'return a + b', 'return a - b'],
  ['sub: swap operands', 'calc/arith.py', 'return a - b', 'return b - a'],
  ['is_positive: > → >=', 'calc/arith.py', 'return x > 0', 'return x >= 0'],
  ['clamp: wrong bound', 'calc/arith.py', 'return low', 'return high'],
  ['with_tax: /100 → /10', 'calc/pricing.py', 'TAX_RATE // 100', 'TAX_RATE // 10'],
  ['discount: limit off by one', 'calc/pricing.py', 'percent > 100', 'percent > 101'],
  ['label: drop the space', 'calc/pricing.py', 'f"{amount} {CURRENCY}"', 'f"{amount}{CURRENCY}"'],
  ['shout: wrong suffix', 'calc/text.py', 'upper() + "!"', 'upper() + "?"'],
  ['slug: wrong joiner', 'calc/text.py', '"-".join', '"_".join'],
  ['TAX_RATE: module-level constant', 'calc/constants.py', 'TAX_RATE = 20', 'TAX_RATE = 25'],
];

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'b@e', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'b@e' };
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

function setUpRepo() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-bench-impact-'));
  fs.cpSync(path.join(root, 'fixtures', 'projects', 'impact'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.github'));
  const lanes = `lanes:\n  pr:\n    plugins: [pytest]\n    select:\n      impacted: true\n  full:\n    plugins: [pytest]\n  map:\n    plugins: [coverage]\n`;
  const coverage = `  coverage:\n    python: ${values['coverage-python']}\n    source: [calc]\n`;
  fs.writeFileSync(path.join(dir, '.github', 'atqos.yml'), `plugins:\n  pytest:\n    python: ${values.python}\n${coverage}${lanes}`);
  fs.writeFileSync(path.join(dir, '.gitignore'), '.atqos/\n__pycache__/\n');
  const work = Number(values['work-ms']) / 1000;
  fs.appendFileSync(path.join(dir, 'tests', 'conftest.py'), `\n\n@pytest.fixture(autouse=True)\ndef _bench_work():\n    import time\n    time.sleep(${work})\n`);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  return { dir, base: git(dir, 'rev-parse', 'HEAD') };
}

/**
 * The impact map of an earlier run, made the way users make it: a run of the coverage plugin with
 * per-test contexts (lane `map` lists only `coverage`), which keeps raw/coverage/impact-map.json.
 */
function writeImpactMap(dir, sha) {
  const r = spawnSync(process.execPath, [values.cli, 'diagnose', '--repo', dir, '--lane', 'map', '--json', '-q'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let out;
  try {
    out = JSON.parse(r.stdout);
  } catch {
    throw new Error(`atqos diagnose --lane map printed no JSON (exit ${r.status}): ${r.stderr.slice(-1500)}`);
  }
  const file = path.join(out.runDir, 'raw', 'coverage', 'impact-map.json');
  if (!fs.existsSync(file)) throw new Error(`the coverage plugin kept no impact map in ${out.runDir}: ${JSON.stringify(out.tools)}`);
  const map = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (map.sha !== sha) throw new Error(`the impact map is for ${map.sha}, not the base ${sha}`);
}

/** One `atqos diagnose`: wall time, tests executed, failing node ids, the pytest selection record. */
function diagnose(dir, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [values.cli, 'diagnose', '--repo', dir, '--json', '-q', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let out;
  try {
    out = JSON.parse(r.stdout);
  } catch {
    throw new Error(`atqos diagnose ${args.join(' ')} printed no JSON (exit ${r.status}): ${r.stderr.slice(-1500)}`);
  }
  const failing = out.findings.filter((f) => f.kind === 'test_failure' || f.kind === 'test_error').map((f) => f.scope.nodeId).sort();
  const selFile = path.join(out.runDir, 'raw', 'pytest', 'selection.json');
  const selection = fs.existsSync(selFile) ? JSON.parse(fs.readFileSync(selFile, 'utf8')) : undefined;
  return { ms, pytestMs: out.counts?.durationMs ?? 0, tests: out.counts?.total ?? 0, failing, selection };
}

const { dir, base } = setUpRepo();
writeImpactMap(dir, base);
diagnose(dir, ['--lane', 'full']); // warm caches once
const rows = [];
for (const [name, file, from, to] of MUTATIONS) {
  const abs = path.join(dir, file);
  const original = fs.readFileSync(abs, 'utf8');
  if (!original.includes(from)) throw new Error(`${file} lacks ${from}: the fixture changed, update the mutations`);
  fs.writeFileSync(abs, original.replace(from, to));
  const full = diagnose(dir, ['--lane', 'full']);
  const pr = diagnose(dir, ['--lane', 'pr', '--changed-since', base]);
  fs.writeFileSync(abs, original);
  if (!pr.selection) throw new Error(`${values.cli} wrote no raw/pytest/selection.json: it predates lane selection (rebuild with \`npm run build\`)`);
  if (full.failing.length === 0) throw new Error(`mutation "${name}" fails no test: it seeds nothing`);
  const missed = full.failing.filter((id) => !pr.failing.includes(id));
  rows.push({ name, full, pr, missed, mode: pr.selection.impact?.mode ?? pr.selection.mode });
}
fs.rmSync(dir, { recursive: true, force: true });

const pad = (s, n) => String(s).padEnd(n);
console.log(`PR-lane test impact vs full suite (${MUTATIONS.length} seeded mutations, python=${values.python}, cli=${path.relative(root, values.cli)})`);
console.log(`${pad('mutation', 34)}${pad('selection', 10)}${pad('tests pr/full', 15)}${pad('wall ms pr/full', 18)}${pad('time ratio', 12)}${pad('failures pr/full', 18)}missed`);
for (const r of rows) {
  console.log(`${pad(r.name, 34)}${pad(r.mode, 10)}${pad(`${r.pr.tests}/${r.full.tests}`, 15)}${pad(`${r.pr.ms.toFixed(0)}/${r.full.ms.toFixed(0)}`, 18)}${pad((r.pr.ms / r.full.ms).toFixed(3), 12)}${pad(`${r.pr.failing.length}/${r.full.failing.length}`, 18)}${r.missed.length ? r.missed.join(' ') : 0}`);
}
const sum = (f) => rows.reduce((s, r) => s + f(r), 0);
const missed = sum((r) => r.missed.length);
console.log(`tests executed: ${sum((r) => r.pr.tests)} of ${sum((r) => r.full.tests)} (ratio ${(sum((r) => r.pr.tests) / sum((r) => r.full.tests)).toFixed(3)})`);
console.log(`wall time: ${sum((r) => r.pr.ms).toFixed(0)} ms of ${sum((r) => r.full.ms).toFixed(0)} ms (ratio ${(sum((r) => r.pr.ms) / sum((r) => r.full.ms)).toFixed(3)}, CLI start-up and impact analysis included); test time ratio ${(sum((r) => r.pr.pytestMs) / sum((r) => r.full.pytestMs)).toFixed(3)}`);
console.log(`${missed === 0 ? 'PASS' : 'MISS'} missed failures: ${missed} (target 0)`);
process.exitCode = missed === 0 ? 0 : 1;
