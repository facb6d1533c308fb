import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtqosError, Finding } from '../../src/core/index.js';
import type { CollectResult, NormalizeInput, NormalizeOutput } from '../../src/plugin/contract.js';
import { detect } from './detect.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { parseOptions } from './schema.js';
import { PYRIGHT, collectIn, copyProject, removeTemps, run, tempDir } from './test-support.js';

afterAll(removeTemps);

const options = { command: [PYRIGHT] };
const where = (f: Finding) => `${f.scope.file}:${f.scope.line}:${String(f.evidence.details?.['rule'])}`;

/** pyright's own verdict from its text output, read with nothing of the plugin's. */
async function pyrightItself(repo: string): Promise<string[]> {
  const { stdout } = await run([PYRIGHT, '.'], repo);
  return [...stdout.matchAll(/^\s+(\/\S+\.py):(\d+):\d+ - (?:error|warning): [\s\S]*?\((report\w+)\)$/gm)]
    .map((m) => `${path.relative(repo, m[1]!)}:${m[2]}:${m[3]}`).sort();
}

/** The same report with every diagnostic moved `n` lines down. */
function shifted(input: NormalizeInput, n: number): NormalizeInput {
  const report = JSON.parse(input.read('report')!) as { generalDiagnostics: { range: { start: { line: number }; end: { line: number } } }[] };
  for (const d of report.generalDiagnostics) {
    d.range.start.line += n;
    d.range.end.line += n;
  }
  const text = JSON.stringify(report);
  return { ...input, read: (name) => (name === 'report' ? text : input.read(name)) };
}

describe('pyright on the python-lint fixture project (real pyright)', () => {
  const repo = copyProject();
  let collect: CollectResult;
  let input: NormalizeInput;
  let out: NormalizeOutput;
  beforeAll(async () => {
    ({ collect, input } = await collectIn(repo, options));
    out = normalize(input);
  });

  it('reports exactly the errors and warnings pyright itself reports, and the ones worked out by hand', async () => {
    expect(collect.exec?.exitCode).toBe(1);
    expect(out.trustworthy).toBe(true);
    const got = out.findings.map(where).sort();
    expect(got).toEqual(await pyrightItself(repo));
    expect(got).toEqual([
      'src/inventory/report.py:17:reportReturnType',
      'src/inventory/report.py:3:reportUnusedImport',
      'src/inventory/report.py:4:reportUnusedImport',
      'src/inventory/stock.py:14:reportReturnType',
      'src/inventory/stock.py:26:reportOptionalMemberAccess',
      'src/inventory/stock.py:27:reportOptionalMemberAccess',
      'src/inventory/stock.py:31:reportOperatorIssue',
    ]);
    for (const f of out.findings) expect(Finding.safeParse(f).success).toBe(true);
    expect(out.findings.find((f) => f.scope.line === 3)).toMatchObject({
      severity: 'low',
      evidence: { details: { column: 8, url: 'https://microsoft.github.io/pyright/#/configuration?id=reportUnusedImport' } },
    });
    expect(out.counts).toMatchObject({ total: 5, passed: 3, failed: 2 });
  });

  it('keeps fingerprints when lines shift, and tells the two identical attribute errors apart', () => {
    const moved = normalize(shifted(input, 4)).findings;
    expect(moved.map((f) => f.scope.line)).toEqual(out.findings.map((f) => (f.scope.line ?? 0) + 4));
    expect(moved.map((f) => f.fingerprint)).toEqual(out.findings.map((f) => f.fingerprint));
    expect(new Set(out.findings.map((f) => f.fingerprint)).size).toBe(out.findings.length);
  });

  it('plans one type_fix per file whose validation passes only once that file is fixed', async () => {
    const tasks = plan({ findings: out.findings, options, isTestFile: () => false });
    expect(tasks.map((t) => [t.type, t.allowedPaths])).toEqual([['type_fix', ['src/inventory/report.py']], ['type_fix', ['src/inventory/stock.py']]]);
    const [reportTask, stockTask] = tasks;
    expect((await run(stockTask!.validation.commands[0]!, repo)).exitCode).toBe(1);
    const stock = path.join(repo, 'src/inventory/stock.py');
    fs.writeFileSync(stock, fs.readFileSync(stock, 'utf8')
      .replace('return ",".join(item.sku for item in items)', 'return sum(item.quantity for item in items)')
      .replace('    item = find(items, sku)\n', '    item = find(items, sku)\n    if item is None:\n        raise KeyError(sku)\n')
      .replace('"SKU " + item.quantity', '"SKU " + item.sku'));
    expect((await run(stockTask!.validation.commands[0]!, repo)).exitCode).toBe(0);
    // report.py: fixing the error alone is not enough, its unused-import warnings were findings too.
    const report = path.join(repo, 'src/inventory/report.py');
    fs.writeFileSync(report, fs.readFileSync(report, 'utf8').replace('return lines', 'return len(lines)'));
    expect((await run(reportTask!.validation.commands[0]!, repo)).exitCode).toBe(1);
    fs.writeFileSync(report, fs.readFileSync(report, 'utf8').replace('import os\nimport sys\n', ''));
    expect((await run(reportTask!.validation.commands[0]!, repo)).exitCode).toBe(0);
  });
});

