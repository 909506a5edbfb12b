"""What the procurement rules say about one procurement input, and the terms that several
sections of the document must state alike.

The rules live as data (``plankit/data/procurement_rules.yaml`` and the state prevailing
wage table); this module gives them the input as plain facts, turns their results into the
document's "Legal requirements that apply" and the review memo's checks, and works out, in
one place, the certified payroll schedule and the record-keeping period that the compliance
section, the prevailing wage provisions, the contract exhibit and the report form all read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # pragma: no cover
    from plankit.models.procurement import ProcurementInput

FEDERAL_PAYROLL_YEARS = 3
"""Years after all work is completed that Davis-Bacon payroll records are kept (29 CFR
5.5(a)(3)(i))."""


def rule_facts(doc: "ProcurementInput") -> dict[str, Any]:
    """The input as plain data for the rules, plus values worked out from it:
    incentive_points, evaluation_points, federal_funds, construction_year, parts and
    state_wage (what the state prevailing wage table says about this solicitation). Each
    provision carries its clause id, mode (require, incentivize, encourage or record),
    topic, params and points."""
    facts = doc.model_dump(mode="python", exclude={"clause_params"})
    start = doc.solicitation.construction_start
    facts["provisions"] = [{"clause": p.clause, "mode": p.how, "topic": p.topic,
                            "params": dict(p.params), "points": p.points}
                           for p in doc.provisions]
    facts.update(incentive_points=doc.total_points,
                 evaluation_points=doc.evaluation_points,
                 federal_funds=doc.solicitation.federal_funds,
                 construction_year=start.year if start else None,
                 parts=doc.parts)
    facts["state_wage"] = doc.rules.state_wage(facts)
    return facts


def _not_after(as_of: Optional[dt.date], on: Optional[dt.date]) -> bool:
    return as_of is None or on is None or as_of <= on


def legal_requirements(doc: "ProcurementInput") -> list[dict[str, Any]]:
    """The legal requirements and authorities that apply, each with its statement and
    source, for the document's "Legal requirements that apply" section. A requirement
    whose status is recorded after the document's date is not stated as fact (the memo
    lists it)."""
    return [{"title": r.rule.title, "statement": r.statement, "source": r.source}
            for r in doc.rule_results_for()
            if r.rule.kind == "requirement" and r.fired and r.outcome() == "applies"
            and _not_after(r.as_of, doc.date)]


def legal_checks(doc: "ProcurementInput") -> list[dict[str, Any]]:
    """Every procurement rule as checked against this input, for the review memo."""
    out = []
    for r in doc.rule_results_for():
        detail = r.statement or r.otherwise or " ".join(f.message for f in r.findings)
        if r.rule.status and r.fired:
            detail = (detail + " " if detail else "") + f"Status: {r.rule.status}"
        source = r.source
        if r.row_evidence:
            detail = (detail + " " if detail else "") + f"Read in: {r.row_evidence}"
        if r.origin:
            source = (source + " " if source else "") + f"(changed by {r.origin})"
        out.append({"title": r.rule.title, "outcome": r.outcome(),
                    "source": source, "as_of": r.as_of,
                    "verified": r.verified, "detail": detail,
                    "kind": "consistency" if r.rule.kind == "consistency" else "law",
                    "origin": r.origin})
    return out


# --------------------------------------------------------------------------- party names

AGENCY_TERM = "Agency"
"""What every section and form calls the issuing agency (defined once, in the purpose
section)."""


def party_name_findings(doc: "ProcurementInput") -> list:
    """Warnings for text in the input that calls the agency by another name than the one the
    document uses (an agency whose short name is 'the Authority' is 'the Agency' in every
    section, so 'the Authority's online system' in a setting would read as a second party)."""
    from plankit.models.common import Finding

    short = (doc.agency.short_name or "").strip()
    word = short[4:] if short.lower().startswith("the ") else short
    if not word or word == AGENCY_TERM:
        return []
    pattern = re.compile(r"\b[Tt]he " + re.escape(word) + r"\b")
    out = []
    for path, text in _texts(doc):
        if pattern.search(text):
            out.append(Finding(
                path=path,
                message=(f"says 'the {word}', but the document calls {doc.agency.name} "
                         f"'the {AGENCY_TERM}' in every section and form, so the two could "
                         "be read as different parties"),
                fix=f"write 'the {AGENCY_TERM}' instead of 'the {word}'",
                rule="party-names"))
    return out


def _texts(doc: "ProcurementInput"):
    """(field path, text) for every text value the user wrote into the document's body."""
    s = doc.solicitation
    for name in ("method_authority", "funding_note"):
        if getattr(s, name):
            yield ("solicitation", name), getattr(s, name)
    if s.location.site:
        yield ("solicitation", "location", "site"), s.location.site
    for i, p in enumerate(doc.provisions):
        yield from _walk(("provisions", i, "params"), p.params)
    for cid, params in doc.clause_params.items():
        yield from _walk(("clause_params", cid), params)


def _walk(path: tuple, value: Any):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk((*path, k), v)
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from _walk((*path, n), v)


# --------------------------------------------------------------------------- shared terms


def payroll_terms(doc: "ProcurementInput") -> dict[str, Any]:
    """The certified payroll duty, decided in one place: whether Certified Payroll is due,
    how often, how many days after the period, and which provision sets that schedule.

    Davis-Bacon work is reported weekly (29 CFR 5.5(a)(3)(ii)); otherwise a state
    prevailing wage provision sets the schedule; otherwise construction payroll comes with
    the monthly report. Service and goods contracts without a prevailing wage provision
    need no Certified Payroll, only the payroll records the compliance section keeps."""
    ids = [p.clause for p in doc.provisions]
    params = {p.clause: p.params for p in doc.provisions}
    if "prevailing-wage.federal" in ids:
        days = _int_or(params["prevailing-wage.federal"].get("payroll_days"), 7)
        return {"certified": True, "frequency": "weekly", "days": days,
                "set_by": "prevailing-wage.federal"}
    if "prevailing-wage.state" in ids:
        freq = str(params["prevailing-wage.state"].get("payroll_frequency") or "weekly")
        return {"certified": True, "frequency": freq, "days": 7,
                "set_by": "prevailing-wage.state"}
    certified = doc.solicitation.type == "construction" or any(
        i.startswith("prevailing-wage.") for i in ids)
    return {"certified": certified, "frequency": "monthly", "days": 0, "set_by": ""}


def records_terms(doc: "ProcurementInput") -> dict[str, Any]:
    """How long records are kept, decided in one place: the compliance section's years after
    final payment, and, where Davis-Bacon applies, at least 3 years after all Work is
    completed for payroll records (29 CFR 5.5(a)(3)(i))."""
    years = doc.compliance_terms["records_years"]
    federal = any(p.clause == "prevailing-wage.federal" for p in doc.provisions)
    return {"years": years, "federal_years": FEDERAL_PAYROLL_YEARS if federal else 0}


def _int_or(value: Any, default: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return default
    try:
        return int(str(value).strip())
    except ValueError:
        return default
