"""The shape of the code: no import circles, one runtime model, Pydantic and Rich where they belong."""

from __future__ import annotations

import ast
from pathlib import Path

import essrural

PACKAGE = Path(essrural.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every essrural module `name` imports, at the top or inside a function, type-checking blocks included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("essrural"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("essrural"):
                continue
            for alias in node.names:
                child = f"{target}.{alias.name}"
                found.add(child if child in known else target)
    return {m for m in found if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_has_no_cycle():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_pydantic_is_imported_only_where_files_are_validated():
    for name, path in _modules().items():
        text = path.read_text(encoding="utf-8")
        if "pydantic" in text.split('"""', 2)[-1]:  # after the docstring
            assert name in {"essrural.schema", "essrural.validation", "essrural.profile_file"}, name


def test_no_module_defines_its_own_dataclass_or_record_type():
    """One runtime value type: records.Struct (and the Pydantic schemas, to validate)."""
    for name, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module not in ("dataclasses", "typing") or not any(
                    alias.name in ("dataclass", "NamedTuple") for alias in node.names
                ), name
            if isinstance(node, ast.ClassDef):
                assigned = {
                    getattr(t, "id", "") for item in node.body if isinstance(item, ast.Assign) for t in item.targets
                }
                assert "__slots__" not in assigned, f"{name}.{node.name}: a Struct declares `_fields`"
                if "_fields" in assigned:
                    bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                    assert bases & {"Struct", "Frozen"}, f"{name}.{node.name}"


def test_no_type_ignore_comments():
    """No type checker is configured: such a comment would silence nothing and mislead, in the
    package as in the scripts, the evaluation and the tests."""
    root = Path(__file__).resolve().parent.parent
    paths = list(_modules().values()) + [
        p for folder in ("scripts", "eval", "tests", "benchmarks") for p in (root / folder).glob("*.py")
    ]
    marker = "type: " + "ignore"  # not written whole, or this file would find itself
    for path in paths:
        assert marker not in path.read_text(encoding="utf-8"), path.name


def test_the_cache_gives_back_the_very_knowledge_the_loader_built(tmp_path, monkeypatch):
    from essrural import cache
    from essrural.datafiles import knowledge_files, load

    monkeypatch.setenv("ESSRURAL_CACHE_DIR", str(tmp_path))
    built = load(use_cache=False)
    cache.save_knowledge(knowledge_files(), built)
    served = cache.load_knowledge(knowledge_files())
    assert served is not None
    for name in ("levers", "examples", "programmes", "regions"):
        assert served.section(name) == built.section(name), name
    assert served.geography == built.geography and served.origins == built.origins
