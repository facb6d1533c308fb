"""pytest plugin for ATQOS's skip-audit validation, loaded with `-p atqos_no_skips`.

pytest exits 0 when the selected tests are skipped or xfail, so "the un-skipped test passes"
cannot be judged by the exit code alone. This plugin makes the session fail when a test is
skipped, xfailed or xpassed, unless the test carries an ATQOS quarantine marker (a quarantine
task leaves a test quarantined on purpose).

An ATQOS quarantine is a marker whose arguments contain the tag in ATQOS_QUARANTINE_TAG, which
ATQOS sets from its one definition of the tag (whitespace ignored, as everywhere ATQOS looks).
"""
import os
import re

import pytest

TAG_ENV = "ATQOS_QUARANTINE_TAG"
_bad = []
_tag = []


def _collapse(text):
    return re.sub(r"\s+", "", text)


def pytest_configure(config):
    tag = _collapse(os.environ.get(TAG_ENV, ""))
    if not tag:
        raise pytest.UsageError("atqos_no_skips: %s is not set; this plugin is run by ATQOS's skip-audit validation, which sets it" % TAG_ENV)
    _tag.append(tag)


def _quarantined(item):
    for mark in item.iter_markers():
        texts = [str(a) for a in mark.args] + [str(v) for v in mark.kwargs.values()]
        if any(_tag[0] in _collapse(t) for t in texts):
            return True
    return False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    skipped = report.skipped or hasattr(report, "wasxfail")
    if skipped and report.when in ("setup", "call") and not _quarantined(item):
        _bad.append("%s: %s" % (item.nodeid, "xfail" if hasattr(report, "wasxfail") else "skipped"))


def pytest_sessionfinish(session, exitstatus):
    if _bad and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if _bad:
        terminalreporter.write_line("atqos: %d target test(s) did not run to a pass (skip or xfail still applies):" % len(_bad))
        for line in _bad:
            terminalreporter.write_line("  " + line)
