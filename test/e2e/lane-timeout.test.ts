// A lane's time budget is enforced: a run whose lane timeoutSec passes while a slow test is still
// running is stopped (the whole pytest process tree killed) and reported as error, never green;
// one whose budget ends while an agent is still working stops fixing gracefully, keeping what
// was accepted, its checkpoint and its reports.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atqos, makeProject, parseJsonOut, readJson, removeTempDirs, tempDir } from './support.js';
import { agentArgv, gitIn } from './run-support.js';
import type { RunOut } from './run-support.js';
import type { CliResult } from './support.js';

afterAll(removeTempDirs);

const SLEEP_SEC = 60;

describe('a lane past its timeoutSec', () => {
  let result: CliResult;
  let out: { runDir: string; status: string; conclusion: string; error: string | null };
  let elapsedMs: number;

  beforeAll(async () => {
    const repo = makeProject('lane-timeout', {
      '.github/atqos.yml': 'plugins:\n  pytest: { python: /usr/bin/python3 }\nlanes:\n  nightly:\n    timeoutSec: 3\n',
      'tests/test_quick.py': 'def test_quick():\n    assert True\n',
      // Runs after test_quick (file order): the lane's budget ends while it sleeps.
      'tests/test_slow.py': `import time\n\n\ndef test_slow():\n    time.sleep(${SLEEP_SEC})\n    assert True\n`,
    });
    const started = Date.now();
    result = await atqos(['diagnose', '--json', '--repo', repo], repo);
    elapsedMs = Date.now() - started;
    out = parseJsonOut(result);
  }, 120_000);

  it('stops the run well before the slow test would have finished', () => {
    expect(elapsedMs).toBeLessThan((SLEEP_SEC - 20) * 1000);
  });

  it('exits 2 with an error conclusion that names the lane budget', () => {
    expect(result.code, result.stderr).toBe(2);
    expect(out.conclusion).toBe('error');
    expect(out.error).toBe('lane timeout of 3 s reached');
  });

  it('writes reports that say it could not diagnose, never green', () => {
    const qa = readJson<{ conclusion: string }>(path.join(out.runDir, 'reports', 'qa-report.json'));
    expect(qa.conclusion).toBe('error');
    expect(fs.readFileSync(path.join(out.runDir, 'reports', 'summary.md'), 'utf8')).toMatch(/could not diagnose reliably/);
  });
});

const LANE_SEC = 30;

describe('a lane whose timeoutSec passes during remediation', () => {
  let result: CliResult;
  let out: RunOut & { error: string | null };
  let repo: string;
  let elapsedMs: number;

  beforeAll(async () => {
    const fixes = path.join(tempDir('lane-fixes'), 'fixes.json');
    fs.writeFileSync(fixes, JSON.stringify([{ path: 'src/adder.py', find: 'return a - b', replace: 'return a + b' }]));
    const config = {
      plugins: { pytest: { python: '/usr/bin/python3' } },
      lanes: { nightly: { timeoutSec: LANE_SEC } },
      // The scripted agent fixes adder.py and hangs on the other task, far past the lane budget.
      agents: { default: 'command', command: { argv: agentArgv('fix-or-hang', '--script', fixes) } },
      remediation: { maxAttempts: 1, agentConcurrency: 2, validationRepeat: 2, attemptTimeoutSec: 600 },
    };
    repo = makeProject('lane-budget-remediation', {
      '.github/atqos.yml': `${JSON.stringify(config, null, 2)}\n`,
      'pyproject.toml': '[tool.pytest.ini_options]\npythonpath = ["src"]\n',
      'src/adder.py': 'def add(a, b):\n    return a - b\n',
      'src/doubler.py': 'def double(a):\n    return a * 3\n',
      'tests/test_adder.py': 'from adder import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n',
      'tests/test_doubler.py': 'from doubler import double\n\n\ndef test_double():\n    assert double(2) == 4\n',
    });
    const started = Date.now();
    result = await atqos(['run', '--json', '--repo', repo], repo);
    elapsedMs = Date.now() - started;
    out = parseJsonOut(result);
  }, 180_000);

  it('stops fixing at the lane budget, not at the hanging agent\'s attempt timeout, with the stop reason', () => {
    expect(elapsedMs).toBeLessThan(LANE_SEC * 1000 + 60_000);
    expect(out.remediation.stopReason).toBe(`lane time budget reached (lanes.nightly.timeoutSec is ${LANE_SEC} s)`);
    const hung = out.remediation.tasks.find((t) => t.title.includes('test_double'))!;
    expect(hung.status).toBe('queued');
  });

  it('keeps the accepted fix on its branch and proves it with a checkpoint', () => {
    expect(out.remediation.accepted).toHaveLength(1);
    const fix = out.remediation.accepted[0]!;
    expect(gitIn(repo, ['show', `${fix.branch}:src/adder.py`])).toContain('return a + b');
    expect(out.remediation.checkpoint).toMatchObject({ trustworthy: true, failingBefore: 2, failingAfter: 1 });
  });

  it('finishes as a normal run, not a lane-timeout error, and reports the stop reason', () => {
    expect(result.code, result.stderr).not.toBe(2);
    expect(out.conclusion).not.toBe('error');
    expect(out.error ?? null).toBeNull();
    expect(fs.readFileSync(path.join(out.runDir, 'reports', 'summary.md'), 'utf8')).toContain(`Stopped early: lane time budget reached (lanes.nightly.timeoutSec is ${LANE_SEC} s).`);
  });
});
