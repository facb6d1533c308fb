export { createCursorAgent } from './cursor-agent.js';
export { CursorAgentOptions } from './options.js';
export { buildInvocation, MAX_PROMPT_ARG_CHARS } from './invocation.js';
export { parseOutput, CursorResult } from './parse.js';
