"""ATQOS inventory plugin for pytest (loaded with ``-p atqos_pytest_inventory``).

Writes what pytest collected and how each test phase ended to the JSON file named by the
``ATQOS_INVENTORY_PATH`` environment variable. Pure stdlib; works on pytest 7 and later.
It never imports target code (it only looks at modules pytest already imported) and never
lets its own failure break the test run: every hook swallows its exceptions.
"""

import json
import os
import sys
import types

import pytest

_PATH_ENV = "ATQOS_INVENTORY_PATH"
_MAX_TEXT = 20000
_STATE = {
    "version": 1,
    "pytestVersion": getattr(pytest, "__version__", "?"),
    "python": sys.version.split()[0],
    "rootdir": None,
    "invocationDir": None,
    "items": [],
    "collectErrors": [],
    "deselected": 0,
    "reports": [],
    "moduleDeps": {},
    "exitStatus": None,
    "finished": False,
    "pluginErrors": [],
}


def _note(where, err):
    try:
        _STATE["pluginErrors"].append("%s: %s: %s" % (where, type(err).__name__, err))
    except Exception:
        pass


def _tail(text):
    text = text or ""
    return text if len(text) <= _MAX_TEXT else text[-_MAX_TEXT:]


def _is_worker(config):
    # Under pytest-xdist only the controller writes the file.
    return hasattr(config, "workerinput")


def _write(config):
    target = os.environ.get(_PATH_ENV)
    if not target or _is_worker(config):
        return
    tmp = "%s.tmp.%d" % (target, os.getpid())
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(_STATE, fh, ensure_ascii=False)
    os.replace(tmp, target)


def _module_file(obj):
    if isinstance(obj, types.ModuleType):
        return obj.__dict__.get("__file__")
    if isinstance(obj, (type, types.FunctionType)):
        mod = sys.modules.get(getattr(obj, "__module__", None) or "")
        return mod.__dict__.get("__file__") if mod is not None else None
    return None


def _repo_deps(module, rootdir):
    """Repo files whose modules or names a test module imported (no import is triggered)."""
    deps = set()
    own = module.__dict__.get("__file__")
    for value in list(module.__dict__.values()):
        path = _module_file(value)
        if not path or path == own:
            continue
        path = os.path.abspath(path)
        if path.startswith(rootdir + os.sep) and "site-packages" not in path:
            deps.add(os.path.relpath(path, rootdir).replace(os.sep, "/"))
    return sorted(deps)


def pytest_configure(config):
    try:
        _STATE["rootdir"] = str(config.rootpath)
        _STATE["invocationDir"] = str(config.invocation_params.dir)
    except Exception as err:
        _note("configure", err)


def pytest_collectreport(report):
    try:
        if report.failed:
            _STATE["collectErrors"].append(
                {"nodeId": report.nodeid, "file": str(report.fspath), "longrepr": _tail(report.longreprtext)}
            )
    except Exception as err:
        _note("collectreport", err)


def pytest_deselected(items):
    try:
        _STATE["deselected"] += len(items)
    except Exception as err:
        _note("deselected", err)


def pytest_collection_finish(session):
    try:
        rootdir = str(session.config.rootpath)
        for item in session.items:
            path, lineno, name = item.location
            _STATE["items"].append(
                {
                    "nodeId": item.nodeid,
                    "file": path,
                    "line": None if lineno is None else lineno + 1,
                    "name": name,
                    "markers": sorted({mark.name for mark in item.iter_markers()}),
                }
            )
            module = getattr(item, "module", None)
            rel = path.replace(os.sep, "/")
            if module is not None and rel not in _STATE["moduleDeps"]:
                _STATE["moduleDeps"][rel] = _repo_deps(module, rootdir)
        _write(session.config)
    except Exception as err:
        _note("collection_finish", err)


def _in_repo(path):
    root = _STATE["rootdir"]
    if not root or not path.startswith(root + os.sep):
        return False
    return not any(part in path for part in ("site-packages", "dist-packages", os.sep + ".venv" + os.sep))


def _exception_record(excinfo):
    # The raw traceback includes pytest's and pluggy's frames: keep the repo's own.
    frames = []
    for entry in excinfo.traceback:
        path = str(entry.path)
        if _in_repo(path):
            frames.append({"path": path, "line": entry.lineno + 1})
    chain = []
    exc = excinfo.value.__cause__ or excinfo.value.__context__
    while exc is not None and len(chain) < 5:
        chain.append(type(exc).__module__ + "." + type(exc).__qualname__)
        exc = exc.__cause__ or exc.__context__
    etype = excinfo.type
    return {"excType": etype.__qualname__, "excModule": etype.__module__, "frames": frames[-30:], "chain": chain}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    try:
        report = outcome.get_result()
        if call.excinfo is not None and report.outcome != "passed":
            # Plain attributes survive pytest-xdist's report serialization.
            report.atqos = _exception_record(call.excinfo)
    except Exception as err:
        _note("makereport", err)


def _crash(report):
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is None:
        return None
    return {"path": str(crash.path), "line": crash.lineno, "message": crash.message}


def pytest_runtest_logreport(report):
    try:
        if report.when != "call" and report.outcome == "passed":
            return
        record = {
            "nodeId": report.nodeid,
            "when": report.when,
            "outcome": report.outcome,
            "durationMs": round(getattr(report, "duration", 0) * 1000, 3),
        }
        if hasattr(report, "wasxfail"):
            record["wasxfail"] = str(report.wasxfail)
        if isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:
            record["skipReason"] = str(report.longrepr[2])
        elif report.outcome != "passed":
            record["crash"] = _crash(report)
            record["longrepr"] = _tail(report.longreprtext)
            if isinstance(getattr(report, "atqos", None), dict):
                record.update(report.atqos)
        _STATE["reports"].append(record)
    except Exception as err:
        _note("logreport", err)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    try:
        _STATE["exitStatus"] = int(exitstatus)
        _STATE["finished"] = True
        _write(session.config)
    except Exception as err:
        _note("sessionfinish", err)
        try:
            _write(session.config)
        except Exception:
            pass
