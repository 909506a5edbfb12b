"""Domain checks of a WIOA local plan: input that is valid but would be sent back by the
state's plan reviewer.

Warnings (errors under ``--strict``): a required element left open, a goal not tied to a
primary indicator, a percentage typed as a fraction, totals in the text that disagree with
the tables, priority-of-service statements that are missing or wrong, a public comment
period longer than 30 days or that leaves out business, labor or education, dates after the
plan's own. A note for the reviewer: targets or commitments touching union membership,
organizing or bargaining coverage (WIOA sec. 181(b)(7)). After the draft is composed: an
element with neither content nor a placeholder in the draft.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterator

from plankit.models.common import Finding

if TYPE_CHECKING:  # pragma: no cover
    from plankit.models.plan.section import PlanSectionInput

SRC_108E = "WIOA sec. 108(b)(1)(E); 20 CFR 679.560(a)(5)"
SRC_181 = "WIOA sec. 181(b)(7), 29 U.S.C. 3241(b)(7)"
SRC_COMMENT = "WIOA sec. 108(d)(2); 20 CFR 679.550(b)(2)-(3)"


def local_findings(doc: "PlanSectionInput") -> list[Finding]:
    out: list[Finding] = []
    out.extend(_modification(doc))
    out.extend(_goals(doc))
    out.extend(_fractions(doc))
    out.extend(_totals(doc))
    out.extend(_priority(doc))
    out.extend(_public_comment(doc))
    out.extend(_dates(doc))
    return out


def element_message(doc: "PlanSectionInput", e) -> Finding:
    """The warning for a required element of a WIOA local plan the input leaves open."""
    missing = doc.element_missing(e)
    path = tuple(int(p) if p.isdigit() else p for p in missing[0].split("."))
    rule = "required-element"
    if e.id == "adult-priority":
        rule = "priority-of-service"
        message = ("the plan does not state the direction given to the one-stop operator on "
                   "priority for Adult individualized career services and training services")
    elif e.id == "veterans-priority":
        rule = "veterans-priority"
        message = ("the plan does not state the Board's priority of service for veterans and "
                   "eligible spouses, which local plans carry under 20 CFR 1010.230(b)")
    else:
        p = doc.plan_type
        text = e.text[:1].lower() + e.text[1:]
        message = (f"{text} is required in a WIOA local plan as of {p.as_of:%B} "
                   f"{p.as_of.day}, {p.as_of.year}, but the input does not give it")
    return Finding(path=path, message=message,
                   fix="add " + " and ".join(repr(f) for f in missing),
                   rule=rule, source=e.cite or "")


# --------------------------------------------------------------------------- the checks


def _modification(doc: "PlanSectionInput") -> list[Finding]:
    m = doc.modification
    if m is None or doc.family != "wioa-local":
        return []
    out = []
    if not m.described:
        out.append(Finding(
            path=("modification",),
            message="says this draft is a modification, but not what changed; a modification "
                    "reflects changes in labor market and economic conditions and other "
                    "factors (20 CFR 679.580(b)), and its 'What changed' section lists them",
            fix="write 'modification:' with 'reason:', 'prior_plan_date:' and 'changes:' (a "
                "'section' and 'change' for each part of the plan that changed)",
            rule="modification", source="20 CFR 679.580(b)"))
    if m.prior_plan_date and doc.date and m.prior_plan_date >= doc.date:
        out.append(Finding(
            path=("modification", "prior_plan_date"),
            message=f"the plan being modified is dated {m.prior_plan_date}, not before this "
                    f"draft ({doc.date})", fix="check the two dates", rule="modification"))
    return out


def _goals(doc: "PlanSectionInput") -> list[Finding]:
    out = []
    for n, row in enumerate(doc.goal_rows):
        if row["indicators"]:
            continue
        out.append(Finding(
            path=("goals", n),
            message=f"goal {n + 1} is not tied to any primary indicator of performance; a "
                    "local plan's goals relate to the indicators of WIOA sec. 116(b)(2)(A)",
            fix="write the goal as 'goal:' with 'indicators:' naming one or more of "
                "employment-q2, employment-q4, median-earnings-q2, credential-rate, "
                "skill-gains, employer-retention",
            rule="goal-indicator", source=SRC_108E))
    return out


def _percent_paths(doc: "PlanSectionInput") -> Iterator[tuple[tuple, Any]]:
    p = doc.performance
    for prog in ("adult", "dislocated_worker", "youth"):
        levels = getattr(p, prog)
        for key in ("employment_q2", "employment_q4", "credential_rate", "skill_gains"):
            yield ("performance", prog, key), getattr(levels, key)
    yield ("performance", "employer_retention"), p.employer_retention
    yield ("workforce", "unemployment_rate"), doc.workforce.unemployment_rate
    yield ("workforce", "participation_rate"), doc.workforce.participation_rate
    if doc.job_quality:
        yield ("job_quality", "living_wage_target"), doc.job_quality.living_wage_target
    for i, m in enumerate(doc.metrics):
        if m.unit == "percent":
            yield ("metrics", i, "baseline"), m.baseline
            yield ("metrics", i, "target"), m.target


def fraction_findings(doc: "PlanSectionInput") -> list[Finding]:
    """A percentage written as a fraction: 0.74 where 74 was meant."""
    out = []
    for path, value in _percent_paths(doc):
        if value is None or not (Decimal(0) < value < Decimal(1)):
            continue
        meant = (value * 100).normalize()
        out.append(Finding(
            path=path, message=f"is {value}%, which looks like a fraction; did you mean "
                               f"{meant:f}%?",
            fix=f"write percentages as numbers from 0 to 100, e.g. {meant:f}",
            rule="percent-fraction"))
    return out


_fractions = fraction_findings

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)"
_OPENINGS = re.compile(_NUMBER + r"\s+(?:[a-z-]+\s+){0,2}openings\b", re.IGNORECASE)
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_SECTORS = re.compile(r"\b(?:all|the)\s+(\d+|" + "|".join(_WORDS) + r")\s+(?:in-demand\s+)?"
                      r"(?:industry\s+)?sectors\b", re.IGNORECASE)


def _texts(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every free text in the input, with its field path."""
    from pydantic import BaseModel

    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _texts(v, path + (i,))


