"""Unit tests of add_test_check's pure parts; the whole check runs in validation/add-test-check.test.ts."""
import os

import pytest

import add_test_check as check

GLOBS = check.DEFAULT_TEST_GLOBS


def test_porcelain_z_keeps_spaces_quotes_and_unicode():
    raw = '?? tests/test a "b".py\0 M src/é x.py\0'.encode("utf-8")
    assert check.parse_porcelain(raw) == [("??", 'tests/test a "b".py'), (" M", "src/é x.py")]


def test_only_test_files_are_kept_and_bytecode_is_ignored():
    entries = [("??", "tests/test_new.py"), (" M", "tests/unit_test.py"), ("??", "tests/__pycache__/x.pyc")]
    assert check.classify_changes(entries, GLOBS) == ["tests/test_new.py", "tests/unit_test.py"]


@pytest.mark.parametrize("entry,named", [
    ((" M", "src/shop/pricing.py"), "src/shop/pricing.py"),
    (("??", "tests/conftest.py"), "tests/conftest.py"),
    ((" D", "tests/test_old.py"), "tests/test_old.py (deleted)"),
])
def test_anything_else_is_refused_by_name(entry, named):
    with pytest.raises(check.Rejected) as err:
        check.classify_changes([("??", "tests/test_new.py"), entry], GLOBS)
    assert err.value.stage == "changes" and named in err.value.reason


def test_no_test_file_is_refused():
    with pytest.raises(check.Rejected, match="no test file"):
        check.classify_changes([], GLOBS)


def test_module_matched_by_full_path_not_base_name(tmp_path):
    report = {"files": {
        "src/report/utils.py": {"summary": {"covered_lines": 4, "num_statements": 4, "percent_covered": 100.0}},
        os.path.join(str(tmp_path), "src", "shop", "utils.py"): {"summary": {"covered_lines": 1, "num_statements": 4, "percent_covered": 25.0}},
    }}
    assert check.module_summary(report, str(tmp_path), "src/shop/utils.py")["covered"] == 1
    assert check.module_summary(report, str(tmp_path), "src/report/utils.py")["percent"] == 100.0
    assert check.module_summary(report, str(tmp_path), "utils.py") is None


def test_equal_coverage_is_no_gain():
    same = {"covered": 3, "statements": 6, "percent": 50.0, "coveredBranches": 0}
    with pytest.raises(check.Rejected, match="do not raise the coverage of m.py"):
        check.compare({}, "m.py", dict(same), dict(same))
    verdict = {}
    check.compare(verdict, "m.py", None, dict(same))
    assert verdict["gain"] == {"covered": 3, "percent": 50.0}


@pytest.mark.parametrize("node_id,key", [
    ("tests/test_flaky.py::test_shout_sometimes", "tests.test_flaky::test_shout_sometimes"),
    ("tests/unit/test_a.py::TestX::test_y[1-2]", "tests.unit.test_a.TestX::test_y[1-2]"),
    ("./test_top.py::test_z", "test_top::test_z"),
])
def test_node_ids_map_to_junit_keys(node_id, key):
    assert check.junit_key(node_id) == key


def test_known_flaky_tests_are_left_out_of_the_regression_check_and_named():
    before = {"tests.test_flaky::test_shout": "passed", "tests.test_p::test_price": "passed"}
    after = {"tests.test_flaky::test_shout": "failed", "tests.test_p::test_price": "passed", "tests.test_new::test_a": "passed"}
    verdict = {"newTests": ["tests.test_new::test_a"]}
    check.check_regressions(verdict, before, after, ["tests/test_flaky.py::test_shout"])
    assert verdict["broken"] == []
    assert verdict["excluded"] == [{"nodeId": "tests/test_flaky.py::test_shout", "reason": "already known to be flaky in this run; a flip proves nothing"}]
    # Without the run's knowledge the same flip is a regression.
    with pytest.raises(check.Rejected, match="tests.test_flaky::test_shout"):
        check.check_regressions({"newTests": []}, before, after)


def test_the_verdict_line_is_a_validation_report_with_the_coverage_measured():
    verdict = {"ok": True, "reason": "kept", "module": "m.py", "runs": [],
               "before": {"covered": 1, "statements": 4, "percent": 25.0, "coveredBranches": 0},
               "after": {"covered": 3, "statements": 4, "percent": 75.0, "coveredBranches": 0}}
    report = check.as_report(verdict)
    assert report["schema"] == "atqos/validation-report@1" and report["verdict"] == "kept"
    assert report["coverage"] == {"module": "m.py", "before": {"covered": 1, "statements": 4, "percent": 25.0},
                                  "after": {"covered": 3, "statements": 4, "percent": 75.0}}
    assert "coverage" not in check.as_report(dict(verdict, after=None))
