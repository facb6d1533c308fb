import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../src/core/index.js';
import type { TaskDraft } from '../../src/plugin/contract.js';
import { buildToolEnv, runCommand } from '../../src/runner/index.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { validation } from './validation.js';
import { isGoTestFile } from './test-files.js';
import { collectIn, copyProject, removeCopies } from './test-support.js';

const M = 'example.com/gomod';
let repo: string;
let drafts: TaskDraft[];

beforeAll(async () => {
  repo = copyProject('go-module');
  const out = normalize((await collectIn(repo, {})).input);
  drafts = plan({ findings: out.findings, options: {}, isTestFile: isGoTestFile });
});
afterAll(removeCopies);

async function runIn(dir: string, cmd: CommandSpec) {
  const base = path.join(dir, `.v-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const res = await runCommand({ argv: cmd.argv, cwd: path.resolve(dir, cmd.cwd ?? '.'), env: { ...buildToolEnv(process.env), ...cmd.env }, stdoutPath: `${base}.out`, stderrPath: `${base}.err`, timeoutMs: cmd.timeoutMs });
  return { exitCode: res.exitCode, stdout: fs.readFileSync(`${base}.out`, 'utf8') };
}

const task = (title: string) => drafts.find((d) => d.title.includes(title));

describe('go-test plan', () => {
  it('plans the build failure first, then one task per failing test file or package', () => {
    expect(drafts.map((d) => [d.type, d.title])).toEqual([
      ['fix', `Make ${M}/broken compile again`],
      ['fix', 'Fix the code under test for calc/calc_test.go'],
      ['fix', 'Fix the code under test for crash/crash_test.go'],
      ['update_test', 'Fix the test code in mainexit/main_test.go'],
    ]);
    // TestMain lives in the test file and the package has no other code: the test code must change,
    // and the whole package must pass.
    expect(task('mainexit')).toMatchObject({ allowedPaths: ['mainexit/main_test.go'], targets: { nodeIds: [`${M}/mainexit`] }, validation: { expect: 'exit-zero' } });
    expect(task('mainexit')!.validation.commands[0]!.argv.slice(-1)).toEqual([`${M}/mainexit`]);
    expect(task('broken')).toMatchObject({ allowedPaths: ['broken/broken.go'], priority: 0, validation: { expect: 'exit-zero' } });
  });

  it('lets a calc fix touch the code under test only, and targets the failing leaves', () => {
    expect(task('calc')).toMatchObject({
      allowedPaths: ['calc/calc.go'],
      targets: { files: ['calc/calc_test.go'], nodeIds: [`${M}/calc::TestMul/negative_(a*b)_[sign]`, `${M}/calc::TestSub`] },
      validation: { expect: 'targets-pass', repeat: 3 },
    });
  });

  it('validates with the real go: the exact hostile subtest runs and fails, then passes once fixed', async () => {
    const cmd = task('calc')!.validation.commands.find((c) => c.argv.some((a) => a.includes('negative')))!;
    const before = await runIn(repo, cmd);
    expect(before.exitCode).toBe(1);
    expect(before.stdout).toContain('=== RUN   TestMul/negative_(a*b)_[sign]');
    expect(before.stdout).not.toContain('TestMul/small_numbers');
    expect(before.stdout).not.toContain('TestSub');
    const src = path.join(repo, 'calc', 'calc.go');
    fs.writeFileSync(src, fs.readFileSync(src, 'utf8').replace('return -a * b', 'return a * b'));
    const after = await runIn(repo, cmd);
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toContain('--- PASS: TestMul/negative_(a*b)_[sign]');
  });

  it('never passes a validation whose target matched nothing or was skipped (go itself exits 0 then)', async () => {
    const gone = validation({ files: [], nodeIds: [`${M}/calc::TestMul/no_such_case`] }, {}).commands[0]!;
    const skipped = validation({ files: [], nodeIds: [`${M}/calc::TestSkipped`] }, {}).commands[0]!;
    const add = validation({ files: [], nodeIds: [`${M}/calc::TestAdd`] }, {}).commands[0]!;
    expect((await runIn(repo, gone)).exitCode).toBe(3);
    expect((await runIn(repo, skipped)).exitCode).toBe(3);
    expect((await runIn(repo, add)).exitCode).toBe(0);
  });

  it('validates the build fix with the real go: fails while broken, passes once it compiles', async () => {
    const [cmd] = task('broken')!.validation.commands;
    expect((await runIn(repo, cmd!)).exitCode).not.toBe(0);
    const src = path.join(repo, 'broken', 'broken.go');
    fs.writeFileSync(src, fs.readFileSync(src, 'utf8').replace('"forty-two"', '42'));
    expect((await runIn(repo, cmd!)).exitCode).toBe(0);
  });
});
