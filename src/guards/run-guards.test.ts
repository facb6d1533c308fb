import { describe, expect, it } from 'vitest';
import { AtqosError } from '../core/index.js';
import { buildGuards } from './build-guards.js';
import type { Guard } from './contract.js';
import { runGuards } from './run-guards.js';
import { change, makeInput, makeTask } from './test-support.js';

const throwing: Guard = { id: 'boom', description: 'throws', check: () => { throw new Error('cannot read tests/x.py'); } };
const lying: Guard = { id: 'liar', description: 'files its verdict under another id', check: () => ({ guard: 'allowed-paths', passed: true }) };

describe('runGuards', () => {
  it('runs every guard even after failures, and a throwing guard fails with the error as evidence', () => {
    const guards = buildGuards({ pluginGuards: [throwing, lying], pluginProtected: [] });
    const verdicts = runGuards(guards, makeInput({ task: makeTask('fix', ['src/**']), changes: [change('README.md'), change('requirements.txt')] }));
    expect(verdicts.map((v) => [v.guard, v.passed])).toEqual([
      ['allowed-paths', false],
      ['protected-paths', false],
      ['no-test-deleted', true],
      ['inventory-not-shrunk', true],
      ['deletion-only', true],
      ['diff-size', true],
      ['no-secrets-in-diff', true],
      ['boom', false],
      ['liar', true],
    ]);
    expect(verdicts[7]?.evidence).toBe('the guard could not run: cannot read tests/x.py');
  });

  it('a guard whose readers throw fails instead of passing', () => {
    const reading: Guard = { id: 'reads', description: 'reads a file', check: (i) => ({ guard: 'reads', passed: i.readAfter('x') !== undefined }) };
    const input = { ...makeInput({ changes: [change('src/a.py')] }), readAfter: () => { throw new AtqosError('io', 'EACCES: src/a.py'); } };
    expect(runGuards([reading], input)).toEqual([{ guard: 'reads', passed: false, evidence: 'the guard could not run: EACCES: src/a.py' }]);
  });
});

describe('buildGuards', () => {
  it('refuses two guards with one id', () => {
    expect(() => buildGuards({ pluginGuards: [{ ...throwing, id: 'diff-size' }], pluginProtected: [] })).toThrow(/two guards share the id "diff-size"/);
  });

  it('uses the plugin notion of a test file when given', () => {
    const guards = buildGuards({ pluginGuards: [], pluginProtected: [] });
    const verdicts = runGuards(guards, makeInput({ task: makeTask('fix', ['**']), isTestFile: (p) => p.endsWith('.spec'), changes: [change('a.spec', { status: 'deleted' }), change('tests/test_x.py', { status: 'deleted' })] }));
    expect(verdicts.find((v) => v.guard === 'no-test-deleted')?.evidence).toBe('a.spec: test file deleted');
  });
});
