// `atqos diagnose` through the CLI on the Python-lint, TypeScript and Go fixture projects: the
// findings equal what each tool itself reports when run directly on the same checkout.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, atqos, copyProject, parseJsonOut, removeTempDirs } from './support.js';

afterAll(removeTempDirs);

const BIN = path.join(ROOT, 'node_modules', '.bin');
const NODE_MODULES = path.join(ROOT, 'node_modules');

interface Out {
  run: { conclusion: string };
  findings: { tool: string; kind: string; scope: { file?: string; line?: number; nodeId?: string }; evidence: { details?: Record<string, unknown> } }[];
  tools: { plugin: string; trustworthy: boolean }[];
}

async function diagnose(repo: string): Promise<{ code: number | null; out: Out; stderr: string }> {
  const r = await atqos(['diagnose', '--json', '--repo', repo], repo);
  return { code: r.code, out: parseJsonOut<Out>(r), stderr: r.stderr };
}

/** A tool's own output (it exits non-zero when it finds problems). */
function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return r.stdout;
}

const rel = (repo: string, f: string) => path.relative(repo, path.resolve(repo, f)).split(path.sep).join('/');

describe('atqos diagnose on the python-lint project (ruff, mypy, pyright)', () => {
  it('reports exactly the type and lint problems mypy, pyright and ruff report', async () => {
    const repo = copyProject('python-lint', {
      '.github/atqos.yml': `plugins:\n  pyright: { command: [${JSON.stringify(path.join(BIN, 'pyright'))}] }\n  ruff: { command: [${JSON.stringify(path.join(ROOT, 'fixtures/ruff/bin/ruff'))}] }\n`,
    });
    const { code, out, stderr } = await diagnose(repo);
    expect(out.tools.map((t) => [t.plugin, t.trustworthy]).sort(), stderr).toEqual([['mypy', true], ['pyright', true], ['ruff', true]]);
    expect(code).toBe(1);
    // file:line:rule, so a finding on the right line with the wrong rule does not pass.
    const ours = (tool: string) => out.findings.filter((f) => f.tool === tool).map((f) => `${f.scope.file}:${f.scope.line}:${String(f.evidence.details?.['rule'])}`).sort();

    const mypy = run('mypy', ['--show-error-codes', '--no-color-output', '--cache-dir=/dev/null', '.'], repo);
    // An error without a `[code]` is mypy's `misc` group.
    const mypyErrors = [...mypy.matchAll(/^(.+?\.py):(\d+): error: .*?(?:\s+\[([a-z-]+)\])?$/gm)].map((m) => `${rel(repo, m[1]!)}:${m[2]}:${m[3] ?? 'misc'}`).sort();
    expect(mypyErrors.length).toBeGreaterThan(0);
    expect(ours('mypy')).toEqual(mypyErrors);

    const pyright = JSON.parse(run(path.join(BIN, 'pyright'), ['--outputjson'], repo)) as { generalDiagnostics: { file: string; severity: string; rule?: string; range: { start: { line: number } } }[] };
    const pyrightDiags = pyright.generalDiagnostics.filter((d) => d.severity !== 'information').map((d) => `${rel(repo, d.file)}:${d.range.start.line + 1}:${d.rule ?? 'pyright'}`).sort();
    expect(pyrightDiags.length).toBeGreaterThan(0);
    expect(ours('pyright')).toEqual(pyrightDiags);

    // fixtures/ruff/bin/ruff: the ruff CLI's flags around the real linter (ruff's WebAssembly build).
    const ruff = JSON.parse(run(path.join(ROOT, 'fixtures/ruff/bin/ruff'), ['check', '--output-format', 'json', '--no-cache', '--exit-zero', '.'], repo)) as { filename: string; code: string | null; location: { row: number } }[];
    expect(ruff.length).toBeGreaterThan(0);
    expect(ours('ruff')).toEqual(ruff.map((v) => `${rel(repo, v.filename)}:${v.location.row}:${v.code ?? 'syntax-error'}`).sort());
  }, 240_000);
});

