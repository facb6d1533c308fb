// Shared helpers for the benchmarks: timing, medians, generated projects.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall time of one command, ms; throws if it exits with a code not in `okCodes`. */
export function timeCommand(argv, { cwd, env = process.env, okCodes = [0] } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!okCodes.includes(r.status)) throw new Error(`${argv.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-2000)}`);
  return ms;
}

/**
 * A pytest project of `files` modules × `perFile` tests. Each test does `workMs` of CPU work so
 * the suite costs what real suites cost; every 25th test fails with a traceback through source.
 */
export function generatePytestProject(dir, { files = 40, perFile = 25, workMs = 4 } = {}) {
  fs.mkdirSync(path.join(dir, 'src', 'calc'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'pytest.ini'), '[pytest]\npythonpath = src\n');
  fs.writeFileSync(path.join(dir, 'src', 'calc', '__init__.py'), '');
  fs.writeFileSync(
    path.join(dir, 'src', 'calc', 'work.py'),
    `import time\n\ndef spin(ms):\n    end = time.perf_counter() + ms / 1000\n    n = 0\n    while time.perf_counter() < end:\n        n += 1\n    return n\n\ndef ratio(a, b):\n    return a / b\n`,
  );
  let k = 0;
  for (let f = 0; f < files; f++) {
    const lines = ['from calc.work import spin, ratio', ''];
    for (let t = 0; t < perFile; t++, k++) {
      lines.push(`def test_case_${t}():`, `    spin(${workMs})`);
      if (k % 25 === 24) lines.push(k % 50 === 49 ? '    assert ratio(1, 0) == 1' : `    assert ${t} == ${t + 1}`);
      lines.push('');
    }
    fs.writeFileSync(path.join(dir, 'tests', `test_mod_${f}.py`), lines.join('\n'));
  }
  return files * perFile;
}
