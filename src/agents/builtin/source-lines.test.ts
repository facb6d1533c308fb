import { describe, expect, it } from 'vitest';
import { insertLine, joinLines, removeRanges, splitLines } from './source-lines.js';

describe('source lines', () => {
  it('round-trips mixed terminators and a missing final newline byte for byte', () => {
    for (const src of ['a\r\nb\nc\rd', 'a\n', '', 'x\r\n\r\n']) expect(joinLines(splitLines(src))).toBe(src);
  });

  it('removes ranges and inserts with the dominant terminator', () => {
    const lines = splitLines('a\r\nb\r\nc\r\nd\n');
    expect(joinLines(removeRanges(lines, [{ start: 2, end: 3 }]))).toBe('a\r\nd\n');
    expect(joinLines(insertLine(lines, 2, 'new'))).toBe('a\r\nnew\r\nb\r\nc\r\nd\n');
    expect(joinLines(insertLine(splitLines('a'), 2, 'b'))).toBe('a\nb\n');
  });
});
