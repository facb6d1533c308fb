// The builtin fixers on a real pytest project (fixtures/projects/skips), judged by real pytest.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeCtx, makeRequest, snapshot, tempDir } from '../test-support.js';
import { createBuiltinAgent } from './builtin-agent.js';

const SKIPS = fileURLToPath(new URL('../../../fixtures/projects/skips/', import.meta.url));
const FILE = 'tests/test_skips.py';

function project(): string {
  const dir = tempDir('atqos-builtin-skips-');
  fs.cpSync(SKIPS, dir, { recursive: true });
  return dir;
}

/** pytest's one-line verdicts (`PASSED tests/...`, `XFAIL tests/...`) for `nodeIds`. */
function pytest(dir: string, ...nodeIds: string[]): string {
  const run = spawnSync('python3', ['-m', 'pytest', '-p', 'no:cacheprovider', '-rA', '-q', ...nodeIds], { cwd: dir, encoding: 'utf8' });
  return run.stdout;
}

async function attempt(dir: string, type: 'remove_skip' | 'quarantine', nodeIds: string[], title = 'task') {
  const request = makeRequest(dir, { type, title, targets: { files: [FILE], nodeIds } });
  return createBuiltinAgent().attempt(request, makeCtx(path.join(tempDir(), 'attempt-1')));
}

describe('builtin fixers on a real pytest project', () => {
  it('un-skips a stale skip: the test then passes and is not reported skipped', async () => {
    const dir = project();
    const id = `${FILE}::test_total_stale_skip`;
    expect(pytest(dir, id)).toMatch(/1 skipped/);
    const outcome = await attempt(dir, 'remove_skip', [id]);
    expect(outcome.result).toMatchObject({ status: 'fixed', filesChanged: [FILE] });
    const after = pytest(dir, id);
    expect(after).toMatch(/1 passed/);
    expect(after).not.toMatch(/skipped/);
    // The other skips in the file are still there.
    expect(pytest(dir, FILE)).toMatch(/3 skipped/);
  });

  it('un-skips a multi-line aliased skipif: the needed skip now fails, proving the right marker went', async () => {
    const dir = project();
    const id = `${FILE}::test_discount_needed_skip`;
    await attempt(dir, 'remove_skip', [id]);
    expect(pytest(dir, id)).toMatch(/FAILED tests\/test_skips.py::test_discount_needed_skip/);
  });

  it('removes a pytest.skip() call opening the body', async () => {
    const dir = project();
    const id = `${FILE}::test_total_skip_call`;
    expect((await attempt(dir, 'remove_skip', [id])).result?.status).toBe('fixed');
    expect(pytest(dir, id)).toMatch(/PASSED tests\/test_skips.py::test_total_skip_call/);
  });

  it('un-xfails a parametrized test named by a hostile parameter id', async () => {
    const dir = project();
    const outcome = await attempt(dir, 'remove_skip', [`${FILE}::test_total_params[a::b[(.*)+?]$]`]);
    expect(outcome.result?.status).toBe('fixed');
    expect(pytest(dir, `${FILE}::test_total_params`)).toMatch(/2 passed/);
  });

  it('reports a class-level skip as partial and changes nothing', async () => {
    const dir = project();
    const before = snapshot(dir);
    const outcome = await attempt(dir, 'remove_skip', [`${FILE}::TestLegacyCart::test_legacy_total`]);
    expect(outcome.result?.status).toBe('partial');
    expect(outcome.result?.notes).toMatch(/the class carries `@pytest.mark.skip\(reason="the legacy cart is gone"\)`/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('gives up, saying why, on a test without a skip or a node id that is not in the file', async () => {
    const dir = project();
    const before = snapshot(dir);
    const none = await attempt(dir, 'remove_skip', [`${FILE}::TestCart::test_cart_empty`]);
    expect(none.result).toMatchObject({ status: 'gave_up', summary: expect.stringMatching(/none of the target tests carries a skip/) });
    const missing = await attempt(dir, 'remove_skip', [`${FILE}::test_gone`, 'tests/nope.py::test_x']);
    expect(missing.result?.summary).toBe(`nothing to un-skip: ${FILE}::test_gone: no function test_gone in ${FILE}; tests/nope.py::test_x: tests/nope.py does not exist`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a node id pointing outside the worktree', async () => {
    const outcome = await attempt(project(), 'remove_skip', ['../../etc/passwd::test_x']);
    expect(outcome.error).toMatch(/the target '..\/..\/etc\/passwd' is outside the task's worktree/);
  });

  it('quarantines a failing test as a non-strict xfail, once', async () => {
    const dir = project();
    const id = `${FILE}::test_checkout_flaky`;
    expect(pytest(dir, id)).toMatch(/1 failed/);
    const title = 'flaky test test_checkout_flaky (https://github.com/o/r/issues/9)';
    const first = await attempt(dir, 'quarantine', [id], title);
    expect(first.result).toMatchObject({ status: 'fixed', filesChanged: [FILE] });
    expect(fs.readFileSync(path.join(dir, FILE), 'utf8')).toContain(
      '\n\n@pytest.mark.xfail(reason="quarantined by ATQOS: flaky test test_checkout_flaky (https://github.com/o/r/issues/9)", strict=False)\ndef test_checkout_flaky():',
    );
    expect(pytest(dir, id)).toMatch(/XFAIL tests\/test_skips.py::test_checkout_flaky - quarantined by ATQOS/);
    const before = snapshot(dir);
    const again = await attempt(dir, 'quarantine', [id], 'flaky again');
    expect(again.result).toMatchObject({ status: 'gave_up', summary: 'already quarantined' });
    expect(snapshot(dir)).toEqual(before);
  });

  it('uses a configured marker template', async () => {
    const dir = project();
    const id = `${FILE}::TestCart::test_cart_empty`;
    const agent = createBuiltinAgent({ quarantineMarker: '@pytest.mark.flaky_quarantine(reason="quarantined by ATQOS {reason}", issue="{issue}")' });
    const request = makeRequest(dir, { type: 'quarantine', title: 'flaky', findings: ['0123456789abcdef0123'], targets: { files: [FILE], nodeIds: [id] } });
    expect((await agent.attempt(request, makeCtx(path.join(tempDir(), 'a')))).result?.status).toBe('fixed');
    expect(fs.readFileSync(path.join(dir, FILE), 'utf8')).toContain('    @pytest.mark.flaky_quarantine(reason="quarantined by ATQOS flaky", issue="atqos finding 0123456789ab")\n    def test_cart_empty(self):');
  });
});
