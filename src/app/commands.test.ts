import { describe, expect, it } from 'vitest';
import { COMMANDS, helpText, parseSlashCommand, resolveDispatch, workflowCommand } from './commands.js';
import { DeliveryMemory } from './deliveries.js';

const SHA = 'ab'.repeat(20);

describe('parseSlashCommand', () => {
  it('reads the first command that starts a line', () => {
    expect(parseSlashCommand('/atqos fix-tests')).toEqual({ kind: 'dispatch', command: 'fix-tests' });
    expect(parseSlashCommand('/atqos coverage')).toEqual({ kind: 'dispatch', command: 'coverage' });
    expect(parseSlashCommand('/atqos audit-skips\n')).toEqual({ kind: 'dispatch', command: 'audit-skips' });
    expect(parseSlashCommand('Please look.\r\n  /atqos run nightly\n/atqos diagnose')).toEqual({ kind: 'dispatch', command: 'run', lane: 'nightly' });
    expect(parseSlashCommand(`/atqos approve ${SHA.toUpperCase()}`)).toEqual({ kind: 'approve', sha: SHA });
  });

  it('ignores mentions, quotes, code blocks and look-alikes', () => {
    for (const body of ['try /atqos fix-tests', '> /atqos run', '    /atqos run', '`/atqos run`', '/atqosx run', '']) {
      expect(parseSlashCommand(body), body).toBeUndefined();
    }
  });

  it('answers unknown or malformed commands with help and a reason', () => {
    expect(parseSlashCommand('/atqos')).toEqual({ kind: 'help' });
    expect(parseSlashCommand('/atqos deploy')).toEqual({ kind: 'help', reason: 'unknown command `deploy`' });
    expect(parseSlashCommand('/atqos run Nightly!')).toMatchObject({ kind: 'help', reason: expect.stringContaining('not a lane name') });
    expect(parseSlashCommand('/atqos run pr extra')).toMatchObject({ kind: 'help' });
    expect(parseSlashCommand(`/atqos approve ${SHA.slice(0, 12)}`)).toMatchObject({ kind: 'help', reason: expect.stringContaining('full 40-character') });
    expect(parseSlashCommand('/atqos coverage nightly')).toEqual({ kind: 'help', reason: '`coverage` always runs lane `weekly` and takes no argument' });
    expect(parseSlashCommand('/atqos constructor')).toMatchObject({ kind: 'help', reason: 'unknown command `constructor`' });
  });

  it('maps slash commands to the workflow\'s command input', () => {
    expect(['fix-tests', 'run', 'diagnose', 'coverage', 'audit-skips'].map((c) => workflowCommand(c as 'run'))).toEqual(['run', 'run', 'diagnose', 'diagnose', 'diagnose']);
  });

  it('resolves the lane: fixed for coverage and audit-skips, else given, else pr on a PR and health on an issue', () => {
    expect(resolveDispatch('coverage', undefined, true)).toEqual({ command: 'diagnose', lane: 'weekly' });
    expect(resolveDispatch('audit-skips', undefined, false)).toEqual({ command: 'diagnose', lane: 'nightly' });
    expect(resolveDispatch('fix-tests', undefined, true)).toEqual({ command: 'run', lane: 'pr' });
    expect(resolveDispatch('fix-tests', undefined, false)).toEqual({ command: 'run', lane: 'health' });
    expect(resolveDispatch('diagnose', 'release', false)).toEqual({ command: 'diagnose', lane: 'release' });
  });

  it('help lists every command of the table', () => {
    const help = helpText();
    for (const name of Object.keys(COMMANDS)) expect(help).toContain(`\`/atqos ${name}`);
    expect(help).toContain('`/atqos coverage` —');
  });

  it('help never starts a line with /atqos, so the App cannot trigger itself', () => {
    expect(parseSlashCommand(helpText('unknown command `x`'))).toBeUndefined();
  });
});

describe('DeliveryMemory', () => {
  it('claims an id once, forgets released ids, and evicts the least recently seen over capacity', () => {
    const memory = new DeliveryMemory(2);
    expect(memory.claim('a')).toBe(true);
    expect(memory.claim('a')).toBe(false);
    memory.release('a');
    expect(memory.claim('a')).toBe(true);
    memory.claim('b');
    memory.claim('a');
    memory.claim('c');
    expect(memory.size).toBe(2);
    expect(memory.claim('b')).toBe(true);
    expect(memory.claim('c')).toBe(false);
  });
});
