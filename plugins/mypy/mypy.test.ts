import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Finding } from '../../src/core/index.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { validation } from './validation.js';
import { MYPY, collectIn, copyProject, removeTemps, run, tempDir } from './test-support.js';

afterAll(removeTemps);

const options = { command: [MYPY] };
const where = (f: Finding) => `${f.scope.file}:${f.scope.line}:${String(f.evidence.details?.['rule'])}`;

/** mypy's own verdict in its default output format, read with nothing of the plugin's. */
async function mypyItself(repo: string): Promise<string[]> {
  const { stdout } = await run([MYPY, '--cache-dir=/dev/null', '.'], repo);
  return [...stdout.matchAll(/^(\S+\.py):(\d+): error: .*\[([a-z-]+)\]$/gm)].map((m) => `${m[1]}:${m[2]}:${m[3]}`).sort();
}

describe('mypy on the python-lint fixture project (real mypy 1.0)', () => {
  it('reports exactly the errors mypy itself reports, and the ones worked out by hand', async () => {
    const repo = copyProject();
    const { collect, input } = await collectIn(repo, options);
    expect(collect.exec?.exitCode).toBe(1);
    const out = normalize(input);
    expect(out.trustworthy).toBe(true);
    const got = out.findings.map(where).sort();
    expect(got).toEqual(await mypyItself(repo));
    expect(got).toEqual([
      'src/inventory/report.py:17:return-value',
      'src/inventory/stock.py:14:return-value',
      'src/inventory/stock.py:26:union-attr',
      'src/inventory/stock.py:27:union-attr',
      'src/inventory/stock.py:31:operator',
    ]);
    for (const f of out.findings) expect(Finding.safeParse(f).success).toBe(true);
    expect(out.findings.find((f) => f.scope.line === 26)?.evidence.details).toMatchObject({ column: 5, url: 'https://mypy.readthedocs.io/en/stable/error_code_list.html#code-union-attr' });
    // Five source files checked, two with errors; money, legacy and __init__ pass.
    expect(out.counts).toMatchObject({ total: 5, passed: 3, failed: 2 });
    expect(fs.existsSync(path.join(repo, '.mypy_cache'))).toBe(false);
  });

  it('keeps every fingerprint when lines shift, and tells the two identical union-attr errors apart', async () => {
    const repo = copyProject();
    const before = normalize((await collectIn(repo, options)).input).findings;
    const stock = path.join(repo, 'src/inventory/stock.py');
    fs.writeFileSync(stock, `# a comment\n\n\n${fs.readFileSync(stock, 'utf8')}`);
    const after = normalize((await collectIn(repo, options)).input).findings;
    expect(after.map((f) => f.scope.line)).not.toEqual(before.map((f) => f.scope.line));
    expect(after.map((f) => f.fingerprint).sort()).toEqual(before.map((f) => f.fingerprint).sort());
    expect(new Set(before.map((f) => f.fingerprint)).size).toBe(before.length);
  });

  it('runs `<python> -m mypy` when plugins.mypy.python is set', async () => {
    const repo = copyProject();
    const { collect, input } = await collectIn(repo, { python: '/usr/bin/python3' });
    expect(collect.exec?.argv.slice(0, 3)).toEqual(['/usr/bin/python3', '-m', 'mypy']);
    expect(normalize(input).findings).toHaveLength(5);
  });
});

describe('mypy plan and validation, run for real', () => {
  it('one type_fix task per file; its validation fails until that file is fixed, whatever other files do', async () => {
    const repo = copyProject();
    const out = normalize((await collectIn(repo, options)).input);
    const tasks = plan({ findings: out.findings, options, isTestFile: () => false });
    expect(tasks.map((t) => [t.type, t.allowedPaths, t.targets.nodeIds])).toEqual([
      ['type_fix', ['src/inventory/report.py'], ['src/inventory/report.py::return-value']],
      ['type_fix', ['src/inventory/stock.py'], ['src/inventory/stock.py::operator', 'src/inventory/stock.py::return-value', 'src/inventory/stock.py::union-attr']],
    ]);
    const stockTask = tasks[1]!;
    expect((await run(stockTask.validation.commands[0]!, repo)).exitCode).toBe(1);
    const stock = path.join(repo, 'src/inventory/stock.py');
    fs.writeFileSync(stock, fs.readFileSync(stock, 'utf8')
      .replace('return ",".join(item.sku for item in items)', 'return sum(item.quantity for item in items)')
      .replace('    item = find(items, sku)\n', '    item = find(items, sku)\n    if item is None:\n        raise KeyError(sku)\n')
      .replace('"SKU " + item.quantity', '"SKU " + item.sku'));
    // report.py is still broken (and imports stock.py): only stock.py's own errors count here.
    expect(await run(stockTask.validation.commands[0]!, repo)).toMatchObject({ exitCode: 0 });
    expect((await run(validation({ files: ['src/inventory/report.py'], nodeIds: [] }, options).commands[0]!, repo)).exitCode).toBe(1);
  });
});

describe('mypy runs that are never green', () => {
  it('a missing executable is a tool_error naming the setting to fix', async () => {
    const out = normalize((await collectIn(copyProject(), { command: [path.join(tempDir('none'), 'mypy')] })).input);
    expect(out.trustworthy).toBe(false);
    expect(out.findings.map((f) => f.evidence.details?.['runProblem'])).toEqual(['start']);
    expect(out.findings[0]?.message).toMatch(/plugins\.mypy\.python/);
  });

  it('a usage error and a path without Python files are tool_errors with mypy\'s own words', async () => {
    const bogus = normalize((await collectIn(copyProject(), { ...options, args: ['--bogus'] })).input);
    expect(bogus.trustworthy).toBe(false);
    expect(bogus.findings[0]).toMatchObject({ kind: 'tool_error', evidence: { details: { runProblem: 'exit-2' } } });
    expect(bogus.findings[0]?.message).toMatch(/unrecognized arguments: --bogus/);
    const repo = copyProject();
    fs.mkdirSync(path.join(repo, 'empty'));
    const empty = normalize((await collectIn(repo, { ...options, paths: ['empty'] })).input);
    expect(empty.trustworthy).toBe(false);
    expect(empty.findings[0]?.message).toMatch(/no \.py\[i\] files/);
  });

  it('a syntax error stops mypy (exit 2): the error is a finding, the run is not trusted', async () => {
    const repo = copyProject();
    fs.writeFileSync(path.join(repo, 'src/inventory/broken.py'), 'def f(:\n    pass\n');
    const out = normalize((await collectIn(repo, options)).input);
    expect(out.trustworthy).toBe(false);
    expect(out.findings.map(where)).toEqual(['src/inventory/broken.py:1:syntax']);
    expect(out.findings[0]?.severity).toBe('high');
  });

  it('a crash (a command that dies with a traceback) is a tool_error', async () => {
    const crash = ['/usr/bin/python3', '-c', 'import sys; sys.stderr.write("INTERNAL ERROR -- Please try using mypy master\\n"); sys.exit(2)'];
    const out = normalize((await collectIn(copyProject(), { command: crash })).input);
    expect(out.trustworthy).toBe(false);
    expect(out.findings[0]?.message).toMatch(/INTERNAL ERROR/);
  });
});
