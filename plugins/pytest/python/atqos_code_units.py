"""Where the code units of Python sources are, for ATQOS test impact selection.

Reads {"docstringsAreCode": bool, "files": {key: source}} as JSON from the file named by its
first argument (or stdin) and prints
{key: {"ok": true, "units": [{"name", "start", "end"}], "moduleLines": [[start, end], ...]}}
or {key: {"ok": false, "error": "..."}}. A unit is a function or method (outermost def, nested
defs belong to it), from its first decorator to its last line: tests that ran any of its lines
are impacted by a change inside it. moduleLines are statements that run at import time (module
and class bodies outside defs): a change there can affect every test that imports the module.
Lines in neither are blank or comments. Parses only (ast); never imports the target code.
"""
import ast
import json
import sys

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _is_docstring(stmt, index):
    return index == 0 and isinstance(stmt, ast.Expr) and isinstance(getattr(stmt, "value", None), ast.Constant) and isinstance(stmt.value.value, str)


def _first_line(node):
    return min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])


def _walk_body(body, prefix, docstrings_are_code, out):
    for index, stmt in enumerate(body):
        if _is_docstring(stmt, index) and not docstrings_are_code:
            continue
        if isinstance(stmt, DEFS):
            out["units"].append({"name": prefix + stmt.name, "start": _first_line(stmt), "end": stmt.end_lineno})
        elif isinstance(stmt, ast.ClassDef):
            header_end = max(stmt.lineno, stmt.body[0].lineno - 1) if stmt.body else stmt.end_lineno
            out["moduleLines"].append([_first_line(stmt), header_end])
            _walk_body(stmt.body, prefix + stmt.name + ".", docstrings_are_code, out)
        else:
            out["moduleLines"].append([stmt.lineno, stmt.end_lineno])


def describe(source, docstrings_are_code):
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as err:
        return {"ok": False, "error": "%s: %s" % (type(err).__name__, err)}
    out = {"ok": True, "units": [], "moduleLines": []}
    _walk_body(tree.body, "", docstrings_are_code, out)
    return out


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as handle:
            request = json.load(handle)
    else:
        request = json.load(sys.stdin)
    flag = bool(request.get("docstringsAreCode", False))
    result = {key: describe(source, flag) for key, source in request.get("files", {}).items()}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
