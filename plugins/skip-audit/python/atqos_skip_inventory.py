"""Static inventory of skips in a pytest project, for ATQOS's skip audit.

Run as a subprocess (stdlib only, never imports the project):

    python atqos_skip_inventory.py REQUEST.json OUT.json

REQUEST: {"root": "/abs/repo", "files": ["tests/test_a.py", ...],
          "imports": [{"module": "pkg.mod", "name": "X"}, ...]}
OUT: tests, skips (markers, pytestmark, unittest decorators, pytest.skip/xfail/importorskip
calls), per-file errors (a file that does not parse is reported, never fatal) and, for each
requested import, whether the project module defines the name.
"""
import ast
import json
import os
import sys
import tokenize

MARKS = {"pytest.mark.skip": "skip", "pytest.mark.skipif": "skipif", "pytest.mark.xfail": "xfail"}
UNITTEST = {
    "unittest.skip": "unittest.skip", "unittest.skipIf": "unittest.skipIf",
    "unittest.skipUnless": "unittest.skipUnless", "unittest.expectedFailure": "unittest.expectedFailure",
    "unittest.case.skip": "unittest.skip", "unittest.case.skipIf": "unittest.skipIf",
    "unittest.case.skipUnless": "unittest.skipUnless", "unittest.case.expectedFailure": "unittest.expectedFailure",
}
CALLS = {"pytest.skip": "call.skip", "pytest.xfail": "call.xfail", "pytest.importorskip": "call.importorskip"}
SKIP_DIRS = {".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "node_modules", "__pycache__", ".atqos", "site-packages", ".mypy_cache", ".pytest_cache"}


def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


class Aliases:
    """What each module-level name stands for: `pt` -> `pytest`, `mark` -> `pytest.mark`."""

    def __init__(self, tree):
        self.names = {}
        self.marks = {}  # name = pytest.mark.skip(...) at module level, used as @name
        for stmt in tree.body:
            self._read(stmt)

    def _read(self, stmt):
        if isinstance(stmt, ast.Import):
            for a in stmt.names:
                if a.asname:
                    self.names[a.asname] = a.name
                else:
                    head = a.name.split(".")[0]
                    self.names[head] = head
        elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
            for a in stmt.names:
                self.names[a.asname or a.name] = stmt.module + "." + a.name
        elif isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            self.marks[stmt.targets[0].id] = stmt.value
        elif isinstance(stmt, (ast.If, ast.Try)):
            for inner in stmt.body:
                self._read(inner)

    def resolve(self, node):
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        full = self.names.get(head)
        if full is None:
            return None
        return full + ("." + rest if rest else "")


def text_of(source, node):
    seg = ast.get_source_segment(source, node)
    return " ".join(seg.split()) if seg is not None else None


def static_truth(node):
    """True/False when a condition is a literal (or a string holding one); None when it depends."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    if isinstance(value, str):
        try:
            return bool(ast.literal_eval(value.strip()))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
    return bool(value)


def applies_statically(truths):
    """Whether a conditional skip applies whatever the platform: any literal true condition."""
    if any(t is True for t in truths):
        return True
    if truths and all(t is False for t in truths):
        return False
    return None


def reason_of(call, positional):
    for kw in call.keywords:
        if kw.arg in ("reason", "msg"):
            return kw.value
    if positional is not None and len(call.args) > positional:
        return call.args[positional]
    return None


def reason_text(source, node):
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return text_of(source, node)


class Module:
    def __init__(self, rel, source, tree):
        self.rel = rel
        self.source = source
        self.aliases = Aliases(tree)
        self.tests = []
        self.skips = []
        self.tree = tree

    def mark(self, expr, line, target, scope, depth=0):
        """One skip-like marker expression (decorator or pytestmark element), or nothing."""
        call = expr if isinstance(expr, ast.Call) else None
        head = call.func if call else expr
        # `slow_skip = pytest.mark.skip(...)` at module level, then `@slow_skip`.
        if isinstance(head, ast.Name) and head.id in self.aliases.marks and self.aliases.resolve(head) is None and depth < 5:
            return self.mark(self.aliases.marks[head.id], line, target, scope, depth + 1)
        name = self.aliases.resolve(head)
        kind = MARKS.get(name) or UNITTEST.get(name)
        if kind is None:
            return
        conditions, reason = [], None
        if call is not None:
            if kind in ("skip", "unittest.skip"):
                reason = reason_of(call, 0)
            elif kind in ("skipif", "xfail"):
                conditions = list(call.args) + [kw.value for kw in call.keywords if kw.arg == "condition"]
                reason = reason_of(call, None)
            elif kind in ("unittest.skipIf", "unittest.skipUnless"):
                conditions = call.args[:1]
                reason = reason_of(call, 1)
        self.add(kind, line, target, scope, reason, conditions)

    def add(self, kind, line, target, scope, reason, conditions, **extra):
        truths = [static_truth(c) for c in conditions]
        if kind == "unittest.skipUnless":
            truths = [None if t is None else not t for t in truths]
        entry = {
            "kind": kind, "file": self.rel, "line": line, "target": list(target), "scope": scope,
            "reason": reason_text(self.source, reason),
            "conditions": [text_of(self.source, c) for c in conditions],
            # Literal conditions are known without running anything: skipif(True) never runs anywhere.
            "staticTruth": applies_statically(truths),
        }
        entry.update(extra)
        self.skips.append(entry)

    def pytestmark(self, body, target, scope):
        for stmt in body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets):
                values = stmt.value.elts if isinstance(stmt.value, (ast.List, ast.Tuple)) else [stmt.value]
                for v in values:
                    self.mark(v, getattr(v, "lineno", stmt.lineno), target, scope)

    def calls(self, body, target, scope, func=None):
        first = first_statement(body) if func is not None else None
        for stmt in body:
            for node in walk_no_defs(stmt):
                if not isinstance(node, ast.Call):
                    continue
                kind = CALLS.get(self.aliases.resolve(node.func) or "")
                if kind is None:
                    continue
                direct = stmt is first and isinstance(stmt, ast.Expr) and stmt.value is node
                # Only a call made through the pytest module can be neutralized for one test.
                via_module = isinstance(node.func, ast.Attribute) and self.aliases.resolve(node.func.value) == "pytest"
                positional = 0 if kind != "call.importorskip" else None
                reason = reason_of(node, positional)
                if kind == "call.importorskip":
                    reason = node.args[0] if node.args else reason
                self.add(kind, node.lineno, target, scope, reason, [], opening=direct, neutralizable=direct and via_module and kind == "call.skip")

    def visit(self, body, prefix):
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name.startswith("test"):
                target = prefix + [stmt.name]
                self.tests.append({"file": self.rel, "qualname": target, "line": stmt.lineno})
                for d in stmt.decorator_list:
                    self.mark(d, d.lineno, target, "function")
                self.calls(stmt.body, target, "function", func=stmt)
            elif isinstance(stmt, ast.ClassDef) and (stmt.name.startswith("Test") or self.is_testcase(stmt)):
                target = prefix + [stmt.name]
                for d in stmt.decorator_list:
                    self.mark(d, d.lineno, target, "class")
                self.pytestmark(stmt.body, target, "class")
                self.visit(stmt.body, target)

    def is_testcase(self, cls):
        return any((self.aliases.resolve(b) or "").endswith("TestCase") for b in cls.bases)


def first_statement(body):
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    return body[0] if body else None


def walk_no_defs(node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        for child in ast.iter_child_nodes(n):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                stack.append(child)


def read_source(path):
    with tokenize.open(path) as f:
        return f.read()


def inventory_file(root, rel, out):
    try:
        source = read_source(os.path.join(root, rel))
        tree = ast.parse(source, filename=rel)
    except SyntaxError as e:
        out["errors"].append({"file": rel, "line": e.lineno or 0, "message": "%s: %s" % (type(e).__name__, e.msg)})
        return
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, MemoryError) as e:
        out["errors"].append({"file": rel, "line": 0, "message": "%s: %s" % (type(e).__name__, e)})
        return
    mod = Module(rel, source, tree)
    mod.visit(tree.body, [])
    mod.pytestmark(tree.body, [], "module")
    module_level = [s for s in tree.body if not isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    mod.calls(module_level, [], "module")
    out["tests"].extend(mod.tests)
    out["skips"].extend(mod.skips)


# --- does a project module define a name? -------------------------------------------------

def project_files(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for f in filenames:
            if f.endswith(".py"):
                yield os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/")


def module_file(files, module):
    tail = module.replace(".", "/")
    found = [f for f in files if f == tail + ".py" or f.endswith("/" + tail + ".py") or f == tail + "/__init__.py" or f.endswith("/" + tail + "/__init__.py")]
    return min(found, key=len) if found else None


def bound_names(stmts, names, star):
    for stmt in stmts:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for a in stmt.names:
                if a.name == "*":
                    star.append(stmt.module or ".")
                else:
                    names.add(a.asname or a.name.split(".")[0])
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
            if isinstance(stmt, (ast.With, ast.AsyncWith)):
                targets = [i.optional_vars for i in stmt.items]
            for t in targets:
                for n in ast.walk(t) if t is not None else []:
                    if isinstance(n, ast.Name):
                        names.add(n.id)
        for field in ("body", "orelse", "finalbody", "handlers"):
            inner = getattr(stmt, field, None)
            if isinstance(inner, list) and not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound_names(inner, names, star)


def check_import(root, files, module, name):
    rel = module_file(files, module)
    result = {"module": module, "name": name, "file": rel, "defines": None, "why": ""}
    if rel is None:
        result["why"] = "no module file for %s in the project" % module
        return result
    try:
        tree = ast.parse(read_source(os.path.join(root, rel)), filename=rel)
    except (SyntaxError, OSError, UnicodeDecodeError, ValueError, RecursionError) as e:
        result["why"] = "%s does not parse: %s" % (rel, type(e).__name__)
        return result
    names, star = set(), []
    bound_names(tree.body, names, star)
    if name in names:
        result.update(defines=True, why="%s binds %s at module level" % (rel, name))
    elif rel.endswith("__init__.py") and module_file(files, module + "." + name):
        result.update(defines=True, why="%s is a submodule" % name)
    elif star or "__getattr__" in names:
        result["why"] = "%s has %s: cannot tell statically" % (rel, "a star import" if star else "a module __getattr__")
    else:
        result.update(defines=False, why="%s binds no name %s" % (rel, name))
    return result


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: atqos_skip_inventory.py REQUEST.json OUT.json\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        request = json.load(f)
    root = request["root"]
    out = {"version": 1, "python": sys.version.split()[0], "tests": [], "skips": [], "errors": [], "imports": []}
    for rel in request.get("files", []):
        inventory_file(root, rel, out)
    wanted = request.get("imports", [])
    if wanted:
        files = sorted(project_files(root))
        out["imports"] = [check_import(root, files, w["module"], w["name"]) for w in wanted]
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
