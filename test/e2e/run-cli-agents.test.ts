// `atqos run` with the real agent adapters driving fake `claude` / `codex` binaries (which accept
// only the real CLIs' flags): fixes land through claude-code; when claude-code fails, the
// fallback chain hands the retry to codex; each agent gets only its own API key.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, copyProject, parseJsonOut, readJson, removeTempDirs, atqos } from './support.js';
import { DEMO_FIXES, branches } from './run-support.js';
import type { RunOut } from './run-support.js';

afterAll(removeTempDirs);

const CLIS = path.join(FIXTURES, 'agent-clis');
const KEYS = { ANTHROPIC_API_KEY: 'sk-ant-test-not-a-real-key-000000000000', OPENAI_API_KEY: 'sk-proj-test-not-a-real-key-0000000000' };

function project(remediation: Record<string, number> = {}): string {
  const scenarioEnv = ['FAKE_CLI_SCENARIO', 'FAKE_CLI_EDITS', 'FAKE_CLI_EDITS_MENTIONED'];
  const config = {
    agents: {
      default: 'claude-code',
      fallback: ['codex'],
      'claude-code': { bin: path.join(CLIS, 'claude'), allowEnv: ['ANTHROPIC_API_KEY', ...scenarioEnv], extraArgs: [] },
      codex: { bin: path.join(CLIS, 'codex'), allowEnv: ['OPENAI_API_KEY', 'FAKE_CLI_EDITS', 'FAKE_CLI_EDITS_MENTIONED'] },
    },
    remediation: { maxAttempts: 2, attemptTimeoutSec: 30, ...remediation },
  };
  return copyProject('demo', { '.github/atqos.yml': `${JSON.stringify(config, null, 2)}\n` });
}

async function run(repo: string, claudeScenario: string, exitCode = 0): Promise<RunOut> {
  const result = await atqos(['run', '--json', '--repo', repo], repo, {
    ...KEYS, FAKE_CLI_SCENARIO: claudeScenario, FAKE_CLI_EDITS: DEMO_FIXES, FAKE_CLI_EDITS_MENTIONED: '1',
  });
  const out = parseJsonOut<RunOut>(result);
  expect(result.code, result.stderr).toBe(exitCode);
  return out;
}

function invocations(out: RunOut): { agent: string; argv: string[]; env: string[] }[] {
  return out.remediation.attempts.map((a) => {
    const file = path.join(out.runDir, 'tasks', a.task, `attempt-${a.n}`, 'invocation.json');
    const inv = readJson<{ argv: string[]; env: string[] | Record<string, unknown> }>(file);
    return { agent: a.agent, argv: inv.argv, env: Array.isArray(inv.env) ? inv.env : Object.keys(inv.env) };
  });
}

describe('atqos run with claude-code (fake CLI)', () => {
  let out: RunOut;
  let repo: string;
  beforeAll(async () => {
    repo = project();
    out = await run(repo, 'success-with-edits');
  }, 180_000);

  it('fixes both demo tasks on the first attempt through claude -p with JSON output', () => {
    expect(out.remediation.attempts.map((a) => [a.agent, a.n, a.outcome])).toEqual([['claude-code', 1, 'accepted'], ['claude-code', 1, 'accepted']]);
    expect(out.remediation.checkpoint).toMatchObject({ failingBefore: 4, failingAfter: 0 });
    expect(branches(repo, 'atqos/fix/*')).toHaveLength(2);
    for (const inv of invocations(out)) {
      expect(inv.argv).toEqual(expect.arrayContaining(['--print', '--output-format', 'json', '--permission-mode', 'acceptEdits']));
      expect(inv.env).toContain('ANTHROPIC_API_KEY');
      expect(inv.env).not.toContain('OPENAI_API_KEY');
    }
  });

  it('rolls up cost, tokens and turns per attempt and per agent into the report and summary.md', () => {
    const rem = out.remediation as unknown as { attempts: { cost: { usd?: number; turns?: number }; durationMs: number | null }[]; cost: Record<string, unknown> };
    for (const a of rem.attempts) {
      expect(a.cost).toMatchObject({ usd: 0.0421, turns: 7 });
      expect(a.durationMs).toBeGreaterThan(0);
    }
    expect(rem.cost).toEqual({ usd: 0.0842, inputTokens: 11_000, outputTokens: 1700, turns: 14, byAgent: { 'claude-code': { usd: 0.0842, inputTokens: 11_000, outputTokens: 1700, turns: 14 } } });
    const md = fs.readFileSync(path.join(out.runDir, 'reports', 'summary.md'), 'utf8');
    expect(md).toMatch(/\| 1 \| claude-code \| \d+\.\d s \| \$0\.0421 \| 7 \| accepted \|/);
    expect(md).toContain('Total agent cost: **$0.0842**, 11000 input / 1700 output tokens, 14 turns (claude-code $0.0842).');
  });

  it('never writes a key value into the attempt artifacts', () => {
    const dir = path.join(out.runDir, 'tasks');
    const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) for (const value of Object.values(KEYS)) expect(fs.readFileSync(f, 'utf8').includes(value), f).toBe(false);
  });
});

describe('agents.fallback: claude-code fails, codex takes the retry', () => {
  let out: RunOut;
  beforeAll(async () => {
    const repo = project();
    out = await run(repo, 'execution-error');
  }, 180_000);

  it('attempt 1 fails in claude-code, attempt 2 is codex exec --json in the worktree, and it is accepted', () => {
    for (const task of out.remediation.tasks) {
      const attempts = out.remediation.attempts.filter((a) => a.task === task.id).sort((a, b) => a.n - b.n);
      expect(attempts.map((a) => [a.agent, a.outcome])).toEqual([['claude-code', 'failed'], ['codex', 'accepted']]);
      expect(attempts[0]!.reason).toMatch(/error|execution/i);
    }
    const codex = invocations(out).filter((i) => i.agent === 'codex');
    expect(codex).toHaveLength(2);
    for (const inv of codex) {
      expect(inv.argv.slice(0, 3)).toEqual([path.join(CLIS, 'codex'), 'exec', '--json']);
      expect(inv.argv).toEqual(expect.arrayContaining(['--sandbox', 'workspace-write', '--output-schema', '--output-last-message']));
      expect(inv.env).toContain('OPENAI_API_KEY');
      expect(inv.env).not.toContain('ANTHROPIC_API_KEY');
    }
  });
});

describe('remediation.maxCostUsd: the run stops starting attempts once agents report that much', () => {
  it('attempts one task (claude reports $0.0421), leaves the other queued, and says why', async () => {
    const out = await run(project({ maxCostUsd: 0.04, agentConcurrency: 1 }), 'success-with-edits', 1);
    expect(out.remediation.attempts.map((a) => [a.agent, a.outcome])).toEqual([['claude-code', 'accepted']]);
    expect(out.remediation.tasks.map((t) => t.status).sort()).toEqual(['queued', 'succeeded']);
    expect(out.remediation.stopReason).toBe('cost budget: agents reported $0.04 (remediation.maxCostUsd is $0.04)');
  }, 180_000);
});
