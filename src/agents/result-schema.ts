import { z } from 'zod';
import { AgentResult } from './contract.js';

let cached: Record<string, unknown> | undefined;

/**
 * JSON Schema of the line an agent must print last (`AgentRequest.resultSchema`). Input side:
 * fields with defaults, such as `filesChanged`, may be left out.
 */
export function agentResultJsonSchema(): Record<string, unknown> {
  cached ??= {
    title: 'ATQOS agent result',
    ...(z.toJSONSchema(AgentResult, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
  };
  return structuredClone(cached);
}
