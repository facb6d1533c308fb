import { describe, expect, it } from 'vitest';
import { capText, decodeXml, secondsToMs } from './xml-text.js';

describe('secondsToMs', () => {
  it.each([
    ['0.5', 500],
    ['1,234.5', 1_234_500],
    ['0,25', 250],
    [' 2 ', 2000],
    ['1e-3', 1],
    ['007.10', 7100],
    ['0.0005', 0.5],
    ['123456789.123456', 123_456_789_123.456],
    ['5.', 5000],
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

  it('reads references exactly as the XML grammar bounds them', () => {
    expect(decodeXml('&#0000065;|&#00000065;|&#X41;|&#x0000041;|&#;|&#x;|&apos;&quot;|&&lt;|&lt|&')).toBe(
      "A|&#00000065;|A|&#x0000041;|&#;|&#x;|'\"|&<|&lt|&",
    );
    expect(decodeXml('no references')).toBe('no references');
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
