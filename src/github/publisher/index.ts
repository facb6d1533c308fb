export { publish } from './publish.js';
export type { PublishOptions } from './publish.js';
export { formatPublishResult } from './result.js';
export type { PublishAction, PublishActionName, PublishError, PublishKind, PublishResult } from './result.js';
export type { PublisherOctokit } from './request.js';
export { MAX_ANNOTATIONS_PER_REQUEST } from './check-runs.js';
export { ATQOS_LABEL } from './labels.js';
