import type { Plugin } from '../../src/plugin/contract.js';
import { detect } from '../pytest/detect.js';
import { listTestsCommand, parseListedTests } from '../pytest/list-tests.js';
import { collect } from './collect.js';
import { normalizeWithQuarantined } from './normalize-quarantined.js';
import { plan } from './plan.js';
import { SkipAuditOptions, parseOptions } from './schema.js';
import { validation } from './validation.js';

export { SkipAuditOptions, parseOptions } from './schema.js';
export { collect } from './collect.js';
export { normalize } from './normalize.js';
export { normalizeWithQuarantined } from './normalize-quarantined.js';
export { plan } from './plan.js';
export { validation } from './validation.js';

/**
 * Skip audit (pytest): inventories skips statically, runs skipped tests with the skips lifted,
 * and reports stale, unjustified and always-true skips and obsolete tests; deletes tests it
 * quarantined long ago that are still obsolete. An expensive extra:
 * it joins the weekly and release lanes by itself, others only when configured.
 */
export const skipAuditPlugin: Plugin = {
  id: 'skip-audit',
  description: 'pytest skip audit: stale, unjustified and always-true skips; obsolete tests (old permanent skips, removed imports) quarantined, and deleted once quarantined deleteAfterDays and still obsolete',
  detect,
  lanes: ['weekly', 'release'],
  parseOptions,
  optionsSchema: SkipAuditOptions,
  collect,
  normalize: normalizeWithQuarantined,
  plan,
  validation,
  // delete_test tasks make tests disappear: the inventory guard checks that only the targets did.
  inventory: { command: (options) => listTestsCommand({ python: parseOptions(options).python }), parse: parseListedTests },
};
