import fs from 'node:fs';
import { emptyCounts, ValidationReport } from '../../core/index.js';
import type { CommandSpec, TestCounts, ValidationRun } from '../../core/index.js';

/** Only the end of a command's stdout is read: the report is its last line. */
const TAIL_BYTES = 64 * 1024;

function tail(file: string): string {
  if (!fs.existsSync(file)) return '';
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const len = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, size - len);
    return buf.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The `ValidationReport` a validation command printed as its last stdout line, or undefined when
 * it printed none (most commands: pytest, go test). A line that looks like one but does not parse
 * is ignored rather than trusted: the exit code still decides.
 */
export function readValidationReport(stdoutFile: string): ValidationReport | undefined {
  const last = tail(stdoutFile).split('\n').map((l) => l.trim()).filter(Boolean).at(-1);
  if (!last?.startsWith('{') || !last.includes('atqos/validation-report@1')) return undefined;
  try {
    const parsed = ValidationReport.safeParse(JSON.parse(last));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The report of a validation command that declares one (`reports: true`), else undefined
 * whatever it printed: a pytest run's stdout carries what test code writes to fd 1, and that
 * must not become the attempt's coverage numbers or verdict.
 */
export function declaredValidationReport(cmd: CommandSpec, stdoutFile: string): ValidationReport | undefined {
  return cmd.reports ? readValidationReport(stdoutFile) : undefined;
}

/** A reported run as the result keeps it: `ok` as reported, else exit 0. */
export function reportedRuns(report: ValidationReport): ValidationRun[] {
  return report.runs.map(({ ok, ...r }) => ({ ...r, ok: ok ?? r.exitCode === 0 }));
}

/** The runs counted like tests: each run one, passed when it was ok, failed otherwise. */
export function countRuns(runs: readonly ValidationRun[]): TestCounts {
  const counts = emptyCounts();
  for (const r of runs) {
    counts.total += 1;
    if (r.ok) counts.passed += 1;
    else counts.failed += 1;
  }
  return counts;
}
