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
