import { z } from 'zod';
import type { Cost } from '../../core/index.js';
import { AgentResult } from '../contract.js';
import { extractResult } from '../cli-agent/extract-result.js';
import type { ParsedOutput } from '../cli-agent/types.js';

const Count = z.number().int().nonnegative().catch(0);

const ClaudeUsage = z.object({
  input_tokens: Count.default(0),
  output_tokens: Count.default(0),
  cache_creation_input_tokens: Count.default(0),
  cache_read_input_tokens: Count.default(0),
});

/**
 * The object `claude -p --output-format json` prints (SDKResultMessage): field names as in the
 * CLI's own code (checked in @anthropic-ai/claude-code 2.1.197). Error subtypes carry `errors`
 * instead of `result`; API failures come as subtype `success` with `is_error: true`.
 */
export const ClaudeResult = z.object({
  type: z.literal('result'),
  subtype: z.string(),
  is_error: z.boolean(),
  result: z.string().optional(),
  structured_output: z.unknown().optional(),
  errors: z.array(z.string()).optional(),
  api_error_status: z.number().nullable().optional(),
  session_id: z.string().optional(),
  num_turns: Count.optional(),
  total_cost_usd: z.number().nonnegative().optional(),
  usage: ClaudeUsage.optional(),
});
export type ClaudeResult = z.infer<typeof ClaudeResult>;

const AUTH_TEXT = /api key|\/login|log ?in|authenticat|unauthori[sz]ed|credit balance/i;

/** What a Claude Code run printed, as an outcome. Pure: stdout in, result, cost and error out. */
export function parseOutput(stdout: string, _extra: { lastMessage?: string; stderr?: string } = {}): ParsedOutput {
  const message = findResult(stdout);
  if (!message) {
    return { cost: {}, errorKind: 'garbage', error: 'claude-code printed no result object (expected the JSON of --output-format json); see agent.stdout' };
  }
  const cost = costOf(message);
  const base: ParsedOutput = { cost, ...(message.session_id ? { sessionId: message.session_id } : {}), ...(cost.turns === undefined ? {} : { turns: cost.turns }) };
  const failure = failureOf(message);
  if (failure) return { ...base, ...failure };
  const structured = AgentResult.safeParse(message.structured_output);
  if (structured.success) return { ...base, result: structured.data };
  const extracted = extractResult(message.result ?? '');
  if (extracted.ok) return { ...base, result: extracted.result };
  return { ...base, errorKind: 'no_result', error: `claude-code finished but ${extracted.reason}; see agent.stdout` };
}

function findResult(stdout: string): ClaudeResult | undefined {
  const lines = stdout.split(/\r?\n/).filter((l) => l.trim().startsWith('{'));
  for (const text of [stdout.trim(), ...lines.reverse()]) {
    try {
      const parsed = ClaudeResult.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: try the next candidate
    }
  }
  return undefined;
}

function costOf(m: ClaudeResult): Cost {
  const u = m.usage;
  return {
    ...(m.total_cost_usd === undefined ? {} : { usd: m.total_cost_usd }),
    // Cache writes and reads are input too, billed at their own rates (included in the USD figure).
    ...(u ? { inputTokens: u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens, outputTokens: u.output_tokens } : {}),
    ...(m.num_turns === undefined ? {} : { turns: m.num_turns }),
  };
}

function failureOf(m: ClaudeResult): Pick<ParsedOutput, 'error' | 'errorKind'> | undefined {
  const detail = m.errors?.join('; ') || m.result || 'no detail given';
  switch (m.subtype) {
    case 'success':
      break;
    case 'error_max_turns':
      return { errorKind: 'max_turns', error: `claude-code stopped at its turn limit (--max-turns) after ${m.num_turns ?? '?'} turns; raise the task's budget.maxTurns or agents.claude-code.maxTurns` };
    case 'error_max_budget_usd':
      return { errorKind: 'max_budget', error: `claude-code stopped at the attempt's cost budget (--max-budget-usd) after spending $${m.total_cost_usd ?? '?'}` };
    case 'error_max_structured_output_retries':
      return { errorKind: 'no_result', error: `claude-code could not produce a result matching the result schema (--json-schema): ${detail}` };
    case 'error_during_execution':
      return { errorKind: 'execution_error', error: `claude-code failed during execution: ${detail}` };
    default:
      return { errorKind: 'execution_error', error: `claude-code ended with '${m.subtype}': ${detail}` };
  }
  if (!m.is_error) return undefined;
  if (m.api_error_status === 401 || m.api_error_status === 403 || AUTH_TEXT.test(detail)) {
    return {
      errorKind: 'auth',
      error: `claude-code could not authenticate (${detail}); set ANTHROPIC_API_KEY in the environment and keep it in agents.claude-code.allowEnv`,
    };
  }
  return { errorKind: 'execution_error', error: `claude-code reported an error: ${detail}` };
}
