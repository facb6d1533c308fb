import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildToolEnv, runCommand } from '../../src/runner/index.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { validation } from './validation.js';
import { collectIn, copyProject, removeTemps, ruffCli, stored, storedDir, tempDir } from './test-support.js';

afterAll(removeTemps);

const exitCodeJs = fileURLToPath(new URL('../../fixtures/bin/exit-code.js', import.meta.url));

const storedViolations = JSON.parse(stored('python-lint.json')) as { filename: string; code: string; location: { row: number } }[];

describe('the stored reports', () => {
  it('are what the real linter reports today (fixtures/ruff/capture.mjs re-captures them)', async () => {
    const out = tempDir('capture');
    const res = await runCommand({ argv: [process.execPath, path.join(storedDir, 'capture.mjs'), out], cwd: out, env: buildToolEnv(process.env), stdoutPath: path.join(out, 'o'), stderrPath: path.join(out, 'e') });
    expect(res.exitCode).toBe(0);
    for (const name of ['python-lint.json', 'syntax-error.json']) expect(fs.readFileSync(path.join(out, name), 'utf8'), name).toBe(stored(name));
  });
});

describe('ruff collect (the ruff CLI around the real linter)', () => {
  it('runs `ruff check --output-format json` in the repo and normalizes what it printed', async () => {
    const repo = copyProject();
    const { collect, input } = await collectIn(repo, { command: [ruffCli] });
    expect(collect.exec?.exitCode).toBe(1);
    expect(collect.exec?.argv.slice(1)).toEqual(['check', '--output-format', 'json', '--no-cache', '--', '.']);
    const out = normalize(input);
    expect(out.trustworthy).toBe(true);
    const got = out.findings.map((f) => `${f.scope.file}:${f.scope.line}:${String(f.evidence.details?.['rule'])}`).sort();
    expect(got).toEqual(storedViolations.map((v) => `${v.filename.replace('/home/dev/python-lint/', '')}:${v.location.row}:${v.code}`).sort());
    // ruff's absolute paths (inside the temp copy) become repo-relative.
    expect(out.findings.every((f) => f.scope.file?.startsWith('src/inventory/'))).toBe(true);
  });

  it('a clean path gives a trusted, passing run', async () => {
    const repo = copyProject();
    const out = normalize((await collectIn(repo, { command: [ruffCli], paths: ['src/inventory/money.py'] })).input);
    expect(out).toMatchObject({ trustworthy: true, findings: [], counts: { passed: 1, failed: 0 } });
  });

  it('a usage error (exit 2) is a tool_error, never green', async () => {
    const repo = copyProject();
    const out = normalize((await collectIn(repo, { command: [ruffCli], args: ['--bogus'] })).input);
    expect(out.trustworthy).toBe(false);
    expect(out.findings.map((f) => [f.kind, f.evidence.details?.['runProblem']])).toEqual([['tool_error', 'exit-2']]);
    expect(out.findings[0]?.message).toMatch(/unexpected argument '--bogus'/);
  });

  it('a config ruff rejects (an unknown rule selector) is exit 2 and a tool_error quoting ruff', async () => {
    const repo = copyProject();
    fs.writeFileSync(path.join(repo, 'ruff.toml'), '[lint]\nselect = ["F", "XYZ9"]\n');
    const run = await collectIn(repo, { command: [ruffCli] });
    expect(run.collect.exec?.exitCode).toBe(2);
    const out = normalize(run.input);
    expect(out.trustworthy).toBe(false);
    expect(out.findings.map((f) => f.evidence.details?.['runProblem'])).toEqual(['exit-2']);
    expect(out.findings[0]?.message).toMatch(/XYZ9/);
  });

  it('a missing executable is a tool_error that names plugins.ruff.command', async () => {
    const repo = copyProject();
    const out = normalize((await collectIn(repo, { command: [path.join(tempDir('none'), 'ruff')] })).input);
    expect(out.trustworthy).toBe(false);
    expect(out.findings[0]).toMatchObject({ kind: 'tool_error', evidence: { details: { runProblem: 'start' } } });
    expect(out.findings[0]?.message).toMatch(/plugins\.ruff\.command/);
  });

  it('a report that is not JSON (another --output-format) is a tool_error', async () => {
    const repo = copyProject();
    // A wrapper that prints text and exits 1, as a misconfigured `command` would.
    const out = normalize((await collectIn(repo, { command: [exitCodeJs, '1'] })).input);
    expect(out.trustworthy).toBe(false);
    expect(out.findings.map((f) => [f.kind, f.evidence.details?.['runProblem']])).toEqual([['tool_error', 'bad-output']]);
  });
});

describe('ruff validation commands, run for real', () => {
  it('fail while the task\'s violations remain and pass on a file without them', async () => {
    const repo = copyProject();
    const out = normalize((await collectIn(repo, { command: [ruffCli] })).input);
    const task = plan({ findings: out.findings, options: { command: [ruffCli] }, isTestFile: () => false }).find((t) => t.targets.files[0] === 'src/inventory/report.py')!;
    const run = async (files: string[]) => {
      const cmd = validation({ files, nodeIds: task.targets.nodeIds }, { command: [ruffCli] }).commands[0]!;
      const dir = tempDir('validation');
      const res = await runCommand({ argv: cmd.argv, cwd: repo, env: buildToolEnv(process.env), stdoutPath: path.join(dir, 'out'), stderrPath: path.join(dir, 'err') });
      return { exitCode: res.exitCode, stdout: fs.readFileSync(path.join(dir, 'out'), 'utf8') };
    };
    const remaining = await run(task.targets.files);
    expect(remaining.exitCode).toBe(1);
    expect(remaining.stdout).toMatch(/F401/);
    expect((await run(['src/inventory/money.py'])).exitCode).toBe(0);
  });
});
