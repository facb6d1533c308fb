import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildToolEnv, runCommand } from '../../src/runner/index.js';
import { normalize } from './normalize.js';
import { parseInventory } from './inventory.js';
import { validation } from './validation.js';
import { collectEnv } from './collect.js';
import { PYTHONS, collectIn, copyProject, parseSummaryLine, removeCopies } from './test-support.js';

// Real pytest, real runner, real files: each fixture project on both interpreters.
const PROJECTS = ['clean', 'demo', 'collection-error', 'env-error', 'hostile-names', 'teardown-error'];

afterAll(removeCopies);

async function run(project: string, options: Record<string, unknown>, runStartedAtMs?: number) {
  const collected = await collectIn(copyProject(project), options, runStartedAtMs);
  return { ...collected, out: normalize(collected.input), stdout: collected.input.read('stdout') ?? '' };
}

describe.each(PYTHONS)('collect + normalize with real pytest (%s)', (python) => {
  for (const project of PROJECTS) {
    it(`${project}: ATQOS counts equal pytest's summary line`, async () => {
      const { out, stdout, input } = await run(project, { python });
      const summary = parseSummaryLine(stdout);
      expect(summary, stdout.slice(-2000)).toBeDefined();
      expect(out.trustworthy).toBe(true);
      const { total: _t, durationMs: _d, ...counts } = out.counts!;
      expect(counts).toEqual(summary);
      const inventory = parseInventory(input.read('inventory'));
      expect(inventory.ok && inventory.inventory.finished).toBe(true);
      console.log(`[${python}] ${project}: pytest "${stdout.trim().split('\n').pop()}" | atqos ${JSON.stringify(counts)}`);
    });
  }

  it('fingerprints are identical across two copies of the same project in different temp dirs', async () => {
    for (const project of ['demo', 'env-error', 'collection-error', 'teardown-error', 'hostile-names']) {
      const [a, b] = await Promise.all([run(project, { python }), run(project, { python })]);
      expect(a.repoDir).not.toBe(b.repoDir);
      const key = (r: typeof a) => r.out.findings.map((f) => `${f.fingerprint} ${f.scope.nodeId}`).sort();
      expect(key(a).length).toBeGreaterThan(0);
      expect(key(b)).toEqual(key(a));
    }
  });
});

describe('runs that must never be green (real pytest)', () => {
  it('exit 5: a suite with no tests', async () => {
    const repo = copyProject('clean');
    fs.rmSync(path.join(repo, 'tests'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'tests'));
    const { input } = await collectIn(repo, {});
    const out = normalize(input);
    expect(input.collect.exec?.exitCode).toBe(5);
    expect(out.trustworthy).toBe(false);
    expect(out.findings.map((f) => f.kind)).toEqual(['tool_error']);
  });

  it('a JUnit report older than the run start is not trusted', async () => {
    const { out } = await run('clean', {}, Date.now() + 3_600_000);
    expect(out.trustworthy).toBe(false);
    expect(out.findings[0]?.message).toMatch(/older than this run/);
  });

  it('pytest killed by the timeout', async () => {
    const repo = copyProject('clean');
    fs.writeFileSync(path.join(repo, 'tests', 'test_slow.py'), 'import time\n\ndef test_hangs():\n    time.sleep(60)\n');
    const started = Date.now();
    const { input } = await collectIn(repo, { timeoutSec: 3 });
    const out = normalize(input);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(input.collect.exec?.timedOut).toBe(true);
    expect(out.trustworthy).toBe(false);
    expect(out.findings[0]).toMatchObject({ kind: 'tool_error', category: 'timeout' });
  });

  it('an unknown option and an unknown plugin are environment errors', async () => {
    const option = await run('clean', { args: ['--no-such-option'] });
    expect(option.out.findings[0]).toMatchObject({ kind: 'env_error' });
    expect(option.out.findings[0]!.message).toMatch(/unrecognized arguments: --no-such-option/);
    const plugin = await run('clean', { args: ['-p', 'atqos_no_such_plugin'] });
    expect(plugin.out.trustworthy).toBe(false);
    expect(plugin.out.findings[0]).toMatchObject({ kind: 'env_error' });
    expect(plugin.out.findings[0]!.message).toMatch(/atqos_no_such_plugin/);
  });

  it('an interpreter that does not exist', async () => {
    const { out } = await run('clean', { python: 'atqos-no-such-python' });
    expect(out.trustworthy).toBe(false);
    expect(out.findings[0]).toMatchObject({ kind: 'tool_error', category: 'tool' });
    expect(out.findings[0]!.message).toContain('plugins.pytest.python');
    expect(out.notes.join()).not.toContain('inventory.json was not written');
  });
});

