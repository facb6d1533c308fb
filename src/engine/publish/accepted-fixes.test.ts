import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Attempt, Task } from '../../core/index.js';
import { makeRepo, sh, write } from '../../git/test-support.js';
import { gatherAcceptedFixes } from './accepted-fixes.js';

const RUN = '20261121T000000Z-ab12cd';

function task(id: string, branch: string, status: Task['status'] = 'succeeded'): Task {
  return Task.parse({
    id, runId: RUN, type: 'fix', tool: 'pytest', title: `Fix ${id}`, findings: ['a'.repeat(40)], targets: { files: [], nodeIds: ['tests/t.py::t'] },
    allowedPaths: ['src/**'], validation: { commands: [{ argv: ['python3', '-m', 'pytest', 'tests/t.py::t'] }], expect: 'targets-pass', repeat: 2 },
    retryPolicy: { maxAttempts: 2 }, priority: 1, dependsOn: [], status, branch,
  });
}

function accepted(taskId: string, n = 1): Attempt {
  return Attempt.parse({
    id: `${taskId}-${n}`, taskId, n, agent: 'command', startedAt: '2026-11-21T00:00:00.000Z', diffStat: { files: 3, insertions: 2, deletions: 1 }, guards: [], cost: {},
    validation: { ok: true, exitCode: 0, summary: { total: 1, passed: 1, failed: 0, errors: 0, skipped: 0 }, delta: { fixed: ['tests/t.py::t'], broken: [] }, artifacts: [] },
    outcome: 'accepted',
  });
}

/** Commits the current tree on `branch` (from `base`) with an ATQOS-Run trailer, then returns to main. */
function fixBranch(repo: string, base: string, branch: string, runId: string, change: () => void): string {
  sh(repo, 'checkout', '--quiet', '-b', branch, base);
  change();
  sh(repo, 'add', '-A');
  sh(repo, 'commit', '--quiet', '-m', `fix: ${branch}\n\nbody line\n\nATQOS-Run: ${runId}\nATQOS-Task: t`);
  const sha = sh(repo, 'rev-parse', 'HEAD').trim();
  sh(repo, 'checkout', '--quiet', 'main');
  return sha;
}

