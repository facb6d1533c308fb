"""pytest plugin for ATQOS's skip audit, loaded with `-p atqos_unskip` from PYTHONPATH.

Nothing is written into the project. For the tests listed in $ATQOS_UNSKIP_SELECTION (JSON:
{"root": ..., "tests": [{"file", "qualname", "neutralizeOpeningSkip"}]}) it:
- keeps only those tests (the others are deselected),
- evaluates each skipif and xfail condition the way pytest would, and records whether it is
  true here,
- removes skip, skipif and xfail markers from the test and the nodes above it (class, module),
- for a test whose body opens with an unconditional `pytest.skip(...)`, turns that one call into
  a no-op during the test's call phase only (calls from anywhere else still skip).
The report goes to $ATQOS_UNSKIP_REPORT (JSON) at the end of the session.
"""
import json
import os
import sys

import pytest

REMOVED = ("skip", "skipif", "xfail")
_state = {"tests": {}, "items": {}, "errors": [], "finished": False}


def _key(path, qualname):
    return (os.path.normcase(os.path.realpath(str(path))), tuple(qualname))


def _item_qualname(item):
    names = [n.name for n in item.listchain() if isinstance(n, pytest.Class)]
    return names + [getattr(item, "originalname", None) or item.name.split("[")[0]]


def _item_path(item):
    return getattr(item, "path", None) or item.fspath


def pytest_configure(config):
    selection = os.environ.get("ATQOS_UNSKIP_SELECTION")
    if not selection:
        _state["errors"].append("ATQOS_UNSKIP_SELECTION is not set: nothing selected")
        return
    try:
        with open(selection, encoding="utf-8") as f:
            data = json.load(f)
        root = data["root"]
        for t in data["tests"]:
            _state["tests"][_key(os.path.join(root, t["file"]), t["qualname"])] = t
    except (OSError, ValueError, KeyError, TypeError) as e:
        _state["errors"].append("selection unreadable: %s: %s" % (type(e).__name__, e))


def _evaluate_conditions(item):
    from _pytest.skipping import evaluate_condition

    out = []
    for mark in [m for name in ("skipif", "xfail") for m in item.iter_markers(name=name)]:
        conditions = mark.args if "condition" not in mark.kwargs else (mark.kwargs["condition"],)
        results = []
        for condition in conditions:
            text = condition if isinstance(condition, str) else repr(condition)
            try:
                # A non-string condition is already evaluated; pytest would only insist on a reason.
                result = evaluate_condition(item, mark, condition)[0] if isinstance(condition, str) else condition
                results.append({"text": text, "result": bool(result)})
            except (Exception, pytest.fail.Exception) as e:  # a broken condition is data, not a crash
                results.append({"text": text, "result": None, "error": "%s: %s" % (type(e).__name__, e)})
        reason = mark.kwargs.get("reason")
        out.append({"mark": mark.name, "reason": reason, "conditions": results, "unconditional": not conditions})
    return out


def _strip_markers(item):
    removed = []
    for node in item.listchain():
        kept = [m for m in node.own_markers if m.name not in REMOVED]
        removed.extend(m.name for m in node.own_markers if m.name in REMOVED)
        node.own_markers[:] = kept
    return removed


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    selected, deselected = [], []
    for item in items:
        test = _state["tests"].get(_key(_item_path(item), _item_qualname(item)))
        (selected if test else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
    items[:] = selected
    for item in selected:
        test = _state["tests"][_key(_item_path(item), _item_qualname(item))]
        entry = {"nodeid": item.nodeid, "file": test["file"], "qualname": _item_qualname(item), "conditionals": _evaluate_conditions(item)}
        entry["removed"] = _strip_markers(item)
        entry["neutralize"] = bool(test.get("neutralizeOpeningSkip"))
        entry["neutralized"] = False
        _state["items"][item.nodeid] = entry


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    entry = _state["items"].get(item.nodeid)
    code = getattr(getattr(item, "obj", None), "__code__", None)
    if not entry or not entry["neutralize"] or code is None:
        yield
        return
    original = pytest.skip
    used = []

    def skip(*args, **kwargs):
        # Only the test function's own first call; fixtures, helpers and later calls still skip.
        if not used and sys._getframe(1).f_code is code:
            used.append(True)
            return None
        return original(*args, **kwargs)

    skip.Exception = original.Exception
    pytest.skip = skip
    try:
        yield
    finally:
        pytest.skip = original
        entry["neutralized"] = bool(used)


def pytest_sessionfinish(session, exitstatus):
    _state["finished"] = True
    path = os.environ.get("ATQOS_UNSKIP_REPORT")
    if not path:
        return
    report = {
        "version": 1,
        "pytest": pytest.__version__,
        "python": sys.version.split()[0],
        "finished": True,
        "items": list(_state["items"].values()),
        "errors": _state["errors"],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=True, default=repr)
