export { runCommand, DEFAULT_MAX_BYTES, DEFAULT_KILL_GRACE_MS } from './run-command.js';
export { runCaptured } from './run-captured.js';
export type { CapturedResult, CapturedSpec } from './run-captured.js';
export { buildToolEnv, DEFAULT_ALLOWED_ENV } from './env.js';
export type { ToolEnvOptions } from './env.js';
export { killAllChildren } from './process-group.js';
export { childProcessCount, childProcessTimeMs, childSpawnTimeMs } from './child-time.js';
export type { ExecSpec, ExecResult } from './types.js';
export { processesUnder, killProcessesUnder } from './orphans.js';
