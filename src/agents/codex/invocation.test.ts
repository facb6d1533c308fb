import { describe, expect, it } from 'vitest';
import { AgentResult } from '../contract.js';
import { makeRequest } from '../test-support.js';
import { buildInvocation, codexPaths, codexResultSchema } from './invocation.js';
import { CodexOptions } from './options.js';

const paths = codexPaths('/runs/r/tasks/t/attempt-1');

describe('codex buildInvocation', () => {
  it('runs `codex exec --json` sandboxed to the worktree, schema and last message in the attempt dir, prompt on stdin', () => {
    const request = makeRequest('/work/wt');
    const inv = buildInvocation(request, CodexOptions.parse({}), paths);
    expect(inv.argv).toEqual([
      'codex', 'exec', '--json',
      '--sandbox', 'workspace-write',
      '--cd', '/work/wt',
      '--output-schema', '/runs/r/tasks/t/attempt-1/codex-output-schema.json',
      '--output-last-message', '/runs/r/tasks/t/attempt-1/codex-last-message.txt',
      '-',
    ]);
    expect(inv.stdin).toContain('# fix it');
    expect(inv.stdin).toContain('## Finishing (Codex, non-interactive)');
    expect(inv.env).toEqual({});
  });

  it('adds the model, and extra args before the stdin placeholder', () => {
    const inv = buildInvocation(makeRequest('/w'), CodexOptions.parse({ bin: '/opt/codex', model: 'gpt-5-codex', extraArgs: ['--skip-git-repo-check'] }), paths);
    expect(inv.argv[0]).toBe('/opt/codex');
    expect(inv.argv.slice(-4)).toEqual(['--model', 'gpt-5-codex', '--skip-git-repo-check', '-']);
  });

  it('gives codex a strict schema that still yields a valid AgentResult', () => {
    const schema = codexResultSchema() as { required: string[]; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(schema.additionalProperties).toBe(false);
    expect([...schema.required].sort()).toEqual(Object.keys(schema.properties).sort());
    expect(schema.properties.status).toEqual({ type: 'string', enum: ['fixed', 'partial', 'gave_up', 'error'] });
    expect(AgentResult.safeParse({ status: 'fixed', summary: 's', filesChanged: [], notes: '' }).success).toBe(true);
  });

  it('has a strict config section with the OpenAI key names as defaults', () => {
    expect(CodexOptions.parse({})).toEqual({ bin: 'codex', allowEnv: ['OPENAI_API_KEY', 'CODEX_API_KEY'], extraArgs: [] });
    expect(CodexOptions.safeParse({ maxTurns: 3 }).success).toBe(false);
  });
});
