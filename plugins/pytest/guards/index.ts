import type { Guard } from '../../../src/guards/index.js';
import { assertionsKeptGuard } from './assertions-kept.js';
import { noNewSkipsGuard } from './no-new-skips.js';
import { noOutcomeTamperingGuard } from './no-outcome-tampering.js';

export { pytestProtectedPaths } from './protected.js';
export { noNewSkipsGuard, addedSkips } from './no-new-skips.js';
export { assertionsKeptGuard } from './assertions-kept.js';
export { noOutcomeTamperingGuard } from './no-outcome-tampering.js';

/**
 * pytest's own guards, run after the generic ones on every attempt at a pytest task. Which files
 * are tests comes with each input (`GuardInput.isTestFile`, from this repo's `python_files`).
 */
export const pytestGuards: readonly Guard[] = [noNewSkipsGuard, assertionsKeptGuard, noOutcomeTamperingGuard];
