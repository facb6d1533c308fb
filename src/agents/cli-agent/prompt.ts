import type { AgentRequest } from '../contract.js';
import { fenceJson } from '../fence.js';

/**
 * The prompt a CLI agent gets: the request's instructions (untrusted text already fenced) and a
 * trailer for non-interactive runs. The instructions speak of "the last line of stdout", which
 * for a CLI agent is its final message, so the trailer says so and repeats the schema.
 */
export function buildPrompt(request: AgentRequest, agentName: string): string {
  const trailer = [
    `## Finishing (${agentName}, non-interactive)`,
    'Nobody will answer questions during this run: decide on your own, within the allowed paths.',
    'End your FINAL message with the result as one JSON object on its own last line (no prose after it). It must match this JSON Schema:',
    fenceJson(request.resultSchema),
  ];
  return `${request.instructions.trimEnd()}\n\n${trailer.join('\n\n')}\n`;
}
