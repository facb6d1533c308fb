import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Finding } from '../../src/core/index.js';
import { normalize } from './normalize.js';
import { plan } from './plan.js';
import { FLAKE8, collectIn, copyProject, removeTemps, run } from './test-support.js';

afterAll(removeTemps);

const options = { command: [FLAKE8] };
const where = (f: Finding) => `${f.scope.file}:${f.scope.line}:${String(f.evidence.details?.['column'])}:${String(f.evidence.details?.['rule'])}`;

/** flake8's own verdict in its default output format, read with nothing of the plugin's. */
async function flake8Itself(repo: string): Promise<string[]> {
  const { stdout } = await run([FLAKE8, '.'], repo);
  return [...stdout.matchAll(/^\.\/(\S+\.py):(\d+):(\d+): ([A-Z]+\d+) /gm)].map((m) => `${m[1]}:${m[2]}:${m[3]}:${m[4]}`).sort();
}

describe('flake8 on the flake8-lint fixture project (real flake8 5)', () => {
  it('reports exactly what flake8 itself reports, and the violations worked out by hand', async () => {
    const repo = copyProject();
    const { collect, input } = await collectIn(repo, options);
    expect(collect.exec?.exitCode).toBe(1);
    const out = normalize(input);
    expect(out.trustworthy, out.findings[0]?.message).toBe(true);
    const got = out.findings.map(where).sort();
    expect(got).toEqual(await flake8Itself(repo));
    expect(got).toEqual([
      'src/shop/cart.py:11:12:F541', 'src/shop/cart.py:14:1:C901', 'src/shop/cart.py:1:1:F401', 'src/shop/cart.py:26:13:E711',
      'src/shop/cart.py:2:1:F401', 'src/shop/cart.py:6:5:F841',
      'src/shop/legacy.py:10:101:E501', 'src/shop/legacy.py:2:29:W291', 'src/shop/legacy.py:6:1:E303', 'src/shop/legacy.py:7:26:F821',
    ]);
    for (const f of out.findings) expect(Finding.safeParse(f).success).toBe(true);
    const byRule = (rule: string) => out.findings.find((f) => f.evidence.details?.['rule'] === rule)!;
    expect(byRule('E711').evidence.details?.['url']).toBe('https://pycodestyle.pycqa.org/en/latest/intro.html#error-codes');
    expect(byRule('C901').evidence.details?.['url']).toBe('https://flake8.pycqa.org/en/latest/user/error-codes.html');
    expect(byRule('F821')).toMatchObject({ severity: 'medium', title: "F821: undefined name 'undefined_suffix'" });
    expect(byRule('W291').severity).toBe('low');
    expect(out.counts).toMatchObject({ total: 1, passed: 0, failed: 1 });
    // prices.py and the tests are clean: nothing there.
    expect(out.findings.some((f) => f.scope.file?.startsWith('tests/') || f.scope.file === 'src/shop/prices.py')).toBe(false);
  });

  it('keeps every fingerprint when lines shift and a long line grows, and tells the two F401s apart', async () => {
    const repo = copyProject();
    const before = normalize((await collectIn(repo, options)).input).findings;
    for (const file of ['src/shop/cart.py', 'src/shop/legacy.py']) {
      const p = path.join(repo, file);
      fs.writeFileSync(p, `"""Moved down."""\n\n\n${fs.readFileSync(p, 'utf8').replace('one hundred characters', 'one hundred characters by far')}`);
    }
    const after = normalize((await collectIn(repo, options)).input).findings;
    expect(after.map((f) => f.scope.line)).not.toEqual(before.map((f) => f.scope.line));
    expect(after.find((f) => f.evidence.details?.['rule'] === 'E501')?.message).toMatch(/\(110 > 100 characters\)/);
    expect(after.map((f) => f.fingerprint).sort()).toEqual(before.map((f) => f.fingerprint).sort());
    expect(new Set(before.map((f) => f.fingerprint)).size).toBe(before.length);
  });

  it('runs `<python> -m flake8` when plugins.flake8.python is set', async () => {
    const { collect, input } = await collectIn(copyProject(), { python: '/usr/bin/python3' });
    expect(collect.exec?.argv.slice(0, 3)).toEqual(['/usr/bin/python3', '-m', 'flake8']);
    expect(normalize(input).findings).toHaveLength(10);
  });

  it('ignores `show-source`, `count` and `statistics` in the repo config: the records still parse', async () => {
    const repo = copyProject();
    fs.appendFileSync(path.join(repo, '.flake8'), 'show-source = true\ncount = true\nstatistics = true\n');
    const out = normalize((await collectIn(repo, options)).input);
    expect(out.trustworthy).toBe(true);
    expect(out.findings).toHaveLength(10);
  });
});

