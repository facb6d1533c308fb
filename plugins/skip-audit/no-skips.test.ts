// `-p atqos_no_skips` with real pytest: it recognises ATQOS quarantines by the tag ATQOS passes in
// (whatever template wrote them), fails every other skip or xfail, and refuses to run without it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validation } from './validation.js';
import { removeTemps, runValidation, tempDir } from './test-support.js';

afterAll(removeTemps);

function project(): string {
  const dir = tempDir('atqos-no-skips-');
  fs.mkdirSync(path.join(dir, 'tests'));
  fs.writeFileSync(path.join(dir, 'tests', 'test_q.py'), [
    'import pytest', '',
    '@pytest.mark.xfail(reason="quarantined by ATQOS: flaky (atqos finding 0123456789ab)", strict=False)',
    'def test_default_template():', '    assert False', '',
    '@pytest.mark.flaky_quarantine("quarantined  by ATQOS, older template")',
    '@pytest.mark.xfail(reason="see the other marker", strict=False)',
    'def test_other_template():', '    assert False', '',
    '@pytest.mark.xfail(reason="quarantined by hand", strict=False)',
    'def test_hand_written():', '    assert False', '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'pytest.ini'), '[pytest]\nmarkers =\n    flaky_quarantine: test marker\n');
  return dir;
}

describe.each(['python3', '/usr/bin/python3'])('atqos_no_skips with %s', (python) => {
  const ids = (...names: string[]) => names.map((n) => `tests/test_q.py::${n}`);

  it('lets ATQOS quarantines through, from any template, and fails a hand-written xfail', async () => {
    const dir = project();
    const ok = validation({ files: [], nodeIds: ids('test_default_template', 'test_other_template') }, { python }).commands[0]!;
    expect(ok.env?.['ATQOS_QUARANTINE_TAG']).toBe('quarantined by ATQOS');
    expect((await runValidation(dir, ok)).exitCode).toBe(0);
    const bad = validation({ files: [], nodeIds: ids('test_default_template', 'test_hand_written') }, { python }).commands[0]!;
    const run = await runValidation(dir, bad);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('tests/test_q.py::test_hand_written: xfail');
    expect(run.stdout).not.toContain('test_default_template: xfail');
  }, 60_000);

  it('refuses to run without the tag, saying who sets it', async () => {
    const dir = project();
    const cmd = validation({ files: [], nodeIds: ids('test_default_template') }, { python }).commands[0]!;
    const { ATQOS_QUARANTINE_TAG: _tag, ...env } = cmd.env ?? {};
    const run = await runValidation(dir, { ...cmd, env });
    expect(run.exitCode).toBe(4);
  }, 60_000);
});
