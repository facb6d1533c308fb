import fs from 'node:fs';
import path from 'node:path';
import type { ExecResult } from '../../src/runner/types.js';
import type { CollectContext, RawArtifact } from '../../src/plugin/contract.js';
import { skipAuditPythonDir } from './helper-dir.js';
import { readRound } from './outcomes.js';
import type { SkipAuditOptions } from './schema.js';
import type { UnskipTarget } from './select.js';
import { testId } from './inventory.js';

/** Artifact names of round `n` of the un-skipped runs. */
export const roundArtifacts = (n: number) => ({ junit: `unskip-junit-${n}`, report: `unskip-report-${n}` });

/** A path argument must never be read as an option. */
const asPathArg = (p: string) => (p.startsWith('-') ? `./${p}` : p);

/** The pytest command of one round: only the files on argv; which tests run is in the selection file. */
export function unskipArgv(options: SkipAuditOptions, junitPath: string, files: readonly string[]): string[] {
  return [
    options.python, '-m', 'pytest', '-p', 'atqos_unskip', '-p', 'no:cacheprovider', '--color=no', '-q', '-rA',
    '-o', 'junit_family=xunit2', `--junitxml=${junitPath}`, '--continue-on-collection-errors',
    '--', ...files.map(asPathArg),
  ];
}

function pythonPath(base: Readonly<Record<string, string>>): string {
  const existing = base['PYTHONPATH'];
  return existing ? `${skipAuditPythonDir()}${path.delimiter}${existing}` : skipAuditPythonDir();
}

/**
 * Runs the skipped tests with their skips lifted, up to `reruns` rounds; each round runs only the
 * tests that passed every earlier round (a stale skip must pass every time). Nothing is written
 * into the repo: the override is a plugin on PYTHONPATH and the files live in the run dir.
 */
export async function runUnskipped(ctx: CollectContext, options: SkipAuditOptions, targets: readonly UnskipTarget[]) {
  const artifacts: RawArtifact[] = [];
  const execs: Record<string, ExecResult> = {};
  let current = [...targets];
  for (let round = 1; round <= options.reruns && current.length > 0; round++) {
    const names = roundArtifacts(round);
    const rel = (file: string) => path.posix.join(ctx.rawDir, file);
    const abs = (file: string) => path.join(ctx.runDir, ctx.rawDir, file);
    const selection = abs(`unskip-selection-${round}.json`);
    fs.writeFileSync(selection, JSON.stringify({ root: ctx.repoDir, tests: current }));
    const files = [...new Set(current.map((t) => t.file))].sort();
    execs[`unskip-${round}`] = await ctx.exec(`unskip-${round}`, {
      argv: unskipArgv(options, abs(`unskip-${round}.xml`), files),
      cwd: '.',
      env: { PYTHONPATH: pythonPath(ctx.env), ATQOS_UNSKIP_SELECTION: selection, ATQOS_UNSKIP_REPORT: abs(`unskip-${round}.json`), PYTHONDONTWRITEBYTECODE: '1' },
      timeoutMs: Math.round(options.timeoutSec * 1000),
    });
    const junit = ctx.artifact(names.junit, rel(`unskip-${round}.xml`));
    const report = ctx.artifact(names.report, rel(`unskip-${round}.json`));
    artifacts.push(junit, report);
    const read = (a: RawArtifact) => (a.exists ? fs.readFileSync(path.join(ctx.runDir, a.path), 'utf8') : undefined);
    const result = readRound(read(junit), read(report));
    current = current.filter((t) => result.verdicts.get(testId(t.file, t.qualname))?.verdict === 'passed');
  }
  return { artifacts, execs };
}
