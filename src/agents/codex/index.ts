export { createCodexAgent } from './codex-agent.js';
export { CodexOptions } from './options.js';
export { buildInvocation, codexPaths, codexResultSchema } from './invocation.js';
export { parseOutput, CodexEvent } from './parse.js';
