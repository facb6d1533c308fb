import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';
import { collectIn, copyProject, removeCopies, VITEST_COMMAND } from './test-support.js';
import type { CollectedRun } from './test-support.js';

afterAll(removeCopies);

function verdict(run: CollectedRun, read = run.input.read) {
  const out = normalize({ ...run.input, read });
  return { out, problems: out.findings.filter((f) => f.kind === 'tool_error').map((f) => f.evidence.details?.['runProblem']) };
}

describe('a vitest run that cannot be trusted is never green', () => {
  it('reports a missing executable as a tool error naming the setting', async () => {
    const run = await collectIn(copyProject('ts-app'), { command: ['/nonexistent/bin/vitest'] });
    const { out, problems } = verdict(run);
    expect(out.trustworthy).toBe(false);
    expect(out.counts).toBeUndefined();
    expect(problems).toEqual(['start']);
    expect(out.findings[0]!.message).toContain('plugins.vitest.command');
  });

  it('reports a config that crashes vitest (no report)', async () => {
    const repo = copyProject('ts-app');
    fs.writeFileSync(path.join(repo, 'vitest.config.ts'), "throw new Error('config exploded');\n");
    const run = await collectIn(repo, { command: VITEST_COMMAND });
    const { out, problems } = verdict(run);
    expect(run.collect.exec?.exitCode).not.toBe(0);
    expect(out.trustworthy).toBe(false);
    expect(problems).toEqual(['no-report']);
    expect(out.findings[0]!.evidence.excerpt).toContain('config exploded');
  });

  it('reports a run that selects no test file', async () => {
    const run = await collectIn(copyProject('ts-app'), { command: VITEST_COMMAND, testPaths: ['no-such-dir'] });
    const { out } = verdict(run);
    expect(out.trustworthy).toBe(false);
    expect(out.findings.map((f) => f.kind)).toEqual(['tool_error']);
  });

  it('reports vitest killed mid-run as a crash, and a malformed or stale report as untrusted', async () => {
    const repo = copyProject('ts-app');
    // The forks pool's worker kills its parent: vitest itself dies without a report.
    fs.writeFileSync(path.join(repo, 'tests/kill.test.ts'), "import { it } from 'vitest';\nit('kills vitest', () => { process.kill(process.ppid, 'SIGKILL'); });\n");
    const crashed = verdict(await collectIn(repo, { command: VITEST_COMMAND }));
    expect(crashed.out.trustworthy).toBe(false);
    expect(crashed.problems).toEqual(['signal-SIGKILL']);

    const good = await collectIn(copyProject('ts-app'), { command: VITEST_COMMAND });
    const malformed = verdict(good, (name) => (name === 'report' ? '{"numTotalTests": 4, "testRes' : good.input.read(name)));
    expect(malformed.problems).toEqual(['bad-report']);
    expect(malformed.out.trustworthy).toBe(false);
    const notReport = verdict(good, (name) => (name === 'report' ? '[1, 2, 3]' : good.input.read(name)));
    expect(notReport.problems).toEqual(['bad-report']);
    const stale = normalize({ ...good.input, runStartedAtMs: Date.now() + 60_000 });
    expect(stale.trustworthy).toBe(false);
    expect(stale.tests).toEqual([]);
    expect(stale.findings.map((f) => f.evidence.details?.['runProblem'])).toEqual(['stale-report']);
  });

  it('reports a test file that cannot load as a collection error, not a green file', async () => {
    const repo = copyProject('ts-app');
    fs.writeFileSync(path.join(repo, 'tests/broken.test.ts'), "import { gone } from '../src/gone.js';\nimport { it } from 'vitest';\nit('uses gone', () => gone());\n");
    const run = await collectIn(repo, { command: VITEST_COMMAND });
    const out = normalize(run.input);
    expect(out.trustworthy).toBe(true);
    const broken = out.findings.find((f) => f.scope.file === 'tests/broken.test.ts');
    expect(broken).toMatchObject({ kind: 'collection_error', severity: 'blocker' });
    expect(broken!.message).toContain('../src/gone.js');
    expect(out.counts).toMatchObject({ failed: 1, errors: 1 });
  });
});
