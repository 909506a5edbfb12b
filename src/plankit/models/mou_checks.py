"""Domain checks of a data-sharing MOU: terms that are valid input but that the law behind the
sharing, or common practice, says are missing, too weak or inconsistent. Each finding names
the field to change and, where it rests on a rule, the rule's citation.

:data:`CHECKS` names every check, for the review memo's list of checks made.
"""

from __future__ import annotations

from typing import Any

from plankit.models.authorities import AUTHORITIES
from plankit.models.common import Finding
from plankit.models.mou_views import and_list

CHECKS: dict[str, str] = {
    "mou.authority-missing": "Each party's data rests on an authority the agreement cites",
    "mou.requires.fields": "Each item of UC information lists its fields",
    "mou.requires.transfer-terms": "Each item of UC information states its format, method "
                                   "and timing",
    "mou.requires.duration": "A study agreement states the study's duration",
    "mou.requires.destruction-period": "Education records are destroyed within a stated "
                                       "period",
    "mou.identifier-need": "Each identifier names why it is needed",
    "mou.matching-missing": "Identifiers sent for matching come with a matching method",
    "mou.uc-agreement": "UC data a party holds are tied to a named 20 CFR part 603 agreement",
    "mou.ferpa-authority": "Each party designating an authorized representative is an "
                           "educational authority",
    "mou.structure": "Three or more parties or several projects have a chosen structure",
    "mou.security-contact": "Each party names its own security and privacy contact",
    "mou.retention-term": "Retention, destruction and the term fit together",
    "mou.retention-no-end": "Retention has a fixed end",
    "mou.screening": "Employer screening has a recency window and a way to respond",
    "mou.breach-limit": "Breach notice comes within the limits the law sets",
    "mou.small-cells": "Small counts are suppressed",
    "mou.receiver-unsigned": "Each receiving party signs",
}


def _names(names: list[str]) -> str:
    return and_list(names)


def _days(hours: int) -> str:
    days = hours / 24
    shown = f"{days:,.0f}" if days == int(days) else f"{days:,.1f}"
    return f"{shown} day{'s' if days != 1 else ''}"


def whole(model: Any) -> Any:
    """The input as one whole (not one linked document), so every check sees every item."""
    if getattr(model, "_part", None) is None:
        return model
    copy = model.model_copy()
    copy._part = None
    return copy


def all_findings(model: Any) -> list[Finding]:
    m = whole(model)
    out: list[Finding] = []
    for check in (_authority_fit, _required_terms, _identifiers, _matching, _uc_agreement,
                  _ferpa_authority, _structure, _security_contacts, _retention_term,
                  _retention_end, _screening, _breach_limit, _small_cells,
                  _unsigned_receivers):
        out += check(m)
    return out


def review_notes(model: Any) -> list[Finding]:
    """Notes for the reviewer only: the clauses' own drafter notes carry them, so there are
    none here yet."""
    return []


# --------------------------------------------------------------------------- authorities


def _authority_fit(m: Any) -> list[Finding]:
    """A party whose data a listed law governs, but the law is not listed."""
    out = []
    listed = set(m.legal_authorities)
    ui = m.names_of("ui-agency", role="disclosing")
    if (ui or m.uses_uc) and "ui-confidentiality" not in listed:
        who = (f"{_names(ui)} provides data" if ui else
               "the work uses unemployment compensation information (UI wage records)")
        out.append(Finding(
            ("legal_authorities",),
            f"{who}, but the agreement does not rely on 20 CFR part 603; unemployment "
            "compensation information, including wage records, is confidential under it",
            fix="add ui-confidentiality to legal_authorities, unless counsel confirms that "
                "none of the data is unemployment compensation information",
            rule="mou.authority-missing", source="20 CFR part 603"))
    from plankit.models.mou import EDUCATION_TYPES
    edu = m.names_of(*EDUCATION_TYPES, role="disclosing")
    if edu and not {"ferpa-audit-evaluation", "ferpa-studies"} & listed:
        out.append(Finding(
            ("legal_authorities",),
            f"{_names(edu)} provides data, but the agreement relies on neither FERPA "
            "exception; personally identifiable information from education records may "
            "be disclosed without consent only under an exception",
            fix="add ferpa-audit-evaluation or ferpa-studies to legal_authorities, as "
                "counsel advises",
            rule="mou.authority-missing", source="34 CFR 99.31"))
    enforcement = m.names_of("labor-standards", role="disclosing")
    if enforcement and "state-law" not in listed:
        out.append(Finding(
            ("legal_authorities",),
            f"{_names(enforcement)} is a labor standards enforcement agency, and no federal "
            "authority for sharing its data is on record; the sharing must rest on state "
            "law",
            fix="add state-law to legal_authorities and name the statute in state_law",
            rule="mou.authority-missing"))
    return out


