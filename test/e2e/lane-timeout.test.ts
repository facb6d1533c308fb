// A lane's time budget is enforced: a run whose lane timeoutSec passes while a slow test is still
// running is stopped (the whole pytest process tree killed) and reported as error, never green.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atqos, makeProject, parseJsonOut, readJson, removeTempDirs } from './support.js';
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
