"""``plankit clauses check``: find mistakes in clause files before anyone builds with them."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import TemplateSyntaxError, meta, nodes
from pydantic import ValidationError

from plankit.compose.placeholder_names import placeholder_problems
from plankit.compose.sandbox import GLOBAL_NAMES, make_environment, referenced_clause_ids
from plankit.inputs.kinds import KINDS
from plankit.library import Clause, Library, load_library


def check_clause(clause: Clause, lib: Library, env) -> list[str]:
    where = f"{clause.path}"
    out: list[str] = []
    m = clause.meta
    try:
        ast = env.parse(clause.body)
        names = meta.find_undeclared_variables(ast)
    except TemplateSyntaxError as exc:
        line = clause.body_line + (exc.lineno or 1) - 1
        return [f"{where}:{line}: template error: {exc.message}"]
    except RecursionError:
        return [f"{where}: the clause text is nested too deeply to read"]
    # jinja2.meta counts a name set only inside an {% if %} as undeclared; names the clause
    # assigns itself ({% set %}, loop variables, macros) are not parameters
    assigned = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
    assigned |= {m.name for m in ast.find_all(nodes.Macro)}
    names -= assigned
    for name in sorted(names - set(m.params) - GLOBAL_NAMES):
        out.append(f"{where}: uses '{name}', which is not a declared parameter "
                   "(declare it under 'params', or use doc.<field> for input values)")
    for name in sorted(set(m.params) - names):
        out.append(f"{where}: parameter '{name}' is declared but never used in the text")
    for kind in m.kinds:
        if kind not in KINDS:
            out.append(f"{where}: kinds: '{kind}' is not a document kind "
                       f"({', '.join(KINDS)})")
    for target in referenced_clause_ids(ast):
        if target not in lib.clauses:
            out.append(f"{where}: ref(\"{target}\") points to a clause that does not exist")
    for n, spec in clause.meta.params.items():
        if spec.alone and spec.alone not in lib.clauses:
            out.append(f"{where}: params.{n}: alone: '{spec.alone}' is not a clause")
    # defaults and examples must fit the declared types
    model = clause.params_model
    sample = {n: s.example for n, s in m.params.items() if s.required}
    missing_examples = [n for n, s in m.params.items() if s.required and s.example is None]
    for n in missing_examples:
        out.append(f"{where}: required parameter '{n}' needs an 'example' (used by checks "
                   "and 'plankit clauses show')")
    if not missing_examples:
        try:
            model.model_validate(sample)
        except ValidationError as exc:
            for e in exc.errors(include_url=False):
                out.append(f"{where}: params.{'.'.join(map(str, e['loc']))}: default or example "
                           f"does not fit its type: {e['msg']}")
    for n, s in m.params.items():
        if s.example is not None and not s.required:
            try:
                model.model_validate({**sample, n: s.example})
            except ValidationError as exc:
                out.append(f"{where}: params.{n}: example does not fit its type: "
                           f"{exc.errors(include_url=False)[0]['msg']}")
    out.extend(_history_problems(clause))
    for i, cit in enumerate(m.citations):
        if not cit.verified and not (cit.note or m.notes):
            out.append(f"{where}: citations[{i + 1}] is not verified but the clause has no "
                       "drafter note asking the reviewer to confirm it")
    # what a drafter choosing the clause needs to read
    if not m.summary.strip():
        out.append(f"{where}: add a 'summary' (one sentence on what the clause does)")
    for n, s in m.params.items():
        if not s.help.strip():
            out.append(f"{where}: params.{n}: add 'help' text saying what to enter")
    if not m.notes and not any(line.lstrip().startswith(">")
                               for line in clause.body.splitlines()):
        out.append(f"{where}: add at least one drafter note ('notes' in the front matter or a "
                   "'> ' block quote in the text) telling the reviewer what to check")
    out.extend(placeholder_problems(clause, ast))
    if not out:
        out.extend(_render_problems(clause, lib))
    return out


def _history_problems(clause: Clause) -> list[str]:
    """A clause's ``changes:`` must describe versions it has had, once each, and (once it
    keeps a history) say what its current version changed."""
    from plankit.library.model import version_key

    m = clause.meta
    out: list[str] = []
    seen: set[str] = set()
    for i, change in enumerate(m.changes, start=1):
        if version_key(change.version) > version_key(m.version):
            out.append(f"{clause.path}: changes[{i}]: version {change.version} is later than "
                       f"the clause's own version {m.version}")
        if change.version in seen:
            out.append(f"{clause.path}: changes[{i}]: version {change.version} is listed twice")
        seen.add(change.version)
    if m.changes and m.version not in seen:
        out.append(f"{clause.path}: changes: no entry for the clause's current version "
                   f"{m.version}; add one saying what changed and why")
    return out


def _render_problems(clause: Clause, lib: Library) -> list[str]:
    """Render the clause as ``plankit clauses show`` does: with its example values, and
    with only its required ones."""
    from plankit.errors import PlankitError
    from plankit.compose.preview import preview

    for mode in ("example", "minimal"):
        try:
            preview(clause, lib, mode)
        except PlankitError as exc:
            detail = "; ".join(exc.problems) if exc.problems else ""
            label = "its example values" if mode == "example" else "only its required values"
            return [f"{clause.path}: does not render with {label}: {exc.message} {detail}"
                    .rstrip()]
    return []


def _together(lib: Library) -> list[tuple[str, set[str]]]:
    """Groups of clauses that can appear in one document: each outline's own clauses, plus
    every clause of its kind when the outline lets the user pick clauses."""
    from plankit.compose.outline import load_outline, outline_clause_ids
    from plankit.paths import OUTLINES_DIR

    groups = []
    for path in sorted(OUTLINES_DIR.glob("*.yaml")):
        try:
            outline = load_outline(path.stem)
        except Exception:  # noqa: BLE001 - a broken outline is reported elsewhere
            continue
        ids = set(outline_clause_ids(outline))

        def picks(sections) -> bool:
            return any(s.builtin == "selected" or picks(s.sections) for s in sections)

        if picks(outline.sections):
            kind = path.stem.split(".")[0]
            ids |= {c.id for c in lib.clauses.values() if kind in c.meta.kinds}
        groups.append((path.stem, ids))
    return groups


def _conflicting_terms(lib: Library, chosen: list[Clause]) -> list[str]:
    """A defined term must mean the same in every clause that can share a document: a
    document prints one definition per term, so a second wording would be silently lost."""
    out: list[str] = []
    mine = {c.id for c in chosen}
    for _outline, ids in _together(lib):
        meanings: dict[str, dict[str, list[str]]] = {}
        for clause_id in sorted(ids & set(lib.clauses)):
            for term, meaning in lib.clauses[clause_id].meta.defines.items():
                meanings.setdefault(term, {}).setdefault(" ".join(meaning.split()),
                                                         []).append(clause_id)
        for term, versions in sorted(meanings.items()):
            if len(versions) > 1 and any(i in mine for v in versions.values() for i in v):
                groups = "; ".join(", ".join(v) for v in versions.values())
                problem = (f"'{term}' is defined in {len(versions)} different ways in clauses "
                           f"that can share a document ({groups}); use one wording")
                if problem not in out:
                    out.append(problem)
    return out


def check_library(directory: str | Path | None = None) -> tuple[list[str], int]:
    """Lint the package library, or DIR laid over it. Returns (problems, files checked)."""
    from plankit.compose.outline import load_outline, outline_clause_ids
    from plankit.paths import OUTLINES_DIR

    lib = load_library([directory] if directory else [])
    root = Path(directory).resolve() if directory else None
    def inside(path: Path) -> bool:  # lexically: a link in the folder is the folder's problem
        return root is None or Path(os.path.abspath(path)).is_relative_to(
            os.path.abspath(directory)) or path.resolve().is_relative_to(root)

    problems = [f"{p}: {reason}" for p, reason in sorted(lib.broken.items()) if inside(p)]
    env = make_environment()
    chosen = [c for c in lib.clauses.values()
              if (root is None and c.origin == "package")
              or (root is not None and c.path.resolve().is_relative_to(root))]
    for clause in sorted(chosen, key=lambda c: str(c.path)):
        problems.extend(check_clause(clause, lib, env))
    problems.extend(_conflicting_terms(lib, chosen))
    if root is None:
        for outline_path in sorted(OUTLINES_DIR.glob("*.yaml")):
            try:
                outline = load_outline(outline_path.stem)
            except Exception as exc:  # noqa: BLE001 - reported as a problem
                problems.append(f"{outline_path}: {exc}")
                continue
            for cid in outline_clause_ids(outline):
                if cid not in lib.clauses:
                    problems.append(f"{outline_path}: names clause '{cid}', which does not exist")
    count = len(chosen) + len([p for p in lib.broken if inside(p)])
    return problems, count
