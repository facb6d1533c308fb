export * from './report-input.js';
export * from './test-summary.js';
export * from './qa-report.js';
export * from './summary-md.js';
export * from './write-reports.js';
export * from './remediation-md.js';
export * from './cost-rollup.js';
