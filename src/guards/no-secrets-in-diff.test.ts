import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretScrubber } from '../secrets/index.js';
import { noSecretsInDiff } from './no-secrets-in-diff.js';
import { change, makeInput } from './test-support.js';

const rand = (n: number): string => randomBytes(n).toString('hex').slice(0, n);
const PASSWORD = `pw-${rand(20)}`;
const GH = `ghp_${'A1b2C3d4E5'.repeat(3)}${rand(6)}`;
const guard = noSecretsInDiff(() => SecretScrubber.fromEnv({ MY_SERVICE_PASSWORD: PASSWORD, HOME: '/home/u' }));

describe('no-secrets-in-diff', () => {
  it('rejects added lines holding a known value or a token, naming the kind and never the value', () => {
    const v = guard.check(makeInput({
      changes: [change('src/a.py'), change('src/b.py', { status: 'added' })],
      base: { 'src/a.py': 'x = 1\n' },
      after: { 'src/a.py': `x = 1\npw = "${PASSWORD}"\n`, 'src/b.py': `TOKEN = "${GH}"\n` },
    }));
    expect(v.passed).toBe(false);
    expect(v.evidence).toBe('src/a.py: adds 1 secret(s): MY_SERVICE_PASSWORD\nsrc/b.py: adds 1 secret(s): github-token');
    expect(v.evidence).not.toContain(PASSWORD);
    expect(v.evidence).not.toContain(GH);
  });

  it('passes a change that only keeps or removes a secret that was already there', () => {
    const base = `pw = "${PASSWORD}"\ny = 2\n`;
    const v = guard.check(makeInput({
      changes: [change('src/a.py'), change('src/old.py', { status: 'deleted' })],
      base: { 'src/a.py': base, 'src/old.py': GH },
      after: { 'src/a.py': `${base}z = 3\n` },
    }));
    expect(v).toEqual({ guard: 'no-secrets-in-diff', passed: true });
  });

  it('counts a second copy of an existing secret line as added', () => {
    const line = `pw = "${PASSWORD}"`;
    const v = guard.check(makeInput({ changes: [change('src/a.py')], base: { 'src/a.py': `${line}\n` }, after: { 'src/a.py': `${line}\n${line}\n` } }));
    expect(v.passed).toBe(false);
  });

  it('passes hex fingerprints and SHAs', () => {
    const v = guard.check(makeInput({
      changes: [change('src/a.py')], base: { 'src/a.py': '' },
      after: { 'src/a.py': 'SHA = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"\nFP = "3f2a9c0d1e4b5a6978877665544332211a0b9c8d"\n' },
    }));
    expect(v.passed).toBe(true);
  });
});
