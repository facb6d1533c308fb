import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Finding } from '../../src/core/index.js';
import { createBuiltinAgent } from '../../src/agents/builtin/index.js';
import { makeCtx, makeRequest } from '../../src/agents/test-support.js';
import { normalize } from './normalize.js';
import { autofix, plan } from './plan.js';
import { collectIn, copyProject, ESLINT_COMMAND, removeCopies, runIn, tempDir, TOOL_ENV } from './test-support.js';

const options = { command: ESLINT_COMMAND };
const isTestFile = () => false;

interface RawMessage { ruleId: string | null; severity: number; line: number; fix?: unknown }

/** eslint's own problems, read from its JSON report independently of the plugin. */
function toolProblems(text: string, repoDir: string): string[] {
  const doc = JSON.parse(text) as { results: { filePath: string; messages: RawMessage[] }[] };
  return doc.results.flatMap((r) => r.messages.map((m) => `${path.relative(repoDir, r.filePath)}:${m.line} ${m.ruleId} ${m.severity === 2 ? 'medium' : 'low'}`)).sort();
}

const shown = (fs: Finding[]) => fs.map((f) => `${f.scope.file}:${f.scope.line} ${f.scope.symbol} ${f.severity}`).sort();

describe('eslint plugin on the ts-app fixture (real eslint)', () => {
  let repo: string;
  let run: Awaited<ReturnType<typeof collectIn>>;
  beforeAll(async () => {
    repo = copyProject('ts-app');
    run = await collectIn(repo, options);
  });
  afterAll(removeCopies);

  it('reports exactly the problems eslint itself reports, with rule docs and fixability', () => {
    const out = normalize(run.input);
    expect(run.collect.exec?.exitCode).toBe(1);
    expect(out.trustworthy).toBe(true);
    expect(shown(out.findings)).toEqual(toolProblems(run.input.read('report')!, repo));
    expect(shown(out.findings)).toEqual(['src/format.ts:3 prefer-const medium', 'src/format.ts:4 eqeqeq medium']);
    const [constF, eqF] = [...out.findings].sort((a, b) => a.scope.line! - b.scope.line!).map((f) => Finding.parse(f));
    expect(constF!.evidence.details).toMatchObject({ ruleId: 'prefer-const', ruleUrl: 'https://eslint.org/docs/latest/rules/prefer-const', fixable: true, column: 7 });
    expect(eqF!.evidence.details).toMatchObject({ ruleId: 'eqeqeq', fixable: false });
    expect(constF!.evidence.excerpt).toContain("> 3 |   let unit = 'items';");
    expect(out.counts).toMatchObject({ failed: 1, errors: 0 });
    expect(out.counts!.passed).toBe(out.counts!.total - 1);
  });

  it('keeps fingerprints when lines shift, and in another checkout', async () => {
    const shifted = copyProject('ts-app');
    const file = path.join(shifted, 'src/format.ts');
    fs.writeFileSync(file, `// a comment\n\n${fs.readFileSync(file, 'utf8')}`);
    const moved = normalize((await collectIn(shifted, options)).input).findings;
    expect(moved.map((f) => f.scope.line).sort()).toEqual([5, 6]);
    expect(moved.map((f) => f.fingerprint).sort()).toEqual(normalize(run.input).findings.map((f) => f.fingerprint).sort());
  });

  it('plans one lint_fix task per file whose autofix fixes what it can and whose validation judges the file', async () => {
    const tasks = plan({ findings: normalize(run.input).findings, options, isTestFile });
    expect(tasks).toHaveLength(1);
    const task = tasks[0]!;
    expect(task).toMatchObject({ type: 'lint_fix', tool: 'eslint', allowedPaths: ['src/format.ts'], targets: { files: ['src/format.ts'], nodeIds: ['src/format.ts::prefer-const'] } });
    const fix = autofix(task.targets, options)!;
    expect(fix.argv.slice(-3)).toEqual(['--fix', '--', 'src/format.ts']);

    const work = copyProject('ts-app');
    const file = path.join(work, 'src/format.ts');
    expect((await runIn(work, fix)).exitCode).toBe(1); // eqeqeq has no automatic fix
    expect(fs.readFileSync(file, 'utf8')).toContain("const unit = 'items';");
    const [check] = task.validation.commands;
    expect((await runIn(work, check!)).exitCode).toBe(1);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('count == 1', 'count === 1'));
    expect((await runIn(work, check!)).exitCode).toBe(0);
    fs.rmSync(file);
    expect((await runIn(work, check!)).exitCode).toBe(2); // deleting the file is no fix
  });

  it('through the builtin agent, eslint --fix on the mixed file is a partial fix (its exit 1 is no error)', async () => {
    const [task] = plan({ findings: normalize(run.input).findings, options, isTestFile });
    const work = copyProject('ts-app');
    const request = makeRequest(work, { type: 'lint_fix', targets: task!.targets, allowedPaths: task!.allowedPaths, validation: task!.validation.commands, autofix: [autofix(task!.targets, options)!], timeoutMs: 120_000 });
    const attemptDir = path.join(tempDir('attempt'), 'attempt-1');
    const outcome = await createBuiltinAgent().attempt(request, makeCtx(attemptDir, { ...TOOL_ENV }));
    expect(outcome.result).toMatchObject({ status: 'partial', filesChanged: ['src/format.ts'] });
    expect(outcome.result?.summary).toMatch(/problems remain: .*--max-warnings 0 -- src\/format\.ts` exited with 1 .*eqeqeq/s);
    expect(fs.readFileSync(path.join(work, 'src/format.ts'), 'utf8')).toContain("const unit = 'items';");
  });

  it('offers no autofix when nothing is fixable', () => {
    const unfixable = normalize(run.input).findings.filter((f) => f.scope.symbol === 'eqeqeq');
    const [task] = plan({ findings: unfixable, options, isTestFile });
    expect(task!.targets.nodeIds).toEqual([]);
    expect(autofix(task!.targets, options)).toBeUndefined();
  });
});
