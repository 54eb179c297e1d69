"""The package's shape, as the README describes it: content/ and media/ free of MkDocs, no
import cycles between modules, a plugin.py of events only, no module over about 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "brandsite"
MAX_LINES = 400
MAX_PLUGIN_LINES = 150


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        out[".".join(["brandsite", *parts])] = path
    return out


def imports(name: str, path: Path) -> set[str]:
    """Every module `name` imports, at the top or inside a function (absolute names)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: {m for m in imports(name, path) if m in mods and m != name} for name, path in mods.items()}


def test_the_graph_sees_relative_imports():
    # The check below is only as good as this: plugin.py imports site.build relatively.
    assert "brandsite.site.build" in graph()["brandsite.plugin"]
    assert "brandsite.content.model" in graph()["brandsite.content.load"]


def test_no_import_cycles():
    edges = graph()
    # Packages import their modules' names only through the modules themselves.
    edges = {m: {t for t in ts if not (modules()[t].name == "__init__.py")} for m, ts in edges.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


@pytest.mark.parametrize("package", ["content", "media"])
def test_content_and_media_do_not_import_mkdocs(package):
    offenders = {name: sorted(m for m in imports(name, path) if m.split(".")[0] in ("mkdocs", "material", "properdocs"))
                 for name, path in modules().items() if name.startswith(f"brandsite.{package}")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_plugin_is_events_only():
    path = PACKAGE / "plugin.py"
    assert len(path.read_text(encoding="utf-8").splitlines()) < MAX_PLUGIN_LINES
    tree = ast.parse(path.read_text(encoding="utf-8"))
    plugin = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "BrandsitePlugin")
    methods = [n.name for n in plugin.body if isinstance(n, ast.FunctionDef)]
    assert [m for m in methods if not (m.startswith("on_") or m == "__init__")] == []
    for method in plugin.body:
        if isinstance(method, ast.FunctionDef):
            assert len(method.body) <= 6, method.name


def test_no_module_over_400_lines():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_content_stands_alone():
    """content/ (the model, loading, the rules) imports nothing of media/, site/ or the commands: another engine
    or a checker can take it alone. (The rest imports content/, not the other way.)"""
    offenders = {name: sorted(m for m in deps if m.startswith(("brandsite.media", "brandsite.site", "brandsite.plugin", "brandsite.cli",
                                                      "brandsite.scaffold", "brandsite.cms", "brandsite.publish")))
                 for name, deps in graph().items() if name.startswith("brandsite.content")}
    assert {k: v for k, v in offenders.items() if v} == {}
