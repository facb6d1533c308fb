// normalize from hand-written raw files: bad or missing input is never a green "not flaky".
import { describe, expect, it } from 'vitest';
import type { CollectResult } from '../../src/plugin/contract.js';
import { normalize } from './normalize.js';

const collect: CollectResult = { artifacts: [] };

function input(files: Record<string, string>) {
  return { collect, read: (name: string) => files[name], repoDir: '/repo', runDir: '/repo/.atqos/runs/r', runStartedAtMs: 0, options: {} };
}

const selection = JSON.stringify({ reruns: 2, earlyStop: false, notRerun: [], tests: [{ nodeId: 't.py::a', file: 't.py', outcome: 'failed', fingerprints: ['ab'.repeat(10)] }] });

describe('normalize', () => {
  it('is not trustworthy when collect left no selection', () => {
    const out = normalize(input({}));
    expect(out.trustworthy).toBe(false);
    expect(out.notes.join('\n')).toMatch(/selection.json is missing/);
  });

  it('is not trustworthy when every re-run lost its report, and leaves the failure standing', () => {
    const rounds = JSON.stringify({ notFound: [], runs: [1, 2].map((r) => ({ purpose: 'rerun', round: r, artifact: `rerun-${r}-1`, nodeIds: ['t.py::a'], exitCode: null, timedOut: true })) });
    const out = normalize(input({ selection, rounds, 'rerun-1-1': '<html>oops</html>' }));
    expect(out.trustworthy).toBe(false);
    expect(out.findings).toEqual([]);
    expect(out.notes).toContain('rerun-2-1: pytest timed out and left no usable report (pytest wrote no JUnit report)');
    expect(out.notes).toContain('t.py::a: no re-run reported a result; its failure stands as reported by pytest');
  });

  it('reports a malformed raw file instead of crashing', () => {
    const out = normalize(input({ selection, rounds: '{"runs": 3}', history: 'not json' }));
    expect(out.notes.some((n) => n.startsWith('raw/flaky/rounds.json does not have the expected shape'))).toBe(true);
    expect(out.notes.some((n) => n.startsWith('raw/flaky/history.json is not JSON'))).toBe(true);
    expect(out.trustworthy).toBe(false);
  });
});
