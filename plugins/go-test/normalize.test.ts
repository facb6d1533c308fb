import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Finding } from '../../src/core/index.js';
import type { NormalizeOutput } from '../../src/plugin/contract.js';
import { normalize } from './normalize.js';
import type { CollectedRun } from './test-support.js';
import { collectIn, copyProject, goVerdicts, removeCopies } from './test-support.js';

const M = 'example.com/gomod';
let run: CollectedRun;
let out: NormalizeOutput;

beforeAll(async () => {
  run = await collectIn(copyProject('go-module'), {});
  out = normalize(run.input);
});
afterAll(removeCopies);

const finding = (nodeId: string) => out.findings.find((f) => f.scope.nodeId === nodeId);

describe('go-test normalize on the go-module fixture (real go test -json)', () => {
  it('reports every test and subtest with the outcome go gave it', () => {
    const go = goVerdicts(run.input.read('stream')!);
    const ours = new Map(out.tests.filter((t) => t.outcome !== 'error').map((t) => [t.nodeId, t.outcome]));
    expect(go.size).toBeGreaterThan(10);
    expect(ours).toEqual(new Map([...go].map(([id, a]) => [id, ({ pass: 'passed', fail: 'failed', skip: 'skipped' } as const)[a as 'pass']])));
    expect(out.tests.find((t) => t.nodeId === `${M}/calc::TestÜberName/日本語_case`)).toMatchObject({ outcome: 'passed', file: 'calc/calc_test.go' });
    expect(out.tests.find((t) => t.nodeId === `${M}/calc::TestSkipped`)).toMatchObject({ outcome: 'skipped', message: 'needs a database' });
  });

  it('is trustworthy and counts tests, subtests and package-level errors', () => {
    expect(out.trustworthy).toBe(true);
    // Hand-checked: 8 pass (TestAdd, 2 TestMul cases, TestÜberName and its case, TestFine, TestPasses,
    // TestSlow), 4 fail (TestSub, TestMul, its failing case, TestNilMap), 1 skip; + broken, mainexit.
    expect(out.counts).toMatchObject({ total: 13, passed: 8, failed: 4, skipped: 1, errors: 2 });
    const go = [...goVerdicts(run.input.read('stream')!).values()];
    expect(out.counts?.failed).toBe(go.filter((a) => a === 'fail').length);
    for (const f of out.findings) expect(Finding.safeParse(f).success).toBe(true);
  });

  it('turns an assertion failure into a test_failure at its _test.go line', () => {
    expect(finding(`${M}/calc::TestSub`)).toMatchObject({
      kind: 'test_failure', category: 'assertion', message: 'Sub(5, 3) = 8, want 2',
      scope: { file: 'calc/calc_test.go', line: 13, symbol: 'TestSub' },
      evidence: { sourceFiles: ['calc/calc.go'], details: { package: `${M}/calc`, testFile: 'calc/calc_test.go' } },
    });
  });

  it('blames the failing table case, not its parent, and keeps the hostile name verbatim', () => {
    expect(finding(`${M}/calc::TestMul/negative_(a*b)_[sign]`)).toMatchObject({ kind: 'test_failure', message: 'Mul(-2, 3) = 6, want -6', scope: { line: 30 } });
    expect(finding(`${M}/calc::TestMul`)).toBeUndefined();
  });

  it('reports a panic as a crash located in the code that panicked; later tests never ran', () => {
    expect(finding(`${M}/crash::TestNilMap`)).toMatchObject({ kind: 'test_error', category: 'crash', message: 'panic: assignment to entry in nil map', scope: { file: 'crash/crash.go', line: 5 } });
    expect(out.tests.some((t) => t.nodeId === `${M}/crash::TestAfterPanic`)).toBe(false);
  });

  it('reports the package that does not compile at the compiler\'s file and line', () => {
    const f = out.findings.find((x) => x.kind === 'collection_error');
    expect(f).toMatchObject({ scope: { file: 'broken/broken.go', line: 5, nodeId: `${M}/broken` }, severity: 'blocker', evidence: { details: { blocks: [`${M}/broken`] } } });
    expect(f?.message).toContain('cannot use "forty-two"');
  });

  it('reports a package that fails without a failing test (TestMain exit)', () => {
    expect(finding(`${M}/mainexit`)).toMatchObject({ kind: 'test_error', category: 'crash', evidence: { details: { packageLevel: true } } });
    expect(out.findings).toHaveLength(5);
  });

  it('gives the same fingerprints on a second real run in another directory', async () => {
    const again = normalize((await collectIn(copyProject('go-module'), {})).input);
    expect(again.findings.map((f) => f.fingerprint).sort()).toEqual(out.findings.map((f) => f.fingerprint).sort());
  });
});