def _totals(doc: "PlanSectionInput") -> list[Finding]:
    """Totals written in the text that disagree with the tables."""
    lm = doc.labor_market
    if lm is None:
        return []
    total = doc.total_openings
    known = {total} | set(doc.sector_openings.values()) | \
        {o.annual_openings for o in lm.occupations}
    known.discard(None)
    out = []
    for path, text in _texts(doc):
        if path and path[0] in ("labor_market",) and len(path) > 2:
            continue  # the tables' own rows
        for m in _OPENINGS.finditer(text):
            said = int(m.group(1).replace(",", ""))
            if total is None or any(abs(said - k) <= 0.05 * max(k, 1) for k in known):
                continue
            out.append(Finding(
                path=path,
                message=f"says '{m.group(0)}', but the in-demand occupations listed show "
                        f"{total:,} annual openings in all",
                fix=f"use the table's total ({total:,}), or correct the occupation table",
                rule="text-total"))
        for m in _SECTORS.finditer(text):
            word = m.group(1).lower()
            said = int(word) if word.isdigit() else _WORDS[word]
            if said != len(lm.sectors):
                out.append(Finding(
                    path=path,
                    message=f"says '{m.group(0)}', but {len(lm.sectors)} in-demand sectors "
                            "are listed", fix="make the text and the sector list agree",
                    rule="text-total"))
    return out


_FUNDS_LIMITED = re.compile(r"\b(funds?|funding|resources)\s+(are|is)\s+limited\b",
                            re.IGNORECASE)
_OTHER_FUNDS = re.compile(r"\b(dislocated worker|youth)\s+(funds|program|services)\b",
                          re.IGNORECASE)


def _priority(doc: "PlanSectionInput") -> list[Finding]:
    """Priority-of-service statements that misstate the rule."""
    text = doc.priority_of_service.adult or ""
    src = "WIOA sec. 134(c)(3)(E); 20 CFR 680.600, 680.610"
    out = []
    if _FUNDS_LIMITED.search(text):
        out.append(Finding(
            path=("priority_of_service", "adult"),
            message="ties the Adult priority to limited funds; under WIOA the priority "
                    "applies whatever the funds available (the 'limited funds' condition was "
                    "the Workforce Investment Act's)",
            fix="state the priority without the condition", rule="priority-of-service",
            source=src))
    if _OTHER_FUNDS.search(text):
        out.append(Finding(
            path=("priority_of_service", "adult"),
            message="extends the statutory Adult priority to Dislocated Worker or Youth "
                    "funds; it covers Adult individualized career services and training "
                    "services only", fix="limit the statement to Adult funds, or describe "
                    "other local priorities separately", rule="priority-of-service",
            source=src))
    return out


def _public_comment(doc: "PlanSectionInput") -> list[Finding]:
    pc = doc.public_comment
    out = []
    if pc.days and pc.days > 30:
        out.append(Finding(
            path=("public_comment", "closed"),
            message=f"the comment period runs {pc.days} days; 20 CFR 679.550(b)(3) provides "
                    "for no more than a 30-day period before the plan is submitted",
            fix="check the dates against the Governor's instructions", rule="comment-period",
            source="20 CFR 679.550(b)(3)"))
    if pc.invited and pc.groups_missing:
        out.append(Finding(
            path=("public_comment", "invited"),
            message="does not name " + " or ".join(pc.groups_missing) + ", whose "
                    "representatives WIOA sec. 108(d)(2) names among those who comment",
            fix="add them to 'invited', or correct the list", rule="comment-invitees",
            source=SRC_COMMENT))
    for i, c in enumerate(doc.public_comments):
        if not c.response:
            out.append(Finding(
                path=("public_comments", i, "response"),
                message=f"comment {i + 1} ({c.commenter_label}) has no response from the Board",
                fix="add 'response:'", rule="comment-response"))
    return out


