// `atqos run` where nothing may or can be fixed: an environment failure with only the builtin
// agent (which has no deterministic fix for it), a project that is not a git repo, and agent routing that names what does not exist.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atqos, FIXTURES, gitStatus, parseJsonOut, removeTempDirs, tempDir } from './support.js';
import { branches, configuredFiles, configuredProject, runJson, worktrees } from './run-support.js';
import type { RunOut } from './run-support.js';

afterAll(removeTempDirs);

function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}

describe('an environment failure with the builtin agent', () => {
  it('plans a fix_env task that may not edit code, leaves it waiting for an agent with the setting to add, and changes nothing', async () => {
    const repo = configuredProject('env-error', {});
    const { result, out } = await runJson(repo);
    expect(result.code, result.stderr).toBe(1);
    const [task, ...others] = out.tasks;
    expect(others).toEqual([]);
    expect(task!.type).toBe('fix_env');
    expect(task!.targets.files.length).toBeGreaterThan(0);
    for (const p of task!.allowedPaths) {
      // Manifests and test configuration only: no module, no test file.
      expect(p.endsWith('.py') ? /(^|\/)(conftest|setup)\.py$/.test(p) : true, p).toBe(true);
      for (const f of task!.targets.files) expect(p).not.toBe(f);
    }
    expect(out.remediation.tasks).toEqual([expect.objectContaining({ id: task!.id, type: 'fix_env', status: 'blocked', branch: null, reason: expect.stringMatching(/^waiting for an agent: /) })]);
    expect(read(out.runDir, 'reports/summary.md')).toMatch(/\| blocked \| 0 \| waiting for an agent: no deterministic fix for fix\\_env tasks/);
    // No attempt is burnt on a no-op; the event says exactly what to configure.
    expect(out.remediation.attempts).toEqual([]);
    const events = read(out.runDir, 'events.jsonl').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; data: { reason?: string } });
    expect(events.find((e) => e.type === 'task.blocked')?.data.reason).toBe(
      'waiting for an agent: no deterministic fix for fix_env tasks; configure an agent: set agents.byTaskType.fix_env (or agents.default) to claude-code, codex, cursor-agent or command',
    );
    expect(branches(repo, 'atqos/*')).toEqual([]);
    expect(gitStatus(repo)).toBe('');
    expect(worktrees(repo)).toEqual([repo]);
    for (const f of ['tests/test_db.py', 'tests/test_payments.py', 'tests/test_version.py', 'pytest.ini']) {
      expect(read(repo, f)).toBe(read(path.join(FIXTURES, 'projects', 'env-error'), f));
    }
  }, 120_000);
});

describe('a project that is not a git repository', () => {
  it('diagnoses, then skips remediation telling to git init: exit 1, no crash, no repo created', async () => {
    const dir = path.join(tempDir('no-git'), 'demo');
    fs.cpSync(path.join(FIXTURES, 'projects', 'demo'), dir, { recursive: true, filter: (s) => !['.atqos', '__pycache__', '.pytest_cache'].includes(path.basename(s)) });
    const json = await atqos(['run', '--json', '--repo', dir], dir);
    expect(json.code, json.stderr).toBe(1);
    const out = parseJsonOut<RunOut>(json);
    expect(out).toMatchObject({ status: 'finished', conclusion: 'red' });
    expect(out.remediation.skipped).toMatch(/git init/);
    expect(fs.existsSync(path.join(dir, '.git')), 'ATQOS must not create a repository').toBe(false);
    const text = await atqos(['run', '--repo', dir], dir);
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toMatch(/^remediation skipped: .*git init/m);
    expect(text.stderr).not.toMatch(/at .*\.m?js:\d+/);
  }, 120_000);
});

describe('agent routing errors stop the run before anything runs', () => {
  const TEST = { 'tests/test_one.py': 'def test_one():\n    assert 1 == 2\n' };
  const cases = [
    { name: 'an unknown default agent', yaml: 'agents:\n  default: nope\n', names: /`agents\.default` names an unknown agent 'nope'/ },
    { name: 'the command agent without argv', yaml: 'agents:\n  default: command\n', names: /`agents\.command\.argv` is not set/ },
    { name: 'an unknown agent for a task type', yaml: 'agents:\n  byTaskType:\n    fix: nope\n', names: /`agents\.byTaskType\.fix` names an unknown agent 'nope'/ },
  ];
  it.each(cases)('$name → exit 3 naming the key, nothing written', async ({ yaml, names }) => {
    const repo = configuredFiles('bad-agents', {}, { ...TEST, '.github/atqos.yml': yaml });
    const r = await atqos(['run', '--json', '--repo', repo], repo);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(names);
    expect(r.stderr).toMatch(/hint: /);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(path.join(repo, '.atqos'))).toBe(false);
    expect(gitStatus(repo)).toBe('');
  });
});