def _required_terms(m: Any) -> list[Finding]:
    """The terms each listed authority requires the written agreement to contain."""
    out: list[Finding] = []
    seen: set[tuple] = set()
    for authority_id in m.legal_authorities:
        authority = AUTHORITIES[authority_id]
        for req in authority.requires:
            for path, problem, fix in _missing(m, req.element, authority_id):
                if (path, req.element) in seen:
                    continue
                seen.add((path, req.element))
                out.append(Finding(  # an unconfirmed source becomes a note (plankit.checks)
                    path, f"{problem}; {authority.name} ({authority.cite}) requires the "
                          f"agreement to provide for {req.what}",
                    fix=fix, rule=f"mou.requires.{req.element}",
                    source=req.cite + ("" if req.verified else ", not verified")))
    return out


_TRANSFER = {"format": "its file format and layout", "frequency": "how often it is sent",
             "transfer_method": "how it is sent"}


def _missing(m: Any, element: str, authority_id: str) -> list[tuple[tuple, str, str]]:
    """(field path, what is missing, how to fix it) for one required term."""
    out = []
    if element in ("transfer-terms", "fields"):
        for n, e in enumerate(m.data_elements):
            if authority_id == "ui-confidentiality" and not m.is_uc(e):
                continue
            if element == "fields":
                if not e.fields:
                    out.append((("data_elements", n, "fields"),
                                f"data element {n + 1} does not list its fields",
                                "list the fields under 'fields:', one per line"))
                continue
            gaps = [name for name in _TRANSFER if getattr(e, name) is None]
            if gaps:
                out.append((("data_elements", n, gaps[0]),
                            f"data element {n + 1} does not say "
                            + " or ".join(_TRANSFER[g] for g in gaps),
                            "add " + " and ".join(f"'{g}:'" for g in gaps)))
        return out
    if element == "duration" and m.term.end is None and m.term.years is None:
        return [(("term",), "the agreement has no end date and no number of years",
                 "add 'end:' or 'years:' under term")]
    if element == "destruction-period":
        r = m.safeguards.retention
        if r.years is None or r.destroy_within_days is None:
            what = ("sets no number of years to keep the data" if r.years is None else
                    "sets no number of days to destroy the data")
            return [(("safeguards", "retention"), f"the agreement {what}",
                     "give 'years:' and 'destroy_within_days:' under safeguards.retention")]
    return []


def _uc_agreement(m: Any) -> list[Finding]:
    """UC data a party holds under another agreement must be tied to it, unless the UC
    agency itself is a party."""
    if m.names_of("ui-agency"):
        return []
    return [Finding(
        ("held_data", n, "agreement"),
        f"{h.description} are unemployment compensation information, but the agreement "
        "names neither the 20 CFR part 603 agreement under which "
        f"{m._ref(m._party(h.held_by))} holds them nor makes the unemployment insurance "
        "agency a party; the use here must be one that agreement allows",
        fix="name the agreement (its title and date) under 'agreement:', or add the "
            "unemployment insurance agency as a party",
        rule="mou.uc-agreement", source="20 CFR 603.10(a)")
        for n, h in enumerate(m.held_data) if h.uc_information and not h.agreement]


