import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildToolEnv, runCommand } from '../../src/runner/index.js';
import { listTestsCommand, parseListedTests } from './inventory.js';
import { copyProject, removeCopies } from './test-support.js';

afterAll(removeCopies);

const M = 'example.com/gomod';

describe('go-test inventory', () => {
  it('lists the top-level tests of every package that builds, with real go test -list', async () => {
    const repo = copyProject('go-module');
    const cmd = listTestsCommand(undefined);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-go-inv-'));
    const res = await runCommand({ argv: cmd.argv, cwd: repo, env: { ...buildToolEnv(process.env), ...cmd.env }, stdoutPath: path.join(out, 'o'), stderrPath: path.join(out, 'e') });
    const ids = parseListedTests(res.exitCode, fs.readFileSync(res.stdoutPath, 'utf8'));
    expect(ids).toEqual([
      `${M}/calc::TestAdd`, `${M}/calc::TestMul`, `${M}/calc::TestSkipped`, `${M}/calc::TestSub`, `${M}/calc::TestÜberName`,
      `${M}/crash::TestAfterPanic`, `${M}/crash::TestFine`, `${M}/crash::TestNilMap`,
      `${M}/mainexit::TestPasses`, `${M}/slow::TestSlow`,
    ]);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('never takes summary lines for tests, and gives undefined when go listed no package', () => {
    expect(parseListedTests(1, 'TestA\nok  \tm/a\t0.01s\n?   \tm/b\t[no test files]\nFAIL\tm/c [build failed]\nFAIL\n')).toEqual(['m/a::TestA']);
    expect(parseListedTests(1, 'go: cannot find main module\n')).toBeUndefined();
    expect(parseListedTests(null, 'TestA\nok  \tm/a\t0.01s\n')).toBeUndefined();
  });
});
