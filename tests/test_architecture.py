"""The data flows one way: no stage imports a later one, and no module imports itself back.

Stages, in order (a module may import its own stage and earlier ones, never a later one):
foundation (model, casefold, distance, geometry, assets, settings) -> documents -> geoparse -> geocoders -> claims ->
time -> aggregate -> io -> mapview -> pipeline -> scale / evaluate -> service -> app -> cli. Function-level
(lazy) imports count too: a lazy import of a later stage is still a dependency on it.

The shells (``geo.cli``, ``geo.app``) only parse input and render output: the command line calls
the service layer alone; neither reaches into storage or aggregation internals.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "geo"

STAGES = [
    {"geo", "geo.model", "geo.casefold", "geo.distance", "geo.geometry", "geo.assets", "geo.lexicon", "geo.knowledge", "geo.settings"},
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
    {"geo.service"},
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


# -- the shells and the stages' public faces ----------------------------------------------------

SHELLS = sorted(m for m in MODULES if m == "geo.cli" or m == "geo.app" or m.startswith("geo.app."))
# what the command line may import: the use cases, the settings and the app's launcher
CLI_MAY_IMPORT = ("geo.service", "geo.settings", "geo.app")
# storage and aggregation: a shell takes only what the package exports (its __all__), never a
# backend module or a private name
GUARDED_PACKAGES = ("geo.workspace", "geo.aggregate")
STORAGE_BACKENDS = {"geo.workspace.geopackage", "geo.workspace.base", "geo.workspace.connection",
                    "geo.workspace.gpkg_tables", "geo.workspace.migrations"}


def imported_names(path: Path) -> list[tuple[str, str]]:
    """(module, name) of every ``from geo... import name`` in the file (lazy ones included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").startswith("geo"):
            found.extend((node.module, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.extend((alias.name, "") for alias in node.names if alias.name.startswith("geo."))
    return found


def public_names(package: str) -> set[str]:
    import importlib

    return set(importlib.import_module(package).__all__)


def shell_violations(path: Path) -> list[str]:
    """What a shell imports from storage or aggregation that is not their public API."""
    bad = []
    for module, name in imported_names(path):
        target = f"{module}.{name}" if name and _is_module(f"{module}.{name}") else module
        if name.startswith("_"):
            bad.append(f"{module}.{name} (private)")
        elif target in STORAGE_BACKENDS:
            bad.append(f"{target} (a storage backend: use geo.workspace or geo.service)")
        else:
            for package in GUARDED_PACKAGES:
                if (target == package or target.startswith(package + ".")) and target != package + "." + name \
                        and name not in public_names(package):
                    bad.append(f"{module}.{name} (not in {package}.__all__)")
    return bad


def test_the_geoparser_does_not_import_the_claims_stage():
    later = ("geo.claims", "geo.time", "geo.aggregate", "geo.io", "geo.mapview", "geo.pipeline", "geo.service")
    for module in (m for m in MODULES if m.startswith("geo.geoparse")):
        wrong = sorted(t for t in imports_of(MODULES[module]) if t.startswith(later))
        assert not wrong, f"{module} imports {wrong}: the geoparser must work without the claims stage"


def test_the_command_line_imports_only_the_service_layer():
    wrong = sorted(t for t in imports_of(MODULES["geo.cli"])
                   if not any(t == allowed or t.startswith(allowed + ".") for allowed in CLI_MAY_IMPORT))
    assert not wrong, f"geo.cli imports {wrong}: the command line calls geo.service (parse, call, print)"


@pytest.mark.parametrize("module", SHELLS)
def test_the_shells_use_no_storage_or_aggregation_internals(module):
    assert not shell_violations(MODULES[module]), f"{module} imports internals: {shell_violations(MODULES[module])}"


def test_the_shell_checker_sees_internals(tmp_path):
    """The checks can fail: a private name, a storage backend and an unexported aggregate name."""
    fake = tmp_path / "cli.py"
    fake.write_text("from geo.workspace.geopackage import _OPEN\nfrom geo.workspace.geopackage import move_aside\n"
                    "from geo.aggregate.zones import _cell_shapes\nfrom geo.aggregate.zones import cell_sites\n"
                    "from geo.aggregate import filter_analysis\nfrom geo.workspace import open_workspace\n",
                    encoding="utf-8")
    assert shell_violations(fake) == [
        "geo.workspace.geopackage._OPEN (private)",
        "geo.workspace.geopackage (a storage backend: use geo.workspace or geo.service)",
        "geo.aggregate.zones._cell_shapes (private)",
        "geo.aggregate.zones.cell_sites (not in geo.aggregate.__all__)",
    ]


def test_no_module_imports_a_private_name_of_another_stage():
    """Across stages only public names: ``gazetteer._fingerprint`` is the geoparser's own business."""
    wrong = []
    for module, path in MODULES.items():
        for target, name in imported_names(path):
            if name.startswith("_") and name != "__version__" and stage_of(target)[1] != stage_of(module)[1]:
                wrong.append(f"{module} imports {target}.{name}")
    assert not wrong, wrong


# stages whose modules share only public names, within the stage too (a module's private names
# are its own business; what another module needs is public)
OWN_PRIVATE_NAMES = ("geo.geoparse", "geo.claims")


def test_the_language_stages_modules_import_no_private_name_of_each_other():
    wrong = [f"{module} imports {target}.{name}" for module, path in MODULES.items()
             if module.startswith(OWN_PRIVATE_NAMES) for target, name in imported_names(path)
             if name.startswith("_") and target.startswith(module.rsplit(".", 1)[0] + ".")]
    assert not wrong, wrong
