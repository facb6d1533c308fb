// The static helper, run as the plugin runs it: a real interpreter on real files (both Pythons).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanHelperPath } from './helper.js';
import { ScanReport } from './raw-files.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-flaky-scan-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SOURCE = `import os, socket, threading
import random as rnd
from datetime import datetime
from time import sleep
import requests
import pytest


def fetch():
    return requests.get("http://example.com")


def test_everything():
    sleep(0.1)
    x = rnd.choice([1, 2])
    stamp = datetime.now()
    fetch()
    threading.Thread(target=print).start()
    home = os.environ["HOME"] + os.getenv("USER", "")
    assert 0.1 + 0.2 == 0.3
    assert x / 2 != 1


def test_seeded_and_approx():
    rng = rnd.Random(42)
    assert rng.random() == pytest.approx(0.6394, abs=1e-3)
    assert 1 + 1 == 2


class TestK:
    @pytest.mark.xfail(reason="quarantined by ATQOS: flaky (no issue link yet)", strict=False)
    def test_m(self):
        self.helper()

    def helper(self):
        socket.create_connection(("localhost", 1))


@pytest.mark.xfail(reason="known bug #12", strict=False)
@pytest.mark.flaky_quarantine(
    "quarantined  by ATQOS, an older template",
)
def test_other_template():
    pass
`;

function scan(python: string): ScanReport {
  fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'tests', 'test_mod.py'), SOURCE);
  const tests = [['test_everything'], ['test_seeded_and_approx'], ['TestK', 'test_m'], ['test_missing']].map((q) => ({ nodeId: `tests/test_mod.py::${q.join('::')}`, file: 'tests/test_mod.py', qualname: q }));
  fs.writeFileSync(path.join(dir, 'req.json'), JSON.stringify({ tests, quarantineTag: 'quarantined by ATQOS' }));
  execFileSync(python, [scanHelperPath(), 'req.json', 'out.json'], { cwd: dir });
  return ScanReport.parse(JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')));
}

describe.each(['python3', '/usr/bin/python3'])('atqos_flaky_scan.py with %s', (python) => {
  it('names each source of non-determinism, through aliases and one level of calls', () => {
    const report = scan(python);
    const kinds = (i: number) => report.tests[i]!.hints.map((h) => `${h.kind}:${h.call}@${h.function}`);
    expect(kinds(0).sort()).toEqual([
      'env_vars:os.environ[...]@test_everything', 'env_vars:os.getenv@test_everything',
      'float_equality:==@test_everything', 'float_equality:==@test_everything',
      'network:requests.get@fetch', 'random_unseeded:random.choice@test_everything',
      'sleep:time.sleep@test_everything', 'threads:threading.Thread@test_everything',
      'wall_clock:datetime.datetime.now@test_everything',
    ]);
    expect(kinds(1)).toEqual([]);
    expect(kinds(2)).toEqual(['network:socket.create_connection@helper']);
    expect(report.tests[3]).toMatchObject({ found: false, hints: [] });
  });

  it('finds quarantine markers by the ATQOS tag, whatever template wrote them, and no hand-written xfail', () => {
    expect(scan(python).markers).toEqual([
      { file: 'tests/test_mod.py', qualname: ['TestK', 'test_m'], line: 31, text: '@pytest.mark.xfail(reason="quarantined by ATQOS: flaky (no issue link yet)", strict=False)', xfail: true },
      { file: 'tests/test_mod.py', qualname: ['test_other_template'], line: 40, text: '@pytest.mark.flaky_quarantine( "quarantined by ATQOS, an older template", )', xfail: false },
    ]);
  });
});
