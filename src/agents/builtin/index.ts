export { createBuiltinAgent } from './builtin-agent.js';
export type { BuiltinAgentOptions } from './builtin-agent.js';
export { FIXERS, createFixers, noop, noFixSummary } from './fixers.js';
export type { Fixer } from './fixers.js';
export { BuiltinOptions, DEFAULT_QUARANTINE_MARKER } from './options.js';
