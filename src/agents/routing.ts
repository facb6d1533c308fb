import { TaskType } from '../core/index.js';
import { AGENT_IDS } from './registry.js';

/** The routing part of the `agents` config section. */
export interface RoutingConfig {
  default: string;
  byTaskType: Readonly<Record<string, string>>;
  fallback: readonly string[];
}

/** Which agent a task type goes to first, why, and who is tried after it. */
export interface Route {
  taskType: string;
  agent: string;
  /** The setting that chose the agent. */
  source: 'byTaskType' | 'default';
  /** Agents tried next, in order (agents.fallback without the first agent). */
  fallback: string[];
}

/** An agent the config routes to that cannot run here, with every setting naming it. */
export interface MissingAgent {
  agent: string;
  usedBy: string[];
  reason: string;
}

/**
 * One route per task type (the known ones, then any extra `byTaskType` key, which no planned
 * task will ever carry and is marked as such by `unknownTaskTypes`).
 */
export function routeTaskTypes(config: RoutingConfig): Route[] {
  const types = [...TaskType.options, ...Object.keys(config.byTaskType).filter((t) => !isTaskType(t))];
  return types.map((taskType) => {
    const named = config.byTaskType[taskType];
    const agent = named ?? config.default;
    return { taskType, agent, source: named ? 'byTaskType' : 'default', fallback: config.fallback.filter((id) => id !== agent) };
  });
}

/** `byTaskType` keys that are not task types: a typo routes nothing. */
export function unknownTaskTypes(config: RoutingConfig): string[] {
  return Object.keys(config.byTaskType).filter((t) => !isTaskType(t));
}

/** Every agent the config names that `available` says cannot run, with the settings naming it. */
export function missingAgents(config: RoutingConfig, available: ReadonlyMap<string, { available: boolean; detail: string }>): MissingAgent[] {
  const usedBy = new Map<string, string[]>();
  const use = (id: string, key: string) => usedBy.set(id, [...(usedBy.get(id) ?? []), key]);
  use(config.default, 'agents.default');
  for (const [type, id] of Object.entries(config.byTaskType)) use(id, `agents.byTaskType.${type}`);
  config.fallback.forEach((id, i) => use(id, `agents.fallback[${i}]`));
  const missing: MissingAgent[] = [];
  for (const [agent, keys] of usedBy) {
    const probe = available.get(agent);
    if (probe?.available) continue;
    missing.push({ agent, usedBy: keys, reason: probe ? probe.detail : `unknown agent: use one of ${AGENT_IDS.join(', ')}` });
  }
  return missing;
}

function isTaskType(t: string): boolean {
  return (TaskType.options as readonly string[]).includes(t);
}
