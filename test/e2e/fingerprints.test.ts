import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atqos, commitAll, copyProject, parseJsonOut, removeTempDirs } from './support.js';

interface Finding {
  kind: string;
  fingerprint: string;
  scope: { nodeId?: string; line?: number };
}

async function diagnose(repo: string): Promise<{ code: number | null; findings: Finding[] }> {
  const r = await atqos(['diagnose', '--json', '-q', '--repo', repo], repo);
  return { code: r.code, findings: parseJsonOut<{ findings: Finding[] }>(r).findings };
}

const prints = (fs: Finding[]) => fs.map((f) => f.fingerprint).sort();
const byNode = (fs: Finding[]) => new Map(fs.map((f) => [f.scope.nodeId ?? f.kind, f]));

/** Prepends a comment and five blank lines: every line number below moves by six. */
function shiftLines(repo: string, rel: string): void {
  const file = path.join(repo, rel);
  fs.writeFileSync(file, `# shifted by the e2e test\n\n\n\n\n\n${fs.readFileSync(file, 'utf8')}`);
}

describe('finding fingerprints', () => {
  let first: Finding[];
  let elsewhere: Finding[];
  let shifted: Finding[];

  beforeAll(async () => {
    const a = copyProject('demo');
    const b = copyProject('demo');
    const c = copyProject('demo');
    for (const rel of ['tests/test_cart.py', 'tests/test_shipping.py', 'src/shop/cart.py', 'src/shop/shipping.py']) shiftLines(c, rel);
    commitAll(c, 'shift lines');
    const runs = await Promise.all([a, b, c].map(diagnose));
    for (const r of runs) expect(r.code).toBe(1);
    [first, elsewhere, shifted] = runs.map((r) => r.findings) as [Finding[], Finding[], Finding[]];
  });
  afterAll(removeTempDirs);

  it('are distinct per problem', () => {
    expect(first.length).toBeGreaterThanOrEqual(4);
    expect(new Set(prints(first)).size).toBe(first.length);
  });

  it('do not depend on the absolute path of the checkout', () => {
    expect(prints(elsewhere)).toEqual(prints(first));
  });

  it('survive line shifts in the test file and the source module', () => {
    const before = byNode(first);
    const after = byNode(shifted);
    const moved = [...after].filter(([node, f]) => f.scope.line !== undefined && f.scope.line !== before.get(node)?.scope.line);
    expect(moved.length, 'the shift should have moved reported lines').toBeGreaterThan(0);
    expect(prints(shifted)).toEqual(prints(first));
  });
});
