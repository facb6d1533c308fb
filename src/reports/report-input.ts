import type { Finding, Run, Task, TestCounts, TestResult } from '../core/index.js';

/** How one plugin's tool fared in a run. */
export interface ToolOutcome {
  plugin: string;
  trustworthy: boolean;
  /** An audit (skip audit, flaky reruns), not a test run: it brings no counts of its own. */
  audit?: boolean;
  exitCode: number | null;
  durationMs: number;
  counts: TestCounts | undefined;
  notes: string[];
  /** Run-dir-relative paths of the raw artifacts it wrote. */
  artifacts: string[];
}

/** Everything the reports are built from. */
export interface ReportInput {
  run: Run;
  findings: Finding[];
  tests: TestResult[];
  tasks: Task[];
  tools: ToolOutcome[];
  /** `atqos run` only: attempts, accepted branches, checkpoint and stop reason. */
  remediation?: Record<string, unknown>;
}
