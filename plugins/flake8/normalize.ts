import type { NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { untrustedRun } from '../_lib/run-problem.js';
import { violationFindings } from './findings.js';
import { parseFlake8Output } from './output.js';
import { exitProblem, processProblem, reportProblem, unreadablePathProblem, unreadProblem } from './run-problem.js';
import { parseOptions } from './schema.js';

/**
 * flake8's records → `lint_error` findings. flake8 does not say which files it found clean, so a
 * run counts as one check: passed when clean, failed when it found something. Pure.
 */
export function normalize(input: NormalizeInput): NormalizeOutput {
  const options = parseOptions(input.options);
  const roots = [input.runDir, input.repoDir];
  const stdoutArtifact = input.collect.artifacts.find((a) => a.name === 'output');
  const stderr = input.read('stderr');
  const untrusted = untrustedRun('flake8', input, 'output');
  const exec = input.collect.exec;
  const early = processProblem(exec, options.timeoutSec) ?? reportProblem(stdoutArtifact, input.runStartedAtMs);
  if (early) return untrusted(early);
  const code = exec!.exitCode!;
  if (code !== 0 && code !== 1) return untrusted(exitProblem(code, stderr));
  const parsed = parseFlake8Output(input.read('output') ?? '');
  const unreadable = parsed.violations.filter((v) => v.code === 'E902');
  const { findings, notes } = violationFindings(parsed.violations.filter((v) => v.code !== 'E902'), input.repoDir, stdoutArtifact?.path ?? 'raw/flake8/flake8.stdout', roots);
  if (unreadable.length) return untrusted(unreadablePathProblem(unreadable), notes, findings);
  if (parsed.badRecords.length) {
    const why = parsed.badRecords.map((b) => `flake8: skipped an unreadable record at ${b}`);
    return untrusted({ key: 'bad-records', title: 'the flake8 output has unreadable records', message: `${parsed.badRecords.length} flake8 record(s) could not be read, so its findings may be incomplete` }, [...notes, ...why], findings);
  }
  if (code === 1 && parsed.violations.length === 0) return untrusted(unreadProblem(stderr, parsed.unparsed), notes);
  const failed = parsed.violations.length > 0 ? 1 : 0;
  return {
    findings, tests: [], notes,
    counts: { total: 1, passed: 1 - failed, failed, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, durationMs: exec!.durationMs },
    trustworthy: true,
  };
}
