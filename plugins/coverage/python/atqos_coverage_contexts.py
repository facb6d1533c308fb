"""Writes ATQOS's impact map from a coverage.py data file with per-test contexts.

Usage: python atqos_coverage_contexts.py <data file> <repo dir> <output json> [<sha>]

Run as a subprocess with the interpreter that measured the suite; it imports coverage.py (the
tool), never the project's code. Context names are pytest node ids with a phase suffix
(``tests/test_x.py::test_y|run``), from pytest-cov's ``--cov-context=test`` or ATQOS's own
``atqos_coverage_tests`` plugin. Lines recorded in the empty context ran before any test
(import time). Exit 0 on success, 2 when the data file cannot be read.
"""
import datetime
import json
import os
import sys

PHASES = ("|setup", "|run", "|teardown")


def repo_path(filename, repo):
    rel = os.path.relpath(os.path.realpath(filename), os.path.realpath(repo))
    if rel.startswith(".." + os.sep) or rel == ".." or os.path.isabs(rel):
        return None
    return rel.replace(os.sep, "/")


def test_id(context):
    for phase in PHASES:
        if context.endswith(phase):
            return context[: -len(phase)]
    return context


def build(data, repo):
    tests, import_time = {}, {}
    for filename in sorted(data.measured_files()):
        rel = repo_path(filename, repo)
        if rel is None:
            continue
        for line, contexts in data.contexts_by_lineno(filename).items():
            if line < 1:  # coverage 6.5 records line 0 for an empty module
                continue
            for context in contexts:
                if context == "":
                    import_time.setdefault(rel, set()).add(line)
                else:
                    tests.setdefault(test_id(context), {}).setdefault(rel, set()).add(line)
    as_lists = lambda files: {f: sorted(lines) for f, lines in sorted(files.items())}  # noqa: E731
    return {t: as_lists(files) for t, files in sorted(tests.items())}, as_lists(import_time)


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    data_file, repo, out = argv[1], argv[2], argv[3]
    try:
        import coverage

        data = coverage.CoverageData(basename=data_file)
        data.read()
    except Exception as err:  # noqa: BLE001
        sys.stderr.write(f"cannot read coverage data {data_file}: {err}\n")
        return 2
    tests, import_time = build(data, repo)
    result = {
        "schema": "atqos/impact-map@1",
        "createdAt": datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z"),
        "tests": tests,
        "importTime": import_time,
        "contexts": sorted(c for c in data.measured_contexts()),
        "coverageVersion": coverage.__version__,
    }
    if len(argv) > 4 and argv[4]:
        result["sha"] = argv[4]
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(result, fh)
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
