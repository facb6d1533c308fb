// `atqos run` through the CLI with the builtin agent running a linter's own fixer: eslint --fix on
// a copy of ts-app, ruff check --fix (the ruff CLI around ruff's WebAssembly build) on a copy of
// python-lint. Guards and the validation (the linter re-run on the file) decide; an accepted fix
// lands on its task branch, a partial one (unfixable problems left) is rejected, never committed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, copyProject, gitStatus, readJson, removeTempDirs } from './support.js';
import { attemptDir, attemptsOf, branches, changedFiles, gitIn, runJson } from './run-support.js';
import type { Ran } from './run-support.js';

afterAll(removeTempDirs);

const NODE_MODULES = path.join(ROOT, 'node_modules');
const ESLINT = [process.execPath, path.join(NODE_MODULES, 'eslint', 'bin', 'eslint.js')];
const RUFF = path.join(ROOT, 'fixtures', 'ruff', 'bin', 'ruff');

/** A lane with only `plugin`, the builtin agent for everything. JSON is YAML. */
function config(plugin: string, options: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({
    defaultLane: 'lint',
    lanes: { lint: { plugins: [plugin] } },
    plugins: { [plugin]: options },
    agents: { default: 'builtin' },
    remediation: { maxAttempts: 2, attemptTimeoutSec: 120 },
    ...extra,
  }, null, 2)}\n`;
}

interface AgentResultFile { status: string; summary: string; filesChanged: string[] }
const resultOf = (ran: Ran, task: string, n: number) => readJson<AgentResultFile>(path.join(attemptDir(ran.out, task, n), 'result.json'));
const taskFor = (ran: Ran, file: string) => ran.out.remediation.tasks.find((t) => ran.out.tasks.find((p) => p.id === t.id)?.targets.files[0] === file)!;

describe('atqos run: eslint --fix through the builtin agent on ts-app', () => {
  let ran: Ran;
  beforeAll(async () => {
    const repo = copyProject('ts-app', {
      '.github/atqos.yml': config('eslint', { command: ESLINT }, { env: { set: { NODE_PATH: NODE_MODULES } } }),
      // Only a fixable problem: eslint --fix can finish this file's task on its own.
      'src/units.ts': "/** The unit for a count. */\nexport function unitOf(count: number): string {\n  let unit = count === 1 ? 'item' : 'items';\n  return unit;\n}\n",
    });
    ran = await runJson(repo);
  }, 300_000);

  it('plans one lint_fix task per file and runs eslint --fix on both with the builtin agent', () => {
    const { tasks, attempts } = ran.out.remediation;
    expect(tasks.map((t) => t.type), ran.result.stderr).toEqual(['lint_fix', 'lint_fix']);
    expect(attempts.every((a) => a.agent === 'builtin')).toBe(true);
  });

  it('fixes the file with only fixable problems: validated by eslint, committed on the task branch', () => {
    const task = taskFor(ran, 'src/units.ts');
    expect(task.status).toBe('succeeded');
    expect(attemptsOf(ran.out, task.id).map((a) => a.outcome)).toEqual(['accepted']);
    expect(resultOf(ran, task.id, 1)).toMatchObject({ status: 'fixed', filesChanged: ['src/units.ts'] });
    expect(branches(ran.repo, task.branch!)).toEqual([task.branch]);
    expect(changedFiles(ran.repo, task.branch!)).toEqual(['src/units.ts']);
    const diff = gitIn(ran.repo, ['diff', 'HEAD', task.branch!, '--', 'src/units.ts']);
    expect(diff).toContain("-  let unit = count === 1 ? 'item' : 'items';");
    expect(diff).toContain("+  const unit = count === 1 ? 'item' : 'items';");
    expect(gitIn(ran.repo, ['log', '-1', '--format=%B', task.branch!])).toMatch(/Validated by ATQOS: .*eslint\.js --max-warnings 0 -- src\/units\.ts/);
  });

  it('a file with an unfixable problem left is a partial fix, rejected by the validation and never committed', () => {
    const task = taskFor(ran, 'src/format.ts');
    expect(task.status).not.toBe('succeeded');
    expect(task.branch === null || branches(ran.repo, task.branch).length === 0).toBe(true);
    const attempts = attemptsOf(ran.out, task.id);
    expect(attempts.length).toBeGreaterThan(0);
    for (const a of attempts) {
      expect(a.outcome).toBe('rejected');
      expect(a.reason).toMatch(/^validation: /);
      const result = resultOf(ran, task.id, a.n);
      expect(result.status).toBe('partial');
      expect(result.summary).toMatch(/problems remain: .*eqeqeq/s);
      expect(fs.readFileSync(path.join(attemptDir(ran.out, task.id, a.n), 'diff.patch'), 'utf8')).toContain("+  const unit = 'items';");
    }
  });

  it("leaves the user's checkout as it was", () => {
    expect(gitStatus(ran.repo)).toBe('');
    expect(fs.readFileSync(path.join(ran.repo, 'src/units.ts'), 'utf8')).toContain('let unit');
  });
});

describe('atqos run: ruff check --fix through the builtin agent on python-lint', () => {
  let ran: Ran;
  beforeAll(async () => {
    const repo = copyProject('python-lint', {
      '.github/atqos.yml': config('ruff', { command: [RUFF] }),
      'src/inventory/tags.py': '"""Tags for items."""\n\nimport json\nfrom typing import Optional\n\n\ndef tag(name: str) -> str:\n    return name.strip().lower()\n',
    });
    ran = await runJson(repo);
  }, 300_000);

  it('fixes the unused imports (F401, safe fixes) with ruff --fix: validated by ruff, committed on the task branch', () => {
    const task = taskFor(ran, 'src/inventory/tags.py');
    expect(task?.status, ran.result.stderr).toBe('succeeded');
    const [attempt] = attemptsOf(ran.out, task.id);
    expect(attempt).toMatchObject({ agent: 'builtin', outcome: 'accepted' });
    expect(resultOf(ran, task.id, 1)).toMatchObject({ status: 'fixed', filesChanged: ['src/inventory/tags.py'] });
    expect(changedFiles(ran.repo, task.branch!)).toEqual(['src/inventory/tags.py']);
    const diff = gitIn(ran.repo, ['diff', 'HEAD', task.branch!]);
    expect(diff).toContain('-import json');
    expect(diff).toContain('-from typing import Optional');
    expect(gitIn(ran.repo, ['show', `${task.branch!}:src/inventory/tags.py`])).toContain('return name.strip().lower()');
    expect(gitIn(ran.repo, ['log', '-1', '--format=%B', task.branch!])).toMatch(/Validated by ATQOS: .*ruff check --no-cache --select F401 -- src\/inventory\/tags\.py/);
  });

  it('leaves tasks with rules ruff cannot fix safely to an LLM agent, untouched', () => {
    for (const file of ['src/inventory/report.py', 'src/inventory/legacy.py']) {
      const task = taskFor(ran, file);
      expect(task.status, file).not.toBe('succeeded');
      expect(attemptsOf(ran.out, task.id), file).toEqual([]);
    }
    expect(gitStatus(ran.repo)).toBe('');
  });
});
