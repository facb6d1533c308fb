import { describe, expect, it } from 'vitest';
import { change, makeInput, makeTask } from '../../../src/guards/test-support.js';
import { noOutcomeTamperingGuard } from './no-outcome-tampering.js';
import { isPytestTestFile } from '../test-files.js';

const guard = noOutcomeTamperingGuard;
const check = (path: string, after: string, before?: string) =>
  guard.check(makeInput({
    task: makeTask('fix_env', ['**']),
    isTestFile: isPytestTestFile,
    changes: [change(path, { status: before === undefined ? 'added' : 'modified' })],
    base: before === undefined ? {} : { [path]: before },
    after: { [path]: after },
  }));

const FORCE_PASS = `import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    rep.outcome = "passed"
`;

describe('no-outcome-tampering', () => {
  it('rejects a conftest hook forcing outcomes to passed, naming the hook and the assignment', () => {
    const v = check('conftest.py', FORCE_PASS);
    expect(v).toEqual({
      guard: 'no-outcome-tampering',
      passed: false,
      evidence:
        'code that decides test outcomes itself:\n' +
        'conftest.py:5 (in pytest_runtest_makereport): hook pytest_runtest_makereport: def pytest_runtest_makereport(item, call):\n' +
        'conftest.py:8 (in pytest_runtest_makereport): assigns a report/session outcome: rep.outcome = "passed"',
    });
  });

  it.each([
    ['tests/test_cart.py', 'import os\nos._exit(0)\n', 'process exit (os._exit)'],
    ['tests/test_cart.py', 'from os import _exit as bye\n\ndef test_x():\n    bye(0)\n', 'process exit (os._exit)'],
    ['tests/test_cart.py', 'import sys\n\ndef test_x():\n    sys.exit(0)\n', 'process exit (sys.exit)'],
    ['tests/test_cart.py', 'def test_x():\n    raise SystemExit(0)\n', 'process exit (raise SystemExit)'],
    ['tests/test_cart.py', 'def test_x():\n    exit()\n', 'process exit (exit())'],
    ['src/shop/cart.py', 'import sys\nsys.exit(0)\n', 'process exit (sys.exit)'],
    ['src/shop/cart.py', 'import atexit, os\natexit.register(lambda: os._exit(0))\n', 'process exit (atexit.register)'],
    ['tests/conftest.py', 'import signal\nsignal.signal(signal.SIGTERM, lambda *a: None)\n', 'process exit (signal.signal)'],
    ['conftest.py', 'def pytest_sessionfinish(session, exitstatus):\n    session.exitstatus = 0\n', 'hook pytest_sessionfinish'],
    ['conftest.py', 'def pytest_collection_modifyitems(config, items):\n    items[:] = items[:1]\n', 'hook pytest_collection_modifyitems'],
    ['conftest.py', 'class Plugin:\n    def pytest_pyfunc_call(self, pyfuncitem):\n        return True\n', 'hook pytest_pyfunc_call'],
    ['conftest.py', 'import _pytest.skipping\n_pytest.skipping.evaluate_skip_marks = lambda item: None\n', 'replaces _pytest.skipping.evaluate_skip_marks'],
    ['conftest.py', 'import pytest as pt\npt.fail = lambda *a, **k: None\n', 'replaces pytest.fail'],
    ['tests/test_x.py', 'def test_x(monkeypatch):\n    monkeypatch.setattr("_pytest.runner.call_and_report", None)\n', 'patches _pytest.runner.call_and_report'],
    ['conftest.py', 'from _pytest.reports import TestReport\nTestReport.outcome = property(lambda self: "passed")\n', 'assigns a report/session outcome'],
    ['tests/test_x.py', 'import sys\nsys.modules["pytest"] = None\n', 'replaces a module in sys.modules'],
  ])('rejects %s with %j', (path, after, what) => {
    const v = check(path, after);
    expect(v.passed).toBe(false);
    expect(v.evidence).toContain(`${what}: `);
  });

  it.each([
    ['src/shop/cli.py', 'import sys\n\ndef main():\n    sys.exit(run())\n'],
    ['tests/test_cli.py', 'import pytest\n\ndef test_main():\n    with pytest.raises(SystemExit):\n        main()\n'],
    ['tests/test_pool.py', 'import os, signal\n\ndef test_stop(proc):\n    os.kill(proc.pid, signal.SIGTERM)\n'],
    ['src/shop/match.py', 'class Match:\n    def finish(self, winner):\n        self.outcome = winner\n'],
  ])('allows ordinary code: %s', (path, after) => {
    expect(check(path, after)).toEqual({ guard: 'no-outcome-tampering', passed: true });
  });

  it('catches a test killing its own process', () => {
    expect(check('tests/test_x.py', 'import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n').evidence).toContain('process exit (os.kill)');
  });

  it('allows hooks that were already there', () => {
    expect(check('conftest.py', `${FORCE_PASS}\n\ndef helper():\n    return 1\n`, FORCE_PASS).passed).toBe(true);
  });

  it('is not fooled by comments and strings', () => {
    expect(check('tests/test_x.py', '# os._exit(0)\ndef test_x():\n    """rep.outcome = "passed" and os._exit(0)"""\n    assert 1 + 1 == 2\n').passed).toBe(true);
  });
});
