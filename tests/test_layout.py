"""The layout of macros/ shows the flow, and the imports keep to it: no cycles, and no module importing
one on a higher floor (data at the bottom, then pages, outputs, the engine, the build, the commands)."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

MACROS = ROOT / "macros"
# The floors, bottom up: a module may import from its own floor and those below it.
FLOORS = {"data": 0, "parallel": 0, "collector": 0, "pages": 1, "outputs": 2, "engine": 3, "__init__": 3, "site": 4, "pipeline": 4,
          "tools": 5}
PACKAGES = ("data", "pages", "outputs", "engine", "tools")


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor(module: str) -> int:
    parts = module.split(".")
    return FLOORS["__init__" if parts == ["macros"] else parts[1]]


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(MACROS.rglob("*.py"))}


def imports(path: Path, known: dict[str, Path], root: Path = ROOT) -> set[str]:
    """The macros modules a module imports, anywhere in it (a function's own imports too)."""
    here = module_name(path, root)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # `from . import a` names a module; `from .a import b` a name in one
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in known else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m in known and m != here}


def test_every_module_is_on_a_floor_and_every_folder_says_what_comes_in_and_out():
    for name in modules():
        floor(name)  # a KeyError names a module on no floor: add its folder to FLOORS
    for package in PACKAGES:
        doc = ast.get_docstring(ast.parse((MACROS / package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and " in" in doc and " out" in doc, f"macros/{package}/__init__.py: say what comes in and goes out"


def test_no_module_imports_one_on_a_higher_floor():
    known = modules()
    upward = [f"{name} (floor {floor(name)}) imports {target} (floor {floor(target)})"
              for name, path in known.items() for target in sorted(imports(path, known)) if floor(target) > floor(name)]
    assert upward == []


def test_no_import_cycles():
    known = modules()
    graph = {name: imports(path, known) for name, path in known.items()}
    cycles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_layout_test_sees_a_cycle_and_an_upward_import(tmp_path):
    """The tests above can fail: a made-up upward import that is also a cycle is seen as both."""
    (tmp_path / "macros" / "data").mkdir(parents=True)
    (tmp_path / "macros" / "pages").mkdir(parents=True)
    a, b = tmp_path / "macros" / "data" / "a.py", tmp_path / "macros" / "pages" / "b.py"
    a.write_text("def f():\n    from ..pages import b\n")  # (inside a function, too)
    b.write_text("from ..data.a import f\n")
    known = {module_name(a, tmp_path): a, module_name(b, tmp_path): b}
    assert imports(a, known, tmp_path) == {"macros.pages.b"} and imports(b, known, tmp_path) == {"macros.data.a"}
    assert floor("macros.pages.b") > floor("macros.data.a")
