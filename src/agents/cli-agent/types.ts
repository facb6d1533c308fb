import type { Cost } from '../../core/index.js';
import type { AgentAdapter, AgentContext, AgentOutcome, AgentRequest, AgentResult } from '../contract.js';

/** Why a CLI agent's output holds no usable result, as its parser classifies it. */
export type OutputErrorKind = 'max_turns' | 'max_budget' | 'execution_error' | 'auth' | 'garbage' | 'no_result';

/** Output kinds plus how the process itself ended; the engine can route fallbacks on it. */
export type AgentErrorKind = OutputErrorKind | 'unavailable' | 'timeout' | 'interrupted' | 'crashed';

/** The exact process to start for one attempt. Pure data: built by each adapter's `buildInvocation`. */
export interface Invocation {
  /** argv[0] is the executable (`options.bin`). */
  argv: string[];
  /** Set on top of the context's environment; names only are recorded in invocation.json. */
  env: Record<string, string>;
  /** The prompt, when the CLI reads it from stdin. */
  stdin?: string;
}

/** What an adapter's pure `parseOutput` makes of the CLI's stdout. */
export interface ParsedOutput {
  result?: AgentResult;
  cost: Cost;
  sessionId?: string;
  turns?: number;
  /** A sentence saying what went wrong; absent when `result` is usable. */
  error?: string;
  errorKind?: OutputErrorKind;
  /** Files the CLI's own event stream says it changed (codex `file_change` items). */
  filesTouched?: string[];
}

/** An AgentOutcome with the classification and session id a CLI run adds. */
export interface CliAgentOutcome extends AgentOutcome {
  errorKind?: AgentErrorKind;
  sessionId?: string;
  filesTouched?: string[];
}

/** An AgentAdapter whose outcomes carry the CLI classification (usable wherever an AgentAdapter is). */
export interface CliAgentAdapter extends AgentAdapter {
  attempt(request: AgentRequest, ctx: AgentContext): Promise<CliAgentOutcome>;
}
