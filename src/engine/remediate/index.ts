export * from './remediation-hook.js';
export * from './remediate.js';
export * from './checkpoint.js';
export * from './attempt-task.js';
export * from './validate-attempt.js';
export * from './schedule.js';
