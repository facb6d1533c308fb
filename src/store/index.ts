export { openStore } from './open-store.js';
export type { Store, StoreOptions, StoreWarn } from './store.js';
export type { StoreTx, RunPatch, TaskPatch, AttemptPatch } from './store-tx.js';
export { StoredArtifact } from './stored-artifact.js';
export { RunRecorder, type RunRecorderOptions } from './recorder.js';
export { appendEventLines, readEventLog, repairEventLog } from './event-log.js';
export { listRuns, getRun } from './run-queries.js';
export {
  findingsForRun,
  tasksForRun,
  attemptsForTask,
  attemptsForRun,
  testResultsForRun,
  artifactsForRun,
  eventsForRun,
  testHistory,
  type TestHistoryEntry,
} from './queries.js';
export { importRun, type ImportCounts } from './import-run.js';
export { latestSchemaVersion } from './migrations/index.js';
