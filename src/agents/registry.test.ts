import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../core/index.js';
import { agentAllowEnv, createAgentRegistry, getAgent } from './registry.js';
import { fakeAgentsDir, makeCtx, makeRequest, tempDir, tempProject } from './test-support.js';
import { thrownBy } from '../core/test-support.js';

describe('agent registry', () => {
  it('always has builtin and the CLI agents; command only when its argv is configured', () => {
    expect([...createAgentRegistry({}).keys()].sort()).toEqual(['builtin', 'claude-code', 'codex', 'cursor-agent']);
    expect([...createAgentRegistry({ command: { argv: ['./agent'] } }).keys()].sort()).toEqual(['builtin', 'claude-code', 'codex', 'command', 'cursor-agent']);
  });

  it('gives each agent only its own keys (allowEnv) besides the tool allowlist', () => {
    expect(agentAllowEnv({}, 'claude-code')).toEqual(['ANTHROPIC_API_KEY']);
    expect(agentAllowEnv({}, 'codex')).toEqual(['OPENAI_API_KEY', 'CODEX_API_KEY']);
    expect(agentAllowEnv({ 'cursor-agent': { allowEnv: ['MY_CURSOR_KEY'] } }, 'cursor-agent')).toEqual(['MY_CURSOR_KEY']);
    expect(agentAllowEnv({ command: { argv: ['x'], allowEnv: ['A'] } }, 'command')).toEqual(['A']);
    expect(agentAllowEnv({}, 'builtin')).toEqual([]);
  });

  it('names the config key for an unknown agent id', () => {
    const registry = createAgentRegistry({});
    const err = thrownBy(() => getAgent(registry, 'gpt-fixer', 'agents.byTaskType.fix'));
    expect(err).toBeInstanceOf(AtqosError);
    expect(err.message).toContain('`agents.byTaskType.fix`');
    expect(err.message).toContain("'gpt-fixer'");
    expect(err.hint).toContain('builtin');
  });

  it('says to set agents.command.argv when command is selected but not configured', () => {
    const err = thrownBy(() => getAgent(createAgentRegistry({}), 'command', 'agents.default'));
    expect(err.message).toContain('agents.command.argv');
    expect(err.code).toBe('agent_unconfigured');
  });

  it('configures command from argv and env, resolving ./ against the repo dir', async () => {
    const registry = createAgentRegistry({ command: { argv: ['./lies.mjs'], env: { FAKE_AGENT_TARGET: 'src/calc.py' } } }, { repoDir: fakeAgentsDir });
    const outcome = await getAgent(registry, 'command').attempt(makeRequest(tempProject()), makeCtx(path.join(tempDir(), 'a1')));
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.filesChanged).toEqual(['src/calc.py']);
  });
});

