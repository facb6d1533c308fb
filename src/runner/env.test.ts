import { describe, expect, it } from 'vitest';
import { buildToolEnv } from './env.js';

const parent: NodeJS.ProcessEnv = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/dev',
  LANG: 'C.UTF-8',
  VIRTUAL_ENV: '/repo/.venv',
  CI: 'true',
  PYTHONPATH: '/orchestrator/lib',
  GITHUB_TOKEN: 'ghs_fake',
  ANTHROPIC_API_KEY: 'sk-ant-fake',
  AWS_SECRET_ACCESS_KEY: 'fake',
  HTTPS_PROXY: 'http://user:pass@proxy:3128',
  PYTEST_ADDOPTS: '-x',
  PYTEST_XDIST_WORKER: 'gw0',
  UNSET: undefined,
};

describe('buildToolEnv', () => {
  it('passes the allowlist and nothing else', () => {
    expect(buildToolEnv(parent, { platform: 'linux' })).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/dev',
      LANG: 'C.UTF-8',
      VIRTUAL_ENV: '/repo/.venv',
      CI: 'true',
    });
  });

  it('passes extra names and prefixes only when allowed', () => {
    const env = buildToolEnv(parent, { allow: ['PYTHONPATH', 'PYTEST_*'], platform: 'linux' });
    expect(env).toMatchObject({ PYTHONPATH: '/orchestrator/lib', PYTEST_ADDOPTS: '-x', PYTEST_XDIST_WORKER: 'gw0' });
    expect(env).not.toHaveProperty('GITHUB_TOKEN');
  });

  it('sets values last, over passed-through ones', () => {
    const env = buildToolEnv(parent, { set: { LANG: 'en_US.UTF-8', ATQOS_RUN: 'r1' }, platform: 'linux' });
    expect(env.LANG).toBe('en_US.UTF-8');
    expect(env.ATQOS_RUN).toBe('r1');
  });

  it('matches names case-insensitively on Windows only', () => {
    const winParent = { Path: 'C:\\bin', SystemRoot: 'C:\\Windows', GitHub_Token: 'x' };
    expect(buildToolEnv(winParent, { platform: 'win32' })).toEqual({ Path: 'C:\\bin', SystemRoot: 'C:\\Windows' });
    expect(buildToolEnv(winParent, { platform: 'linux' })).toEqual({});
  });
});

describe('buildToolEnv prefix patterns and credentials', () => {
  it('never lets a prefix pattern pass a credential-looking name; an exact name does', () => {
    const parent = { APP_MODE: 'x', APP_TOKEN: 't', APP_API_KEY: 'k', GITHUB_TOKEN: 'g', AWS_SECRET_ACCESS_KEY: 's' };
    expect(buildToolEnv(parent, { allow: ['APP_*', 'AWS_*'] })).toMatchObject({ APP_MODE: 'x' });
    const env = buildToolEnv(parent, { allow: ['APP_*', 'AWS_*'] });
    expect(env.APP_TOKEN).toBeUndefined();
    expect(env.APP_API_KEY).toBeUndefined();
    expect(env.AWS_SECRET_ACCESS_KEY).toBeUndefined();
    expect(buildToolEnv(parent, { allow: ['APP_TOKEN'] }).APP_TOKEN).toBe('t');
  });
});
