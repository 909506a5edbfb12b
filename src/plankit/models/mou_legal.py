"""The review memo's record for a data-sharing MOU: each authority the agreement relies on,
with where its paragraphs were read and the date the text is known to be current as of;
the paragraphs the clauses rely on that could not be read; dated sources the drafter notes
mention (a proposed rule, record retention, SWIS); and the checks made of the input.

Rule checks and their status live in the memo, never in the agreement.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from plankit.models.authorities import (AUTHORITIES, PROPOSED_603, RECORD_RETENTION,
                                        SWIS_RESEARCH, Source)
from plankit.models.mou_checks import CHECKS, all_findings, whole


def _as_of(authority: Any, on: Optional[dt.date]) -> Optional[dt.date]:
    """The date the text is known to be current as of. A text unchanged from its last
    amendment to the date it was read is known to apply on any date between the two, so the
    document's own date is given then (nothing dated after the document is cited)."""
    if authority.confirmed is None:
        return None
    since = authority.unchanged_since
    if on is not None and since is not None and since <= on <= authority.confirmed:
        return on
    return authority.confirmed


def _source(s: Source) -> dict[str, Any]:
    return {"title": s.title, "outcome": s.outcome, "source": s.cite, "as_of": s.as_of,
            "verified": s.verified, "detail": s.detail, "kind": "source"}


def legal_checks(model: Any) -> list[dict[str, Any]]:
    m = whole(model)
    on = m.date
    out: list[dict[str, Any]] = []
    for a in AUTHORITIES.values():
        if a.id not in m.legal_authorities:
            continue
        if a.user_supplied:
            cite = "; ".join(m.state_law) if m.state_law else "not yet named"
            out.append({"title": f"{a.name}: {cite}", "outcome": "applies",
                        "source": "as the parties cite it", "as_of": None, "verified": False,
                        "detail": "The parties name the state law; counsel confirms it.",
                        "kind": "law"})
            continue
        detail = a.covers + "."
        if a.not_verified:
            detail += " Not read, and not relied on as text: " + "; ".join(a.not_verified) + "."
        out.append({"title": f"{a.name} ({a.cite})", "outcome": "applies",
                    "source": a.source or "; ".join(c.cite for c in a.cites),
                    "as_of": _as_of(a, on), "verified": True, "detail": detail,
                    "kind": "law"})
    if "ui-confidentiality" in m.legal_authorities:
        out.append(_source(PROPOSED_603))
    if m.wage_study:
        out.append(_source(SWIS_RESEARCH))
    out.append(_source(RECORD_RETENTION))
    fired: dict[str, list[str]] = {}
    for f in all_findings(m):
        fired.setdefault(f.rule, []).append(f.message)
    for rule, title in CHECKS.items():
        messages = fired.get(rule, [])
        out.append({"title": title, "outcome": "issue found" if messages else "no issue found",
                    "source": "", "as_of": None, "verified": True,
                    "detail": " ".join(messages), "kind": "consistency"})
    return out
