// The secret canary: credentials planted in the CLI's environment, an agent that prints and
// commits what it got, a test suite that dumps its environment. Nothing planted may reach the
// run directory, the store or the CLI's output; the tools get no credential at all and the
// agent only the one key it is configured to receive.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodedVariants } from '../../src/secrets/index.js';
import { atqos, copyProject, parseJsonOut, removeTempDirs } from './support.js';
import { agentArgv, attemptDir } from './run-support.js';
import type { Ran, RunOut } from './run-support.js';

afterAll(removeTempDirs);

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const rand = (n: number): string => [...randomBytes(n)].map((b) => B62[b % 62]).join('');

const CANARIES: Record<string, string> = {
  GITHUB_TOKEN: `ghp_${rand(36)}`,
  ANTHROPIC_API_KEY: `sk-ant-api03-${rand(40)}`,
  OPENAI_API_KEY: `sk-proj-${rand(40)}`,
  MY_SERVICE_PASSWORD: rand(24),
};

// Runs at collection: the dump is written beside the project, and printed on pytest's real stdout.
const ENV_DUMP_TEST = `import json, os, sys
from pathlib import Path

_env = dict(os.environ)
with (Path(__file__).resolve().parents[2] / "pytest-env.jsonl").open("a") as f:
    f.write(json.dumps(_env) + "\\n")
sys.__stdout__.write("PYTEST-ENV " + json.dumps(_env) + "\\n")


def test_environment_is_printed():
    print(_env)
`;

function config(): string {
  const agents = { default: 'command', command: { argv: agentArgv('leak-secrets'), allowEnv: ['ANTHROPIC_API_KEY'] } };
  return `${JSON.stringify({ agents, remediation: { maxAttempts: 1, attemptTimeoutSec: 30 } }, null, 2)}\n`;
}

/** Every file under `dir`, recursively. */
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.isFile() ? [p] : [];
  });
}

/** `file: NAME (form)` for each planted value, or one of its encodings, found in `bytes`. */
function leaksIn(label: string, bytes: Buffer): string[] {
  return Object.entries(CANARIES).flatMap(([name, value]) =>
    encodedVariants(value).filter((form) => bytes.includes(form)).map((form) => `${label}: ${name} (${form === value ? 'plain' : 'encoded'})`),
  );
}

describe('secret canary: atqos run with credentials in its environment and a leaking agent', () => {
  let ran: Ran;
  let atqosDir: string;

  beforeAll(async () => {
    const repo = copyProject('demo', { '.github/atqos.yml': config(), 'tests/test_env_dump.py': ENV_DUMP_TEST });
    atqosDir = path.join(repo, '.atqos');
    const result = await atqos(['run', '--json', '--repo', repo], repo, CANARIES);
    ran = { repo, result, out: parseJsonOut<RunOut>(result) };
  }, 240_000);

  it('ran the agent on the fix tasks and rejected its secret-carrying change with no-secrets-in-diff', () => {
    const { attempts } = ran.out.remediation;
    expect(attempts.length, ran.result.stderr).toBeGreaterThan(0);
    for (const a of attempts) {
      expect(a.outcome).toBe('rejected');
      expect(a.guardsFailed).toContain('no-secrets-in-diff');
      expect(a.reason).toMatch(/no-secrets-in-diff: src\/shop\/\w+\.py: adds \d+ secret\(s\): ANTHROPIC_API_KEY/);
    }
  });

  it('no planted value, plain or encoded, is in any file under .atqos (state.db and events.jsonl included)', () => {
    const files = walk(atqosDir);
    expect(files.some((f) => f.endsWith('state.db'))).toBe(true);
    expect(files.some((f) => f.endsWith('events.jsonl'))).toBe(true);
    expect(files.filter((f) => f.endsWith('diff.patch')).length).toBeGreaterThan(0);
    const leaks = files.flatMap((f) => leaksIn(path.relative(atqosDir, f), fs.readFileSync(f)));
    expect(leaks).toEqual([]);
  });

  it("no planted value is in the CLI's stdout or stderr", () => {
    expect(leaksIn('stdout', Buffer.from(ran.result.stdout))).toEqual([]);
    expect(leaksIn('stderr', Buffer.from(ran.result.stderr))).toEqual([]);
  });

  it('redaction markers stand where the agent printed and wrote the key', () => {
    const task = ran.out.remediation.attempts[0]!.task;
    const dir = attemptDir(ran.out, task, 1);
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
    expect(read('agent.stdout')).toContain('ANTHROPIC_API_KEY=[REDACTED:ANTHROPIC_API_KEY]');
    // The header pattern starts first, so it names the redaction; either way the value is gone.
    expect(read('agent.stderr')).toContain('leaking ANTHROPIC_API_KEY: Authorization: Bearer [REDACTED:authorization]');
    expect(read('agent.stderr')).toContain('url-encoded [REDACTED:ANTHROPIC_API_KEY]');
    expect(read('agent.stderr')).toMatch(/base64 \S*\[REDACTED:ANTHROPIC_API_KEY\]/);
    expect(read('diff.patch')).toContain('+anthropic_api_key = "[REDACTED:ANTHROPIC_API_KEY]"');
    expect(read('result.json')).toContain('the keys were [REDACTED:ANTHROPIC_API_KEY]');
    expect(read('guards.json')).toContain('no-secrets-in-diff');
  });

  it('the agent received ANTHROPIC_API_KEY (its allowEnv) and no other planted name', () => {
    const task = ran.out.remediation.attempts[0]!.task;
    const line = fs.readFileSync(path.join(attemptDir(ran.out, task, 1), 'agent.stdout'), 'utf8').split('\n').find((l) => l.startsWith('ENV-NAMES '));
    const names = JSON.parse(line!.slice('ENV-NAMES '.length)) as string[];
    expect(names).toContain('ANTHROPIC_API_KEY');
    for (const other of ['GITHUB_TOKEN', 'OPENAI_API_KEY', 'MY_SERVICE_PASSWORD']) expect(names).not.toContain(other);
  });

  it('pytest received none of the planted names, and its environment dump reached the raw output', () => {
    const dump = path.join(ran.repo, '..', 'pytest-env.jsonl');
    const envs = fs.readFileSync(dump, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(envs.length).toBeGreaterThan(0);
    for (const env of envs) {
      expect(env.PATH).toBeTruthy();
      for (const name of Object.keys(CANARIES)) expect(Object.keys(env)).not.toContain(name);
      expect(leaksIn('pytest env', Buffer.from(JSON.stringify(env)))).toEqual([]);
    }
    const raw = walk(path.join(ran.out.runDir, 'raw')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(raw).toContain('PYTEST-ENV ');
  });
});
