import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretScrubber, setRunScrubber } from '../secrets/index.js';
import { runCaptured } from './run-captured.js';
import { runCommand } from './run-command.js';
import { nodeSpec, tempDir } from './test-support.js';

const PASSWORD = 'canary-' + 'q7W'.repeat(6);
const GH = `ghp_${'Zx9'.repeat(12)}`;

afterEach(() => setRunScrubber(undefined));

describe('tool output is scrubbed on its way to the files', () => {
  it('a known value and a token pattern never reach stdout/stderr files; the child still got its env', async () => {
    setRunScrubber(new SecretScrubber({ secrets: [{ name: 'MY_SERVICE_PASSWORD', value: PASSWORD }] }));
    const dir = tempDir();
    const res = await runCommand(nodeSpec(dir, 'echo-env.js', [], { env: { MY_SERVICE_PASSWORD: PASSWORD, GH_LIKE: GH } }));
    expect(res.exitCode).toBe(0);
    const out = fs.readFileSync(res.stdoutPath, 'utf8');
    expect(out).not.toContain(PASSWORD);
    expect(out).not.toContain(GH);
    expect(JSON.parse(out)).toEqual({ MY_SERVICE_PASSWORD: '[REDACTED:MY_SERVICE_PASSWORD]', GH_LIKE: '[REDACTED:github-token]' });
  });

  it('a secret straddling the byte cap is redacted before the cut, never half kept', async () => {
    setRunScrubber(new SecretScrubber({ secrets: [{ name: 'MY_SERVICE_PASSWORD', value: PASSWORD }] }));
    const dir = tempDir();
    const res = await runCommand(nodeSpec(dir, 'echo-env.js', [], { env: { MY_SERVICE_PASSWORD: PASSWORD }, maxBytes: 30 }));
    const out = fs.readFileSync(res.stdoutPath, 'utf8');
    expect(out.startsWith('{"MY_SERVICE_PASSWORD":"[REDAC')).toBe(true);
    expect(out).not.toContain(PASSWORD.slice(0, 10));
  });

  it('runCaptured keeps stdout exact (callers parse it) and scrubs the stderr tail', async () => {
    setRunScrubber(new SecretScrubber({ secrets: [{ name: 'MY_SERVICE_PASSWORD', value: PASSWORD }] }));
    const script = `process.stdout.write(process.env.P); process.stderr.write('fatal: auth ' + process.env.P)`;
    const res = await runCaptured({ argv: [process.execPath, '-e', script], cwd: tempDir(), env: { P: PASSWORD }, maxBytes: 1024 });
    expect(res.stdout.toString()).toBe(PASSWORD);
    expect(res.stderr).toBe('fatal: auth [REDACTED:MY_SERVICE_PASSWORD]');
  });
});
