import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import { detect } from './detect.js';
import { normalize } from './normalize.js';
import { parseOptions } from './schema.js';
import { collectIn, copyProject, ESLINT_COMMAND, removeCopies } from './test-support.js';

afterAll(removeCopies);
const options = { command: ESLINT_COMMAND };
const problemsOf = (out: ReturnType<typeof normalize>) => out.findings.filter((f) => f.kind === 'tool_error').map((f) => f.evidence.details?.['runProblem']);

describe('an eslint run that cannot be trusted is never green', () => {
  it('reports a missing executable, naming the setting', async () => {
    const out = normalize((await collectIn(copyProject('ts-app'), { command: ['/nonexistent/eslint'] })).input);
    expect(out.trustworthy).toBe(false);
    expect(out.counts).toBeUndefined();
    expect(problemsOf(out)).toEqual(['start']);
    expect(out.findings[0]!.message).toContain('plugins.eslint.command');
  });

  it('reports a crashing config (exit 2) and a path that matches nothing', async () => {
    const repo = copyProject('ts-app');
    fs.writeFileSync(path.join(repo, 'eslint.config.cjs'), "throw new Error('config exploded');\n");
    const crashed = await collectIn(repo, options);
    expect(crashed.collect.exec?.exitCode).toBe(2);
    const out = normalize(crashed.input);
    expect(out.trustworthy).toBe(false);
    expect(problemsOf(out)).toEqual(['exit-2']);
    expect(out.findings[0]!.message).toContain('config exploded');
    const none = normalize((await collectIn(copyProject('ts-app'), { ...options, paths: ['no-such-dir'] })).input);
    expect(none.trustworthy).toBe(false);
    expect(problemsOf(none)).toEqual(['exit-2']);
  });

  it('reports a malformed or stale report as untrusted', async () => {
    const good = await collectIn(copyProject('ts-app'), options);
    const malformed = normalize({ ...good.input, read: (n) => (n === 'report' ? '{"results": [' : good.input.read(n)) });
    expect(problemsOf(malformed)).toEqual(['bad-report']);
    expect(malformed.trustworthy).toBe(false);
    const stale = normalize({ ...good.input, runStartedAtMs: Date.now() + 60_000 });
    expect(problemsOf(stale)).toEqual(['stale-report']);
    expect(stale.findings).toHaveLength(1);
  });

  it('reports a file eslint cannot parse as a blocking finding of its own kind', async () => {
    const repo = copyProject('ts-app');
    fs.writeFileSync(path.join(repo, 'src/broken.ts'), 'export function (: number {\n');
    const out = normalize((await collectIn(repo, options)).input);
    expect(out.trustworthy).toBe(true);
    const broken = out.findings.filter((f) => f.scope.file === 'src/broken.ts');
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ kind: 'collection_error', severity: 'blocker', scope: { line: 1 } });
    expect(broken[0]!.message).toMatch(/^Parsing error/);
    expect(out.counts).toMatchObject({ errors: 1, failed: 1 });
  });
});

describe('detect and options', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const project = (files: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-eslint-detect-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };

  it('detects flat, legacy and package.json configs only', async () => {
    expect(await detect(project({ 'eslint.config.mjs': 'export default []' }))).toBe(true);
    expect(await detect(project({ '.eslintrc.json': '{}' }))).toBe(true);
    expect(await detect(project({ 'package.json': '{"eslintConfig":{}}' }))).toBe(true);
    expect(await detect(project({ 'package.json': '{"devDependencies":{"prettier":"3"}}', 'a.js': '' }))).toBe(false);
    expect(await detect(project({ 'pytest.ini': '[pytest]' }))).toBe(false);
  });

  it('defaults to linting the repo and names bad keys', () => {
    expect(parseOptions(undefined)).toEqual({ args: [], paths: ['.'], timeoutSec: 600 });
    expect(() => parseOptions({ path: ['src'] })).toThrow(/plugins\.eslint\.path/);
    expect(() => parseOptions({ paths: [] })).toThrow(AtqosError);
  });
});
