import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from './args.js';

const FLAGS = { lane: { type: 'string' }, repo: { type: 'string' } } as const;

describe('parseCommandArgs', () => {
  it('an empty --lane (a workflow input left at its default) is no --lane: the config\'s default lane', () => {
    expect(parseCommandArgs('diagnose', ['--lane', ''], FLAGS).values.lane).toBeUndefined();
    expect(parseCommandArgs('plan', ['--lane=  '], FLAGS).values.lane).toBeUndefined();
    expect(parseCommandArgs('run', ['--lane', 'nightly'], FLAGS).values.lane).toBe('nightly');
  });

  it('keeps other empty values as given, and says how to get help for an unknown flag', () => {
    expect(parseCommandArgs('run', ['--repo', ''], FLAGS).values.repo).toBe('');
    expect(() => parseCommandArgs('run', ['--lanes', 'x'], FLAGS)).toThrow(/atqos run: Unknown option '--lanes'/);
  });
});
