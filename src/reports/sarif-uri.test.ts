import { describe, expect, it } from 'vitest';
import { artifactUri } from './sarif-uri.js';

describe('SARIF artifact URIs', () => {
  it('percent-encode what encodeURI leaves: #, ? and %, besides spaces and non-ASCII', () => {
    expect(artifactUri('src/a #1?/100%/ü é.py')).toBe('src/a%20%231%3F/100%25/%C3%BC%20%C3%A9.py');
    expect(encodeURI('src/a #1?.py')).toBe('src/a%20#1?.py');
  });

  it('keep the path: a colon in the first segment is not a scheme, and each segment decodes back', () => {
    const file = 'C:weird/x: [y] & z+;=.py';
    const uri = artifactUri(file);
    expect(uri.startsWith('C%3Aweird/')).toBe(true);
    expect(new URL(uri, 'file:///repo/').pathname).toBe(`/repo/${uri}`);
    expect(uri.split('/').map(decodeURIComponent).join('/')).toBe(file);
  });

  it('never throw on a name that was not valid UTF-8 (a lone surrogate)', () => {
    expect(artifactUri('bad\udcffname.py')).toBe('bad%EF%BF%BDname.py');
  });
});
