import type { TaskType, ValidationSpec } from '../../src/core/index.js';
import type { ValidationContext } from '../../src/plugin/contract.js';
import { looksLikeTestFile } from './inventory.js';
import { quarantineValidation } from './quarantine-validation.js';
import { addTestValidation } from './validation/index.js';

/**
 * `Plugin.validation`: an `add_test` is proven by the coverage check, a `quarantine` by its test
 * file running clean. Without a type (a caller that does not say), the shape tells them apart —
 * a quarantine names test node ids in test files; an add_test names a source module. The run's
 * flaky tests reach the add_test check, which leaves them out of its regression check.
 */
export function validation(targets: { files: string[]; nodeIds: string[] }, options: unknown, type?: TaskType, context?: ValidationContext): ValidationSpec {
  const quarantine = type ? type === 'quarantine' : targets.nodeIds.length > 0 && targets.files.length > 0 && targets.files.every(looksLikeTestFile);
  return quarantine ? quarantineValidation(targets.files, options) : addTestValidation(targets, options, context?.flakyTests);
}
