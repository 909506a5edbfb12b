"""Checking every clause an input chooses before anything is composed, so that all the
problems in a file are reported in one run: unknown clause ids, clauses for another kind of
document, and parameters that are missing, mistyped or empty, across every provision and
every ``clause_params`` entry, sorted by line.

The same checks run on the raw data of an input whose fields are also wrong (see
:func:`raw_clause_problems`), so schema errors and clause errors come out together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from plankit.errors import ClauseError
from plankit.inputs import LoadedInput
from plankit.library import Clause, Library
from plankit.library.model import params_model
from plankit.models.open import OpenValue, mark_open, open_fields
from plankit.labels import where
from plankit.inputs.validation import format_path, validation_problems


@dataclass
class ParamCheck:
    """One clause's parameters as checked: the validated values (None when they have
    problems), the parameters left open, and one line per problem."""

    values: BaseModel | None
    opened: dict[str, OpenValue] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _open_model(clause: Clause, names: frozenset) -> type[BaseModel]:
    """The clause's parameter model with ``names`` not required (kept on the clause)."""
    cache = clause.__dict__.setdefault("_open_models", {})
    if names not in cache:
        cache[names] = params_model(clause.meta, names)
    return cache[names]


def check_params(clause: Clause, params: dict | None, where: tuple,
                 loaded: LoadedInput) -> ParamCheck:
    """Validate the parameters an input gives one clause; ``where`` is their field path."""
    raw = mark_open(dict(params or {}))
    opened = {k: v for k, v in raw.items()
              if isinstance(v, OpenValue) and k in clause.meta.params}
    model = _open_model(clause, frozenset(opened)) if opened else clause.params_model
    try:
        values = model.model_validate({k: v for k, v in raw.items() if k not in opened})
    except ValidationError as exc:
        problems = validation_problems(exc, loaded, model, prefix=where, data=raw)
        needed = f"is required by the clause {clause.id} ({clause.meta.title}) but missing"
        alone = _alone_hint(clause, raw)
        problems = [p.replace("is required but missing", needed + alone) for p in problems]
        return ParamCheck(None, opened, problems)
    return ParamCheck(values, opened, [])


def _alone_hint(clause: Clause, given: dict) -> str:
    """When the user gave only a part of a provision that another clause drafts alone: the
    words that say so and name that clause ("" otherwise)."""
    parts = [(name, spec.alone) for name, spec in clause.meta.params.items()
             if spec.alone and name in given]
    if not parts:
        return ""
    name, other = parts[0]
    return (f" ({name.replace('_', ' ')} is part of the {clause.meta.title.lower()} "
            f"provision; to draft it alone, use '{other}' instead)")


def _at(loaded: LoadedInput, loc: tuple) -> str:
    line = loaded.line_of(loc)
    return f"line {line}: " if line else ""


def _lookup(library: Library, clause_id: str, kind: str, loaded: LoadedInput,
            loc: tuple) -> tuple[Clause | None, str]:
    shown = format_path(loc)
    tail = where(kind, loc, loaded.data)
    try:
        clause = library.get(clause_id)
    except ClauseError as exc:
        return None, (f"{_at(loaded, loc)}{shown}: {exc.message}"
                      + (f" — {exc.hint}" if exc.hint else "") + tail)
    if kind not in clause.meta.kinds:
        return None, (f"{_at(loaded, loc)}{shown}: '{clause_id}' is not for {kind} "
                      f"documents (it is for {', '.join(clause.meta.kinds)}){tail}")
    return clause, ""


def selected_problems(chosen: list[tuple[str, dict]], field_name: str, kind: str,
                      loaded: LoadedInput, library: Library) -> list[str]:
    """Problems of the clauses an input picks (its provisions): ``chosen`` is
    (clause id, params) in order; item i is at ``field_name[i]``."""
    out: list[str] = []
    for i, (clause_id, params) in enumerate(chosen):
        clause, problem = _lookup(library, clause_id, kind, loaded, (field_name, i, "clause"))
        if clause is None:
            out.append(problem)
            continue
        out += check_params(clause, params, (field_name, i, "params"), loaded).problems
    return out


def clause_params_problems(given: dict, loaded: LoadedInput, library: Library,
                           kind: str = "") -> list[str]:
    """Problems of the top-level ``clause_params`` block: unknown ids and bad values."""
    out: list[str] = []
    for clause_id, params in (given or {}).items():
        loc = ("clause_params", clause_id)
        if clause_id not in library.clauses:
            try:
                library.get(str(clause_id))
            except ClauseError as exc:
                out.append(f"{_at(loaded, loc)}{format_path(loc)}: {exc.message}"
                           + (f" — {exc.hint}" if exc.hint else ""))
            continue
        if isinstance(params, dict):
            out += check_params(library.clauses[clause_id], params, loc, loaded).problems
    return out


def model_problems(model: Any, loaded: LoadedInput, library: Library) -> list[str]:
    """Every clause problem of a validated input, in file order."""
    field_name = getattr(model, "selected_field", "provisions")
    chosen = list(model.selected_clauses())
    out = selected_problems(chosen, field_name, model.kind, loaded, library)
    out += clause_params_problems(model.clause_params, loaded, library, model.kind)
    return sort_problems(out)


def raw_clause_problems(loaded: LoadedInput, model_cls: type[BaseModel],
                        library: Library) -> list[str]:
    """Clause problems found in the raw data of an input whose fields are also wrong, so
    they are reported together. Provisions that are themselves malformed are skipped
    (their own problems are already reported)."""
    from plankit.inputs.validation import model_at

    data = loaded.data if isinstance(loaded.data, dict) else {}
    kind = str(data.get("kind", ""))
    field_name = getattr(model_cls, "selected_field", "provisions")
    chosen: list[tuple[int, str, dict]] = []
    items = data.get(field_name)
    item_model = model_at(model_cls, (field_name, 0)) if isinstance(items, list) else None
    if item_model is not None and "clause" in item_model.model_fields:
        for i, item in enumerate(items):
            try:
                p = item_model.model_validate(mark_open(item))
            except (ValidationError, TypeError, ValueError):
                continue
            params = dict(getattr(p, "params", {}) or {})
            if getattr(p, "points", None) is not None:
                params["points"] = p.points
            elif "points" in open_fields(p):
                params["points"] = open_fields(p)["points"]
            chosen.append((i, p.clause, params))
    out: list[str] = []
    for i, clause_id, params in chosen:
        clause, problem = _lookup(library, clause_id, kind, loaded, (field_name, i, "clause"))
        if clause is None:
            out.append(problem)
            continue
        out += check_params(clause, params, (field_name, i, "params"), loaded).problems
    given = data.get("clause_params")
    if isinstance(given, dict):
        out += clause_params_problems({k: v for k, v in given.items() if isinstance(k, str)},
                                      loaded, library, kind)
    return out


def line_number(problem: str) -> int:
    """The line a problem line names (0 when it names none)."""
    if problem.startswith("line "):
        head = problem[5:].split(":", 1)[0].split(",", 1)[0]
        if head.isdigit():
            return int(head)
    return 0


def sort_problems(problems: list[str]) -> list[str]:
    """By line (problems without one first), without repeats."""
    seen: set[str] = set()
    out = []
    for p in sorted(problems, key=line_number):
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out
