import { describe, expect, it } from 'vitest';
import { roundVerdicts } from './round-outcomes.js';

const xml = `<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="6" failures="1" errors="1" skipped="1">
<testcase classname="tests.test_a" name="test_ok" time="0.01"/>
<testcase classname="tests.test_a" name="test_bad" time="0.01"><failure message="assert 1 == 2">boom</failure></testcase>
<testcase classname="tests.test_a" name="test_teardown" time="0.01"><error message="failed on teardown with &quot;x&quot;">tb</error></testcase>
<testcase classname="tests.test_a" name="test_skip" time="0"><skipped message="no"/></testcase>
<testcase classname="tests.test_a.TestC" name="test_p[a::b]" time="0.01"/>
<testcase classname="tests.test_a.TestC" name="test_p[c]" time="0.01"><failure message="x">y</failure></testcase>
</testsuite></testsuites>`;

describe('roundVerdicts', () => {
  it('maps JUnit cases back to the selected node ids', () => {
    const ids = ['tests/test_a.py::test_ok', 'tests/test_a.py::test_bad', 'tests/test_a.py::test_teardown', 'tests/test_a.py::test_skip', 'tests/test_a.py::TestC::test_p[a::b]'];
    const r = roundVerdicts(xml, ids);
    expect(r.ok && Object.fromEntries(r.verdicts)).toEqual({
      'tests/test_a.py::test_ok': 'pass',
      'tests/test_a.py::test_bad': 'fail',
      'tests/test_a.py::test_teardown': 'fail',
      'tests/test_a.py::TestC::test_p[a::b]': 'pass',
    });
  });

  it('gives a function-level id the verdict of its parametrized cases, a failure winning', () => {
    const r = roundVerdicts(xml, ['tests/test_a.py::TestC::test_p']);
    expect(r.ok && Object.fromEntries(r.verdicts)).toEqual({ 'tests/test_a.py::TestC::test_p': 'fail' });
  });

  it('says why a report is unusable', () => {
    expect(roundVerdicts(undefined, ['a.py::t'])).toEqual({ ok: false, error: 'pytest wrote no JUnit report' });
    const empty = roundVerdicts('', ['a.py::t']);
    expect(empty.ok === false && empty.error).toMatch(/file is empty/);
  });
});
