export { writePublishPlan, PLAN_FILE } from './write-publish-plan.js';
export type { PublishContext, WritePlanOptions, WrittenPlan } from './write-publish-plan.js';
export { gatherAcceptedFixes } from './accepted-fixes.js';
export type { GatherInput, GatheredFixes } from './accepted-fixes.js';
export { fixFiles } from './fix-files.js';
export { laneHistory, isTrustworthy } from './lane-history.js';
export type { LaneHistory } from './lane-history.js';
export { readRunRecord } from './run-record.js';
export type { RunRecord } from './run-record.js';