def _ferpa_authority(m: Any) -> list[Finding]:
    if "ferpa-audit-evaluation" not in m.legal_authorities:
        return []
    from plankit.models.mou import EDUCATION_TYPES
    out = []
    for p in m.parties_of(*EDUCATION_TYPES, role="disclosing"):
        if p.is_educational_authority:
            continue
        out.append(Finding(
            ("parties", m.parties.index(p), "educational_authority"),
            f"{p.name} designates an authorized representative under the FERPA audit or "
            f"evaluation exception, but as a {p.type_label} it may not be a state or local "
            "educational authority; only those authorities (and the federal officials "
            "listed) may designate one",
            fix="have the state or local educational authority that holds the records be the "
                "party, set 'educational_authority: true' if counsel confirms it is one, or "
                "rely on another exception",
            rule="mou.ferpa-authority", source="34 CFR 99.31(a)(3)(iv) and 99.35(a)(1)"))
    return out


# --------------------------------------------------------------------------- data items


def _identifiers(m: Any) -> list[Finding]:
    out = []
    for n, e in enumerate(m.data_elements):
        for k, f in enumerate(e.fields):
            if f.is_identifier and not f.need:
                out.append(Finding(
                    ("data_elements", n, "fields", k, "need"),
                    f"'{f.name}' in data element {n + 1} identifies a person, but the "
                    "agreement does not say why it is needed; send only the identifiers a "
                    "permitted use needs",
                    fix="add 'need:' saying what it is used for (for example matching), or "
                        "remove the field",
                    rule="mou.identifier-need"))
    return out


def _matching(m: Any) -> list[Finding]:
    if m.matching is not None:
        return []
    sent = [n for n, e in enumerate(m.data_elements) if e.identifiers]
    if not sent or (len(m.data_elements) == 1 and not m.held_data):
        return []  # no identifiers, or nothing to match them with
    n = sent[0]
    names = _names([f.name for f in m.data_elements[n].identifiers])
    return [Finding(
        ("data_elements", n, "fields"),
        f"data element {n + 1} sends {names}, but the agreement does not say how records "
        "are matched: the method, who runs the match and where, how match rates are "
        "reported and what happens to records that do not match",
        fix="add a 'matching:' block", rule="mou.matching-missing")]


# --------------------------------------------------------------------------- parties


def _structure(m: Any) -> list[Finding]:
    if not m.needs_structure:
        return []
    why = (f"{len(m.parties)} parties" if len(m.parties) >= 3 else "") + \
        (" and " if len(m.parties) >= 3 and len(m.projects) > 1 else "") + \
        (f"{len(m.projects)} projects" if len(m.projects) > 1 else "")
    s = m.structure
    if s is None:
        return [Finding(
            ("structure",),
            f"the agreement has {why} and does not say how it is structured: one agreement "
            "(with the reason it suffices) or a governance memorandum with a data sharing "
            "agreement for each data flow and a data use license for each project",
            fix="add 'structure:' with 'form: single' and a 'reason:', or 'form: tiered'",
            rule="mou.structure")]
    if s.form == "single" and not s.reason:
        return [Finding(("structure", "reason"),
                        f"the agreement has {why} in one instrument but does not say why one "
                        "agreement suffices", fix="add 'reason:' under structure",
                        rule="mou.structure")]
    if s.form == "tiered" and not m.projects:
        return [Finding(("projects",), "the tiered structure licenses each project, but no "
                        "project is listed", fix="list the projects under 'projects:'",
                        rule="mou.structure")]
    return []


def _same(a: Any, b: Any) -> bool:
    def norm(x):
        return " ".join(x.split()).casefold() if x else ""
    return norm(a.name) == norm(b.name) or bool(a.email and norm(a.email) == norm(b.email))


def _security_contacts(m: Any) -> list[Finding]:
    return [Finding(
        ("parties", n, "security_contact"),
        f"{p.name} names its general contact, {p.contact.name}, as its security and privacy "
        "contact; a Breach notice must reach someone who can act on it at once, at any hour",
        fix="name the party's information security or privacy officer",
        rule="mou.security-contact")
        for n, p in enumerate(m.parties)
        if p.contact and p.security_contact and _same(p.contact, p.security_contact)]


def _unsigned_receivers(m: Any) -> list[Finding]:
    out = []
    for n, p in enumerate(m.parties):
        s = p.signatory
        if p.receives and (s is None or not (s.name or s.title)):
            out.append(Finding(
                ("parties", n, "signatory"),
                f"{p.name} receives data but no one is named to sign for it; the safeguards "
                "bind a Receiving Party only once it signs",
                fix="add 'signatory:' with the title (and, if known, the name) of the "
                    "official who signs",
                rule="mou.receiver-unsigned"))
    return out