describe('validation commands run for real', () => {
  it('hostile node ids reach pytest intact as argv, never as options or shell text', async () => {
    const { repoDir, out } = await run('hostile-names', {});
    const failing = out.findings.map((f) => f.scope.nodeId!).filter((id) => id.includes('test_ids.py'));
    const passing = out.tests.filter((t) => t.outcome === 'passed' && /[$;`"]|--/.test(t.nodeId)).map((t) => t.nodeId);
    expect(failing).toContain('tests/test_ids.py::test_hostile_id_fails[--exitfirst]');
    const exec = async (ids: string[], tag: string) => {
      const cmd = validation({ files: [], nodeIds: ids }, {}).commands[0]!;
      const res = await runCommand({ argv: cmd.argv, cwd: repoDir, env: buildToolEnv(process.env), stdoutPath: path.join(repoDir, `${tag}.out`), stderrPath: path.join(repoDir, `${tag}.err`), timeoutMs: 60_000 });
      return { res, stdout: fs.readFileSync(path.join(repoDir, `${tag}.out`), 'utf8') };
    };
    const bad = await exec(failing, 'failing');
    expect(bad.res.exitCode).toBe(1);
    expect(parseSummaryLine(bad.stdout)).toMatchObject({ failed: failing.length, passed: 0 });
    const good = await exec(passing, 'passing');
    expect(good.res.exitCode).toBe(0);
    expect(parseSummaryLine(good.stdout)).toMatchObject({ passed: passing.length, failed: 0 });
    expect(fs.existsSync('/tmp/atqos-pwned')).toBe(false);
  });
});

describe('the inventory plugin never breaks pytest', () => {
  it('an unwritable inventory path costs the inventory, not the run', async () => {
    const repoDir = copyProject('demo');
    const junit = path.join(repoDir, 'junit.xml');
    const res = await runCommand({
      argv: ['python3', '-m', 'pytest', `--junitxml=${junit}`, '-p', 'atqos_pytest_inventory', '-p', 'no:cacheprovider'],
      cwd: repoDir,
      env: { ...buildToolEnv(process.env), ...collectEnv({}, path.join(repoDir, 'no', 'such', 'dir', 'inventory.json')) },
      stdoutPath: path.join(repoDir, 'out.txt'),
      stderrPath: path.join(repoDir, 'err.txt'),
      timeoutMs: 60_000,
    });
    expect(res.exitCode).toBe(1);
    expect(fs.existsSync(junit)).toBe(true);
    expect(parseSummaryLine(fs.readFileSync(path.join(repoDir, 'out.txt'), 'utf8'))).toMatchObject({ failed: 4, passed: 7 });
  });

  it('works under pytest-xdist (Debian python): the controller writes it, counts still match', async () => {
    const { out, stdout, input } = await run('demo', { python: '/usr/bin/python3', args: ['-n', '2'] });
    const { total: _t, durationMs: _d, ...counts } = out.counts!;
    expect(counts).toEqual(parseSummaryLine(stdout));
    const inv = parseInventory(input.read('inventory'));
    expect(inv.ok && inv.inventory.finished).toBe(true);
    expect(out.findings.find((f) => f.evidence.exceptionType === 'ZeroDivisionError')?.evidence.sourceFiles).toContain('src/shop/cart.py');
  });
});
