/**
 * A small CommonJS program run as `node -e CHECK_TARGETS -- <targets-json> <vitest argv…>`: it
 * runs vitest with a JSON report in a temp dir and exits 0 only when vitest exited 0 AND every
 * target test is in the report as passed (with no targets: at least one test ran). vitest exits
 * 0 when `--testNamePattern` selects nothing, so its exit code alone would be a false green.
 * Self-contained on purpose: validation runs in a worktree where no ATQOS file exists.
 */
export const CHECK_TARGETS = `
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const [targetsJson, command, ...args] = process.argv.slice(1);
const targets = JSON.parse(targetsJson);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-vitest-check-'));
const out = path.join(dir, 'report.json');
const fail = (code, why) => { fs.rmSync(dir, { recursive: true, force: true }); console.error('atqos: ' + why); process.exit(code); };
const run = spawnSync(command, [...args, '--reporter=default', '--reporter=json', '--outputFile.json=' + out], { stdio: 'inherit' });
if (run.error) fail(127, 'could not start ' + command + ': ' + run.error.message);
if (run.status !== 0) fail(run.status ?? 1, 'vitest exited ' + (run.status ?? run.signal));
let report;
try { report = JSON.parse(fs.readFileSync(out, 'utf8')); } catch (e) { fail(3, 'vitest wrote no readable JSON report: ' + e.message); }
const passed = [];
for (const f of report.testResults || []) for (const t of f.assertionResults || []) {
  if (t.status === 'passed') passed.push({ file: String(f.name).split(path.sep).join('/'), name: [...(t.ancestorTitles || []), t.title].join(' > ') });
}
if (targets.length === 0 && passed.length === 0) fail(4, 'no test ran and passed');
const missing = targets.filter((t) => !passed.some((p) => p.name === t.name && (p.file === t.file || p.file.endsWith('/' + t.file))));
if (missing.length) fail(4, 'target test(s) did not run and pass: ' + missing.map((t) => t.file + '::' + t.name).join(', '));
fs.rmSync(dir, { recursive: true, force: true });
console.log('atqos: ' + (targets.length || passed.length) + ' target test(s) passed');
`;