# --------------------------------------------------------------------------- terms


def term_years(m: Any) -> float | None:
    """How long the agreement lasts, in years, when the input says."""
    t = m.term
    if t.years is not None:
        return float(t.years)
    if t.end is not None and t.start is not None:
        return (t.end - t.start).days / 365.25
    return None


def _retention_term(m: Any) -> list[Finding]:
    r = m.safeguards.retention
    length = term_years(m)
    if r.years is None or length is None or m.term.renewal == "automatic":
        return []
    if r.years <= length + 0.05:
        return []
    return [Finding(
        ("safeguards", "retention", "years"),
        f"lets a Receiving Party keep data for {r.years} years, but the agreement ends after "
        f"about {length:.0f} year{'s' if round(length) != 1 else ''} and the data must be "
        "destroyed when it ends, so the retention period can never run its course",
        fix="shorten the retention period to the term, or lengthen the term",
        rule="mou.retention-term")]


def _retention_end(m: Any) -> list[Finding]:
    r = m.safeguards.retention
    if not r.until_purpose_served:
        return []
    return [Finding(
        ("safeguards", "retention", "until_purpose_served"),
        "keeps the data until the purpose is served, which sets no date by which the "
        "data must be destroyed: the retention period has no fixed end",
        fix="give a number of years instead ('years:'), so the retention period ends "
            "on a date the parties can check",
        rule="mou.retention-no-end")]


def _screening(m: Any) -> list[Finding]:
    who = m.names_of("labor-standards", role="disclosing")
    if not who:
        return []
    s = m.employer_screening
    if s is not None and s.lookback_years and s.response:
        return []
    missing = [what for what, value in (
        ("how many years a finding counts", s.lookback_years if s else None),
        ("how an employer learns of it and can respond", s.response if s else None))
        if not value]
    return [Finding(
        ("employer_screening",) if s is not None else ("permitted_uses",),
        f"{_names(who)} provides enforcement findings to screen employers, but the agreement "
        f"does not say {' or '.join(missing)}; old or disputed findings would keep an "
        "employer out with no way to answer",
        fix="add 'employer_screening:' with 'lookback_years:', 'response:' and "
            "'response_days:'",
        rule="mou.screening")]


def _breach_limit(m: Any) -> list[Finding]:
    hours = m.safeguards.breach_notice_hours
    if hours is None:
        return []
    for authority_id in m.legal_authorities:
        a = AUTHORITIES[authority_id]
        if a.breach_limit_hours is not None and hours > a.breach_limit_hours:
            return [Finding(
                ("safeguards", "breach_notice_hours"),
                f"gives a Receiving Party {hours:,} hours ({_days(hours)}) to report a "
                f"Breach, but under {a.name} ({a.cite}) the people affected must be "
                f"notified no later than {a.breach_limit_hours:,} hours "
                f"({_days(a.breach_limit_hours)}) after it is discovered",
                fix=f"set breach_notice_hours well under {a.breach_limit_hours:,}, so the "
                    "Disclosing Party has time to give its own notices",
                rule="mou.breach-limit", source=a.breach_limit_cite)]
    return []  # one limit is enough to show; HIPAA and part 2 set the same one


def _small_cells(m: Any) -> list[Finding]:
    from plankit.models.mou_terms import SMALL_CELL_MINIMUM, SMALL_CELL_SOURCE
    n = m.safeguards.small_cell_threshold
    if n is None or n >= SMALL_CELL_MINIMUM:
        return []
    return [Finding(
        ("safeguards", "small_cell_threshold"),
        f"is {n}: published figures could be based on as few as {n} people, below "
        f"{SMALL_CELL_MINIMUM}, the smallest count the data use license terms on record "
        "allow; small counts make people easier to identify",
        fix=f"use {SMALL_CELL_MINIMUM} or more, unless every Disclosing Party agrees in "
            "writing to a lower number",
        rule="mou.small-cells", source=SMALL_CELL_SOURCE)]
