import { detect as detectPytest } from '../pytest/detect.js';

/**
 * Coverage applies wherever pytest does; it joins only the lanes in `COVERAGE_LANES` by itself
 * (an expensive extra), so the nightly lane stays the plain suite unless it lists `coverage`.
 */
export const detect = detectPytest;

export const COVERAGE_LANES = ['weekly', 'release'] as const;
