"""Render one clause on its own, with the example values written in its file.

``plankit clauses show``, the clause catalog and the library tests all use this, so what a
drafter sees when choosing a clause is exactly what the tests render.

A clause body may read the input document (``doc.agency.name``), so a clause needs a
document around it. The sample document is a starter input that ships with plankit: the
one whose outline names the clause, else the starter of the clause's first kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from plankit import __version__
from plankit import document as d
from plankit.compose.composer import ComposeContext, Composer, use_tokens_reset
from plankit.compose.outline import load_outline
from plankit.compose.sandbox import use_tokens
from plankit.errors import ClauseError
from plankit.library import Clause, Library

Mode = Literal["example", "minimal"]
"""``example``: every parameter that has an example gets it. ``minimal``: only required
parameters get their example; optional ones are left out (defaults apply, the rest show as
placeholders)."""


@dataclass(frozen=True)
class Sample:
    path: Path
    loaded: Any
    model: Any


@lru_cache(maxsize=None)
def _starters() -> tuple[Sample, ...]:
    from plankit.inputs import load
    from plankit.inputs.kinds import get_kind
    from plankit.paths import STARTERS_DIR
    from plankit.inputs.validation import validate_model

    from plankit.errors import PlankitError
    from plankit.rules import validation_context

    out = []
    for path in sorted(STARTERS_DIR.glob("*.yaml")):
        try:  # a broken starter only affects the clauses that need it (and has its own test)
            loaded = load(path)
            model_cls = get_kind(loaded.data.get("kind")).load_model()
            model = validate_model(loaded, model_cls, context=validation_context(model_cls))
        except PlankitError:
            continue
        out.append(Sample(path, loaded, model))
    return tuple(out)


@lru_cache(maxsize=None)
def _outline_clauses(outline_id: str) -> frozenset[str]:
    outline = load_outline(outline_id)
    ids: set[str] = set()

    def walk(sections):
        for s in sections:
            ids.update(slot.id for slot in s.slots())
            walk(s.sections)

    walk(outline.sections)
    return frozenset(ids)


def sample_for(clause: Clause) -> Sample:
    """The starter input to render ``clause`` in."""
    starters = _starters()
    for sample in starters:
        if clause.id in _outline_clauses(sample.model.outline_id()):
            return sample
    for kind in clause.meta.kinds:
        for sample in starters:
            if sample.model.kind == kind:
                return sample
    raise ClauseError(f"{clause.path}: no sample document for kind "
                      f"'{clause.meta.kinds[0]}' to show this clause in")


def example_params(clause: Clause, mode: Mode = "example") -> dict[str, Any]:
    """The clause's example values (all of them, or only the required ones)."""
    return {name: spec.example for name, spec in clause.meta.params.items()
            if spec.example is not None and (mode == "example" or spec.required)}


def compose_clause(clause: Clause, library: Library, mode: Mode = "example",
                   sample: Sample | None = None, params: dict[str, Any] | None = None
                   ) -> tuple[list, ComposeContext]:
    """The clause as document sections (before passes), with the context that made them:
    in ``sample`` (an input and its model; default: a starter of the clause's kind), with
    ``params`` laid over the clause's example values."""
    sample = sample or sample_for(clause)
    ctx = ComposeContext(model=sample.model, loaded=sample.loaded, library=library,
                         standalone=True)
    values = {**example_params(clause, mode), **(params or {})}
    reset = use_tokens(ctx.tokens)
    try:
        sections = Composer(ctx).clause_sections([(clause, values, None)])
    finally:
        use_tokens_reset(reset)
    return sections, ctx


def preview(clause: Clause, library: Library, mode: Mode = "example",
            sample: Sample | None = None, params: dict[str, Any] | None = None) -> d.Document:
    """A small finished document holding just this clause and the terms it defines: with
    its example values, or in a person's own input (``sample``) with their ``params``."""
    from plankit.compose import run_passes

    sections, ctx = compose_clause(clause, library, mode, sample, params)
    values = "example values" if sample is None else "your values"
    definitions = d.Section(title=(d.Text("Definitions"),), children=(),
                            attrs=d.Attrs(id="definitions", role="definitions"))
    doc = d.Document(
        title=clause.meta.title, children=tuple(sections) + (definitions,),
        subtitle=f"Clause {clause.id}, version {clause.meta.version}, with {values}",
        kind=sample_kind(clause), subject=clause.meta.summary, author="plankit clause library",
        provenance=d.Provenance(plankit_version=__version__, input_sha256="0" * 64,
                                input_name=f"{clause.id} ({values})"))
    return run_passes(doc, ctx)


def sample_kind(clause: Clause) -> str:
    return clause.meta.kinds[0]