describe('gatherAcceptedFixes', () => {
  it('carries every changed file: full text for modified and added, executable mode, binary bytes, deletions', async () => {
    const { repo, base } = makeRepo({ 'src/a.py': 'x = 1\n', 'src/old.py': 'gone\n', 'bin/tool.sh': '#!/bin/sh\n' });
    const binary = Buffer.from([0, 255, 10, 13, 0, 1]);
    const commit = fixBranch(repo, base, 'atqos/fix/aaaaaaaaaaaa', RUN, () => {
      write(repo, 'src/a.py', 'x = 2\n');
      write(repo, 'src/new file ü.bin', binary);
      fs.rmSync(path.join(repo, 'src/old.py'));
      fs.chmodSync(path.join(repo, 'bin/tool.sh'), 0o755);
    });
    const t = task('t1', 'atqos/fix/aaaaaaaaaaaa');
    const { accepted: fixes, notes } = await gatherAcceptedFixes({ repoDir: repo, runId: RUN, baseSha: base, tasks: [t], attempts: [accepted('t1')] });
    expect(notes).toEqual([]);
    expect(fixes).toHaveLength(1);
    const fix = fixes[0]!;
    expect(fix).toMatchObject({ taskId: 't1', branch: 'atqos/fix/aaaaaaaaaaaa', commit, diffStat: { files: 3 } });
    expect(fix.commitMessage).toBe(`fix: atqos/fix/aaaaaaaaaaaa\n\nbody line\n\nATQOS-Run: ${RUN}\nATQOS-Task: t\n`);
    expect(fix.validation).toMatchObject({ repeat: 2, result: { ok: true }, commands: [{ argv: ['python3', '-m', 'pytest', 'tests/t.py::t'] }] });
    const byPath = Object.fromEntries(fix.files.map((f) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['bin/tool.sh', 'src/a.py', 'src/new file ü.bin', 'src/old.py']);
    expect(byPath['src/old.py']).toEqual({ action: 'delete', path: 'src/old.py' });
    const text = (p: string) => { const f = byPath[p]; return f?.action === 'write' ? Buffer.from(f.contentBase64, 'base64') : undefined; };
    expect(text('src/a.py')?.toString()).toBe('x = 2\n');
    expect(text('src/new file ü.bin')?.equals(binary)).toBe(true);
    expect(byPath['bin/tool.sh']).toMatchObject({ action: 'write', mode: '100755' });
    expect(byPath['src/a.py']).toMatchObject({ mode: '100644' });
  });

  it('skips, with a note, a branch that a later run took over, a deleted branch, and a task without an accepted attempt', async () => {
    const { repo, base } = makeRepo({ 'src/a.py': 'x = 1\n' });
    fixBranch(repo, base, 'atqos/fix/bbbbbbbbbbbb', 'some-later-run', () => write(repo, 'src/a.py', 'x = 3\n'));
    const tasks = [task('moved', 'atqos/fix/bbbbbbbbbbbb'), task('missing', 'atqos/fix/cccccccccccc'), task('unvalidated', 'atqos/fix/dddddddddddd'), task('abandoned', 'atqos/fix/eeeeeeeeeeee', 'abandoned')];
    const { accepted: fixes, notes } = await gatherAcceptedFixes({ repoDir: repo, runId: RUN, baseSha: base, tasks, attempts: [accepted('moved'), accepted('missing')] });
    expect(fixes).toEqual([]);
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(/task moved: .*commit of run some-later-run, not this run/);
    expect(notes[1]).toMatch(/task missing: branch atqos\/fix\/cccccccccccc no longer exists/);
    expect(notes[2]).toMatch(/task unvalidated: no accepted, validated attempt/);
  });

  it('refuses a fix that turns a file into a symlink, naming it', async () => {
    const { repo, base } = makeRepo({ 'src/a.py': 'x = 1\n' });
    fixBranch(repo, base, 'atqos/fix/ffffffffffff', RUN, () => {
      fs.rmSync(path.join(repo, 'src/a.py'));
      fs.symlinkSync('/etc/passwd', path.join(repo, 'src/a.py'));
    });
    const { accepted: fixes, notes } = await gatherAcceptedFixes({ repoDir: repo, runId: RUN, baseSha: base, tasks: [task('t', 'atqos/fix/ffffffffffff')], attempts: [accepted('t')] });
    expect(fixes).toEqual([]);
    expect(notes[0]).toMatch(/src\/a\.py to mode 120000/);
  });

  it('lists the commands and repeat the accepted attempt ran, not the plan\'s; an older record without them keeps the plan\'s', async () => {
    const { repo, base } = makeRepo({ 'src/a.py': 'x = 1\n' });
    fixBranch(repo, base, 'atqos/fix/111111111111', RUN, () => write(repo, 'src/a.py', 'x = 2\n'));
    fixBranch(repo, base, 'atqos/fix/222222222222', RUN, () => write(repo, 'src/a.py', 'x = 3\n'));
    // What the attempt ran: the run's known-flaky test left out, and remediation.validationRepeat 3.
    const ran = [{ argv: ['python3', '-m', 'pytest', 'tests/t.py::t', '--deselect=tests/t.py::flaky'] }];
    const now = accepted('now');
    now.validation = { ...now.validation!, commands: ran, repeat: 3 };
    const { accepted: fixes } = await gatherAcceptedFixes({
      repoDir: repo, runId: RUN, baseSha: base, tasks: [task('now', 'atqos/fix/111111111111'), task('old', 'atqos/fix/222222222222')], attempts: [now, accepted('old')],
    });
    expect(fixes.map((f) => [f.taskId, f.validation.commands, f.validation.repeat])).toEqual([
      ['now', ran, 3],
      ['old', [{ argv: ['python3', '-m', 'pytest', 'tests/t.py::t'] }], 2],
    ]);
  });
});
