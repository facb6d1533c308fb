import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildToolEnv } from './env.js';
import { runCommand } from './run-command.js';
import { bin, nodeSpec, tempDir } from './test-support.js';

const read = (file: string): string => fs.readFileSync(file, 'utf8');

describe('runCommand: how a process ended is data', () => {
  it.each([0, 1, 5])('returns exit code %i with its output in the files', async (code) => {
    const dir = tempDir();
    const res = await runCommand(nodeSpec(dir, 'exit-code.js', [String(code)]));
    expect(res).toMatchObject({ exitCode: code, signal: null, timedOut: false, aborted: false, failedToStart: false });
    expect(read(res.stdoutPath)).toBe(`exiting ${code}\n`);
    expect(read(res.stderrPath)).toBe(`stderr ${code}\n`);
    expect(res.stdoutBytes).toBe(`exiting ${code}\n`.length);
  });

  it('feeds `input` to stdin and closes it; without it stdin is empty', async () => {
    const dir = tempDir();
    const echo = 'process.stdin.pipe(process.stdout)';
    const fed = await runCommand({ ...nodeSpec(dir, 'exit-code.js', []), argv: [process.execPath, '-e', echo], input: 'line 1\nline 2\n' });
    expect(fed.exitCode).toBe(0);
    expect(read(fed.stdoutPath)).toBe('line 1\nline 2\n');
    const none = await runCommand({ ...nodeSpec(dir, 'exit-code.js', [], { stdoutPath: path.join(dir, 'out', 'none.txt') }), argv: [process.execPath, '-e', echo] });
    expect(none.exitCode).toBe(0);
    expect(read(none.stdoutPath)).toBe('');
  });

  it('reports a child killed by a signal', async () => {
    const dir = tempDir();
    const spec = nodeSpec(dir, 'exit-code.js', []);
    const res = await runCommand({ ...spec, argv: [process.execPath, '-e', 'process.kill(process.pid, "SIGTERM")'] });
    expect(res).toMatchObject({ exitCode: null, signal: 'SIGTERM', timedOut: false });
  });

  it('starts a fixture through its #! line with PATH from buildToolEnv', async () => {
    const dir = tempDir();
    const spec = nodeSpec(dir, 'exit-code.js', [], { argv: [bin('exit-code.js'), '3'], env: buildToolEnv(process.env) });
    const res = await runCommand(spec);
    expect(res.exitCode).toBe(3);
  });

  it('measures the duration and start time', async () => {
    const dir = tempDir();
    const before = Date.now();
    const spec = nodeSpec(dir, 'exit-code.js', []);
    const res = await runCommand({ ...spec, argv: [process.execPath, '-e', 'setTimeout(() => {}, 300)'] });
    expect(res.durationMs).toBeGreaterThanOrEqual(250);
    expect(res.durationMs).toBeLessThan(5000);
    expect(Date.parse(res.startedAt)).toBeGreaterThanOrEqual(before - 5);
  });
});

describe('runCommand: argv, cwd and env reach the child exactly', () => {
  it('passes hostile arguments byte for byte, with no shell', async () => {
    const dir = tempDir();
    const hostile = ['$(rm -rf /)', '; echo pwned', '`id`', `"double" 'single'`, 'line1\nline2', 'ünïcødé ✓ 测试 🚀',
      '--flag=value with spaces', '', '*', '$HOME', '\\', '> out.txt', '| cat'];
    const res = await runCommand(nodeSpec(dir, 'echo-argv.js', hostile));
    expect(res.exitCode).toBe(0);
    expect(JSON.parse(read(res.stdoutPath))).toEqual(hostile);
    expect(fs.existsSync(path.join(dir, 'out.txt'))).toBe(false);
  });

  it('runs in the given cwd', async () => {
    const dir = tempDir();
    const sub = path.join(dir, 'sub dir');
    fs.mkdirSync(sub);
    const res = await runCommand({ ...nodeSpec(dir, 'echo-argv.js', []), cwd: sub });
    expect(read(res.stderrPath)).toBe(fs.realpathSync(sub));
  });

  it('gives the child exactly spec.env and nothing of the parent', async () => {
    const dir = tempDir();
    process.env.ATQOS_FAKE_SECRET = 'hunter2';
    try {
      const res = await runCommand(nodeSpec(dir, 'echo-env.js', [], { env: { ONLY_THIS: 'yes' } }));
      expect(JSON.parse(read(res.stdoutPath))).toEqual({ ONLY_THIS: 'yes' });
    } finally {
      delete process.env.ATQOS_FAKE_SECRET;
    }
  });

  it('keeps secrets out of a buildToolEnv environment', async () => {
    const dir = tempDir();
    const parent = { ...process.env, GITHUB_TOKEN: 'ghs_fake', ANTHROPIC_API_KEY: 'sk-fake' };
    const res = await runCommand(nodeSpec(dir, 'echo-env.js', [], { env: buildToolEnv(parent) }));
    const childEnv = JSON.parse(read(res.stdoutPath)) as Record<string, string>;
    expect(childEnv.PATH).toBe(process.env.PATH);
    expect(childEnv).not.toHaveProperty('GITHUB_TOKEN');
    expect(childEnv).not.toHaveProperty('ANTHROPIC_API_KEY');
  });
});

