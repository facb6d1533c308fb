import type { ArtifactRef, Finding } from '../../src/core/index.js';
import type { NormalizeInput, NormalizeOutput, RawArtifact } from '../../src/plugin/contract.js';
import { parseChurn } from '../coverage/churn.js';
import { gapFinding } from '../coverage/findings.js';
import { parseCoverageReport } from '../coverage/formats/index.js';
import type { CoverageData, CoverageFormat } from '../coverage/formats/index.js';
import { IMPORT_TIME_ADVICE } from '../coverage/import-time.js';
import { rankGaps } from '../coverage/priority.js';
import { gapSummary } from '../coverage/summary.js';
import { reportArtifacts, reportLabel } from '../junit/normalize.js';
import { ingestInventory } from './inventory.js';
import { mergeCoverage } from './merge.js';
import { asCoverageOptions, coverageIngestOptionsParser } from './options.js';
import { reportProblemFinding } from './report-finding.js';

/** One coverage report format ingested by its own plugin. */
export interface CoverageIngestFormat {
  /** Plugin id and `--format` name. */
  id: string;
  format: CoverageFormat;
  /** How users call the format, e.g. `Cobertura XML`. */
  label: string;
}

/** Always said: a coverage report alone cannot make a run green. */
export const NO_TEST_RESULTS_NOTE =
  'a coverage report holds no test results: no test is counted, so this run cannot be green on its own — ingest the suite\'s JUnit or CTRF report for the test results';

interface Read { data: CoverageData[]; problems: Finding[]; notes: string[] }

function readReports(input: NormalizeInput, fmt: CoverageIngestFormat, reports: readonly RawArtifact[]): Read {
  const out: Read = { data: [], problems: [], notes: [] };
  const seen = new Map<string, string>();
  for (const artifact of reports) {
    const label = reportLabel(artifact);
    const text = input.read(artifact.name);
    const parsed = text === undefined ? { ok: false as const, error: 'the file is missing from the run directory' } : parseCoverageReport(text, fmt.format, { repoDir: input.repoDir });
    if (!parsed.ok) {
      out.problems.push(reportProblemFinding(
        fmt.id, label, parsed.error, `${fmt.label} report ${label} could not be read`,
        `${label}: ${parsed.error}. No coverage is counted from any report of this run (a partial measurement shows false gaps): check that the tool finished writing a complete ${fmt.label} report, then ingest it again.`,
        [{ path: artifact.path, description: `${fmt.label} report that did not parse` }],
      ));
      continue;
    }
    const twin = seen.get(text!);
    if (twin !== undefined) out.notes.push(`${label} is identical to ${twin}: counted once`);
    else seen.set(text!, label);
    out.data.push(parsed.data);
  }
  return out;
}

const untrusted = (findings: Finding[], notes: string[]): NormalizeOutput => ({ findings, tests: [], counts: undefined, trustworthy: false, audit: true, notes });

/**
 * Ingested coverage reports → the coverage plugin's module inventory, `coverage_gap` findings and
 * `coverage-gap-summary.json`. Several reports merge into one measurement. Pure. A report that
 * does not parse, or that measures no file of this repo, makes the run untrustworthy, with no gaps.
 */
export function coverageIngestNormalizer(fmt: CoverageIngestFormat): (input: NormalizeInput) => NormalizeOutput {
  const parseOptions = coverageIngestOptionsParser(fmt.id);
  return (input) => {
    const options = asCoverageOptions(parseOptions(input.options));
    const reports = reportArtifacts(input.collect.artifacts);
    if (!reports.length) return untrusted([], [`no ${fmt.label} report was given: nothing measured, not green`]);
    const read = readReports(input, fmt, reports);
    const notes = [...read.notes, NO_TEST_RESULTS_NOTE];
    if (read.problems.length) return untrusted(read.problems, notes);
    const data = mergeCoverage(read.data);
    const refs: ArtifactRef[] = reports.map((a) => ({ path: a.path, description: `${fmt.label} report` }));
    const names = reports.map(reportLabel).join(', ');
    if (!Object.keys(data.files).length) {
      const sample = data.outside.slice(0, 3).join(', ');
      return untrusted([reportProblemFinding(
        fmt.id, names, 'no file of this repo', `${fmt.label} report measures no file of this repo`,
        `${names}: none of the ${data.outside.length} measured file(s) lies in ${input.repoDir}${sample ? ` (${sample}${data.outside.length > 3 ? ', …' : ''})` : ''}: run \`atqos ingest\` with --repo set to the checkout the report was measured in, or make the report's paths relative to the repo root.`,
        refs,
      )], notes);
    }
    notes.push(...data.notes.slice(0, 10));
    if (data.outside.length) notes.push(`${data.outside.length} measured file(s) outside the repo ignored`);
    const churnExec = input.collect.execs?.['churn'];
    if (churnExec && churnExec.exitCode !== 0) notes.push('git log failed (not a git checkout?): churn counts as 0');
    const entries = ingestInventory(data, options, parseChurn(input.read('churn')));
    for (const e of entries.filter((x) => x.importedEarly)) {
      notes.push(`${e.path} looks imported before coverage started: its first statement reads as missed while later lines ran, so its ${e.file.percent.toFixed(1)}% is too low — ${IMPORT_TIME_ADVICE}`);
    }
    const gaps = entries.filter((e) => e.status !== 'covered');
    // The coverage plugin's fingerprint (tool `coverage`, kind, path): the same gap is one issue
    // whichever way it was measured. Only `tool` says where it came from.
    const findings = gaps.map((e) => ({ ...gapFinding(e, options.churnDays, refs), tool: fmt.id }));
    const summary = gapSummary(entries, rankGaps(gaps), new Date(input.runStartedAtMs).toISOString(), options.churnDays);
    return { findings, tests: [], counts: undefined, trustworthy: true, audit: true, notes, reports: { 'coverage-gap-summary.json': summary } };
  };
}
