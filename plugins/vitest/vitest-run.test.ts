import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Finding } from '../../src/core/index.js';
import { listTestsCommand, parseListedTests } from './inventory.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { isVitestTestFile } from './test-files.js';
import { validation } from './validation.js';
import { collectIn, copyProject, removeCopies, runIn, VITEST_COMMAND } from './test-support.js';
import type { CollectedRun } from './test-support.js';

const options = { command: VITEST_COMMAND };
const FAILING = 'tests/math.test.ts::math > adds two numbers';
const HOSTILE = `tests/math.test.ts::odd "names" (a|b)* > keeps 'quotes', [brackets] {2} $^ \\ + ? > arrows — ünïcødé ✓`;

/** vitest's own verdict, read from its JSON report independently of the plugin. */
function toolVerdict(run: CollectedRun, repoDir: string): Map<string, string> {
  const report = JSON.parse(run.input.read('report')!) as { testResults: { name: string; assertionResults: { ancestorTitles: string[]; title: string; status: string }[] }[] };
  const out = new Map<string, string>();
  for (const f of report.testResults) {
    for (const a of f.assertionResults) out.set(`${path.relative(repoDir, f.name)}::${[...a.ancestorTitles, a.title].join(' > ')}`, a.status);
  }
  return out;
}

describe('vitest plugin on the ts-app fixture (real vitest)', () => {
  let repo: string;
  let run: CollectedRun;
  beforeAll(async () => {
    repo = copyProject('ts-app');
    run = await collectIn(repo, options);
  });
  afterAll(removeCopies);

  it('reports exactly the tests and the failure vitest itself reports', () => {
    const out = normalize(run.input);
    expect(run.collect.exec?.exitCode).toBe(1);
    expect(out.trustworthy).toBe(true);
    const verdict = toolVerdict(run, repo);
    expect(new Map(out.tests.map((t) => [t.nodeId, t.outcome]))).toEqual(verdict);
    expect([...verdict.keys()]).toContain(HOSTILE);
    expect(out.counts).toMatchObject({ total: 4, passed: 3, failed: 1, errors: 0, skipped: 0 });
    expect(out.findings).toHaveLength(1);
    const f = Finding.parse(out.findings[0]);
    expect(f).toMatchObject({ tool: 'vitest', kind: 'test_failure', category: 'assertion', severity: 'high', scope: { file: 'tests/math.test.ts', line: 7, nodeId: FAILING } });
    expect(f.message).toContain('expected -1 to be 5');
    expect(f.message).not.toContain(repo);
    expect(f.evidence.details?.['importedSourceFiles']).toEqual(['src/math.ts']);
  });

  it('gives the same fingerprints for the same failure in another checkout', async () => {
    const other = await collectIn(copyProject('ts-app'), options);
    expect(normalize(other.input).findings.map((f) => f.fingerprint)).toEqual(normalize(run.input).findings.map((f) => f.fingerprint));
  });

  it('plans a fix of src/math.ts whose targeted re-run fails now and passes once the bug is fixed', async () => {
    const [task, ...rest] = plan({ findings: normalize(run.input).findings, options, isTestFile: isVitestTestFile });
    expect(rest).toEqual([]);
    expect(task).toMatchObject({ type: 'fix', tool: 'vitest', allowedPaths: ['src/math.ts'], targets: { files: ['tests/math.test.ts'], nodeIds: [FAILING] } });
    const [cmd] = task!.validation.commands;
    const before = await runIn(repo, cmd!);
    expect(before.exec.exitCode).not.toBe(0);
    const fixed = copyProject('ts-app');
    fs.writeFileSync(path.join(fixed, 'src/math.ts'), fs.readFileSync(path.join(fixed, 'src/math.ts'), 'utf8').replace('a - b', 'a + b'));
    const after = await runIn(fixed, cmd!);
    expect(after.stderr + after.stdout).toContain('1 target test(s) passed');
    expect(after.exec.exitCode).toBe(0);
  });

  it('re-runs a test with a hostile name by exact name, and never passes a name that selects nothing', async () => {
    const hostile = await runIn(repo, validation({ files: [], nodeIds: [HOSTILE] }, options).commands[0]!);
    expect(hostile.stdout).toContain('1 target test(s) passed');
    // Only the hostile test ran: the pattern matched its exact name, not its neighbours'.
    expect(hostile.stdout).toContain('Tests  1 passed | 2 skipped (3)');
    expect(hostile.exec.exitCode).toBe(0);
    const missing = await runIn(repo, validation({ files: [], nodeIds: ['tests/math.test.ts::math > no such test'] }, options).commands[0]!);
    expect(missing.stderr).toContain('did not run and pass');
    expect(missing.exec.exitCode).toBe(4);
  });

  it('lists the same test ids as the report for the inventory guard', async () => {
    const listed = await runIn(repo, listTestsCommand(options));
    expect(parseListedTests(listed.exec.exitCode, listed.stdout)).toEqual(normalize(run.input).tests.map((t) => t.nodeId).sort());
  });
});
