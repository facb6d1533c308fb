import { z } from 'zod';
import { extractResult } from '../cli-agent/extract-result.js';
import type { ParsedOutput } from '../cli-agent/types.js';

const Count = z.number().int().nonnegative().catch(0);

// Event shapes of `codex exec --json` (codex-rs/exec/src/exec_events.rs; names checked in the
// @openai/codex 0.169.0 binary). Only the fields used are declared; unknown events are skipped.
const Usage = z.object({ input_tokens: Count.default(0), cached_input_tokens: Count.default(0), output_tokens: Count.default(0) });
const ThreadStarted = z.object({ type: z.literal('thread.started'), thread_id: z.string() });
const TurnCompleted = z.object({ type: z.literal('turn.completed'), usage: Usage });
const TurnFailed = z.object({ type: z.literal('turn.failed'), error: z.object({ message: z.string() }) });
const StreamError = z.object({ type: z.literal('error'), message: z.string() });
const ItemCompleted = z.object({
  type: z.literal('item.completed'),
  item: z.object({
    type: z.string(),
    text: z.string().optional(),
    changes: z.array(z.object({ path: z.string() })).optional(),
    status: z.string().optional(),
  }),
});

/** One parsed `codex exec --json` event: a line of its JSONL stream. */
export const CodexEvent = z.discriminatedUnion('type', [ThreadStarted, TurnCompleted, TurnFailed, StreamError, ItemCompleted]);
export type CodexEvent = z.infer<typeof CodexEvent>;

const AUTH_TEXT = /\b401\b|\b403\b|unauthori[sz]ed|api key|not logged in|log ?in|authenticat/i;

interface Stream {
  events: number;
  threadId?: string;
  turns: number;
  inputTokens: number;
  outputTokens: number;
  failures: string[];
  errors: string[];
  lastMessage?: string;
  files: Set<string>;
}

/**
 * What a Codex run printed, as an outcome. Pure. Tokens are summed over turns (codex reports no
 * USD); the result is the final message (from `--output-last-message`, else the last
 * agent_message event) parsed as an AgentResult.
 */
export function parseOutput(stdout: string, extra: { lastMessage?: string; stderr?: string } = {}): ParsedOutput {
  const s = readStream(stdout);
  if (s.events === 0) return { cost: {}, errorKind: 'garbage', error: 'codex printed no JSONL events (expected the output of --json); see agent.stdout' };
  const base: ParsedOutput = {
    cost: { inputTokens: s.inputTokens, outputTokens: s.outputTokens, turns: s.turns },
    turns: s.turns,
    ...(s.threadId ? { sessionId: s.threadId } : {}),
    ...(s.files.size > 0 ? { filesTouched: [...s.files] } : {}),
  };
  const problem = s.failures.at(-1) ?? (s.turns === 0 ? s.errors.at(-1) : undefined);
  if (problem !== undefined) {
    if (AUTH_TEXT.test(problem)) {
      return { ...base, errorKind: 'auth', error: `codex could not authenticate (${problem}); set OPENAI_API_KEY or CODEX_API_KEY and keep it in agents.codex.allowEnv` };
    }
    return { ...base, errorKind: 'execution_error', error: `codex turn failed: ${problem}` };
  }
  const message = extra.lastMessage?.trim() || s.lastMessage;
  if (message === undefined) return { ...base, errorKind: 'no_result', error: 'codex finished without a final message; see agent.stdout' };
  const extracted = extractResult(message);
  if (extracted.ok) return { ...base, result: extracted.result };
  return { ...base, errorKind: 'no_result', error: `codex finished but ${extracted.reason}; see agent.stdout` };
}

function readStream(stdout: string): Stream {
  const s: Stream = { events: 0, turns: 0, inputTokens: 0, outputTokens: 0, failures: [], errors: [], files: new Set() };
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.trim().startsWith('{')) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof json === 'object' && json !== null && typeof (json as { type?: unknown }).type === 'string') s.events++;
    const event = CodexEvent.safeParse(json);
    if (event.success) apply(s, event.data);
  }
  return s;
}

function apply(s: Stream, e: CodexEvent): void {
  switch (e.type) {
    case 'thread.started':
      s.threadId = e.thread_id;
      break;
    case 'turn.completed':
      s.turns++;
      // cached_input_tokens is a part of input_tokens, not in addition to it.
      s.inputTokens += e.usage.input_tokens;
      s.outputTokens += e.usage.output_tokens;
      break;
    case 'turn.failed':
      s.turns++;
      s.failures.push(e.error.message);
      break;
    case 'error':
      s.errors.push(e.message);
      break;
    case 'item.completed':
      if (e.item.type === 'agent_message' && e.item.text !== undefined) s.lastMessage = e.item.text;
      if (e.item.type === 'file_change' && e.item.status !== 'failed') for (const c of e.item.changes ?? []) s.files.add(c.path);
      break;
  }
}
