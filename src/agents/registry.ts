import { AtqosError } from '../core/index.js';
import type { AgentAdapter } from './contract.js';
import { createBuiltinAgent } from './builtin/index.js';
import { createCommandAgent } from './command/index.js';

/** What the registry reads from the `agents` config section (`AgentsConfig` in src/config fits). */
export interface AgentRegistryConfig {
  command?: { argv: readonly string[]; env?: Readonly<Record<string, string>> } | undefined;
}

export const AGENT_IDS = ['builtin', 'command'] as const;

/**
 * Every adapter the config makes available, by id. `command` exists only when
 * `agents.command.argv` is set; `repoDir` is what a relative argv[0] resolves against.
 */
export function createAgentRegistry(config: AgentRegistryConfig, opts: { repoDir?: string } = {}): Map<string, AgentAdapter> {
  const registry = new Map<string, AgentAdapter>();
  registry.set('builtin', createBuiltinAgent());
  if (config.command) {
    const { argv, env } = config.command;
    registry.set('command', createCommandAgent({ argv, ...(env ? { env } : {}), ...(opts.repoDir ? { baseDir: opts.repoDir } : {}) }));
  }
  return registry;
}

/** The adapter for `id`; `configKey` is the setting that named it, for the error message. */
export function getAgent(registry: ReadonlyMap<string, AgentAdapter>, id: string, configKey = 'agents'): AgentAdapter {
  const agent = registry.get(id);
  if (agent) return agent;
  if (id === 'command') {
    throw new AtqosError('agent_unconfigured', `\`${configKey}\` selects the agent 'command', but \`agents.command.argv\` is not set`, {
      hint: 'set agents.command.argv in .github/atqos.yml to the executable to run, e.g. ["./scripts/agent"]',
    });
  }
  throw new AtqosError('agent_unknown', `\`${configKey}\` names an unknown agent '${id}'`, {
    hint: `use one of: ${[...AGENT_IDS].join(', ')}`,
  });
}
