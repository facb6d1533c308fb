import type { CommandSpec } from '../../src/core/index.js';
import { parseOptions, VITEST_ENV, vitestPrefix } from './schema.js';

/**
 * A small CommonJS program run as `node -e LIST_TESTS -- <vitest argv…>`: runs `vitest list
 * --json=<temp file>` and prints the node ids (`<file relative to cwd>::<name>`) as one JSON
 * array, so test modules printing to stdout cannot corrupt it and vitest's absolute paths
 * become checkout-independent. Exits with vitest's status.
 */
export const LIST_TESTS = `
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const [command, ...args] = process.argv.slice(1);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-vitest-list-'));
const out = path.join(dir, 'list.json');
const run = spawnSync(command, [...args, '--json=' + out], { stdio: ['ignore', 'ignore', 'inherit'] });
let code = run.error ? 127 : (run.status ?? 1);
let listed = [];
try { listed = JSON.parse(fs.readFileSync(out, 'utf8')); } catch (e) { if (code === 0) { console.error('atqos: vitest list wrote no JSON: ' + e.message); code = 3; } }
fs.rmSync(dir, { recursive: true, force: true });
if (run.error) console.error('atqos: could not start ' + command + ': ' + run.error.message);
const rel = (f) => path.relative(process.cwd(), f).split(path.sep).join('/');
if (code === 0) process.stdout.write(JSON.stringify(listed.map((t) => rel(t.file) + '::' + t.name)));
process.exit(code);
`;

/** The inventory command: every collected test (skipped ones excluded), without running them. */
export function listTestsCommand(rawOptions: unknown): CommandSpec {
  const options = parseOptions(rawOptions);
  const vitest = [...vitestPrefix(options), 'list', ...options.testPaths, ...options.args, '--no-cache'];
  return { argv: ['node', '-e', LIST_TESTS, '--', ...vitest], cwd: '.', env: { ...VITEST_ENV }, timeoutMs: Math.round(options.timeoutSec * 1000) };
}

/** Node ids from LIST_TESTS' stdout; undefined when listing failed or printed no id array. */
export function parseListedTests(exitCode: number | null, stdout: string): string[] | undefined {
  if (exitCode !== 0) return undefined;
  try {
    const ids: unknown = JSON.parse(stdout);
    return Array.isArray(ids) && ids.every((x) => typeof x === 'string') ? [...ids].sort() : undefined;
  } catch {
    return undefined;
  }
}