describe('runCommand: what cannot start says why and what to do', () => {
  it('names a missing executable and the configured fix', async () => {
    const dir = tempDir();
    const hint = 'set `plugins.pytest.python` in .github/atqos.yml';
    const spec = nodeSpec(dir, 'exit-code.js', [], { argv: ['python9', '-m', 'pytest'], env: { PATH: '/usr/bin' }, label: 'pytest', hint });
    const res = await runCommand(spec);
    expect(res).toMatchObject({ failedToStart: true, exitCode: null, signal: null, timedOut: false });
    expect(res.error).toBe(`pytest executable 'python9' not found on PATH; ${hint}`);
    expect(read(res.stdoutPath)).toBe('');
  });

  it('says when the child has no PATH at all', async () => {
    const dir = tempDir();
    const res = await runCommand(nodeSpec(dir, 'exit-code.js', [], { argv: ['python9'], env: {} }));
    expect(res.failedToStart).toBe(true);
    expect(res.error).toContain("the child's environment has no PATH");
  });

  it('reports a file that is not executable', async () => {
    const dir = tempDir();
    const script = path.join(dir, 'not-exec.sh');
    fs.writeFileSync(script, '#!/bin/sh\necho hi\n', { mode: 0o644 });
    const res = await runCommand(nodeSpec(dir, 'exit-code.js', [], { argv: [script] }));
    expect(res.failedToStart).toBe(true);
    expect(res.error).toMatch(/not executable \(EACCES\); make it executable/);
  });

  it('reports a path that does not exist', async () => {
    const dir = tempDir();
    const res = await runCommand(nodeSpec(dir, 'exit-code.js', [], { argv: ['./.venv/bin/python'] }));
    expect(res.error).toBe(`executable './.venv/bin/python' does not exist (relative to ${dir}); install it or configure its full path`);
  });

  it('reports an output directory it cannot create', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file'), '');
    const spec = nodeSpec(dir, 'exit-code.js', ['0'], { stdoutPath: path.join(dir, 'file', 'sub', 'out.txt') });
    const res = await runCommand(spec);
    expect(res).toMatchObject({ failedToStart: true, exitCode: null });
    expect(res.error).toContain(`cannot create the directory of output file '${spec.stdoutPath}'`);
  });

  it('refuses a missing cwd, a NUL byte and an empty argv', async () => {
    const dir = tempDir();
    const noCwd = await runCommand({ ...nodeSpec(dir, 'exit-code.js', []), cwd: path.join(dir, 'nope') });
    expect(noCwd).toMatchObject({ failedToStart: true, exitCode: null });
    expect(noCwd.error).toContain(`working directory '${path.join(dir, 'nope')}' does not exist`);
    const nul = await runCommand(nodeSpec(dir, 'echo-argv.js', ['a\0b']));
    expect(nul).toMatchObject({ failedToStart: true, exitCode: null });
    expect(nul.error).toContain('argv[2] contains a NUL byte');
    const empty = await runCommand({ ...nodeSpec(dir, 'exit-code.js', []), argv: [] });
    expect(empty).toMatchObject({ failedToStart: true });
    expect(empty.error).toContain('argv is empty');
  });
});
