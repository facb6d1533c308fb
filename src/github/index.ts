export * from './publish-plan.js';
export * from './publisher/index.js';
export { buildPublishPlan } from './build-plan.js';
export * from './plan-input.js';
export { DASHBOARD_MARKER, findingMarker, metaComment, parseMarkers, parseMeta, PullRequestMeta, taskMarker } from './render/markers.js';
export type { BodyMarkers } from './render/markers.js';
export { cut, GITHUB_TEXT_LIMIT } from './render/markdown.js';
export { createOctokit } from './octokit.js';
export type { OctokitOptions } from './octokit.js';
