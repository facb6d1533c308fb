import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { probeAgent, probeAgents } from './availability.js';
import { isAlive } from '../runner/test-support.js';

const CLIS = fileURLToPath(new URL('../../fixtures/agent-clis/', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A temp dir holding `node` plus the given fake CLIs as symlinks, to serve as the whole PATH. */
function binDir(links: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-avail-')));
  dirs.push(dir);
  fs.symlinkSync(process.execPath, path.join(dir, 'node'));
  for (const [name, target] of Object.entries(links)) fs.symlinkSync(target, path.join(dir, name));
  return dir;
}

function script(dir: string, name: string, body: string, mode = 0o755): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode });
  return file;
}

const envWith = (PATH: string) => ({ PATH, HOME: os.homedir() });

describe('probeAgents', () => {
  it('finds the fake CLIs on PATH and reports the versions they print', async () => {
    const dir = binDir({ claude: path.join(CLIS, 'claude'), codex: path.join(CLIS, 'codex'), 'cursor-agent': path.join(CLIS, 'cursor-agent') });
    const got = await probeAgents({}, { repoDir: dir, env: envWith(dir) });
    expect(got.map((a) => [a.id, a.available])).toEqual([['builtin', true], ['command', false], ['claude-code', true], ['codex', true], ['cursor-agent', true]]);
    expect(got.find((a) => a.id === 'claude-code')).toMatchObject({ version: '2.1.197 (Claude Code)', bin: path.join(dir, 'claude') });
    expect(got.find((a) => a.id === 'codex')?.version).toBe('codex-cli 0.169.0');
    expect(got.find((a) => a.id === 'command')?.detail).toContain('agents.command.argv is not set');
  });

  it('says a CLI is not on PATH and which setting to change', async () => {
    const dir = binDir({});
    const got = await probeAgent('codex', {}, { repoDir: dir, env: envWith(dir) });
    expect(got.available).toBe(false);
    expect(got.detail).toMatch(/^unavailable: `codex` was not found on PATH .*set agents\.codex\.bin$/);
  });

  it('uses a configured bin given as a path, relative to the repo', async () => {
    const dir = binDir({});
    fs.symlinkSync(path.join(CLIS, 'claude'), path.join(dir, 'my-claude'));
    const got = await probeAgent('claude-code', { 'claude-code': { bin: './my-claude' } }, { repoDir: dir, env: envWith(dir) });
    expect(got).toMatchObject({ available: true, version: '2.1.197 (Claude Code)', bin: path.join(dir, 'my-claude') });
  });

  it('counts a --version that hangs as unavailable and kills it', async () => {
    const dir = binDir({});
    const pidFile = path.join(dir, 'pid');
    script(dir, 'claude', `echo $$ > ${pidFile}; exec sleep 30`);
    const t0 = Date.now();
    const got = await probeAgent('claude-code', {}, { repoDir: dir, env: envWith(`${dir}:/bin:/usr/bin`), timeoutMs: 700 });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(got).toMatchObject({ available: false, detail: 'unavailable: `claude --version` did not answer within 0.7 s' });
    expect(isAlive(Number(fs.readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  it('reports a failing --version with its exit code and error line, and an unexecutable file', async () => {
    const dir = binDir({});
    script(dir, 'codex', 'echo "error: libc too old" >&2; exit 3');
    script(dir, 'cursor-agent', 'echo 1.0', 0o644);
    const env = envWith(`${dir}:/bin:/usr/bin`);
    expect((await probeAgent('codex', {}, { repoDir: dir, env })).detail).toBe('unavailable: `codex --version` exited with code 3 (error: libc too old)');
    const cursor = await probeAgent('cursor-agent', { 'cursor-agent': { bin: path.join(dir, 'cursor-agent') } }, { repoDir: dir, env });
    expect(cursor.detail).toMatch(/is not executable \(chmod \+x it\)/);
  });

  it('never hands an API key to the --version probe', async () => {
    const dir = binDir({});
    const out = path.join(dir, 'env.txt');
    script(dir, 'claude', `env > ${out}; echo "9.9.9 (Claude Code)"`);
    const got = await probeAgent('claude-code', {}, { repoDir: dir, env: envWith(`${dir}:/bin:/usr/bin`) });
    expect(got.version).toBe('9.9.9 (Claude Code)');
    expect(fs.readFileSync(out, 'utf8')).not.toMatch(/API_KEY/);
  });

  it('resolves the command agent argv[0] against the repo', async () => {
    const dir = binDir({});
    script(dir, 'agent.sh', 'exit 0');
    const ok = await probeAgent('command', { command: { argv: ['./agent.sh', '--fast'] } }, { repoDir: dir, env: envWith(dir) });
    expect(ok).toMatchObject({ available: true, bin: path.join(dir, 'agent.sh') });
    const bad = await probeAgent('command', { command: { argv: ['./nope.sh'] } }, { repoDir: dir, env: envWith(dir) });
    expect(bad.detail).toMatch(/nope\.sh does not exist; fix agents\.command\.argv\[0\]$/);
  });
});
