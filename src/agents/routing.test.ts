import { describe, expect, it } from 'vitest';
import { missingAgents, routeTaskTypes, unknownTaskTypes } from './routing.js';

const config = { default: 'claude-code', byTaskType: { remove_skip: 'builtin', lint_fix: 'codex', lint_fixx: 'codex' }, fallback: ['codex', 'builtin'] };

describe('routeTaskTypes', () => {
  it('routes every task type by byTaskType, else the default, with the fallback chain minus itself', () => {
    const routes = new Map(routeTaskTypes(config).map((r) => [r.taskType, r]));
    expect(routes.get('fix')).toEqual({ taskType: 'fix', agent: 'claude-code', source: 'default', fallback: ['codex', 'builtin'] });
    expect(routes.get('lint_fix')).toEqual({ taskType: 'lint_fix', agent: 'codex', source: 'byTaskType', fallback: ['builtin'] });
    expect(routes.get('remove_skip')?.fallback).toEqual(['codex']);
    expect([...routes.keys()]).toContain('systemic');
    expect(unknownTaskTypes(config)).toEqual(['lint_fixx']);
  });
});

describe('missingAgents', () => {
  it('lists each unavailable or unknown agent once with every setting naming it', () => {
    const probes = new Map([
      ['builtin', { available: true, detail: 'built in' }],
      ['claude-code', { available: true, detail: '2.1.197 (Claude Code)' }],
      ['codex', { available: false, detail: 'unavailable: `codex` was not found on PATH' }],
    ]);
    expect(missingAgents({ ...config, fallback: ['codex', 'gpt'] }, probes)).toEqual([
      { agent: 'codex', usedBy: ['agents.byTaskType.lint_fix', 'agents.byTaskType.lint_fixx', 'agents.fallback[0]'], reason: 'unavailable: `codex` was not found on PATH' },
      { agent: 'gpt', usedBy: ['agents.fallback[1]'], reason: 'unknown agent: use one of builtin, command, claude-code, codex, cursor-agent' },
    ]);
  });

  it('is empty when everything routed to can run', () => {
    expect(missingAgents({ default: 'builtin', byTaskType: {}, fallback: [] }, new Map([['builtin', { available: true, detail: '' }]]))).toEqual([]);
  });
});
