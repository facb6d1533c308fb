"""Static evidence of non-determinism in test functions, and quarantine markers in test files.

Run by the ATQOS flaky plugin as a subprocess (stdlib only, never imports the target code):

    python atqos_flaky_scan.py REQUEST.json OUT.json

REQUEST: {"tests": [{"nodeId", "file", "qualname": [..]}], "quarantineTag": str | null}
OUT:     {"tests": [{"nodeId", "found", "hints": [{"kind", "call", "function", "line"}]}],
          "markers": [{"file", "qualname", "line", "text", "xfail"}], "errors": [..]}

A test function is scanned together with the functions it calls in the same module (one level).
"""
import ast
import json
import os
import re
import sys

SLEEP = {"time.sleep", "asyncio.sleep"}
WALL_CLOCK = {
    "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today", "datetime.date.today",
    "time.time", "time.time_ns", "time.monotonic", "time.perf_counter",
}
NETWORK_PREFIXES = ("requests.", "urllib.request.", "urllib3.", "socket.", "http.client.", "httpx.", "aiohttp.")
THREADS = ("threading.Thread", "threading.Timer", "concurrent.futures.", "multiprocessing.", "asyncio.gather", "asyncio.create_task")
ENV_CALLS = {"os.getenv", "os.environ.get", "os.putenv", "os.environ.setdefault"}
RANDOM_SEEDS = {"random.seed", "numpy.random.seed"}
SKIP_DIRS = {"node_modules", "venv", "__pycache__", "site-packages", "build", "dist"}
TEST_FILE = re.compile(r"^(test_.*|.*_test)\.py$")


def aliases(tree):
    """Local name -> dotted origin, from the module's imports (any depth)."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                out[(a.asname or a.name).split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                out[a.asname or a.name] = f"{node.module}.{a.name}"
    return out


def dotted(expr, names):
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    parts.append(names.get(expr.id, expr.id))
    return ".".join(reversed(parts))


def is_float_side(expr):
    if isinstance(expr, ast.Constant) and isinstance(expr.value, float):
        return True
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.operand, ast.Constant):
        return isinstance(expr.operand.value, float)
    return isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div)


def approx(expr, names):
    return isinstance(expr, ast.Call) and (dotted(expr.func, names) or "").endswith("approx")


def call_kind(name, call, seeded):
    if name in SLEEP:
        return "sleep"
    if name in WALL_CLOCK:
        return "wall_clock"
    if name.startswith(NETWORK_PREFIXES) or name in {"urllib.urlopen", "socket.socket"}:
        return "network"
    if name.startswith(THREADS):
        return "threads"
    if name in ENV_CALLS:
        return "env_vars"
    if name in ("random.Random", "random.SystemRandom"):
        # random.Random(seed) is a seeded generator; SystemRandom cannot be seeded at all.
        return "random_unseeded" if name == "random.SystemRandom" or not call.args else None
    if name.startswith(("random.", "numpy.random.")) and name not in RANDOM_SEEDS and not seeded:
        return "random_unseeded"
    return None


def hints_in(func, names, seeded):
    out = []
    for node in ast.walk(func):
        if isinstance(node, ast.Call):
            name = dotted(node.func, names)
            kind = name and call_kind(name, node, seeded)
            if kind:
                out.append({"kind": kind, "call": name, "function": func.name, "line": node.lineno})
        elif isinstance(node, ast.Subscript) and dotted(node.value, names) == "os.environ":
            out.append({"kind": "env_vars", "call": "os.environ[...]", "function": func.name, "line": node.lineno})
        elif isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            sides = [node.left, *node.comparators]
            if any(is_float_side(s) for s in sides) and not any(approx(s, names) for s in sides):
                out.append({"kind": "float_equality", "call": "==", "function": func.name, "line": node.lineno})
    return out


def seeds_random(func, names):
    return any(isinstance(n, ast.Call) and dotted(n.func, names) in RANDOM_SEEDS for n in ast.walk(func))


def find_def(body, qualname):
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and len(qualname) == 1 and node.name == qualname[0]:
            return node, None
        if isinstance(node, ast.ClassDef) and len(qualname) > 1 and node.name == qualname[0]:
            found, _ = find_def(node.body, qualname[1:])
            if found:
                return found, node
    return None, None


def callees(func, tree, cls):
    """Same-module functions (and methods of the test's class via self.x) the test calls."""
    top = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    methods = {n.name: n for n in (cls.body if cls else []) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    out = {}
    for node in ast.walk(func):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id in top and top[f.id] is not func:
            out[f.id] = top[f.id]
        elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self" and f.attr in methods:
            out[f.attr] = methods[f.attr]
    return list(out.values())


def parse_file(path, cache):
    if path not in cache:
        with open(path, encoding="utf-8", errors="replace") as fh:
            source = fh.read()
        cache[path] = (source, ast.parse(source, filename=path))
    return cache[path]


def scan_test(test, cache):
    try:
        _, tree = parse_file(test["file"], cache)
    except (OSError, SyntaxError, ValueError) as err:
        return {"nodeId": test["nodeId"], "found": False, "hints": [], "error": f"{type(err).__name__}: {err}"}
    names = aliases(tree)
    func, cls = find_def(tree.body, test["qualname"])
    if func is None:
        return {"nodeId": test["nodeId"], "found": False, "hints": []}
    module_seeded = any(isinstance(n, ast.Expr) and seeds_random(n, names) for n in tree.body)
    funcs = [func, *callees(func, tree, cls)]
    seeded = module_seeded or any(seeds_random(f, names) for f in funcs)
    hints = [h for f in funcs for h in hints_in(f, names, seeded)]
    return {"nodeId": test["nodeId"], "found": True, "hints": hints}


def collapse(text):
    return re.sub(r"\s+", "", text)


def markers_in(path, rel, tag, out):
    with open(path, encoding="utf-8", errors="replace") as fh:
        source = fh.read()
    if "@" not in source:
        return
    tree = ast.parse(source, filename=path)
    names = aliases(tree)

    def visit(body, outer):
        for node in body:
            if isinstance(node, ast.ClassDef):
                visit(node.body, [*outer, node.name])
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for dec in node.decorator_list:
                    text = ast.get_source_segment(source, dec) or ""
                    if tag in collapse(text):
                        xfail = (dotted(dec.func if isinstance(dec, ast.Call) else dec, names) or "").endswith("xfail")
                        out.append({"file": rel, "qualname": [*outer, node.name], "line": dec.lineno, "text": "@" + " ".join(text.split()), "xfail": xfail})

    visit(tree.body, [])


def find_markers(tag, errors):
    out = []
    for root, dirs, files in os.walk("."):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            if not TEST_FILE.match(name):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, ".").replace(os.sep, "/")
            try:
                markers_in(path, rel, tag, out)
            except (OSError, SyntaxError, ValueError) as err:
                errors.append(f"{rel}: {type(err).__name__}: {err}")
    return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: atqos_flaky_scan.py REQUEST.json OUT.json\n")
        return 2
    with open(argv[1], encoding="utf-8") as fh:
        request = json.load(fh)
    cache, errors = {}, []
    tests = [scan_test(t, cache) for t in request.get("tests", [])]
    # Whitespace is removed on both sides, so reformatting a marker does not hide it.
    tag = collapse(request.get("quarantineTag") or "")
    markers = find_markers(tag, errors) if tag else []
    tmp = argv[2] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"tests": tests, "markers": markers, "errors": errors}, fh)
    os.replace(tmp, argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
