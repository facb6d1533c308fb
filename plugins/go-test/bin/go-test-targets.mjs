#!/usr/bin/env node
// Runs `go test -json …` for one target test and exits 0 only if go passed AND the stream shows
// that exact test passing. `go test -run X` exits 0 when X matches nothing ("no tests to run"),
// which must never count as a fix. Usage: go-test-targets.mjs <import path> <test> -- <go argv…>
import { spawn } from 'node:child_process';
import readline from 'node:readline';

const [pkg, test, sep, ...argv] = process.argv.slice(2);
if (!pkg || !test || sep !== '--' || argv.length === 0) {
  process.stderr.write('usage: go-test-targets.mjs <import path> <test> -- <go test -json argv…>\n');
  process.exit(64);
}

let passed = false;
const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
child.on('error', (err) => {
  process.stderr.write(`go-test-targets: could not start ${argv[0]}: ${err.message}\n`);
  process.exit(127);
});
readline.createInterface({ input: child.stdout }).on('line', (line) => {
  process.stdout.write(`${line}\n`);
  try {
    const e = JSON.parse(line);
    if (e.Package === pkg && e.Test === test && e.Action === 'pass') passed = true;
  } catch {
    // Not an event (build output): shown as is.
  }
});
child.on('close', (code, signal) => {
  if (code !== 0) process.exit(code ?? 128);
  if (!passed) {
    process.stderr.write(`go-test-targets: ${pkg}::${test} did not run and pass (no test matched, or it was skipped)\n`);
    process.exit(3);
  }
  process.exit(signal ? 128 : 0);
});
