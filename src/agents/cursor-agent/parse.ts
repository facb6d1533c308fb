import { z } from 'zod';
import { extractResult } from '../cli-agent/extract-result.js';
import { lastLineOf } from '../cli-agent/read-text.js';
import type { ParsedOutput } from '../cli-agent/types.js';

/**
 * The object `cursor-agent -p --output-format json` prints on success, per Cursor's
 * documentation (cursor.com/docs/cli/reference/output-format). On failure it prints no JSON,
 * exits non-zero and writes the error to stderr. It reports no cost and no tokens.
 */
export const CursorResult = z.object({
  type: z.literal('result'),
  subtype: z.string(),
  is_error: z.boolean(),
  result: z.string().default(''),
  session_id: z.string().optional(),
  duration_ms: z.number().nonnegative().optional(),
});
export type CursorResult = z.infer<typeof CursorResult>;

const AUTH_TEXT = /api key|CURSOR_API_KEY|log ?in|authenticat|unauthori[sz]ed/i;

/** What a Cursor Agent run printed, as an outcome. Pure; `stderr` classifies failures. */
export function parseOutput(stdout: string, extra: { lastMessage?: string; stderr?: string } = {}): ParsedOutput {
  const message = findResult(stdout);
  if (!message) return noJson(extra.stderr ?? '');
  const base: ParsedOutput = { cost: {}, ...(message.session_id ? { sessionId: message.session_id } : {}) };
  if (message.is_error || message.subtype !== 'success') {
    return { ...base, errorKind: 'execution_error', error: `cursor-agent ended with '${message.subtype}': ${lastLineOf(message.result) ?? 'no detail given'}` };
  }
  const extracted = extractResult(message.result);
  if (extracted.ok) return { ...base, result: extracted.result };
  return { ...base, errorKind: 'no_result', error: `cursor-agent finished but ${extracted.reason}; see agent.stdout` };
}

function findResult(stdout: string): CursorResult | undefined {
  const lines = stdout.split(/\r?\n/).filter((l) => l.trim().startsWith('{'));
  for (const text of [stdout.trim(), ...lines.reverse()]) {
    try {
      const parsed = CursorResult.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: try the next candidate
    }
  }
  return undefined;
}

function noJson(stderr: string): ParsedOutput {
  const said = lastLineOf(stderr);
  if (said && AUTH_TEXT.test(stderr)) {
    return { cost: {}, errorKind: 'auth', error: `cursor-agent could not authenticate (${said}); set CURSOR_API_KEY and keep it in agents.cursor-agent.allowEnv` };
  }
  return { cost: {}, errorKind: 'garbage', error: 'cursor-agent printed no result object (expected the JSON of --output-format json); see agent.stdout and agent.stderr' };
}
