export { createBuiltinAgent } from './builtin-agent.js';
export { FIXERS, noop } from './fixers.js';
export type { Fixer } from './fixers.js';