describe('pyright runs that are never green', () => {
  const runProblem = (out: ReturnType<typeof normalize>) => [out.trustworthy, out.findings.map((f) => f.evidence.details?.['runProblem'])];

  it('a config file pyright cannot read (exit 3) is a tool_error, its config-less report is dropped', async () => {
    const repo = copyProject();
    fs.writeFileSync(path.join(repo, 'pyrightconfig.json'), '{ "include": [');
    const out = normalize((await collectIn(repo, options)).input);
    expect(runProblem(out)).toEqual([false, ['exit-3']]);
    expect(out.findings[0]?.message).toMatch(/could not be parsed/);
  });

  it('a path that does not exist, a missing executable and an empty project are tool_errors', async () => {
    const missingPath = normalize((await collectIn(copyProject(), { ...options, paths: ['nothere.py'] })).input);
    expect(missingPath.trustworthy).toBe(false);
    expect(missingPath.findings[0]?.message).toMatch(/does not exist/);
    const missingExe = normalize((await collectIn(copyProject(), { command: [path.join(tempDir('none'), 'pyright')] })).input);
    expect(runProblem(missingExe)).toEqual([false, ['start']]);
    expect(missingExe.findings[0]?.message).toMatch(/plugins\.pyright\.command/);
    const empty = normalize((await collectIn(tempDir('empty'), options)).input);
    expect(runProblem(empty)).toEqual([false, ['no-files']]);
  });

  it('output that is not a pyright report, or with unreadable diagnostics, is not trusted', async () => {
    const { input } = await collectIn(copyProject(), { command: ['/usr/bin/python3', '-c', 'print("Traceback: boom")'] });
    expect(runProblem(normalize(input))).toEqual([false, ['bad-output']]);
    const text = JSON.stringify({ generalDiagnostics: [{ file: 'x.py' }], summary: { filesAnalyzed: 1, errorCount: 1 } });
    const partial = normalize({ ...input, collect: { ...input.collect, exec: { ...input.collect.exec!, exitCode: 1 } }, read: (n) => (n === 'report' ? text : '') });
    expect(runProblem(partial)).toEqual([false, ['bad-records']]);
  });
});

describe('pyright options and detection', () => {
  it('detects only pyright\'s own config', async () => {
    const repoWith = (file: string, text: string) => {
      const dir = tempDir('detect');
      fs.writeFileSync(path.join(dir, file), text);
      return dir;
    };
    expect(await detect(repoWith('pyrightconfig.json', '{}'))).toBe(true);
    expect(await detect(repoWith('pyproject.toml', '[tool.pyright]\nstrict = ["src"]\n'))).toBe(true);
    expect(await detect(repoWith('pyproject.toml', '[tool.mypy]\n# pyright later\n'))).toBe(false);
    expect(await detect(repoWith('test_a.py', ''))).toBe(false);
  });

  it('defaults to `pyright .` and names unknown keys', () => {
    expect(parseOptions(undefined)).toEqual({ command: ['pyright'], args: [], paths: ['.'], timeoutSec: 1200 });
    expect(() => parseOptions({ level: 'basic' })).toThrow(AtqosError);
    expect(() => parseOptions({ level: 'basic' })).toThrow(/plugins\.pyright\.level/);
  });
});
