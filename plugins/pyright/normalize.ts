import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { parseOptions } from './schema.js';
import { parsePyrightReport } from './report.js';
import type { ParsedPyrightReport } from './report.js';
import { diagnosticFindings } from './findings.js';
import { processProblem, reportProblem } from './run-problem.js';
import { untrustedRun } from '../_lib/run-problem.js';

/**
 * `pyright --outputjson` → `type_error` findings (errors and warnings). Every analyzed file is one
 * check, failed when it has a finding. Pure.
 */
export function normalize(input: NormalizeInput): NormalizeOutput {
  const options = parseOptions(input.options);
  const roots = [input.runDir, input.repoDir];
  const reportArtifact = input.collect.artifacts.find((a) => a.name === 'report');
  const stdout = input.read('report');
  const stderr = input.read('stderr');
  const untrusted = untrustedRun('pyright', input, 'report');
  const exec = input.collect.exec;
  // Exit 3 still prints a report, made without the repo's config: it is not trusted either.
  const early = processProblem(exec, stderr, stdout, options.timeoutSec) ?? reportProblem(reportArtifact, input.runStartedAtMs);
  if (early) return untrusted(early);
  let parsed: ParsedPyrightReport;
  try {
    parsed = parsePyrightReport(stdout ?? '');
  } catch (err) {
    return untrusted({ key: 'bad-output', title: 'the pyright report is unreadable', message: `pyright's stdout is not its --outputjson report: ${(err as Error).message}` });
  }
  const { findings, notes } = diagnosticFindings(parsed.diagnostics, input.repoDir, reportArtifact?.path ?? 'raw/pyright/pyright.stdout', roots);
  const skipped = parsed.skipped.map((s) => `pyright: skipped an unreadable ${s}`);
  if (skipped.length) {
    return untrusted({ key: 'bad-records', title: 'the pyright report has unreadable diagnostics', message: `${skipped.length} diagnostic(s) of the pyright report could not be read, so its findings may be incomplete` }, [...notes, ...skipped], findings);
  }
  if (parsed.filesAnalyzed === 0) return untrusted({ key: 'no-files', title: 'pyright analyzed no files', message: 'pyright analyzed no source files: check plugins.pyright.paths and the include/exclude settings of the pyright config' }, notes);
  if (exec?.exitCode === 1 && parsed.errorCount === 0) return untrusted({ key: 'exit-1-no-error', title: 'pyright failed without an error', message: 'pyright exited 1 but its report counts no error: see its stderr' }, notes);
  const failed = new Set(findings.map((f) => f.scope.file)).size;
  const total = Math.max(parsed.filesAnalyzed, failed);
  return {
    findings, tests: [], notes, trustworthy: true,
    counts: { total, passed: total - failed, failed, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs: exec?.durationMs ?? 0 },
  };
}
