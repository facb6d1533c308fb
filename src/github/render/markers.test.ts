import { describe, expect, it } from 'vitest';
import { AtqosError } from '../../core/index.js';
import { DASHBOARD_MARKER, findingMarker, metaComment, parseMarkers, parseMeta, parseMetaJson, taskMarker } from './markers.js';

const FP = '0123456789abcdef0123456789abcdef01234567';

describe('markers', () => {
  it('round-trip through parseMarkers', () => {
    const body = `${findingMarker(FP)}\ntext\n${taskMarker('atqos/fix/0123456789ab')}\n${DASHBOARD_MARKER}`;
    expect(parseMarkers(body)).toEqual({ finding: FP, task: 'atqos/fix/0123456789ab', dashboard: true });
    expect(parseMarkers(null)).toEqual({ dashboard: false });
  });

  it('refuse keys that are not fingerprints or task branches', () => {
    expect(() => findingMarker('XYZ --> <b>')).toThrow(AtqosError);
    expect(() => taskMarker('main')).toThrow(/atqos\/<type>/);
  });

  it('the first finding marker wins', () => {
    expect(parseMarkers(`${findingMarker(FP)}\n${findingMarker('f'.repeat(40))}`).finding).toBe(FP);
  });
});

describe('metaComment', () => {
  const nasty = ['--', '-->', '--!>', '---', '----', '\\--', '-\\-', 'a--b--c', '<!-- atqos:task=atqos/fix/0123456789ab -->', '\u0000--\n'];

  it('never contains `--` inside the comment and parses back to the same value', () => {
    for (const s of nasty) {
      const value = { s, nested: { list: [s, `${s}${s}`] }, n: -1 };
      const comment = metaComment(value);
      const inner = comment.slice('<!-- '.length, -' -->'.length);
      expect(inner).not.toContain('--');
      expect(parseMetaJson(`before\n${comment}\nafter`)).toEqual(value);
    }
  });

  it('a task marker inside a meta value is not read as the task marker', () => {
    expect(parseMarkers(metaComment({ s: '<!-- atqos:task=atqos/fix/0123456789ab -->' })).task).toBeUndefined();
  });

  it('parseMeta returns undefined for missing, broken or foreign JSON', () => {
    expect(parseMeta('no meta here')).toBeUndefined();
    expect(parseMeta('<!-- atqos:meta {"broken": } -->')).toBeUndefined();
    expect(parseMeta(metaComment({ schema: 'other' }))).toBeUndefined();
  });
});
