// A test that runs no project code and is already quarantined (passes under its ATQOS xfail) is
// still obsolete, with the same fingerprint, but is never planned for quarantine again: skip-audit
// turns its old quarantine into a delete_test. Real coverage.py run on fixtures/projects/coverage-gaps.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/core/index.js';
import type { NormalizeOutput } from '../../src/plugin/contract.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { collectIn, DEBIAN_PYTHON, gitProject, removeTemps } from './test-support.js';

const ID = 'tests/test_strings.py::test_upper';
const MARKER = '@pytest.mark.xfail(reason="quarantined by ATQOS: Quarantine obsolete test: it executes no project code (atqos finding 0123456789ab)", strict=False)';

let out: NormalizeOutput;

beforeAll(async () => {
  const repo = gitProject('coverage-gaps');
  const file = path.join(repo, 'tests/test_strings.py');
  const source = fs.readFileSync(file, 'utf8');
  expect(source).toContain('def test_upper():');
  fs.writeFileSync(file, `import pytest\n${source.replace('def test_upper():', `${MARKER}\ndef test_upper():`)}`);
  const run = await collectIn(repo, { python: DEBIAN_PYTHON });
  out = normalize(run.input);
}, 180_000);

afterAll(removeTemps);

describe('an obsolete test already quarantined', () => {
  it('is still reported obsolete (it xpassed), with the fingerprint it had before quarantine', () => {
    const obsolete = out.findings.filter((f) => f.kind === 'obsolete_test');
    expect(obsolete.map((f) => [f.scope.nodeId, f.fingerprint, f.evidence.details?.['xpassed']])).toEqual([[ID, fingerprint(['coverage', 'obsolete_test', ID]), true]]);
    expect(obsolete[0]!.message).toContain('passed (under its xfail marker) without executing a single line');
  });

  it('gets no second quarantine task; the add_test tasks are unchanged', () => {
    const tasks = plan({ findings: out.findings, options: { python: DEBIAN_PYTHON }, isTestFile: (p) => p.startsWith('tests/') });
    expect(tasks.filter((t) => t.type !== 'add_test')).toEqual([]);
    expect(tasks.map((t) => t.type)).toContain('add_test');
  });
});
