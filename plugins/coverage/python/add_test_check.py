"""Validation of an ATQOS ``add_test`` attempt, run in the task's worktree (cwd = repo root).

Keeps a new test only if, like Meta's TestGen-LLM filter, it (1) only adds or changes test
files, (2) passes on ``--runs`` consecutive runs, (3) strictly raises the coverage of the target
module, matched by its repo-relative path, and (4) breaks no test that passed before.

The baseline is measured on the base version of the tree: the ``HEAD`` tree checked out into a
temp dir through a throw-away index (``GIT_INDEX_FILE``), so modified test files count with their
old content and the worktree, its index and the repo's refs are never touched. The "after" suite
runs in the worktree itself. Both run ``<python> -m coverage run -m pytest`` as subprocesses:
coverage starts before pytest, so no module is imported unmeasured, and ATQOS never imports the
target's code. One JSON verdict line goes to stdout; tool output goes to stderr. Exit 0 only when
the test is kept.
"""
import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

DEFAULT_TEST_GLOBS = ["test_*.py", "*_test.py"]
CONFIG_HINT = "set plugins.coverage.python in .github/atqos.yml to an interpreter that has pytest and coverage.py"


class Rejected(Exception):
    """The attempt is not kept; ``stage`` says which check refused it."""

    def __init__(self, stage, reason):
        super().__init__(reason)
        self.stage = stage
        self.reason = reason


def parse_args(argv):
    p = argparse.ArgumentParser(description="Validate an ATQOS add_test attempt in the current git worktree.")
    p.add_argument("--module", help="repo-relative path of the module whose coverage must rise")
    p.add_argument("--python", default=sys.executable, help="interpreter with pytest and coverage.py")
    p.add_argument("--runs", type=int, default=5, help="consecutive passing runs required of the new tests")
    p.add_argument("--source", action="append", default=[], help="coverage --source value (repeatable)")
    p.add_argument("--branch", action="store_true", help="measure branch coverage too")
    p.add_argument("--test-glob", action="append", default=[], help="file name glob of test modules (repeatable)")
    p.add_argument("--test-path", action="append", default=[], help="path handed to pytest for the whole suite")
    p.add_argument("--pytest-arg", action="append", default=[], help="extra pytest argument (use --pytest-arg=-x)")
    p.add_argument("--timeout", type=float, default=None, help="seconds allowed per pytest or coverage process")
    p.add_argument("--known-flaky", action="append", default=[],
                   help="pytest node id the run already found flaky: left out of the regression check (repeatable)")
    p.add_argument("--verdict", help="also write the verdict JSON to this file")
    return p.parse_args(argv)


def posix(path):
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


# --- 1. what the attempt changed -------------------------------------------------------------

