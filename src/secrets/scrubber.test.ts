import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretScrubber, encodedVariants, isCredentialName, secretsFromEnv } from './index.js';

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const rand = (n: number, alphabet = B62): string => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');

const GH = `ghp_${rand(36)}`;
const PAT = `github_pat_${rand(22)}_${rand(59)}`;
const ANT = `sk-ant-api03-${rand(40)}`;
const OAI = `sk-proj-${rand(48)}`;
const PASSWORD = `pw-${rand(20)}`;

describe('SecretScrubber: known values', () => {
  const s = SecretScrubber.fromEnv({ GITHUB_TOKEN: GH, MY_SERVICE_PASSWORD: PASSWORD, HOME: '/home/u', SHORT_TOKEN: 'abc' });

  it('replaces a credential-named variable value with its name, wherever it appears', () => {
    expect(s.scrub(`login with ${PASSWORD}, again:${PASSWORD}.`)).toBe('login with [REDACTED:MY_SERVICE_PASSWORD], again:[REDACTED:MY_SERVICE_PASSWORD].');
    expect(s.scrub(`token=${GH}`)).toBe('token=[REDACTED:GITHUB_TOKEN]');
  });

  it('leaves non-credential and short values alone', () => {
    expect(s.scrub('cd /home/u && echo abc')).toBe('cd /home/u && echo abc');
  });

  it('redacts URL-encoded, JSON-escaped and base64 forms at every alignment', () => {
    const odd = `p@ss/w"rd${rand(10)}`;
    const t = new SecretScrubber({ secrets: [{ name: 'DB_PASSWORD', value: odd }] });
    expect(t.scrub(`https://u:${encodeURIComponent(odd)}@db/x`)).not.toContain(encodeURIComponent(odd));
    expect(t.scrub(JSON.stringify({ pw: odd }))).toBe('{"pw":"[REDACTED:DB_PASSWORD]"}');
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const b64 = Buffer.from(`${prefix}${odd}tail`).toString('base64');
      const out = t.scrub(`Authorization-ish: ${b64}`);
      expect(out, prefix).toContain('[REDACTED:DB_PASSWORD]');
      expect(Buffer.from(out.split(' ')[1]!, 'base64').toString('latin1')).not.toContain(odd.slice(2, -2));
    }
  });

  it('redacts a secret that contains another under the longer name', () => {
    const inner = rand(12);
    const t = new SecretScrubber({ secrets: [{ name: 'A_KEY', value: inner }, { name: 'B_TOKEN', value: `x${inner}y` }] });
    expect(t.scrub(`x${inner}y ${inner}`)).toBe('[REDACTED:B_TOKEN] [REDACTED:A_KEY]');
  });

  it('base64 variants keep only the characters the secret alone decides', () => {
    const v = encodedVariants('abcdefghijkl');
    expect(v).toContain('YWJjZGVmZ2hpamts');
    for (const x of v) expect(x.length).toBeGreaterThanOrEqual(8);
  });
});

