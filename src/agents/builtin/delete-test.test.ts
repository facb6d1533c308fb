// The delete_test fixer on a real pytest project (fixtures/projects/skips), judged by pytest's own
// collection: exactly the target test disappears, every other test is still collected.
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
  const dir = tempDir('atqos-builtin-delete-');
  fs.cpSync(SKIPS, dir, { recursive: true });
  return dir;
}

function collected(dir: string): string[] {
  const run = spawnSync('python3', ['-m', 'pytest', '-p', 'no:cacheprovider', '--collect-only', '-q', FILE], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  return run.stdout.split('\n').filter((l) => l.includes('::'));
}

async function del(dir: string, nodeIds: string[]) {
  const request = makeRequest(dir, { type: 'delete_test', title: 'Delete obsolete test', targets: { files: [FILE], nodeIds } });
  return createBuiltinAgent().attempt(request, makeCtx(path.join(tempDir(), 'attempt-1')));
}

describe('builtin delete_test on a real pytest project', () => {
  it('deletes exactly the target function (every parametrized case of it) and keeps every other test', async () => {
    const dir = project();
    const before = collected(dir);
    const params = before.filter((id) => id.startsWith(`${FILE}::test_total_params[`));
    expect(params.length).toBeGreaterThan(1);
    const outcome = await del(dir, [`${FILE}::test_checkout_flaky`, params[0]!]);
    expect(outcome.result).toMatchObject({ status: 'fixed', summary: 'deleted 2 obsolete test(s)', filesChanged: [FILE] });
    const gone = new Set([`${FILE}::test_checkout_flaky`, ...params]);
    expect(collected(dir)).toEqual(before.filter((id) => !gone.has(id)));
    expect(fs.readFileSync(path.join(dir, FILE), 'utf8')).not.toMatch(/payment gateway timed out|def test_total_params/);
  });

  it('gives up and changes nothing when the target is not in the file, saying so', async () => {
    const dir = project();
    const before = snapshot(dir);
    const outcome = await del(dir, [`${FILE}::test_gone`, 'not-a-node-id']);
    expect(outcome.result).toMatchObject({
      status: 'gave_up',
      summary: `nothing deleted: ${FILE}::test_gone: no function test_gone in ${FILE} (already deleted?); not-a-node-id: not a pytest node id (path::[Class::]test_name[param])`,
    });
    expect(snapshot(dir)).toEqual(before);
  });
});