def git(args, cwd, env=None):
    res = subprocess.run(["git"] + args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if res.returncode != 0:
        msg = res.stderr.decode("utf-8", "replace").strip()
        raise Rejected("environment", "git %s failed in %s: %s" % (" ".join(args[:2]), cwd, msg))
    return res.stdout


def parse_porcelain(raw):
    """``git status --porcelain -z --no-renames`` → [(XY, path)]; NUL-separated, so any name is safe."""
    entries = []
    for item in raw.decode("utf-8", "surrogateescape").split("\0"):
        if len(item) > 3:
            entries.append((item[:2], item[3:]))
    return entries


def is_bytecode(path):
    return "__pycache__/" in "/" + path or path.endswith((".pyc", ".pyo"))


def is_test_file(path, globs):
    name = path.rsplit("/", 1)[-1]
    return path.endswith(".py") and any(fnmatch.fnmatchcase(name, g) for g in globs)


def classify_changes(entries, globs):
    """Splits the changes into test files to run, or raises naming the files an add_test may not touch."""
    tests, refused = [], []
    for xy, path in entries:
        if is_bytecode(path):
            continue
        if "D" in xy:
            refused.append("%s (deleted)" % path)
        elif is_test_file(path, globs):
            tests.append(path)
        else:
            refused.append(path)
    if refused:
        raise Rejected("changes", "an add_test attempt may only add or change test files (%s); it also changed: %s"
                       % (", ".join(globs), ", ".join(sorted(refused))))
    if not tests:
        raise Rejected("changes", "the attempt added or changed no test file (%s)" % ", ".join(globs))
    return sorted(tests)


# --- running pytest and coverage -------------------------------------------------------------

class Tools:
    def __init__(self, args, tmp):
        self.args = args
        self.tmp = tmp
        self.env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")

    def run(self, argv, cwd, label, env=None):
        log = "\n--- %s: %s (cwd %s)\n" % (label, " ".join(argv), cwd)
        try:
            res = subprocess.run(argv, cwd=cwd, env=env or self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            raise Rejected("environment", "%s did not finish within %ss" % (label, self.args.timeout))
        except OSError as err:
            raise Rejected("environment", "cannot start %s (%s); %s" % (self.args.python, err, CONFIG_HINT))
        out = res.stdout.decode("utf-8", "replace")
        # Bytes, so a test name in any script cannot crash the check under an ASCII locale.
        sys.stderr.flush()
        sys.stderr.buffer.write((log + out).encode("utf-8", "replace"))
        sys.stderr.buffer.flush()
        return res.returncode, out

    def require(self):
        """One process for both checks: a missing tool must read as a clear rejection, never a pass."""
        probe = "import importlib.util as u; print(' '.join(m for m in ('pytest', 'coverage') if u.find_spec(m) is None))"
        code, out = self.run([self.args.python, "-c", probe], os.getcwd(), "check pytest and coverage")
        missing = out.split() if code == 0 else ["pytest", "coverage"]
        if missing:
            raise Rejected("environment", "%s is not installed for %s; %s" % (" and ".join(missing), self.args.python, CONFIG_HINT))

    def pytest_tail(self, junit):
        return ["-p", "no:cacheprovider", "-q", "--color=no", "--junitxml=" + junit] + self.args.pytest_arg


def read_junit(path):
    """JUnit XML → {``classname::name``: passed?}; a case with any failure or error did not pass."""
    if not os.path.exists(path):
        return None
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return None
    cases = {}
    for case in root.iter("testcase"):
        key = "%s::%s" % (case.get("classname", ""), case.get("name", ""))
        bad = case.find("failure") is not None or case.find("error") is not None
        skipped = case.find("skipped") is not None
        state = "failed" if bad else "skipped" if skipped else "passed"
        if cases.get(key) != "failed":
            cases[key] = state
    return cases


# --- 2. the new tests, N times in a row ------------------------------------------------------

def run_new_tests(tools, root, files, verdict):
    """Runs only the new/changed test files ``--runs`` times; every run must pass at least one test."""
    runs = verdict["runs"]
    for n in range(1, tools.args.runs + 1):
        junit = os.path.join(tools.tmp, "new-%d.xml" % n)
        argv = [tools.args.python, "-m", "pytest"] + tools.pytest_tail(junit) + ["--"] + files
        code, _ = tools.run(argv, root, "new tests, run %d of %d" % (n, tools.args.runs))
        cases = read_junit(junit) or {}
        failed = sorted(k for k, v in cases.items() if v == "failed")
        passed = sum(1 for v in cases.values() if v == "passed")
        ok = code == 0 and passed > 0
        runs.append({"run": n, "ok": ok, "exitCode": code, "tests": len(cases), "passed": passed, "failed": failed})
        if n == 1:
            verdict["newTests"] = sorted(cases)
        if ok:
            continue
        if n > 1:
            why = "flaky: the new tests passed on runs 1-%d and failed on run %d of %d" % (n - 1, n, tools.args.runs)
        elif code == 5 or not cases:
            why = "the new test files collect no test (pytest exited %s)" % code
        elif code == 0:
            why = "the new test files run no passing test (all skipped)"
        else:
            why = "the new tests fail on run 1 of %d (pytest exited %s)" % (tools.args.runs, code)
        raise Rejected("runs", why + (": " + ", ".join(failed[:5]) if failed else ""))


# --- 3. the whole suite under coverage, before and after -------------------------------------

def checkout_base(root, dest, tmp):
    """The HEAD tree into ``dest`` through a throw-away index: the worktree's own index stays as it is."""
    env = dict(os.environ, GIT_INDEX_FILE=os.path.join(tmp, "base.index"))
    git(["read-tree", "HEAD"], root, env)
    git(["checkout-index", "--all", "--force", "--prefix=" + dest.rstrip("/") + "/"], root, env)


def module_summary(report, root, module):
    """The target's numbers from a ``coverage json`` report, matched by full repo-relative path."""
    real_root = os.path.realpath(root)
    for name, data in report.get("files", {}).items():
        rel = os.path.relpath(os.path.realpath(name), real_root) if os.path.isabs(name) else name
        if posix(rel) == module:
            s = data.get("summary", {})
            return {
                "covered": s.get("covered_lines", 0), "statements": s.get("num_statements", 0),
                "percent": round(float(s.get("percent_covered", 0.0)), 2),
                "coveredBranches": s.get("covered_branches", 0),
            }
    return None


def measure_suite(tools, cwd, label):
    """Runs the suite under coverage in ``cwd``; → (test outcomes, coverage report or None, pytest exit)."""
    data = os.path.join(tools.tmp, label + ".coverage")
    junit = os.path.join(tools.tmp, label + ".xml")
    env = dict(tools.env, COVERAGE_FILE=data)
    run = [tools.args.python, "-m", "coverage", "run"] + (["--branch"] if tools.args.branch else [])
    run += ["--source=" + ",".join(tools.args.source)] if tools.args.source else []
    argv = run + ["-m", "pytest"] + tools.pytest_tail(junit) + ["--"] + tools.args.test_path
    code, _ = tools.run(argv, cwd, "suite under coverage (%s)" % label, env)
    if code not in (0, 1, 5):
        raise Rejected("baseline" if label == "before" else "regressions",
                       "the suite %s the new tests could not run (pytest exited %s); see the validation stderr"
                       % ("without" if label == "before" else "with", code))
    if any(f.startswith(os.path.basename(data) + ".") for f in os.listdir(tools.tmp)):
        tools.run([tools.args.python, "-m", "coverage", "combine"], cwd, "combine (%s)" % label, env)
    out = os.path.join(tools.tmp, label + ".json")
    json_code, _ = tools.run([tools.args.python, "-m", "coverage", "json", "-i", "-o", out], cwd, "coverage json (%s)" % label, env)
    report = None
    if json_code == 0 and os.path.exists(out):
        with open(out, encoding="utf-8") as fh:
            report = json.load(fh)
    return read_junit(junit) or {}, report, code


def compare(verdict, module, before, after):
    """Strict gain on the target: more covered lines, or (branch data) a higher percent on the same lines."""
    if after is None:
        raise Rejected("coverage", "%s was not measured with the new tests: they never import it "
                       "(or the coverage config omits it)" % module)
    if before is None:
        before = {"covered": 0, "statements": after["statements"], "percent": 0.0, "coveredBranches": 0}
    verdict["before"], verdict["after"] = before, after
    gain = after["covered"] - before["covered"]
    verdict["gain"] = {"covered": gain, "percent": round(after["percent"] - before["percent"], 2)}
    if gain > 0 or after["coveredBranches"] > before["coveredBranches"]:
        return
    raise Rejected("coverage", "the new tests do not raise the coverage of %s: %d of %d statements (%.2f%%) before and %d (%.2f%%) after"
                   % (module, before["covered"], before["statements"], before["percent"], after["covered"], after["percent"]))


# --- 4. nothing that passed before may fail now ----------------------------------------------

def junit_key(node_id):
    """A pytest node id as JUnit names it: ``tests/test_a.py::TestX::test_y[1]`` → ``tests.test_a.TestX::test_y[1]``."""
    parts = node_id.split("::")
    if len(parts) < 2:
        return node_id
    module = posix(parts[0])
    module = module[:-3] if module.endswith(".py") else module
    return "%s::%s" % (".".join([module.replace("/", ".")] + parts[1:-1]), parts[-1])


def check_regressions(verdict, before_cases, after_cases, known_flaky=()):
    """Nothing that passed before may fail now, except tests the run already found flaky: their flip proves nothing."""
    flaky = {junit_key(n): n for n in known_flaky}
    changed = sorted(k for k, v in before_cases.items() if v == "passed" and after_cases.get(k) != "passed")
    broken = [k for k in changed if k not in flaky]
    verdict["excluded"] = [{"nodeId": flaky[k], "reason": "already known to be flaky in this run; a flip proves nothing"}
                           for k in sorted(flaky) if k in before_cases or k in after_cases]
    new_failing = sorted(k for k in verdict["newTests"] if after_cases.get(k) == "failed")
    verdict["broken"] = broken
    if broken:
        raise Rejected("regressions", "with the new tests, %d test(s) that passed before no longer pass: %s"
                       % (len(broken), ", ".join(broken[:10])))
    if new_failing:
        raise Rejected("regressions", "the new tests pass alone but fail in the whole suite (order or shared state): %s"
                       % ", ".join(new_failing[:10]))


# --- 5. the verdict ---------------------------------------------------------------------------

def validate(args, verdict):
    if not args.module:
        raise Rejected("changes", "the add_test task names no target module (its targets.files is empty)")
    if args.runs < 1:
        raise Rejected("environment", "--runs must be at least 1: a test never run proves nothing")
    root = git(["rev-parse", "--show-toplevel"], os.getcwd()).decode("utf-8", "surrogateescape").strip()
    if not os.path.isfile(os.path.join(root, args.module)):
        raise Rejected("changes", "the target module %s does not exist in the worktree" % args.module)
    raw = git(["status", "--porcelain", "-z", "--untracked-files=all", "--no-renames"], root)
    files = classify_changes(parse_porcelain(raw), args.test_glob or DEFAULT_TEST_GLOBS)
    verdict["changedFiles"] = files
    tmp = tempfile.mkdtemp(prefix="atqos-add-test-")
    try:
        tools = Tools(args, tmp)
        tools.require()
        run_new_tests(tools, root, files, verdict)
        base = os.path.join(tmp, "base")
        checkout_base(root, base, tmp)
        before_cases, before_report, _ = measure_suite(tools, base, "before")
        after_cases, after_report, _ = measure_suite(tools, root, "after")
        if after_report is None:
            raise Rejected("coverage", "coverage json wrote no report for the suite with the new tests; see the validation stderr")
        before = module_summary(before_report, base, args.module) if before_report else None
        compare(verdict, args.module, before, module_summary(after_report, root, args.module))
        check_regressions(verdict, before_cases, after_cases, args.known_flaky)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def as_report(verdict):
    """The verdict is also an ATQOS validation report: the engine keeps its runs and details with the attempt."""
    report = dict(verdict, schema="atqos/validation-report@1", verdict=verdict["reason"])
    if verdict["module"] and verdict["before"] and verdict["after"]:
        keep = ("covered", "statements", "percent")
        report["coverage"] = {"module": verdict["module"], "before": {k: verdict["before"][k] for k in keep},
                              "after": {k: verdict["after"][k] for k in keep}}
    return report


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    args.module = posix(args.module) if args.module else args.module
    if os.sep in args.python and not os.path.isabs(args.python):
        # The baseline runs in a temp copy: a worktree-relative interpreter must not move with the cwd.
        args.python = os.path.abspath(args.python)
    verdict = {"ok": False, "stage": "accepted", "reason": "", "module": args.module, "python": args.python,
               "before": None, "after": None, "gain": None, "runs": [], "newTests": [], "changedFiles": [], "broken": [],
               "excluded": []}
    try:
        validate(args, verdict)
        verdict["ok"] = True
        verdict["reason"] = "kept: %s covers %d more statement(s) of %s (%.2f%% -> %.2f%%), passed %d runs in a row, broke nothing" % (
            ", ".join(verdict["changedFiles"]), verdict["gain"]["covered"], args.module,
            verdict["before"]["percent"], verdict["after"]["percent"], args.runs)
        if verdict["excluded"]:
            verdict["reason"] += " (left out of the regression check as already known to be flaky: %s)" % (
                ", ".join(e["nodeId"] for e in verdict["excluded"]))
    except Rejected as rej:
        verdict["stage"], verdict["reason"] = rej.stage, rej.reason
    except Exception as err:  # a bug here must read as a rejection with its cause, never a pass
        verdict["stage"], verdict["reason"] = "environment", "the add_test check crashed: %s: %s" % (type(err).__name__, err)
    line = json.dumps(as_report(verdict), sort_keys=True)
    if args.verdict:
        with open(args.verdict, "w", encoding="utf-8") as fh:
            fh.write(line + "\n")
    sys.stdout.write(line + "\n")
    return 0 if verdict["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