describe('atqos diagnose on the ts-app project (vitest, eslint)', () => {
  it('reports the failing tests vitest reports and the problems eslint reports', async () => {
    const vitest = [process.execPath, path.join(NODE_MODULES, 'vitest', 'vitest.mjs')];
    const eslint = [process.execPath, path.join(NODE_MODULES, 'eslint', 'bin', 'eslint.js')];
    const repo = copyProject('ts-app', {
      '.github/atqos.yml': `env:\n  set: { NODE_PATH: ${JSON.stringify(NODE_MODULES)} }\nplugins:\n  vitest: { command: ${JSON.stringify(vitest)} }\n  eslint: { command: ${JSON.stringify(eslint)} }\n`,
    });
    const { code, out, stderr } = await diagnose(repo);
    expect(out.tools.map((t) => [t.plugin, t.trustworthy]).sort(), stderr).toEqual([['eslint', true], ['vitest', true]]);
    expect(code).toBe(1);

    const report = JSON.parse(run(vitest[0]!, [vitest[1]!, 'run', '--reporter=json', '--no-cache'], repo, { CI: '1' })) as { testResults: { name: string; assertionResults: { ancestorTitles: string[]; title: string; status: string }[] }[] };
    // Full ids: the repo-relative file and the describe/test titles as vitest reports them.
    const failing = report.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${rel(repo, f.name)}::${[...a.ancestorTitles, a.title].join(' > ')}`)).sort();
    expect(failing).toEqual(['tests/math.test.ts::math > adds two numbers']);
    const ourFailing = out.findings.filter((f) => f.tool === 'vitest' && (f.kind === 'test_failure' || f.kind === 'test_error')).map((f) => f.scope.nodeId!).sort();
    expect(ourFailing).toEqual(failing);

    const lint = JSON.parse(run(eslint[0]!, [eslint[1]!, '--format', 'json', '.'], repo, { NODE_PATH: NODE_MODULES })) as { filePath: string; messages: { line: number; ruleId: string | null }[] }[];
    const problems = lint.flatMap((f) => f.messages.map((m) => `${rel(repo, f.filePath)}:${m.line}:${m.ruleId}`)).sort();
    expect(problems.length).toBeGreaterThan(0);
    expect(out.findings.filter((f) => f.tool === 'eslint').map((f) => `${f.scope.file}:${f.scope.line}:${String(f.evidence.details?.['ruleId'])}`).sort()).toEqual(problems);
  }, 240_000);
});

describe('atqos diagnose on the go-module project (go test)', () => {
  it('reports the failing tests and the package that does not build, as go test -json does', async () => {
    const repo = copyProject('go-module');
    const { code, out, stderr } = await diagnose(repo);
    expect(out.tools.map((t) => [t.plugin, t.trustworthy]), stderr).toEqual([['go-test', true]]);
    expect(code).toBe(1);
    const gocache = execFileSync('go', ['env', 'GOCACHE'], { encoding: 'utf8' }).trim();
    const stream = run('go', ['test', '-json', '-count=1', './...'], repo, { GOPROXY: 'off', GOTOOLCHAIN: 'local', GOCACHE: gocache });
    const events = stream.split('\n').flatMap((l) => { try { return [JSON.parse(l) as { Action: string; Package: string; Test?: string }]; } catch { return []; } });
    const failedTests = events.filter((e) => e.Action === 'fail' && e.Test).map((e) => `${e.Package}::${e.Test}`);
    // A parent fails when a subtest does: go reports both; ATQOS blames the leaf only.
    const leaves = failedTests.filter((t) => !failedTests.some((o) => o !== t && o.startsWith(`${t}/`))).sort();
    expect(leaves.length).toBeGreaterThan(0);
    const ours = out.findings.filter((f) => f.tool === 'go-test' && f.scope.nodeId?.includes('::')).map((f) => f.scope.nodeId!).sort();
    expect(ours).toEqual(leaves);
    expect(out.findings.some((f) => f.kind === 'collection_error' && f.scope.file === 'broken/broken.go')).toBe(true);
  }, 240_000);
});
