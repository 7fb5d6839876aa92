"""The data flows one way: no stage imports a later one, and no module imports itself back.

Stages, in order (a module may import its own stage and earlier ones, never a later one):
foundation (model, casefold, geometry, assets) -> documents -> geoparse -> geocoders -> claims -> time ->
aggregate -> io -> mapview -> pipeline -> scale / evaluate -> app -> cli. Function-level (lazy) imports
count too: a lazy import of a later stage is still a dependency on it.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "geo"

STAGES = [
    {"geo", "geo.model", "geo.casefold", "geo.geometry", "geo.assets", "geo.lexicon", "geo.knowledge", "geo.settings"},
    {"geo.documents", "geo.workspace"},
    {"geo.geoparse"},
    {"geo.geocoders"},
    {"geo.claims"},
    {"geo.time"},
    {"geo.aggregate"},
    {"geo.io"},
    {"geo.mapview"},
    {"geo.pipeline"},
    {"geo.scale"},
    {"geo.evaluate"},
    {"geo.app"},
    {"geo.cli"},
    {"geo.__main__"},
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> tuple[int, str]:
    """(rank, stage name) of a module: the stage whose name is the module or a package above it."""
    for rank, names in enumerate(STAGES):
        for name in names:
            if module == name or (name != "geo" and module.startswith(name + ".")):
                return rank, name
    raise AssertionError(f"{module} belongs to no stage: add it to STAGES in {__file__}")


def imports_of(path: Path) -> set[str]:
    """Every ``geo`` module imported anywhere in the file (lazy imports included)."""
    found = set()
    module = module_name(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "geo")
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import
                base = module.split(".")[: -node.level + (1 if path.name == "__init__.py" else 0) or None]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "geo":
                continue
            for alias in node.names:  # `from geo import evaluate` imports the module geo.evaluate
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _is_module(candidate) else target)
    return {m for m in found if m != "geo"}


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (PACKAGE.parent / rel).with_suffix(".py").exists() or (PACKAGE.parent / rel / "__init__.py").exists()


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def later_stages(module: str, targets: set[str]) -> list[str]:
    """The modules of ``targets`` that belong to a stage after ``module``'s."""
    rank = stage_of(module)[0]
    return sorted(t for t in targets if stage_of(t)[0] > rank)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_later_stage(module):
    later = later_stages(module, imports_of(MODULES[module]))
    assert not later, f"{module} (stage {stage_of(module)[1]}) imports later stages: {later}"


def test_same_rank_stages_do_not_import_each_other():
    for module, path in MODULES.items():
        rank, stage = stage_of(module)
        for target in imports_of(path):
            other_rank, other = stage_of(target)
            if other_rank == rank and other != stage and rank != 0:
                pytest.fail(f"{module} ({stage}) imports {target} ({other}), a sibling stage")


def test_no_import_cycles():
    graph = {m: {t for t in imports_of(p) if t in MODULES and t != m} for m, p in MODULES.items()}
    # a package's __init__ re-exporting its modules is not a cycle with them
    for m in graph:
        graph[m] = {t for t in graph[m] if not m.startswith(t + ".")}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_the_checker_sees_a_violation(tmp_path):
    """The check can fail: a lazy import of the pipeline inside geo.geometry is reported."""
    fake = tmp_path / "geo" / "geometry.py"
    fake.parent.mkdir()
    fake.write_text("def f():\n    from geo.pipeline import analyse\n", encoding="utf-8")
    globals()["PACKAGE"], saved = fake.parent, PACKAGE
    try:
        assert later_stages("geo.geometry", imports_of(fake)) == ["geo.pipeline"]
    finally:
        globals()["PACKAGE"] = saved