def _dates(doc: "PlanSectionInput") -> list[Finding]:
    g = doc.state_guidance
    if not (g and g.issued and doc.date and g.issued > doc.date):
        return []
    return [Finding(
        path=("state_guidance", "issued"),
        message=f"the Governor's instructions are dated {g.issued}, after this plan "
                f"({doc.date}); a plan cannot follow instructions issued after it",
        fix="name the instructions in force on the plan's date", rule="dated-after")]


# --------------------------------------------------------------------------- union


_UNION = re.compile(r"\b(unions?|unioni[sz]\w*|organizing|organize|bargaining|labor "
                    r"agreements?|union membership)\b", re.IGNORECASE)


def union_notes(doc: "PlanSectionInput") -> list[Finding]:
    """Targets or commitments touching union membership, organizing or bargaining coverage
    in a plan that spends WIOA Title I funds (notes for the reviewer)."""
    out = []
    neutral = ("measuring coverage is fine; pursuing a target with WIOA funds invites a "
               "finding. Neutral wording: 'The Board will report the share of placements in "
               "jobs covered by a collective bargaining, project labor or community benefits "
               "agreement, as one measure of job quality; it sets no target for it and uses no "
               "WIOA funds to assist, promote or deter union organizing.'")
    for i, m in enumerate(doc.metrics):
        touches = m.measure == "agreement-coverage" or _UNION.search(
            f"{m.name} {m.definition or ''}")
        if touches and m.target is not None:
            out.append(Finding(
                path=("metrics", i, "target"),
                message=f"'{m.name}' sets a target for coverage by bargaining or labor "
                        "agreements. WIOA sec. 181(b)(7) requires assurances that no Title I "
                        "funds are used to assist, promote or deter union organizing: "
                        + neutral,
                fix="report the measure without a target, or say the target is pursued "
                    "only with funds other than WIOA Title I", rule="union-neutrality",
                source=SRC_181, severity="note"))
    if doc.job_quality and doc.job_quality.has("worker-voice"):
        out.append(Finding(
            path=("job_quality", "commitments"),
            message="the worker voice commitment involves workers and the labor "
                    "organizations that represent them in planning. Involving labor "
                    "organizations as partners is consistent with WIOA, but check that no "
                    "commitment reads as using WIOA funds to assist, promote or deter union "
                    "organizing (WIOA sec. 181(b)(7))",
            fix="keep the wording neutral: involve 'workers and their representatives', and "
                "fund the activity from sources other than WIOA Title I where it goes beyond "
                "planning", rule="union-neutrality", source=SRC_181, severity="note"))
    for field in ("goals", "strategy", "vision"):
        for path, text in _texts(getattr(doc, field), (field,)):
            if _UNION.search(text):
                out.append(Finding(
                    path=path, message="mentions unions, organizing or bargaining. WIOA sec. "
                                       "181(b)(7) requires assurances that no Title I funds are "
                                       "used to assist, promote or deter union organizing; "
                                       "check that the text commits WIOA funds to neither",
                    fix="use neutral wording, e.g. 'labor organizations and joint "
                        "labor-management programs as partners'", rule="union-neutrality",
                    source=SRC_181, severity="note"))
    return out


# --------------------------------------------------------------------------- the draft


def draft_findings(doc: "PlanSectionInput", document) -> list[Finding]:
    """Required elements with neither content nor a placeholder in the composed draft:
    their section is missing, or it is there but shows nothing to fill."""
    from plankit import document as d

    sections = {n.attrs.id: n for n in d.walk(document) if isinstance(n, d.Section)}
    out = []
    for row in doc.crosswalk:
        if not row["required"] or row["status"] not in ("addressed", "placeholder"):
            continue
        sec = sections.get(row["section"])
        if sec is None:
            problem = "no section of the draft answers it"
        elif row["status"] == "placeholder" and not any(
                isinstance(n, d.Placeholder) for n in d.walk(sec)):
            problem = "its section shows neither content from the input nor a placeholder"
        else:
            continue
        e = doc.element(row["id"])
        out.append(Finding(
            path=tuple(e.fields[0].split(".")),
            message=f"{row['text'][:1].lower() + row['text'][1:]}: {problem}",
            fix="restore the section in the outline or clause that drafts it, or add "
                + " and ".join(repr(f) for f in e.fields),
            rule="element-not-drafted", source=row["cite"]))
    return out
