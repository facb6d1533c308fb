// Re-captures `__fixtures__/` (the inputs of the normalize/plan specs) from real pytest runs.
// Run on purpose only: ATQOS_CAPTURE=1 npx vitest run plugins/pytest/capture.test.ts
import { afterAll, describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';
import { PYTHONS, collectIn, copyProject, parseSummaryLine, removeCopies, saveCapture } from './test-support.js';

const PROJECTS = ['clean', 'demo', 'collection-error', 'env-error', 'hostile-names', 'teardown-error'];

afterAll(removeCopies);

describe.runIf(process.env['ATQOS_CAPTURE'] === '1')('capture real runs into __fixtures__', () => {
  for (const project of PROJECTS) {
    for (const python of PYTHONS) {
      const tag = python === 'python3' ? 'py-pyenv' : 'py-debian';
      it(`${project}.${tag}`, async () => {
        const run = await collectIn(copyProject(project), { python });
        const { total: _t, durationMs: _d, ...counts } = normalize(run.input).counts!;
        expect(counts).toEqual(parseSummaryLine(run.input.read('stdout') ?? ''));
        saveCapture(`${project}.${tag}`, run);
      });
    }
  }
});
