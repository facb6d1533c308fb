import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskType } from '../../core/index.js';
import { makeCtx, makeRequest, snapshot, tempDir, tempProject } from '../test-support.js';
import { createBuiltinAgent } from './builtin-agent.js';
import type { Fixer } from './fixers.js';

const NO_FIXER: TaskType[] = ['fix', 'update_test', 'add_test', 'fix_env', 'lint_fix', 'type_fix', 'systemic'];

describe('builtin agent', () => {
  it.each(NO_FIXER)('changes nothing on %s tasks and names the setting that would get them an agent', async (type) => {
    const worktree = tempProject();
    const attemptDir = path.join(tempDir(), 'attempt-1');
    const before = snapshot(worktree);

    const outcome = await createBuiltinAgent().attempt(makeRequest(worktree, { type }), makeCtx(attemptDir));

    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual({
      status: 'gave_up',
      summary: `no deterministic fix for ${type} tasks; configure an agent: set agents.byTaskType.${type} (or agents.default) to claude-code, codex, cursor-agent or command`,
      filesChanged: [],
    });
    expect(snapshot(worktree)).toEqual(before);
    expect(JSON.parse(fs.readFileSync(path.join(attemptDir, 'result.json'), 'utf8'))).toEqual(outcome.result);
    expect(fs.existsSync(path.join(attemptDir, 'request.json'))).toBe(true);
  });

  it('says which task types it can do, so routing never spends attempts on a no-op', () => {
    const agent = createBuiltinAgent();
    expect(['remove_skip', 'quarantine', 'delete_test'].every((t) => agent.handles?.(t as TaskType, false))).toBe(true);
    expect(['fix', 'update_test', 'fix_env', 'lint_fix', 'systemic'].some((t) => agent.handles?.(t as TaskType, false))).toBe(false);
    expect(agent.handles?.('lint_fix', true)).toBe(true);
    expect(agent.handles?.('fix', true)).toBe(true);
  });

  it('runs the fixer registered for the task type on the worktree', async () => {
    const worktree = tempProject();
    const fixCalc: Fixer = async (request) => {
      const file = path.join(request.worktree, 'src/calc.py');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('a - b', 'a + b'));
      return { status: 'fixed', summary: 'flipped the operator', filesChanged: ['src/calc.py'] };
    };
    const agent = createBuiltinAgent({ fixers: { fix: fixCalc } });

    const fixed = await agent.attempt(makeRequest(worktree), makeCtx(path.join(tempDir(), 'a1')));
    expect(fixed.result?.status).toBe('fixed');
    expect(fs.readFileSync(path.join(worktree, 'src/calc.py'), 'utf8')).toContain('a + b');

    const other = await agent.attempt(makeRequest(worktree, { type: 'update_test' }), makeCtx(path.join(tempDir(), 'a2')));
    expect(other.result?.status).toBe('gave_up');
  });

  it('rejects a quarantine marker that is not a one-line decorator, saying what it must be', () => {
    expect(() => createBuiltinAgent({ quarantineMarker: 'pytest.mark.xfail' })).toThrow(/must be a decorator starting with `@`/);
    expect(() => createBuiltinAgent({ quarantineMarker: '@a\n@b' })).toThrow(/must fit on one line/);
  });

  it('turns a fixer that throws into an outcome error', async () => {
    const attemptDir = path.join(tempDir(), 'attempt-1');
    const broken: Fixer = () => Promise.reject(new Error('cannot parse test file'));
    const outcome = await createBuiltinAgent({ fixers: { quarantine: broken } }).attempt(makeRequest(tempProject(), { type: 'quarantine' }), makeCtx(attemptDir));
    expect(outcome.result).toBeUndefined();
    expect(outcome.error).toBe('the builtin fixer for quarantine tasks failed: cannot parse test file');
    expect(JSON.parse(fs.readFileSync(path.join(attemptDir, 'result.json'), 'utf8'))).toEqual({ error: outcome.error });
  });
});
