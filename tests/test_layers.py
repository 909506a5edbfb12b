"""The package's shape: every layer imports only downward, nothing imports in a circle, and
no module grows past what one person can read at a sitting.

Imports are read from the source (every ``import`` statement, including those inside
functions, which run when the function does), so a layer that reaches upward at run time
is caught as surely as one that does at import time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "plankit"

LAYERS: list[set[str]] = [
    # the base: the document model (and its record of obligations), errors, paths, logging,
    # and small helpers of their own
    {"__init__", "document", "records", "errors", "paths", "log", "timestamps", "yamlerrors",
     "safeyaml", "fieldpath", "labels"},
    {"models"},                 # input models: the schema of each kind
    {"library", "checks"},      # clause files; content checks on a validated input
    {"inputs"},                 # input files, validation, kinds, batch rows
    {"rules"},                  # domain rules and the state prevailing wage table
    {"compose", "render"},      # clauses into a Document; a Document into a format
    {"pipeline", "doctor"},     # jobs, the build loop, writing files
    {"compare"},                # two drafts into a redline
    {"api", "console"},         # the library's functions; the terminal's words
    {"web"},                    # the web form, over api
    {"cli"},                    # the command
    {"__main__"},               # python -m plankit
]
"""Lowest first. A package may import its own modules and any package of a lower layer."""

MAX_LINES = 500
"""The longest a module may be."""


def _rank() -> dict[str, int]:
    return {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _package(module: str) -> str:
    """``plankit.compose.passes.review`` -> ``compose``; ``plankit`` -> ``__init__``."""
    parts = module.split(".")
    if len(parts) < 2 or not ((SRC / f"{parts[1]}.py").exists() or (SRC / parts[1]).is_dir()):
        return "__init__"  # the package itself, or a name it defines (__version__)
    return parts[1]


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports() -> list[tuple[str, str, int]]:
    """(importing module, imported plankit module, line) for every import in the package."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        module = _module_name(path)
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    root = ".".join(base + ([node.module] if node.module else []))
                else:
                    root = node.module or ""
                targets = [f"{root}.{a.name}" for a in node.names] if root == "plankit" \
                    else [root]
            else:
                continue
            out += [(module, t, node.lineno) for t in targets
                    if t == "plankit" or t.startswith("plankit.")]
    return out


def test_every_package_is_in_a_layer():
    rank = _rank()
    packages = {_package(_module_name(p)) for p in SRC.rglob("*.py")}
    packages |= {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    missing = sorted(packages - set(rank))
    assert not missing, f"add these to a layer in LAYERS: {missing}"


def test_layers_import_only_downward():
    rank = _rank()
    upward = [f"{a} (line {line}) imports {b}" for a, b, line in imports()
              if _package(a) != _package(b) and rank.get(_package(a), -1)
              <= rank.get(_package(b), len(LAYERS))
              and not (rank.get(_package(a)) == 0 == rank.get(_package(b)))]
    assert not upward, "imports that do not go down a layer:\n" + "\n".join(upward)


def test_no_import_cycles_between_packages():
    graph: dict[str, set[str]] = {}
    for a, b, _ in imports():
        if _package(a) != _package(b):
            graph.setdefault(_package(a), set()).add(_package(b))
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]))
            elif not state.get(nxt):
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node, [node])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_the_layer_test_catches_an_upward_import(tmp_path, monkeypatch):
    """The checks above can fail: a model importing the pipeline is reported."""
    fake = tmp_path / "plankit"
    (fake / "models").mkdir(parents=True)
    (fake / "pipeline").mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "models" / "__init__.py").write_text("def f():\n    from plankit.pipeline import x\n")
    (fake / "pipeline" / "__init__.py").write_text("from plankit.models import f\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["SRC"]), "SRC", fake)
    with pytest.raises(AssertionError, match="plankit.models .line 2. imports plankit.pipeline"):
        test_layers_import_only_downward()
    with pytest.raises(AssertionError, match="models -> pipeline -> models"):
        test_no_import_cycles_between_packages()


def test_no_module_is_over_the_limit():
    long = {str(p.relative_to(SRC)): n for p in sorted(SRC.rglob("*.py"))
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them by responsibility): {long}"
