import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../core/index.js';
import { configJsonSchema } from './json-schema.js';
import { loadConfig } from './load-config.js';
import { thrownBy } from '../core/test-support.js';

function repoWith(yaml?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-config-'));
  if (yaml !== undefined) {
    fs.mkdirSync(path.join(dir, '.github'));
    fs.writeFileSync(path.join(dir, '.github', 'atqos.yml'), yaml);
  }
  return dir;
}

describe('loadConfig', () => {
  it('uses embedded defaults when there is no config file', () => {
    const { config, source } = loadConfig(repoWith());
    expect(source).toBeUndefined();
    expect(config.defaultLane).toBe('nightly');
    expect(Object.keys(config.lanes)).toEqual(expect.arrayContaining(['pr', 'health', 'nightly', 'weekly', 'release']));
    expect(config.runs.dir).toBe('.atqos');
  });

  it('merges user lanes over the defaults and keeps plugin sections raw', () => {
    const { config, source } = loadConfig(repoWith('lanes:\n  smoke:\n    plugins: [pytest]\ndefaultLane: smoke\nplugins:\n  pytest:\n    python: /usr/bin/python3\n'));
    expect(source).toBe('.github/atqos.yml');
    expect(config.lanes.smoke?.plugins).toEqual(['pytest']);
    expect(config.lanes.nightly).toBeDefined();
    expect(config.plugins.pytest).toEqual({ python: '/usr/bin/python3' });
  });

  it('names the key and the problem for a bad cron', () => {
    const err = thrownBy(() => loadConfig(repoWith('lanes:\n  nightly:\n    cron: "every night"\n')));
    expect(err.message).toContain('`lanes.nightly.cron` is not a cron expression');
    expect(err.hint).toContain('atqos config schema');
  });

  it('names unknown keys', () => {
    const err = thrownBy(() => loadConfig(repoWith('lanez: {}\nruns:\n  dri: x\n')));
    expect(err.message).toContain('unknown key lanez');
    expect(err.message).toContain('unknown key runs.dri');
  });

  it('names the key for a wrong type', () => {
    const err = thrownBy(() => loadConfig(repoWith('runs:\n  maxOutputBytes: lots\n')));
    expect(err.message).toMatch(/`runs\.maxOutputBytes` .*number/);
  });

  it('reports YAML syntax errors with the line', () => {
    const err = thrownBy(() => loadConfig(repoWith('lanes:\n  pr: [unclosed\n')));
    expect(err.code).toBe('config_invalid');
    expect(err.message).toMatch(/not valid YAML at line \d+/);
  });

  it('rejects a top level that is not a mapping', () => {
    expect(thrownBy(() => loadConfig(repoWith('- a\n- b\n'))).message).toContain('expected a mapping');
  });

  it('refuses a defaultLane that does not exist', () => {
    expect(thrownBy(() => loadConfig(repoWith('defaultLane: nope\n'))).message).toContain('"nope"');
  });

  it('errors when an explicit --config path is missing', () => {
    expect(thrownBy(() => loadConfig(repoWith(), 'ci/atqos.yml')).code).toBe('config_unreadable');
  });

  it('does not expand a YAML alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`)].join('\n');
    expect(() => loadConfig(repoWith(bomb))).toThrow(AtqosError);
  });

  it('confines runs.dir to the repository', () => {
    for (const dir of ['.', '../escape', '/tmp/x', 'a/../../b', 'x\ny']) {
      const err = thrownBy(() => loadConfig(repoWith(`runs:\n  dir: ${JSON.stringify(dir)}\n`)));
      expect(err.message, dir).toMatch(/`runs\.dir` (must be a directory inside the repository|must not contain control characters)/);
    }
    expect(loadConfig(repoWith('runs:\n  dir: build/atqos\n')).config.runs.dir).toBe('build/atqos');
  });

  it('refuses an env.allow that would pass every variable', () => {
    expect(thrownBy(() => loadConfig(repoWith('env:\n  allow: ["*"]\n'))).message).toContain('`env.allow.0` must name variables');
  });

  it('gives every built-in lane a time budget, cron where scheduled, and the pr lane its impact selection', () => {
    const { lanes } = loadConfig(repoWith('')).config;
    expect(Object.fromEntries(Object.entries(lanes).map(([name, l]) => [name, [l.timeoutSec, l.cron ?? null, l.select ?? null]]))).toEqual({
      pr: [900, null, { impacted: true }],
      health: [1800, null, null],
      nightly: [7200, '0 3 * * *', null],
      weekly: [14400, '0 4 * * 0', null],
      release: [21600, null, null],
    });
    // Presets name no plugins (detection decides) and no reruns (plugins.flaky.reruns decides).
    for (const l of Object.values(lanes)) expect([l.plugins, l.reruns]).toEqual([undefined, undefined]);
    // A user's budget wins over the preset's; the rest of the preset stays.
    expect(loadConfig(repoWith('lanes:\n  weekly:\n    timeoutSec: 60\n')).config.lanes.weekly).toMatchObject({ timeoutSec: 60, cron: '0 4 * * 0' });
  });

  it('keeps a built-in lane\'s cron when the user overrides only its plugins', () => {
    expect(loadConfig(repoWith('lanes:\n  nightly:\n    plugins: [pytest]\n')).config.lanes.nightly).toMatchObject({ plugins: ['pytest'], cron: '0 3 * * *' });
  });

  it('refuses timeouts setTimeout cannot hold and lanes that list a plugin twice', () => {
    expect(thrownBy(() => loadConfig(repoWith('lanes:\n  nightly:\n    timeoutSec: 2200000\n'))).message).toContain('`lanes.nightly.timeoutSec` must be at most');
    expect(thrownBy(() => loadConfig(repoWith('lanes:\n  nightly:\n    plugins: [pytest, pytest]\n'))).message).toContain('lists a plugin twice');
  });

  it('reads notify for the App: an https webhook URL, both events by default, unknown keys refused', () => {
    const url = 'https://hooks.slack.com/services/T/B/X';
    expect(loadConfig(repoWith(`notify:\n  slackWebhookUrl: ${url}\n`)).config.notify).toEqual({ slackWebhookUrl: url, on: ['run_finished', 'new_blocker'] });
    expect(loadConfig(repoWith('')).config.notify).toBeUndefined();
    expect(thrownBy(() => loadConfig(repoWith('notify:\n  slackWebhookUrl: http://hooks.slack.com/x\n'))).message).toContain('`notify.slackWebhookUrl` must be an https:// incoming-webhook URL');
    expect(thrownBy(() => loadConfig(repoWith('notify:\n  on: [sometimes]\n'))).message).toContain('`notify.on.0`');
    expect(thrownBy(() => loadConfig(repoWith('notify:\n  email: a@b.c\n'))).message).toContain('unknown key notify.email');
    const schema = configJsonSchema({}) as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(schema.properties.notify?.properties ?? {})).toEqual(['slackWebhookUrl', 'on']);
  });
});
