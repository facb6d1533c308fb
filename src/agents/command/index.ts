export { createCommandAgent, REQUEST_ENV } from './command-agent.js';
export type { CommandAgentOptions } from './command-agent.js';
export { parseResultLine, NO_RESULT } from './parse-result.js';
