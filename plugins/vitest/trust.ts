import type { Category, Finding } from '../../src/core/index.js';
import { nodeLaunchProblem, nodeRunFindings, reportFileProblem, signalProblem } from '../_lib/node-tool-trust.js';
import type { NodeRunInput } from '../_lib/node-tool-trust.js';
import { tailLf } from '../_lib/output-tail.js';
import type { RunProblem } from '../_lib/run-problem.js';

/** Everything the run verdict looks at. */
export interface TrustInput extends NodeRunInput {
  testsRun: number;
  /** Failed tests plus test files that could not load. */
  failures: number;
}

const p = (key: string, category: Category, title: string, message: string): RunProblem => ({ key, category, title, message });

function processProblem(i: TrustInput): RunProblem | undefined {
  const e = i.exec;
  const early = nodeLaunchProblem('vitest', e, i.timeoutSec, {
    start: 'install vitest in the repo (npm ci) or set plugins.vitest.command',
    timeout: 'raise plugins.vitest.timeoutSec or find the hanging test',
  });
  if (early || !e) return early;
  if (e.signal) return signalProblem('vitest', e.signal, 'out of memory, or a test killed its own process');
  if (e.exitCode === 0 || e.exitCode === 1) return undefined;
  return p(`exit-${e.exitCode}`, 'crash', `vitest exited with code ${e.exitCode}`, `vitest exited with unexpected code ${e.exitCode}: a test or the config called process.exit — see the end of its output`);
}

function reportProblem(i: TrustInput): RunProblem | undefined {
  const file = reportFileProblem('vitest', i, 'its config failed to load or it crashed before reporting — see the end of its output');
  if (file) return file;
  if (i.testsRun === 0 && i.failures === 0) return p('no-tests', 'tool', 'vitest ran no tests', 'vitest ran no tests: check plugins.vitest.testPaths/args and the include patterns of the vitest config');
  if (i.exec?.exitCode === 1 && i.failures === 0) return p('exit-1-no-failure', 'crash', 'vitest failed without a failing test', `vitest exited 1 but its report shows no failing test: an unhandled error, a coverage threshold or a config check failed the run — see the end of its output: ${tailLf(i.stderr || i.stdout, 1)}`);
  return undefined;
}

/** Findings about the run itself: crashed, timed out, no or a stale report, nothing ran. Empty = trustworthy. */
export function judgeRun(i: TrustInput): Finding[] {
  return nodeRunFindings('vitest', processProblem(i) ?? reportProblem(i), i);
}
