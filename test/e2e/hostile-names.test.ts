import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atqos, copyProject, parseJsonOut, readJson, removeTempDirs } from './support.js';
import type { CliResult } from './support.js';
import { outcomeCounts, pytestSummaryCounts } from './oracles.js';

/** Failing tests whose ids are shell commands that would create files in the repo if run by a shell. */
const INJECTION = `import pytest

IDS = ["$(touch pwned-dollar)", "\`touch pwned-backtick\`", "x; touch pwned-semicolon", "x && touch pwned-and | tee pwned-pipe", "> pwned-redirect"]


@pytest.mark.parametrize("v", IDS, ids=IDS)
def test_injection_id_fails(v):
    assert v == "", "hostile id"
`;

/** Every file or directory under `dir` whose name starts with `pwned`. */
function pwnedFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) => path.basename(p).startsWith('pwned'));
}

/** Node ids as pytest itself collects them, from a separate copy so the diagnosed one stays untouched. */
function collectedNodeIds(): string[] {
  const repo = copyProject('hostile-names', { 'tests/test_injection.py': INJECTION });
  const out = execFileSync('python3', ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider'], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  return out.split('\n').filter((l) => l.startsWith('tests/'));
}

describe('hostile test names', () => {
  let repo: string;
  let r: CliResult;
  let out: { runId: string; runDir: string; counts: Record<string, number>; findings: { kind: string; scope: { nodeId?: string } }[] };
  const outsidePwned = '/tmp/atqos-pwned';
  let outsideBefore: number | undefined;

  beforeAll(async () => {
    outsideBefore = fs.existsSync(outsidePwned) ? fs.statSync(outsidePwned).mtimeMs : undefined;
    repo = copyProject('hostile-names', { 'tests/test_injection.py': INJECTION });
    r = await atqos(['diagnose', '--json', '--repo', repo], repo);
    out = parseJsonOut(r);
  });
  afterAll(removeTempDirs);

  it('exits as pytest concluded (failures → 1) with counts from its summary line', () => {
    const pytest = pytestSummaryCounts(fs.readFileSync(path.join(out.runDir, 'raw', 'pytest', 'pytest.stdout'), 'utf8'));
    expect(pytest.failed).toBeGreaterThan(0);
    expect(r.code, r.stderr).toBe(1);
    expect(outcomeCounts(out.counts)).toEqual(pytest);
  });

  it('keeps every node id intact, exactly as pytest collects it', () => {
    const collected = collectedNodeIds();
    expect(collected.length).toBe(out.counts['total']);
    const db = new Database(path.join(out.runDir, 'state.db'), { readonly: true });
    const stored = (db.prepare('SELECT node_id FROM test_results WHERE run_id = ?').all(out.runId) as { node_id: string }[]).map((x) => x.node_id);
    db.close();
    expect(stored.sort()).toEqual([...collected].sort());

    const stdout = fs.readFileSync(path.join(out.runDir, 'raw', 'pytest', 'pytest.stdout'), 'utf8');
    const failing = collected.filter((id) => stdout.includes(`FAILED ${id} - `) || stdout.includes(`FAILED ${id}\n`));
    expect(failing.length).toBe(out.counts['failed']);
    const findingIds = out.findings.filter((f) => f.kind === 'test_failure' || f.kind === 'test_error').map((f) => f.scope.nodeId);
    expect(findingIds.sort()).toEqual([...failing].sort());
    const summary = readJson<{ failures: { nodeid: string }[] }>(path.join(out.runDir, 'reports', 'test-summary.json'));
    expect(summary.failures.map((f) => f.nodeid).sort()).toEqual([...failing].sort());
    expect(failing).toContain('tests/test_injection.py::test_injection_id_fails[$(touch pwned-dollar)]');
  });

  it('runs no shell: no injected file exists anywhere', () => {
    expect(pwnedFiles(path.dirname(repo))).toEqual([]);
    const after = fs.existsSync(outsidePwned) ? fs.statSync(outsidePwned).mtimeMs : undefined;
    expect(after).toBe(outsideBefore);
  });
});