describe('SecretScrubber: token patterns', () => {
  const s = new SecretScrubber();
  const cases: [string, string, string][] = [
    ['GitHub classic token', `x ${GH} y`, 'x [REDACTED:github-token] y'],
    ['GitHub fine-grained PAT', `pat=${PAT}`, 'pat=[REDACTED:github-pat]'],
    ['GitHub app token', `ghs_${rand(36)}`, '[REDACTED:github-token]'],
    ['Anthropic key', `ANTHROPIC=${ANT}`, 'ANTHROPIC=[REDACTED:anthropic-key]'],
    ['OpenAI project key', `"${OAI}"`, '"[REDACTED:openai-key]"'],
    ['OpenAI legacy key', `sk-${rand(48)}`, '[REDACTED:openai-key]'],
    ['AWS access key', `id AKIA${rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}.`, 'id [REDACTED:aws-access-key].'],
    ['bearer header', `curl -H 'Authorization: Bearer ${rand(30)}.${rand(10)}'`, "curl -H 'Authorization: Bearer [REDACTED:authorization]'"],
    ['lowercase bearer', `bearer ${rand(24)}`, 'bearer [REDACTED:bearer]'],
    ['token header', `Authorization: token ${rand(40)}`, 'Authorization: token [REDACTED:authorization]'],
    ['clone URL token', `https://x-access-token:${rand(40)}@github.com/o/r.git`, 'https://x-access-token:[REDACTED:x-access-token]@github.com/o/r.git'],
    ['URL password', `postgres://app:${rand(16)}@db:5432/x`, 'postgres://app:[REDACTED:url-password]@db:5432/x'],
  ];
  for (const [what, input, expected] of cases) it(what, () => expect(s.scrub(input)).toBe(expected));

  it('never redacts fingerprints, git SHAs, UUIDs or ordinary words', () => {
    const text = [
      'fingerprint 3f2a9c0d1e4b5a6978877665544332211a0b9c8d',
      'commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 (HEAD -> atqos/fix/3f2a9c0d1e4b)',
      'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'id 123e4567-e89b-12d3-a456-426614174000',
      'run the task-runner-configuration-loader and the disk-cleanup-scheduler-service',
      'Authorization: required', 'bearer of bad news', 'ghp_short', 'AKIAlowercase0000000',
    ].join('\n');
    expect(s.scrub(text)).toBe(text);
  });

  it('is idempotent: a scrubbed text scrubs to itself', () => {
    const once = s.scrub(`Authorization: Bearer ${rand(40)} ${GH} ${ANT}`);
    expect(s.scrub(once)).toBe(once);
  });

  it('find names what it found, never the value', () => {
    expect(s.find(`a ${GH} b ${ANT}`)).toEqual(['github-token', 'anthropic-key']);
  });
});

describe('scrubDeep', () => {
  it('scrubs every string of a JSON-like value and keeps the rest', () => {
    const s = SecretScrubber.fromEnv({ OPENAI_API_KEY: OAI });
    const out = s.scrubDeep({ n: 1, ok: true, none: null, list: [`k=${OAI}`], nested: { [OAI]: 'x' } });
    expect(out).toEqual({ n: 1, ok: true, none: null, list: ['k=[REDACTED:OPENAI_API_KEY]'], nested: { '[REDACTED:OPENAI_API_KEY]': 'x' } });
  });
});

describe('credential names', () => {
  it('recognises the usual credential variables and not the usual others', () => {
    for (const n of ['GITHUB_TOKEN', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'CODEX_API_KEY', 'CURSOR_API_KEY', 'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'MY_SERVICE_PASSWORD', 'WEBHOOK_SECRET', 'NPM_PAT', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'PRIVATE_KEY', 'INPUT_GITHUB-TOKEN']) {
      expect(isCredentialName(n), n).toBe(true);
    }
    for (const n of ['PATH', 'HOME', 'AWS_REGION', 'GH_HOST', 'KEYBOARD', 'MONKEY', 'PATTERN', 'CI', 'GITHUB_SHA']) expect(isCredentialName(n), n).toBe(false);
  });

  it('secretsFromEnv keeps credential values of 8+ characters, trimmed', () => {
    expect(secretsFromEnv({ A_TOKEN: `  ${PASSWORD}\n`, B_TOKEN: 'short', PATH: '/usr/bin:/bin' })).toEqual([{ name: 'A_TOKEN', value: PASSWORD }]);
  });
});

describe('SecretScrubber keeps the text around a redaction well-formed', () => {
  it('a URL-like stretch of minified JSON stays valid JSON', () => {
    const s = new SecretScrubber();
    const json = JSON.stringify({ u: 'https://h:8080', e: 'a@b', v: `https://x-access-token:${rand(20)}@github.com/o/r` });
    const out = s.scrub(json);
    expect(JSON.parse(out)).toEqual({ u: 'https://h:8080', e: 'a@b', v: 'https://x-access-token:[REDACTED:x-access-token]@github.com/o/r' });
  });
});
