"""The compose context: what the named passes get besides the document tree. One typed
object for every caller (a document, a clause preview, the catalog), so a pass reads
``ctx.used`` or ``ctx.model`` and never guesses what it was handed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from plankit.compose.facts import TokenTable
from plankit.inputs.files import LoadedInput
from plankit.library import Clause, Library
from plankit.models.common import DocumentInput


@dataclass
class ComposeContext:
    """What passes need besides the tree: the clauses used and the input."""

    model: Optional[DocumentInput] = None
    """The validated input (none for the clause catalog, which has no input)."""
    loaded: Optional[LoadedInput] = None
    library: Optional[Library] = None
    used: dict[str, Clause] = field(default_factory=dict)
    tokens: TokenTable = field(default_factory=TokenTable)
    standalone: bool = False
    """True when clauses are shown outside a document (clause previews and the catalog):
    a reference to a clause that is not present names it instead of leaving a blank."""
    final: bool = False
    """Compose the final copy: the passes leave out review notes and appendices."""
    values: dict = field(default_factory=dict)
    """(clause id, ``provisions.0`` or ``clause_params.<id>``) -> (parameter values, names
    left open, path of the parameters in the input), for the obligations pass."""
    findings: list | None = None
    """The input's findings as reported (the kind's own and the plausibility checks, see
    :func:`plankit.checks.settle`); None: the passes ask the input model."""


def uses_context(fn):
    """For a pass: run it with an empty context when it is called without one (a pass on
    its own, in a test or a tool)."""
    import functools

    @functools.wraps(fn)
    def run(doc, ctx: Optional[ComposeContext] = None):
        return fn(doc, ctx if ctx is not None else ComposeContext())

    return run
