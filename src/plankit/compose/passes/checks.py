"""Record the legal rules and dated sources checked for a document, and hold their dates
against the document's own date.

Nothing dated after the document's date may be cited in it as fact, and a rule whose status
was last confirmed more than twelve months before the document's date must be confirmed
again. Each kind says which rules and dated sources it relies on
(:meth:`~plankit.models.common.DocumentInput.legal_checks`); this pass dates them, and the
review memo lists them.
"""

from __future__ import annotations

import datetime as dt

from plankit import document as d
from plankit.compose.passctx import ComposeContext, uses_context

STALE_DAYS = 365
"""A status confirmed longer ago than this before the document's date must be confirmed
again."""


def show(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def confirm_text(title: str, as_of: dt.date | None, on: dt.date | None) -> str:
    """What the reviewer must confirm about a source dated ``as_of`` in a document dated
    ``on`` ("" when nothing)."""
    if as_of is None or on is None:
        return ""
    if as_of > on:
        return (f"Its status was recorded on {show(as_of)}, after this document's date "
                f"({show(on)}); the document does not cite it as fact. Confirm what applied "
                f"on {show(on)}.")
    if (on - as_of).days > STALE_DAYS:
        return (f"Confirm the status of {title} as of {show(on)}: it was last confirmed on "
                f"{show(as_of)}, more than 12 months before this document's date.")
    return ""


@uses_context
def collect_checks(doc: d.Document, ctx: ComposeContext) -> d.Document:
    model = ctx.model
    if model is None:
        return doc
    on = getattr(model, "date", None)
    checks = []
    for c in model.legal_checks():
        as_of = c.get("as_of") or None
        checks.append(d.LegalCheck(
            title=c["title"], outcome=c["outcome"], source=c.get("source", ""),
            as_of=as_of.isoformat() if as_of else "", verified=c.get("verified", True),
            detail=c.get("detail", ""), kind=c.get("kind", "law"),
            confirm="" if c.get("kind") == "consistency" or c["outcome"] in (
                "turned off",) else confirm_text(c["title"], as_of, on)))
    return d.replace(doc, checks=tuple(checks))
