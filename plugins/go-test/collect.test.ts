import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildToolEnv } from '../../src/runner/index.js';
import { cacheEnv } from './collect.js';
import { normalize } from './normalize.js';
import { collectIn, copyProject, removeCopies } from './test-support.js';

afterAll(removeCopies);

describe('go-test collect (real go)', () => {
  it('reports a missing go executable as a tool error, never green', async () => {
    const run = await collectIn(copyProject('go-module'), { command: ['/nonexistent/go'] });
    const out = normalize(run.input);
    expect(out).toMatchObject({ trustworthy: false, counts: undefined, tests: [] });
    expect(out.findings).toEqual([expect.objectContaining({ kind: 'tool_error', message: expect.stringContaining('plugins.go-test.command') })]);
  });

  it("reports go's own -timeout as a timeout of the test that hung, located in its file", async () => {
    const run = await collectIn(copyProject('go-module'), { packages: ['./slow'], testTimeout: '300ms' });
    const out = normalize(run.input);
    expect(out.trustworthy).toBe(true);
    expect(out.findings).toEqual([
      expect.objectContaining({ kind: 'test_error', category: 'timeout', message: expect.stringContaining('timed out after 300ms'), scope: expect.objectContaining({ nodeId: 'example.com/gomod/slow::TestSlow', file: 'slow/slow_test.go' }) }),
    ]);
    expect(out.counts).toMatchObject({ total: 1, errors: 1, passed: 0 });
  });

  it('runs without HOME in the tool env: go gets a cache in a temp dir, never in the repo', async () => {
    const repo = copyProject('go-module');
    const env = buildToolEnv({ PATH: process.env['PATH'] });
    expect(cacheEnv(env).GOCACHE).toMatch(/atqos-go-/);
    const out = normalize((await collectIn(repo, { packages: ['./calc'] }, env)).input);
    expect(out.trustworthy).toBe(true);
    expect(out.counts?.failed).toBe(3);
    expect(fs.readdirSync(repo).sort()).toEqual(['broken', 'calc', 'crash', 'go.mod', 'mainexit', 'slow', 'util']);
  });

  it('keeps the stream, stderr and package list as raw artifacts', async () => {
    const run = await collectIn(copyProject('go-module'), { packages: ['./util', './broken'] });
    expect(run.collect.artifacts.map((a) => [a.name, a.exists])).toEqual([['stream', true], ['stderr', true], ['packages', true]]);
    const stderr = fs.readFileSync(path.join(run.runDir, 'raw/go-test/go-test.stderr'), 'utf8');
    expect(stderr).toContain('# example.com/gomod/broken');
    expect(normalize(run.input).findings.map((f) => f.kind)).toEqual(['collection_error']);
  });
});
