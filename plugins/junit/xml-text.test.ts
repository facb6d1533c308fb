import { describe, expect, it } from 'vitest';
import { capText, decodeXml, secondsToMs } from './xml-text.js';

describe('secondsToMs', () => {
  it.each([
    ['0.5', 500],
    ['1,234.5', 1_234_500],
    ['0,25', 250],
    [' 2 ', 2000],
    ['1e-3', 1],
    ['-1', 0],
    ['n/a', 0],
    ['', 0],
    [undefined, 0],
  ])('%s → %d ms', (raw, ms) => {
    expect(secondsToMs(raw)).toBe(ms);
  });
});

describe('decodeXml', () => {
  it('decodes predefined and numeric references once, leaves the rest', () => {
    expect(decodeXml('&amp;lt; &#60; &#x3c; &#0; &#x110000; &bogus; a&b')).toBe('&lt; < < &#0; &#x110000; &bogus; a&b');
  });
});

describe('capText', () => {
  it('keeps short text and marks what it cut', () => {
    expect(capText('abc', 10)).toBe('abc');
    const capped = capText('y'.repeat(500), 100);
    expect(capped).toHaveLength(100);
    expect(capped).toContain('[4');
  });
});
