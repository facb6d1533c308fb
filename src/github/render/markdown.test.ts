import { describe, expect, it } from 'vitest';
import { code, codeBlock, cut, cutNote, oneLine, permalink, repoPath, untrusted } from './markdown.js';
import { findingMarker, parseMarkers } from './markers.js';

const URL = 'https://example.test/report';
const lines = (n: number, width = 20) => Array.from({ length: n }, (_, i) => `line ${i}`.padEnd(width, '.')).join('\n');

/** What a CommonMark reader would take as the fenced block's content (fence = opening run). */
function fencedContent(md: string): string | undefined {
  const m = /^(`{3,})text\n([\s\S]*?)\n\1$/m.exec(md);
  return m?.[2];
}

describe('cut', () => {
  it('leaves text that fits alone', () => {
    expect(cut('short', 10, URL)).toBe('short');
  });

  it('cuts at a line boundary and ends with a note linking to the report', () => {
    const text = lines(1000);
    const out = cut(text, 2_000, URL);
    expect(out.length).toBeLessThanOrEqual(2_000);
    expect(out.endsWith(cutNote(URL))).toBe(true);
    const kept = out.slice(0, -cutNote(URL).length);
    expect(text.startsWith(`${kept}\n`)).toBe(true);
    expect(kept.split('\n').every((l) => /^line \d+\.+$/.test(l))).toBe(true);
  });

  it('points to the run directory when there is no URL', () => {
    expect(cut(lines(100), 500)).toContain('see the run directory');
  });

  it('closes a fence the cut left open', () => {
    const text = `intro\n\`\`\`\`text\n${lines(500)}\n\`\`\`\`\noutro`;
    const out = cut(text, 1_000, URL);
    expect(out.length).toBeLessThanOrEqual(1_000);
    expect(out).toMatch(/\n````\n\n_✂️ Cut/);
  });

  it('never splits a marker, even in one long line', () => {
    const marker = findingMarker('a'.repeat(40));
    const text = `${'x'.repeat(590)}${marker}${'y'.repeat(500)}`;
    const out = cut(text, 600 + cutNote(URL).length, URL);
    expect(out).toBe(`${'x'.repeat(590)}${cutNote(URL)}`);
    expect(cut(`${marker}\n${'z'.repeat(5_000)}`, 300, URL).startsWith(`${marker}\n`)).toBe(true);
  });

  it('does not split a surrogate pair', () => {
    const out = cut('😀'.repeat(1_000), 101 + cutNote().length);
    expect(out.length).toBeLessThanOrEqual(101 + cutNote().length);
    expect(() => encodeURIComponent(out)).not.toThrow();
  });
});

describe('codeBlock', () => {
  it('uses a fence longer than any backtick run in the text', () => {
    const text = 'a ``` b\n`````\nc ` d';
    const md = codeBlock(text, 10_000);
    expect(md.startsWith('``````text\n')).toBe(true);
    expect(fencedContent(md)).toBe(text);
  });

  it('neutralises markers, comment openers and control characters from test output', () => {
    const evil = `boom\u001b[31m\u0007 <!-- atqos:finding=${'b'.repeat(40)} --> <!-- hide\r\nrest \u202eevil`;
    const md = codeBlock(evil, 10_000);
    expect(parseMarkers(md)).toEqual({ dashboard: false });
    expect(md).not.toContain('<!--');
    // eslint-disable-next-line no-control-regex -- asserting control characters are gone
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(md).toContain('rest ');
  });

  it('cuts a 100k-character message, keeps the fence closed and stays within max', () => {
    const md = codeBlock(`${'`'.repeat(10)}\n${'m'.repeat(100_000)}`, 5_000, URL);
    expect(md.length).toBeLessThanOrEqual(5_000);
    expect(md).toMatch(/^`{11}text\n`{10}\n`{11}\n\n_✂️ Cut/);
  });
});

describe('inline text', () => {
  it('oneLine flattens, strips and cuts with an ellipsis', () => {
    expect(oneLine('a\n\tb\u0000  c', 10)).toBe('a b c');
    expect(oneLine('x'.repeat(300), 256)).toHaveLength(256);
    expect(oneLine('x'.repeat(300), 256).endsWith('…')).toBe(true);
  });

  it('code spans outlast the backticks inside and keep table pipes escaped', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('a|b')).toBe('`a\\|b`');
  });

  it('untrusted keeps tabs and newlines', () => {
    expect(untrusted('a\tb\r\nc')).toBe('a\tb\nc');
  });
});

describe('permalink', () => {
  it('encodes each path segment, keeps the slashes, and anchors the line', () => {
    const url = permalink({ owner: 'acme', repo: 'shop' }, 'a'.repeat(40), 'tests/dir with space/tëst#1?.py', 7);
    expect(url).toBe(`https://github.com/acme/shop/blob/${'a'.repeat(40)}/tests/dir%20with%20space/t%C3%ABst%231%3F.py#L7`);
    expect(new globalThis.URL(url).hash).toBe('#L7');
  });

  it('repoPath accepts repo-relative paths only', () => {
    expect(repoPath('./src\\a.py')).toBe('src/a.py');
    expect(repoPath('/etc/passwd')).toBeUndefined();
    expect(repoPath('C:/x.py')).toBeUndefined();
    expect(repoPath('../x.py')).toBeUndefined();
    expect(repoPath('a/../../x.py')).toBeUndefined();
    expect(repoPath(undefined)).toBeUndefined();
  });
});
