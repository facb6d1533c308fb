import { describe, expect, it } from 'vitest';
import { parseNodeId } from './node-id.js';

describe('parseNodeId', () => {
  it('splits file, classes, function and a parameter id holding `::`, brackets and regex metacharacters', () => {
    expect(parseNodeId('tests/test_x.py::TestA::TestB::test_y[a::b[(.*)+?]$]')).toEqual({
      file: 'tests/test_x.py', qualname: ['TestA', 'TestB', 'test_y'], param: '[a::b[(.*)+?]$]',
    });
    expect(parseNodeId('tests/with space.py::test_y')).toEqual({ file: 'tests/with space.py', qualname: ['test_y'], param: '' });
  });

  it('is undefined for something that names no test', () => {
    expect(parseNodeId('tests/test_x.py')).toBeUndefined();
    expect(parseNodeId('::test_y')).toBeUndefined();
    expect(parseNodeId('tests/x.py::test y')).toBeUndefined();
  });
});
