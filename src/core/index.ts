export * from './finding.js';
export * from './test-result.js';
export * from './task.js';
export * from './attempt.js';
export * from './run.js';
export * from './errors.js';
export * from './fingerprint.js';
export * from './paths.js';
