export { resumeRun } from './resume-run.js';
export type { ResumeOptions } from './prepare-resume.js';
export type { PriorState } from './prior-state.js';
