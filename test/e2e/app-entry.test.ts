// The App's built entry (`npm run app` → dist/app.mjs) as a real process: it refuses to start
// without a usable webhook secret, and with one it serves on 127.0.0.1 until SIGTERM.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support.js';

const APP = path.join(ROOT, 'dist', 'app.mjs');

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [APP], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('dist/app.mjs', () => {
  it.each([['no secret', {}], ['the "development" secret Probot falls back to', { WEBHOOK_SECRET: 'development' }]])('refuses to start with %s, naming WEBHOOK_SECRET', async (_label, env) => {
    const app = start({ APP_ID: '1', PRIVATE_KEY: 'x', ...env });
    expect(await app.exited).toBe(1);
    expect(app.stderr()).toMatch(/webhook secret.*\n.*WEBHOOK_SECRET/);
  });

  it('serves /healthz on 127.0.0.1 with a real key and secret, and stops on SIGTERM', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const app = start({ APP_ID: '12345', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: 's3cret-for-test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" line: ${app.stderr()}`)), 20_000);
      app.child.stderr.on('data', () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(app.stderr());
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });
});
