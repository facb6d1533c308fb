import { AtqosError } from '../core/index.js';
import type { AgentAdapter } from './contract.js';
import { createBuiltinAgent } from './builtin/index.js';
import { BuiltinOptions } from './builtin/options.js';
import { createCommandAgent } from './command/index.js';
import { createClaudeCodeAgent, ClaudeCodeOptions } from './claude-code/index.js';
import { createCodexAgent, CodexOptions } from './codex/index.js';
import { createCursorAgent, CursorAgentOptions } from './cursor-agent/index.js';
import type { z } from 'zod';

/** What the registry reads from the `agents` config section (`AgentsConfig` in src/config fits). */
export interface AgentRegistryConfig {
  command?: { argv: readonly string[]; env?: Readonly<Record<string, string>> } | undefined;
  builtin?: z.input<typeof BuiltinOptions> | undefined;
  'claude-code'?: z.input<typeof ClaudeCodeOptions> | undefined;
  codex?: z.input<typeof CodexOptions> | undefined;
  'cursor-agent'?: z.input<typeof CursorAgentOptions> | undefined;
}

export const AGENT_IDS = ['builtin', 'command', 'claude-code', 'codex', 'cursor-agent'] as const;

/**
 * The environment names each agent may receive besides the tool allowlist (its API keys). An
 * agent's keys reach its own process only, never a tool's or another agent's.
 */
export function agentAllowEnv(config: AgentRegistryConfig & { command?: { allowEnv?: readonly string[] } | undefined }, id: string): string[] {
  if (id === 'command') return [...(config.command?.allowEnv ?? [])];
  if (id === 'claude-code') return ClaudeCodeOptions.parse(config['claude-code'] ?? {}).allowEnv;
  if (id === 'codex') return CodexOptions.parse(config.codex ?? {}).allowEnv;
  if (id === 'cursor-agent') return CursorAgentOptions.parse(config['cursor-agent'] ?? {}).allowEnv;
  return [];
}

/**
 * Every adapter the config makes available, by id. `command` exists only when
 * `agents.command.argv` is set; `repoDir` is what a relative argv[0] resolves against.
 */
export function createAgentRegistry(config: AgentRegistryConfig, opts: { repoDir?: string } = {}): Map<string, AgentAdapter> {
  const registry = new Map<string, AgentAdapter>();
  registry.set('builtin', createBuiltinAgent(BuiltinOptions.parse(config.builtin ?? {})));
  // The CLI agents are always offered: a missing binary fails its attempt with a hint naming
  // agents.<id>.bin, and agents.fallback moves on to the next agent.
  registry.set('claude-code', createClaudeCodeAgent(ClaudeCodeOptions.parse(config['claude-code'] ?? {})));
  registry.set('codex', createCodexAgent(CodexOptions.parse(config.codex ?? {})));
  registry.set('cursor-agent', createCursorAgent(CursorAgentOptions.parse(config['cursor-agent'] ?? {})));
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
