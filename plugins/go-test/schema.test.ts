import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../../src/core/index.js';
import { detect } from './detect.js';
import { goEnv, parseOptions } from './schema.js';
import { projectsDir } from './test-support.js';
import { goNodeId, quoteMeta, runPattern, splitNodeId } from './node-ids.js';
import { isGoTestFile } from './test-files.js';

describe('go-test options', () => {
  it('defaults to every package, a 10m go timeout and hermetic go env', () => {
    const o = parseOptions(undefined);
    expect(o).toMatchObject({ command: ['go'], packages: ['./...'], testTimeout: '10m', args: [] });
    expect(goEnv(o)).toEqual({ GOTOOLCHAIN: 'local', GOPROXY: 'off' });
    expect(goEnv(parseOptions({ env: { GOPROXY: 'https://proxy.golang.org' } })).GOPROXY).toBe('https://proxy.golang.org');
  });

  it('names the offending key', () => {
    expect(() => parseOptions({ pakages: [] })).toThrow(/plugins\.go-test\.pakages/);
    expect(() => parseOptions({ testTimeout: 'ten minutes' })).toThrow(AtqosError);
    expect(() => parseOptions({ testTimeout: 'ten minutes' })).toThrow(/plugins\.go-test\.testTimeout must be a Go duration/);
  });
});

describe('go-test detect', () => {
  it('detects go.mod or go.work at the root only', async () => {
    expect(await detect(path.join(projectsDir, 'go-module'))).toBe(true);
    expect(await detect(path.join(projectsDir, 'demo'))).toBe(false);
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-go-ws-'));
    fs.writeFileSync(path.join(ws, 'go.work'), 'go 1.19\n');
    expect(await detect(ws)).toBe(true);
    fs.rmSync(ws, { recursive: true });
  });
});

describe('go-test node ids and -run patterns', () => {
  it('splits at the first :: and anchors every level, escaping metacharacters', () => {
    expect(splitNodeId(goNodeId('m/a', 'TestX/a::b'))).toEqual({ pkg: 'm/a', test: 'TestX/a::b' });
    expect(splitNodeId('no-separator')).toBeUndefined();
    expect(runPattern('TestMul/negative_(a*b)_[sign]')).toBe('^TestMul$/^negative_\\(a\\*b\\)_\\[sign\\]$');
    expect(quoteMeta('a.b|c$^{1}\\')).toBe('a\\.b\\|c\\$\\^\\{1\\}\\\\');
    expect(new RegExp(runPattern('Test.*').split('/')[0]!).test('TestAbc')).toBe(false);
  });

  it('tells Go test files apart', () => {
    expect(isGoTestFile('calc/calc_test.go')).toBe(true);
    expect(isGoTestFile('calc/testdata/golden.txt')).toBe(true);
    expect(isGoTestFile('calc/calc.go')).toBe(false);
  });
});
