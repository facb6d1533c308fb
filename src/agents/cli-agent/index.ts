export { runCliAgent, judge, INVOCATION_FILE, PROMPT_FILE } from './run-cli-agent.js';
export type { CliRun } from './run-cli-agent.js';
export { buildPrompt } from './prompt.js';
export { extractResult } from './extract-result.js';
export type { AgentErrorKind, CliAgentAdapter, CliAgentOutcome, Invocation, OutputErrorKind, ParsedOutput } from './types.js';