describe('flake8 plan and validation, run for real', () => {
  it('one lint_fix task per file; its validation fails until that file\'s codes are gone, whatever other files hold', async () => {
    const repo = copyProject();
    const out = normalize((await collectIn(repo, options)).input);
    const tasks = plan({ findings: out.findings, options, isTestFile: () => false });
    expect(tasks.map((t) => [t.type, t.allowedPaths, t.targets.nodeIds])).toEqual([
      ['lint_fix', ['src/shop/cart.py'], ['C901', 'E711', 'F401', 'F541', 'F841'].map((c) => `src/shop/cart.py::${c}`)],
      ['lint_fix', ['src/shop/legacy.py'], ['E303', 'E501', 'F821', 'W291'].map((c) => `src/shop/legacy.py::${c}`)],
    ]);
    const legacyTask = tasks[1]!;
    expect(legacyTask.validation.commands[0]?.argv).toEqual([FLAKE8, '--no-show-source', '--select=E303,E501,F821,W291', '--', 'src/shop/legacy.py']);
    expect((await run(legacyTask.validation.commands[0]!, repo)).exitCode).toBe(1);
    fs.writeFileSync(path.join(repo, 'src/shop/legacy.py'), [
      'SUFFIX = "!"', '', '', 'def discount(price, pct):', '    return price*(1-pct/100)', '', '',
      'def label(name):', '    return "%s" % name + SUFFIX', '', '', 'NOTE = "flake8 reads its limits from .flake8"', '',
    ].join('\n'));
    // cart.py is still broken: only legacy.py's own codes count for this task.
    expect(await run(legacyTask.validation.commands[0]!, repo)).toMatchObject({ exitCode: 0 });
    expect((await run(tasks[0]!.validation.commands[0]!, repo)).exitCode).toBe(1);
  });
});

describe('flake8 runs that are never green', () => {
  const problem = (out: ReturnType<typeof normalize>) => [out.trustworthy, out.findings.at(-1)?.kind, out.findings.at(-1)?.evidence.details?.['runProblem']];

  it('a missing executable is a tool_error naming the settings to fix', async () => {
    const out = normalize((await collectIn(copyProject(), { command: ['/nonexistent/flake8'] })).input);
    expect(problem(out)).toEqual([false, 'tool_error', 'start']);
    expect(out.findings[0]?.message).toMatch(/plugins\.flake8\.python/);
  });

  it('a bad argument (exit 2) is a tool_error with flake8\'s own words', async () => {
    const out = normalize((await collectIn(copyProject(), { ...options, args: ['--bogus'] })).input);
    expect(problem(out)).toEqual([false, 'tool_error', 'exit-2']);
    expect(out.findings[0]?.message).toMatch(/unrecognized arguments: --bogus/);
  });

  it('a broken config value (a traceback, exit 1, no records) is a tool_error, not a clean run', async () => {
    const repo = copyProject();
    fs.appendFileSync(path.join(repo, '.flake8'), 'max-doc-length = lots\n');
    const out = normalize((await collectIn(repo, options)).input);
    expect(problem(out)).toEqual([false, 'tool_error', 'exit-1-unread']);
    expect(out.findings[0]?.message).toMatch(/ValueError: invalid literal for int\(\)/);
  });

  it('`quiet` in the config replaces the records with file names: a tool_error naming it', async () => {
    const repo = copyProject();
    fs.appendFileSync(path.join(repo, '.flake8'), 'quiet = 1\n');
    const out = normalize((await collectIn(repo, options)).input);
    expect(problem(out)).toEqual([false, 'tool_error', 'exit-1-unread']);
    expect(out.findings[0]?.message).toMatch(/quiet/);
  });

  it('a path that does not exist (E902) is a tool_error naming plugins.flake8.paths; the other paths are still read', async () => {
    const out = normalize((await collectIn(copyProject(), { ...options, paths: ['src/shop/legacy.py', 'src/gone.py'] })).input);
    expect(problem(out)).toEqual([false, 'tool_error', 'unreadable-path']);
    expect(out.findings.at(-1)?.message).toMatch(/src\/gone\.py.*plugins\.flake8\.paths/);
    expect(out.findings.filter((f) => f.kind === 'lint_error')).toHaveLength(4);
  });
});
