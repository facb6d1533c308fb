export { createClaudeCodeAgent } from './claude-code-agent.js';
export { ClaudeCodeOptions } from './options.js';
export { buildInvocation, allowedTools, FIX_TOOLS, DENIED_TOOLS } from './invocation.js';
export { parseOutput, ClaudeResult } from './parse.js';
