// `atqos agents` as a real process: with the fake CLIs linked into a PATH directory it reports
// their versions; with an empty PATH it says what is missing and which setting routes to it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, atqos, makeProject, parseJsonOut, removeTempDirs, tempDir } from './support.js';

afterAll(removeTempDirs);

interface Out {
  agents: { id: string; available: boolean; version?: string; detail: string }[];
  routing: { taskType: string; agent: string; source: string; fallback: string[] }[];
  missing: { agent: string; usedBy: string[]; reason: string }[];
}

const CLIS = path.join(FIXTURES, 'agent-clis');
const config = { agents: { default: 'claude-code', byTaskType: { remove_skip: 'builtin', lint_fix: 'codex' }, fallback: ['codex'] } };

/** A PATH of one directory: `node` (the fakes' interpreter) plus the named fake CLIs. */
function pathDir(fakes: string[]): string {
  const dir = tempDir('agents-path');
  fs.symlinkSync(process.execPath, path.join(dir, 'node'));
  for (const f of fakes) fs.symlinkSync(path.join(CLIS, f), path.join(dir, f));
  return dir;
}

describe('atqos agents', () => {
  const repo = makeProject('agents', { '.github/atqos.yml': `${JSON.stringify(config)}\n` });

  it('lists the fake CLIs on PATH with their versions and the routes (exit 0)', async () => {
    const r = await atqos(['agents', '--json', '--repo', repo], repo, { PATH: pathDir(['claude', 'codex', 'cursor-agent']), ANTHROPIC_API_KEY: 'sk-ant-test-0000' });
    expect(r.code, r.stderr).toBe(0);
    const out = parseJsonOut<Out>(r);
    const byId = new Map(out.agents.map((a) => [a.id, a]));
    expect(byId.get('claude-code')).toMatchObject({ available: true, version: '2.1.197 (Claude Code)' });
    expect(byId.get('codex')).toMatchObject({ available: true, version: 'codex-cli 0.169.0' });
    expect(byId.get('builtin')?.available).toBe(true);
    expect(byId.get('command')?.available).toBe(false);
    expect(out.routing.find((x) => x.taskType === 'fix')).toEqual({ taskType: 'fix', agent: 'claude-code', source: 'default', fallback: ['codex'] });
    expect(out.routing.find((x) => x.taskType === 'remove_skip')).toMatchObject({ agent: 'builtin', source: 'byTaskType' });
    expect(out.missing).toEqual([]);
  });

  it('without the CLIs on PATH, names each missing agent and the settings that route to it (exit 1)', async () => {
    const r = await atqos(['agents', '--json', '--repo', repo], repo, { PATH: pathDir([]) });
    expect(r.code, r.stderr).toBe(1);
    const out = parseJsonOut<Out>(r);
    expect(out.agents.filter((a) => a.available).map((a) => a.id)).toEqual(['builtin']);
    expect(out.missing.map((m) => [m.agent, m.usedBy])).toEqual([
      ['claude-code', ['agents.default']],
      ['codex', ['agents.byTaskType.lint_fix', 'agents.fallback[0]']],
    ]);
    expect(out.missing[0]?.reason).toMatch(/`claude` was not found on PATH.*agents\.claude-code\.bin/);
  });

  it('prints a readable table without --json', async () => {
    const r = await atqos(['agents', '--repo', repo], repo, { PATH: pathDir(['claude']) });
    expect(r.stdout).toMatch(/^ {2}\* claude-code +2\.1\.197 \(Claude Code\)/m);
    expect(r.stdout).toMatch(/^ {2}fix +claude-code → codex {2}\(agents\.default\)$/m);
    expect(r.stdout).toContain('Configured but not available:');
    expect(r.code).toBe(1);
  });

  it('rejects a bad config with a usage error', async () => {
    const bad = makeProject('agents-bad', { '.github/atqos.yml': 'agents: { diagnose: 3, nonsense: true }\n' });
    const r = await atqos(['agents', '--repo', bad], bad);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/atqos: error: .*agents/);
  });
});
