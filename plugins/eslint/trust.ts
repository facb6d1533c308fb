import type { Category, Finding } from '../../src/core/index.js';
import { nodeLaunchProblem, nodeRunFindings, reportFileProblem, signalProblem } from '../_lib/node-tool-trust.js';
import type { NodeRunInput } from '../_lib/node-tool-trust.js';
import type { RunProblem } from '../_lib/run-problem.js';

/** Everything the run verdict looks at. */
export interface TrustInput extends NodeRunInput {
  filesLinted: number;
  /** Error-level problems in the report (severity 2). */
  errors: number;
}

/** eslint's crash output starts with `Oops! Something went wrong!`; the useful line follows. */
function crashLine(stderr: string | undefined): string {
  const lines = (stderr ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => !/^Oops!|^ESLint: \d/.test(l)) ?? 'no output';
}

const p = (key: string, category: Category, title: string, message: string): RunProblem => ({ key, category, title, message });

function processProblem(i: TrustInput): RunProblem | undefined {
  const e = i.exec;
  const early = nodeLaunchProblem('eslint', e, i.timeoutSec, {
    start: 'install eslint in the repo (npm ci) or set plugins.eslint.command',
    timeout: 'raise plugins.eslint.timeoutSec or lint fewer paths (plugins.eslint.paths)',
  });
  if (early || !e) return early;
  if (e.signal) return signalProblem('eslint', e.signal, 'out of memory?');
  // Exit 2: a config or plugin error, a bad option, or no file matched — whatever the report says.
  if (e.exitCode === 2) return p('exit-2', 'crash', 'eslint failed', `eslint failed (exit 2): ${crashLine(i.stderr)} — fix the eslint config or plugins.eslint.paths/args`);
  if (e.exitCode !== 0 && e.exitCode !== 1) return p(`exit-${e.exitCode}`, 'crash', `eslint exited with code ${e.exitCode}`, `eslint exited with unexpected code ${e.exitCode}: see the end of its output`);
  return undefined;
}

function reportProblem(i: TrustInput): RunProblem | undefined {
  const file = reportFileProblem('eslint', i, `it stopped before writing it: ${crashLine(i.stderr)}`);
  if (file) return file;
  if (i.filesLinted === 0) return p('no-files', 'tool', 'eslint linted no files', 'eslint linted no files: check plugins.eslint.paths and the files/ignores of the eslint config');
  if (i.exec?.exitCode === 1 && i.errors === 0) return p('exit-1-no-error', 'tool', 'eslint failed without an error', 'eslint exited 1 but its report shows no error-level problem: a --max-warnings limit in plugins.eslint.args was exceeded, or eslint misreported — see its output');
  return undefined;
}

/** Findings about the run itself: crashed, no or a stale report, nothing linted. Empty = trustworthy. */
export function judgeRun(i: TrustInput): Finding[] {
  return nodeRunFindings('eslint', processProblem(i) ?? reportProblem(i), i);
}
