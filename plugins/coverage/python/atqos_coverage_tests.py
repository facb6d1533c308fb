"""pytest plugin loaded by ATQOS's coverage plugin with ``-p atqos_coverage_tests``.

Writes every test's outcome to ``$ATQOS_COVERAGE_TESTS`` (JSON, atomically) so that the coverage
plugin knows which tests ran and passed: a passing test with no line in any measured file
executed no project code. With ``ATQOS_COVERAGE_SWITCH=1`` (the ``coverage run`` runner) it also
switches coverage.py's dynamic context to ``<node id>|setup|run|teardown`` around each phase,
the same names pytest-cov's ``--cov-context=test`` gives, so per-test contexts work without
pytest-cov. Standard library and coverage.py only; its own errors never break a run.
"""
import json
import os

import pytest

_outcomes = {}
_order = []


def _switch(context):
    if os.environ.get("ATQOS_COVERAGE_SWITCH") != "1":
        return
    try:
        import coverage

        current = getattr(coverage.Coverage, "current", None)
        cov = current() if current else None
        if cov is not None:
            cov.switch_context(context)
    except Exception:  # noqa: BLE001 - measuring must never fail the suite
        pass


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    _switch(item.nodeid + "|setup")
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    _switch(item.nodeid + "|run")
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    _switch(item.nodeid + "|teardown")
    yield
    _switch("")


def pytest_runtest_logreport(report):
    previous = _outcomes.get(report.nodeid)
    if previous is None:
        _order.append(report.nodeid)
    if report.failed:
        outcome = "failed"
    elif report.skipped and previous in (None, "skipped"):
        outcome = "skipped"
    else:
        outcome = previous or "passed"
    if getattr(report, "wasxfail", None) is not None:
        outcome = "xfailed" if report.skipped else "xpassed"
    _outcomes[report.nodeid] = outcome


def pytest_sessionfinish(session, exitstatus):
    target = os.environ.get("ATQOS_COVERAGE_TESTS")
    if not target or hasattr(session.config, "workerinput"):
        return
    try:
        payload = {
            "finished": True,
            "exitStatus": int(exitstatus),
            "tests": [{"nodeId": n, "outcome": _outcomes[n]} for n in _order],
        }
        tmp = target + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(payload, fh)
        os.replace(tmp, target)
    except Exception:  # noqa: BLE001
        pass
