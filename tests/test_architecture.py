"""The house's shape: no import cycle inside validator/, and one registry of fault ids."""
import ast
from pathlib import Path

import pytest

from validator import faults
from validator.loaders.base import InputFault
from validator.rule import FaultRule

PACKAGE = Path(__file__).resolve().parent.parent / "validator"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module of the package this one imports, at any depth of its code (a function's
    lazy import and a TYPE_CHECKING import count: a cycle through them is still a tangle)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
            for alias in node.names:
                target = f"{module}.{alias.name}"
                found.add(target if target in modules else module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {target for target in found if target in modules and target != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
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
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_inside_the_package():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert graph["validator.engine"] and graph["validator.gates"]  # the walk sees imports
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_fault_id_has_its_rule_and_every_fault_rule_its_id(registry):
    documented = {rule_id for rule_id, cls in registry.rules.items() if issubclass(cls, FaultRule)}
    assert documented == faults.ALL
    assert {rule_id for rule_id in faults.INPUT if registry.rules[rule_id].category != "input"} == set()


def test_a_mistyped_fault_id_raises_where_it_is_made():
    with pytest.raises(faults.UnknownFault):
        InputFault("invalid-jsn", "a.jsonl", 1, "broken")
    assert InputFault("invalid-json", "a.jsonl", 1, "broken").rule == "invalid-json"
