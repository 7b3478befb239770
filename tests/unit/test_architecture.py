"""The package's shape: no import cycles, and imports that point only down the pipeline
(model, then load, then derive, then checks, then site, then speed, then the adapters)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "peer_library"
MODULES = {
    ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): p
    for p in PACKAGE.rglob("*.py")
}
# Each layer may import itself and the layers before it (a check may use derived values, such as
# topic counts; the site uses both; speed makes any of them faster; the adapters use everything).
LAYERS: dict[str, int] = {"model": 0, "load": 1, "derive": 2, "checks": 3, "site": 4, "speed": 5, "cli": 6}
ADAPTERS = {"mkdocs_plugin": 6}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The peer_library modules ``path`` imports, resolved to full names, at any depth in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            submodules = {f"{target}.{a.name}" for a in node.names} & MODULES.keys()
            found |= submodules
            if len(submodules) < len(node.names):  # names defined in the module itself
                found.add(target)
    return {m for m in found if m in MODULES}


GRAPH = {name: imports(path) - {name} for name, path in MODULES.items()}


def layer(module: str) -> tuple[str, int]:
    part = module.split(".")[1] if "." in module else ""
    if part in LAYERS:
        return part, LAYERS[part]
    if part in ADAPTERS:
        return part, ADAPTERS[part]
    return "", 0  # the package's own __init__ (its version)


def test_the_package_has_no_import_cycles() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert cycles == []


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down_the_pipeline(module: str) -> None:
    own, rank = layer(module)
    upward = [m for m in GRAPH[module] if layer(m)[1] > rank or (layer(m)[1] == rank and layer(m)[0] != own)]
    assert upward == [], f"{module} imports from a later layer"


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if layer(m)[0] not in ("speed", "")))
def test_speed_is_reached_only_through_its_interface(module: str) -> None:
    inside = [m for m in GRAPH[module] if m.startswith("peer_library.speed.")]
    assert inside == [], f"{module} reaches into speed/ past peer_library.speed"


def test_every_subpackage_states_its_job() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 8, f"{init.parent.name}/__init__.py should say what the folder is for"


def test_the_mkdocs_adapter_stays_thin() -> None:
    lines = (PACKAGE / "mkdocs_plugin.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 200, "mkdocs_plugin.py only translates events; put the work in the core"


def test_one_switch_turns_every_fast_path_off_and_names_turn_off_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from peer_library import speed

    monkeypatch.delenv(speed.SWITCH, raising=False)
    assert all(speed.enabled(True, path) for path in speed.PATHS) and not speed.enabled(False)
    monkeypatch.setenv(speed.SWITCH, "0")
    assert not any(speed.enabled(True, path) for path in speed.PATHS) and not speed.may_fork()
    monkeypatch.setenv(speed.SWITCH, "-background, -shared-nav")
    assert [p for p in speed.PATHS if not speed.enabled(True, p)] == ["background", "shared-nav"]
