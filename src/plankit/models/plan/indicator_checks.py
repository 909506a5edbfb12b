"""Checks of the WIOA primary indicators in a plan's shared measures: names and definitions
that do not match WIOA sec. 116(b)(2)(A) and 20 CFR 677.155 for the program they are
reported for (the Adult variant of an employment rate counts unsubsidized employment only;
the Youth variant also counts education or training)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from plankit.models.common import Finding
from plankit.models.plan.metrics import program_in_name

if TYPE_CHECKING:  # pragma: no cover
    from plankit.models.plan.section import PlanSectionInput

SRC_ADULT = "WIOA sec. 116(b)(2)(A)(i)(I)-(II); 20 CFR 677.155(a)(1)(i)-(ii)"
SRC_YOUTH = "WIOA sec. 116(b)(2)(A)(ii)(I)-(II); 20 CFR 677.155(c)(1)-(2)"
SRC_ES = "20 CFR 677.155(b)"

_EDUCATION = re.compile(r"education[,\s]+(or\s+)?training", re.IGNORECASE)
_Q2 = re.compile(r"\b(2nd|second)\s+quarter", re.IGNORECASE)
_Q4 = re.compile(r"\b(4th|fourth)\s+quarter", re.IGNORECASE)


def indicator_findings(doc: "PlanSectionInput") -> list[Finding]:
    out = []
    for i, m in enumerate(doc.metrics):
        if not m.is_wioa:
            continue
        program = m.program or program_in_name(m.name)
        named = program_in_name(m.name)
        if m.program and named and named != m.program:
            out.append(Finding(
                path=("metrics", i, "name"),
                message=f"'{m.name}' names the {named.replace('-', ' ')} program, but "
                        f"'program' is {m.program}", fix="make the name and 'program' agree",
                rule="indicator-definition"))
        text = f"{m.definition or ''}"
        if m.measure in ("employment-q2", "employment-q4"):
            wrong_q = _Q4 if m.measure == "employment-q2" else _Q2
            if wrong_q.search(m.name) or wrong_q.search(text):
                out.append(Finding(
                    path=("metrics", i, "name"),
                    message=f"'{m.name}' is measure {m.measure}, but its name or definition "
                            "speaks of another quarter after exit",
                    fix="use employment-q2 for the second quarter and employment-q4 for the "
                        "fourth", rule="indicator-definition",
                    source=SRC_YOUTH if program == "youth" else SRC_ADULT))
            if program in ("adult", "dislocated-worker", "wagner-peyser") and \
                    _EDUCATION.search(text):
                out.append(Finding(
                    path=("metrics", i, "definition"),
                    message=f"'{m.name}' is defined with the Youth variant (education or "
                            "training, or employment); for the "
                            f"{m.program_label or program} program the indicator counts "
                            "participants in unsubsidized employment only",
                    fix="leave out 'definition' to use the standard wording for the program",
                    rule="indicator-definition", source=SRC_ADULT))
            if program == "youth" and not _EDUCATION.search(text):
                out.append(Finding(
                    path=("metrics", i, "definition"),
                    message=f"'{m.name}' is a Youth indicator but is defined like the Adult "
                            "one; for Youth it counts participants in education or training "
                            "activities, or in unsubsidized employment",
                    fix="leave out 'definition' to use the standard wording for Youth",
                    rule="indicator-definition", source=SRC_YOUTH))
        if program == "wagner-peyser" and m.measure in ("credential-rate", "skill-gains"):
            out.append(Finding(
                path=("metrics", i, "measure"),
                message=f"'{m.name}' is not a primary indicator for the Wagner-Peyser "
                        "Employment Service, which reports only the employment rates, median "
                        "earnings and effectiveness in serving employers",
                fix="report it for another program, or drop it", rule="indicator-definition",
                source=SRC_ES))
    return out
