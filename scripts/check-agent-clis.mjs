#!/usr/bin/env node
// Checks every flag the claude-code and codex adapters put on a command line against the real
// CLIs, installed from npm into a temp prefix (never into the project). Two checks per CLI:
//   1. each flag appears in `claude --help` / `codex exec --help`;
//   2. a parse-only probe: the full argv is given to the real binary with something that stops it
//      right after option parsing (claude: an invalid --session-id; codex: a trailing --help), so
//      an unknown flag, a bad choice or a missing value shows up as the CLI's own error. This also
//      covers flags commander hides from --help (claude's --max-turns).
// No login, no API key, no API call: the CLIs run with an empty HOME and an environment holding
// only PATH. Cursor's CLI is not on npm and is reported as not checked.
//
// Usage: node scripts/check-agent-clis.mjs   (CLAUDE_CODE_VERSION / CODEX_VERSION pin versions;
// by default npm picks the newest release whose `engines` accepts this Node). To see it fail,
// CHECK_EXTRA_ARGS='["--bogus"]' adds extraArgs to every adapter's options.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('..', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-agent-clis-'));
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-agent-clis-home-'));

const invocations = await loadInvocations();
install();
const bin = (name) => path.join(tmp, 'node_modules', '.bin', name);
const env = { PATH: process.env.PATH ?? '', HOME: home, DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' };

let failed = 0;
report('claude-code', installedVersion('@anthropic-ai/claude-code'), invocations.claude, run(bin('claude'), ['--help']).stdout, probeClaude);
report('codex', installedVersion('@openai/codex'), invocations.codex, run(bin('codex'), ['exec', '--help']).stdout, probeCodex);
console.log(`\ncursor-agent: NOT CHECKED (Cursor's CLI is not published on npm and cannot be installed here);`);
console.log(`  flags follow cursor.com/docs/cli/reference/parameters: ${flagsOf(invocations.cursor).join(' ')}`);
fs.rmSync(tmp, { recursive: true, force: true });
fs.rmSync(home, { recursive: true, force: true });
console.log(failed === 0 ? '\nall checked flags PASS' : `\n${failed} flag check(s) FAIL`);
process.exitCode = failed === 0 ? 0 : 1;

/** Bundles the adapters' pure buildInvocation functions and builds one argv per CLI. */
async function loadInvocations() {
  const extraArgs = JSON.stringify(JSON.parse(process.env.CHECK_EXTRA_ARGS ?? '[]'));
  const contents = `
    import { buildInvocation as claude } from './src/agents/claude-code/invocation.ts';
    import { ClaudeCodeOptions } from './src/agents/claude-code/options.ts';
    import { buildInvocation as codex, codexPaths } from './src/agents/codex/invocation.ts';
    import { CodexOptions } from './src/agents/codex/options.ts';
    import { buildInvocation as cursor } from './src/agents/cursor-agent/invocation.ts';
    import { CursorAgentOptions } from './src/agents/cursor-agent/options.ts';
    import { agentResultJsonSchema } from './src/agents/result-schema.ts';
    const request = {
      schema: 'atqos/agent-request@1', runId: 'r', taskId: 't', attempt: 1, type: 'fix', title: 't',
      targets: { files: [], nodeIds: [] }, instructions: '# task', worktree: '/tmp/wt', allowedPaths: ['src/**'],
      forbiddenPaths: [], validation: [{ argv: ['python', '-m', 'pytest', 'tests/test_x.py::test_y'] }],
      timeoutMs: 60000, budget: { maxUsd: 1, maxTurns: 10 }, resultSchema: agentResultJsonSchema(),
    };
    const attemptDir = '/tmp/attempt-1';
    export const invocations = {
      claude: claude(request, ClaudeCodeOptions.parse({ model: 'sonnet', extraArgs: ${extraArgs} }), { attemptDir }).argv,
      codex: codex(request, CodexOptions.parse({ model: 'gpt-5-codex', extraArgs: ${extraArgs} }), codexPaths(attemptDir)).argv,
      cursor: cursor(request, CursorAgentOptions.parse({ model: 'sonnet-4', extraArgs: ${extraArgs} }), { attemptDir, instructionsPath: attemptDir + '/instructions.md' }).argv,
    };`;
  const out = path.join(tmp, 'invocations.mjs');
  await build({ stdin: { contents, resolveDir: repo, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning' });
  return (await import(pathToFileURL(out).href)).invocations;
}

function install() {
  const pkgs = [`@anthropic-ai/claude-code${at(process.env.CLAUDE_CODE_VERSION)}`, `@openai/codex${at(process.env.CODEX_VERSION)}`];
  console.log(`installing ${pkgs.join(' ')} into ${tmp} (node ${process.version}) …`);
  execFileSync('npm', ['install', '--prefix', tmp, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...pkgs], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function at(version) {
  return version ? `@${version}` : '';
}

function installedVersion(pkg) {
  return JSON.parse(fs.readFileSync(path.join(tmp, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function run(file, args, input = '') {
  const r = spawnSync(file, args, { env, input, encoding: 'utf8', timeout: 60_000, cwd: home });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Options in an argv (not their values, not the `-` stdin placeholder). */
function flagsOf(argv) {
  return [...new Set(argv.slice(1).filter((a) => /^--?[A-Za-z]/.test(a)))];
}

/** The argv's executable and mode (`exec` / `--print`), plus `flag` and its value. */
function withOnly(argv, flag) {
  const i = argv.indexOf(flag);
  const value = argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') ? [argv[i + 1]] : [];
  return [argv[0], argv[1], flag, ...value];
}

function inHelp(help, flag) {
  return new RegExp(`(^|[\\s,])${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([\\s,=<\\[]|$)`, 'm').test(help);
}

// Commander rejects unknown options before the action runs; the session id is checked in the
// action before anything starts, so the run ends there without reading stdin or calling an API.
function probeClaude(argv) {
  const r = run(argv[0] === 'claude' ? bin('claude') : argv[0], [...argv.slice(1), '--session-id', 'not-a-uuid']);
  return { ok: /Invalid session ID/.test(r.out) && !/unknown option|error: option/i.test(r.out), said: firstLine(r.out) };
}

// clap validates every argument in order and prints help only when all before --help parsed.
function probeCodex(argv) {
  const args = argv.slice(1).filter((a) => a !== '-');
  const r = run(bin('codex'), [...args, '--help']);
  return { ok: r.status === 0 && /Run Codex non-interactively/.test(r.stdout), said: firstLine(r.status === 0 ? 'help printed: every argument parsed' : r.out) };
}

function firstLine(text) {
  return text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('WARNING')) ?? '(no output)';
}

function report(id, version, argv, help, probe) {
  console.log(`\n${id} (npm ${id === 'codex' ? '@openai/codex' : '@anthropic-ai/claude-code'} ${version})`);
  console.log(`  argv: ${argv.map((a) => (a.length > 60 ? `${a.slice(0, 57)}…` : a)).join(' ')}`);
  const parsed = probe(argv);
  for (const flag of flagsOf(argv)) {
    const listed = inHelp(help, flag);
    // A flag missing from --help may be hidden: probe it alone (with its value, if it takes one).
    const alone = listed ? undefined : probe(withOnly(argv, flag)).ok;
    const pass = listed || alone === true;
    if (!pass) failed++;
    console.log(`  ${pass ? 'PASS' : 'FAIL'} ${flag.padEnd(24)} ${listed ? 'in --help' : `not in --help; alone: ${alone ? 'accepted by the parser (hidden option)' : 'rejected'}`}`);
  }
  if (!parsed.ok) failed++;
  console.log(`  ${parsed.ok ? 'PASS' : 'FAIL'} parse probe of the full argv: ${parsed.said}`);
}
