// `atqos diagnose` wall time against plain `pytest --junitxml` on the same generated project,
// measured in the same run, interleaved. Target: ratio ≤ 1.05.
// Usage: node bench/diagnose-vs-pytest.mjs [--reps N] [--python PATH]   (after `npm run build`)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatePytestProject, median, timeCommand } from './lib.mjs';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '5' }, python: { type: 'string', default: 'python3' } } });
const reps = Number(values.reps);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'dist', 'atqos.mjs');
if (!fs.existsSync(cli)) throw new Error('run `npm run build` first');

function measure(label, size) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-bench-'));
  const tests = generatePytestProject(dir, size);
  fs.mkdirSync(path.join(dir, '.github'));
  fs.writeFileSync(path.join(dir, '.github', 'atqos.yml'), `plugins:\n  pytest:\n    python: ${values.python}\n`);
  const junit = path.join(os.tmpdir(), `atqos-bench-${process.pid}.xml`);
  const plain = [values.python, '-m', 'pytest', `--junitxml=${junit}`, '-o', 'junit_family=xunit2'];
  const ours = [process.execPath, cli, 'diagnose', '--repo', dir, '--json', '-q'];
  // Python's default bytecode behaviour for both: plain pytest keeps a warm __pycache__ in the
  // project (the best case for the baseline); ATQOS writes none into the repo by design.
  const env = { ...process.env };
  delete env.PYTHONDONTWRITEBYTECODE;
  delete env.PYTHONPYCACHEPREFIX;
  timeCommand(plain, { cwd: dir, env, okCodes: [1] }); // warm the page cache and .pyc files
  timeCommand(ours, { cwd: dir, env, okCodes: [1] });
  const a = [], b = [];
  for (let i = 0; i < reps; i++) {
    a.push(timeCommand(plain, { cwd: dir, env, okCodes: [1] }));
    b.push(timeCommand(ours, { cwd: dir, env, okCodes: [1] }));
  }
  const ratio = median(b) / median(a);
  console.log(`${label}: ${tests} tests; pytest --junitxml median ${median(a).toFixed(0)} ms; atqos diagnose median ${median(b).toFixed(0)} ms; ratio ${ratio.toFixed(3)}; overhead ${(median(b) - median(a)).toFixed(0)} ms`);
  fs.rmSync(dir, { recursive: true, force: true });
  return ratio;
}

console.log(`diagnose vs pytest (${reps} interleaved reps, python=${values.python})`);
measure('small project (fixed overhead dominates)', { files: 5, perFile: 10, workMs: 1 });
const r = measure('suite of ~5 s', { files: 40, perFile: 25, workMs: 4 });
console.log(`${r <= 1.05 ? 'PASS' : 'MISS'} target ratio <= 1.05 on the ~5 s suite (got ${r.toFixed(3)})`);
