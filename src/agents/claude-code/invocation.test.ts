import { describe, expect, it } from 'vitest';
import { makeRequest } from '../test-support.js';
import { allowedTools, buildInvocation } from './invocation.js';
import { ClaudeCodeOptions } from './options.js';

const paths = { attemptDir: '/tmp/attempt-1' };

function valueOf(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i < 0 ? undefined : argv[i + 1];
}

describe('claude-code buildInvocation', () => {
  it('runs print mode with JSON output, edits accepted, the prompt on stdin', () => {
    const request = makeRequest('/w');
    const inv = buildInvocation(request, ClaudeCodeOptions.parse({}), paths);
    expect(inv.argv[0]).toBe('claude');
    expect(inv.argv).toContain('--print');
    expect(valueOf(inv.argv, '--output-format')).toBe('json');
    expect(valueOf(inv.argv, '--permission-mode')).toBe('acceptEdits');
    expect(valueOf(inv.argv, '--max-turns')).toBe('30');
    expect(inv.argv).not.toContain('--max-budget-usd');
    expect(inv.argv).not.toContain('--model');
    expect(JSON.parse(valueOf(inv.argv, '--json-schema') as string)).toEqual(request.resultSchema);
    expect(inv.stdin?.startsWith(request.instructions.trimEnd())).toBe(true);
    expect(inv.stdin).toContain('## Finishing (Claude Code, non-interactive)');
    // The prompt is never an argument.
    expect(inv.argv.some((a) => a.includes('fix it'))).toBe(false);
  });

  it('takes turns and USD from the task budget, the model and extra args from the options', () => {
    const request = makeRequest('/w', { budget: { maxTurns: 5, maxUsd: 0.75 } });
    const opts = ClaudeCodeOptions.parse({ bin: '/opt/claude', model: 'sonnet', maxTurns: 12, extraArgs: ['--verbose'] });
    const inv = buildInvocation(request, opts, paths);
    expect(inv.argv[0]).toBe('/opt/claude');
    expect(valueOf(inv.argv, '--max-turns')).toBe('5');
    expect(valueOf(inv.argv, '--max-budget-usd')).toBe('0.75');
    expect(valueOf(inv.argv, '--model')).toBe('sonnet');
    expect(inv.argv.at(-1)).toBe('--verbose');
    expect(valueOf(buildInvocation(makeRequest('/w'), opts, paths).argv, '--max-turns')).toBe('12');
  });

  it('limits tools: file tools plus Bash for the validation commands only; web tools denied', () => {
    const request = makeRequest('/w', { validation: [{ argv: ['python', '-m', 'pytest', 'tests/test_calc.py::test_add'] }] });
    const inv = buildInvocation(request, ClaudeCodeOptions.parse({}), paths);
    expect(valueOf(inv.argv, '--tools')).toBe('Read,Edit,Write,Glob,Grep,Bash');
    const start = inv.argv.indexOf('--allowedTools') + 1;
    const end = inv.argv.indexOf('--disallowedTools');
    expect(inv.argv.slice(start, end)).toEqual([
      'Read', 'Edit', 'Write', 'Glob', 'Grep',
      'Bash(python -m pytest:*)',
      'Bash(python -m pytest tests/test_calc.py::test_add)',
    ]);
    expect(inv.argv.slice(end + 1, end + 3)).toEqual(['WebFetch', 'WebSearch']);
  });

  it('leaves out validation commands a permission rule cannot express safely', () => {
    const request = makeRequest('/w', {
      validation: [{ argv: ['pytest', '-q', 'tests/t.py'] }, { argv: ['sh', '-c', 'rm -rf / ; echo'] }, { argv: ['pytest', "tests/it's.py"] }],
    });
    expect(allowedTools(request)).toEqual(['Read', 'Edit', 'Write', 'Glob', 'Grep', 'Bash(pytest:*)', 'Bash(pytest -q tests/t.py)']);
  });

  it('sets no secret, only switches that keep a CI run quiet', () => {
    const inv = buildInvocation(makeRequest('/w'), ClaudeCodeOptions.parse({}), paths);
    expect(inv.env).toEqual({ DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' });
  });

  it('rejects unknown option keys (strict config section)', () => {
    expect(ClaudeCodeOptions.safeParse({ maxturns: 3 }).success).toBe(false);
    expect(ClaudeCodeOptions.parse({})).toEqual({ bin: 'claude', maxTurns: 30, allowEnv: ['ANTHROPIC_API_KEY'], extraArgs: [] });
  });
});
