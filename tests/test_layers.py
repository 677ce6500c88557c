"""The rooms of the workbench import one another only downwards (see ARCHITECTURE.md): the
pure rooms never reach the store or a screen, the store never reaches the jobs, and nothing
reaches the command line or the review."""

from __future__ import annotations

import ast
from tests.conftest import REPO

LEAVES = {"model", "display", "xmlchars"}
ALLOWED = {  # room -> the rooms it may import
    "__main__": {"cli"},
    "cli": {"jobs", "review", "export", "ingest", "store", "align"} | LEAVES,
    "review": {"jobs", "store", "edits", "align"} | LEAVES,
    "jobs": {"ingest", "align", "matching", "metrics", "store", "edits"} | LEAVES,
    "export": {"store", "align"} | LEAVES,
    "ingest": {"align"} | LEAVES,
    "store": {"align", "edits"} | LEAVES,
    "matching": {"align"} | LEAVES,
    "metrics": {"align"} | LEAVES,
    "edits": {"align"} | LEAVES,
    "align": {"model"},
    "model": set(), "display": set(), "xmlchars": set(),
}


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "workbench"


def _imports() -> dict[str, set[str]]:
    """The rooms each room imports (the package's own `__version__` is no room)."""
    found: dict[str, set[str]] = {}
    for path in (REPO / "workbench").rglob("*.py"):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([node.module] if isinstance(node, ast.ImportFrom) and node.module else
                     [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            if isinstance(node, ast.ImportFrom) and node.module == "workbench":
                names = [f"workbench.{a.name}" for a in node.names if a.name != "__version__"]
            for name in names:
                if name.startswith("workbench."):
                    found.setdefault(_room(module), set()).add(_room(name))
    return {room: targets - {room} for room, targets in found.items()}


def test_rooms_import_only_downwards() -> None:
    found = _imports()
    assert set(found) <= set(ALLOWED) | {"workbench"}, set(found) - set(ALLOWED)
    for room, targets in found.items():
        assert targets <= ALLOWED.get(room, set()), f"{room} imports {sorted(targets - ALLOWED[room])}"
