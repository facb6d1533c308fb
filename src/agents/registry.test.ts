import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../core/index.js';
import { createAgentRegistry, getAgent } from './registry.js';
import { fakeAgentsDir, makeCtx, makeRequest, tempDir, tempProject } from './test-support.js';
import { thrownBy } from '../core/test-support.js';

describe('agent registry', () => {
  it('always has builtin; command only when its argv is configured', () => {
    expect([...createAgentRegistry({}).keys()]).toEqual(['builtin']);
    expect([...createAgentRegistry({ command: { argv: ['./agent'] } }).keys()].sort()).toEqual(['builtin', 'command']);
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

