"""pytest plugin for ATQOS's delete_test validation, loaded with `-p atqos_deleted`.

Proves a deletion: the session fails when any test function named in $ATQOS_DELETED_TESTS (a JSON
list of ``file::[Class::]name`` ids, parameters left off) is still collected, and otherwise
passes when the files' remaining tests pass, including a file left with no test at all (pytest's
"no tests collected" exit 5 means every test in it was the one deleted).
"""
import json
import os

_still = []


def _wanted():
    try:
        return set(json.loads(os.environ.get("ATQOS_DELETED_TESTS", "[]")))
    except ValueError:
        return set()


def pytest_collection_modifyitems(session, config, items):
    wanted = _wanted()
    _still.extend(sorted({i.nodeid.split("[")[0] for i in items if i.nodeid.split("[")[0] in wanted}))


def pytest_sessionfinish(session, exitstatus):
    if _still:
        session.exitstatus = 1
    elif session.exitstatus == 5:
        session.exitstatus = 0


def pytest_terminal_summary(terminalreporter):
    if _still:
        terminalreporter.write_line("atqos: %d test(s) that should be deleted are still collected:" % len(_still))
        for nodeid in _still:
            terminalreporter.write_line("  " + nodeid)
    else:
        terminalreporter.write_line("atqos: the deleted test(s) are no longer collected")
