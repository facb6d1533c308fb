import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AtqosError } from '../../../src/core/index.js';
import { ADD_TEST_RUNS, addTestCheckScript, addTestValidation, parseAddTestVerdict } from './index.js';

const targets = { files: ['src/shop/pricing.py'], nodeIds: [] };

describe('addTestValidation', () => {
  it('runs the helper once with the configured interpreter, which repeats the new tests itself', () => {
    const spec = addTestValidation(targets, undefined);
    expect(fs.existsSync(addTestCheckScript())).toBe(true);
    expect(spec.repeat).toBe(1);
    expect(spec.expect).toBe('exit-zero');
    expect(spec.commands).toHaveLength(1);
    expect(spec.commands[0]!.argv).toEqual([
      'python3', addTestCheckScript(), '--module=src/shop/pricing.py', '--python=python3', `--runs=${ADD_TEST_RUNS}`, '--timeout=1800',
    ]);
    expect(spec.commands[0]!.cwd).toBe('.');
    expect(spec.commands[0]!.timeoutMs).toBe(1800 * 1000 * 3);
    // Its verdict line is the engine's ValidationReport: the only kind of command read for one.
    expect(spec.commands[0]!.reports).toBe(true);
  });

  it('passes options as --key=value, so values starting with "-" stay values', () => {
    const spec = addTestValidation({ files: ['-odd/mod.py'], nodeIds: [] }, {
      python: '/usr/bin/python3', args: ['-x', '--maxfail=1'], testPaths: ['tests'], source: ['src/shop', 'src/report'], branch: true, timeoutSec: 60,
    });
    expect(spec.commands[0]!.argv.slice(2)).toEqual([
      '--module=-odd/mod.py', '--python=/usr/bin/python3', '--runs=5', '--timeout=60', '--branch',
      '--source=src/shop', '--source=src/report', '--test-path=tests', '--pytest-arg=-x', '--pytest-arg=--maxfail=1',
    ]);
  });

  it('leaves --module out when the task names no file (the helper then rejects with a reason)', () => {
    expect(addTestValidation({ files: [], nodeIds: [] }, {}).commands[0]!.argv.some((a) => a.startsWith('--module'))).toBe(false);
  });

  it('rejects an unknown option key, naming it', () => {
    expect(() => addTestValidation(targets, { pyhton: 'x' })).toThrowError(AtqosError);
    expect(() => addTestValidation(targets, { pyhton: 'x' })).toThrowError(/plugins\.coverage\.pyhton/);
  });
});

describe('parseAddTestVerdict', () => {
  const verdict = {
    ok: true, stage: 'accepted', reason: 'kept', module: 'a.py', before: { covered: 1, statements: 4, percent: 25 },
    after: { covered: 3, statements: 4, percent: 75, coveredBranches: 0 }, gain: { covered: 2, percent: 50 },
    runs: [{ run: 1, exitCode: 0, tests: 1, passed: 1, failed: [] }], newTests: ['t::x'], changedFiles: ['t.py'], broken: [],
  };

  it('reads the last non-empty line', () => {
    expect(parseAddTestVerdict(`noise\n${JSON.stringify(verdict)}\n\n`)?.gain).toEqual({ covered: 2, percent: 50 });
  });

  it('gives undefined for no output, garbage or a line of another shape', () => {
    expect(parseAddTestVerdict('')).toBeUndefined();
    expect(parseAddTestVerdict('Traceback (most recent call last):')).toBeUndefined();
    expect(parseAddTestVerdict(JSON.stringify({ ok: true }))).toBeUndefined();
  });
});
