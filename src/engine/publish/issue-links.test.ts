// Which lines of an accepted fix refer to a finding, read from a real git repo's diff.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixFiles } from './fix-files.js';
import { findIssueLinks } from './issue-links.js';

const FP = '0123456789abcdef0123456789abcdef';
const OTHER = 'fedcba9876543210fedcba9876543210';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function repo(): { dir: string; commit: (msg: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-issue-links-'));
  dirs.push(dir);
  const run = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  run('init', '-q');
  return { dir, commit: (msg) => (run('add', '-A'), run('commit', '-q', '-m', msg), run('rev-parse', 'HEAD')) };
}

const quarantine = (findings: string[]) => ({ type: 'quarantine' as const, findings });

describe('findIssueLinks', () => {
  it('finds the added lines with a reference to the task\'s findings, never a line the base had', async () => {
    const { dir, commit } = repo();
    const file = 'tests/test a#1.py';
    fs.mkdirSync(path.join(dir, 'tests'));
    // The base already mentions the finding in a comment: that line is not the fix's to rewrite.
    fs.writeFileSync(path.join(dir, file), `# see atqos finding ${FP.slice(0, 12)}\nimport pytest\n\ndef test_a():\n    assert 0\n\ndef test_b():\n    assert 0\n`);
    const base = commit('base');
    fs.writeFileSync(path.join(dir, file), [
      `# see atqos finding ${FP.slice(0, 12)}`, 'import pytest', '',
      `@pytest.mark.xfail(reason="quarantined by ATQOS: flaky (atqos finding ${FP.slice(0, 12)})", strict=False)`,
      'def test_a():', '    assert 0', '',
      `@pytest.mark.xfail(reason="quarantined by ATQOS: flaky (atqos finding ${OTHER.slice(0, 12)})", strict=False)`,
      'def test_b():', '    assert 0', '',
    ].join('\n'));
    const fix = commit('quarantine');
    const files = await fixFiles(dir, base, fix);
    expect(await findIssueLinks(dir, base, fix, quarantine([FP]), files)).toEqual([
      { fingerprint: FP, path: file, line: 4, token: `atqos finding ${FP.slice(0, 12)}` },
    ]);
    expect((await findIssueLinks(dir, base, fix, quarantine([FP, OTHER]), files)).map((l) => [l.fingerprint, l.line])).toEqual([[FP, 4], [OTHER, 8]]);
  });

  it('takes only ATQOS quarantine markers of a quarantine task: a token an agent planted elsewhere is no link', async () => {
    const { dir, commit } = repo();
    fs.writeFileSync(path.join(dir, 'app.py'), 'URL = "https://example.org"\n');
    const base = commit('base');
    const token = `atqos finding ${FP.slice(0, 12)}`;
    // An added comment and string, and a marker that is a hand-written xfail, all holding the token.
    fs.writeFileSync(path.join(dir, 'app.py'), [`# ${token}`, `URL = "https://example.org/${token}"`, `@pytest.mark.xfail(reason="flaky (${token})")`, `@pytest.mark.xfail(reason="quarantined by ATQOS: flaky (${token})", strict=False)`, ''].join('\n'));
    const fix = commit('fix');
    const files = await fixFiles(dir, base, fix);
    expect((await findIssueLinks(dir, base, fix, quarantine([FP]), files)).map((l) => l.line)).toEqual([4]);
    expect(await findIssueLinks(dir, base, fix, { type: 'fix', findings: [FP] }, files)).toEqual([]);
    expect(await findIssueLinks(dir, base, fix, { type: 'add_test', findings: [FP] }, files)).toEqual([]);
  });
});
