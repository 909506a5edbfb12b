"""Domain checks for plan sections: input that is valid but probably wrong or incomplete.

``plankit validate`` and ``build`` print these as warnings; ``--strict`` makes them errors.
Each check names the field it is about, so the message carries the input's line number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plankit.models.common import Finding

if TYPE_CHECKING:  # pragma: no cover
    from plankit.models.plan.section import PlanSectionInput


def plan_findings(doc: "PlanSectionInput") -> list[Finding]:
    from plankit.models.plan.indicator_checks import indicator_findings
    from plankit.models.plan.local_checks import fraction_findings, local_findings

    out: list[Finding] = []
    out.extend(_required_elements(doc))
    out.extend(_period(doc))
    out.extend(_climate_stage(doc))
    out.extend(_metrics(doc))
    out.extend(indicator_findings(doc))
    if doc.family == "wioa-local":
        out.extend(local_findings(doc))
    else:
        out.extend(fraction_findings(doc))
    return out


def _required_elements(doc: "PlanSectionInput") -> list[Finding]:
    """Each required element of the plan type that the input does not address."""
    from plankit.models.plan.local_checks import element_message

    p = doc.plan_type
    out = []
    for e in doc.elements:
        if e.status != "required" or doc.element_given(e) or doc.element_elsewhere(e):
            continue
        if doc.family == "wioa-local":
            if not (e.id == "modification-changes" and doc.modification is not None):
                out.append(element_message(doc, e))  # a plain 'true' is warned of apart
            continue
        src = p.source(e.source)
        missing = doc.element_missing(e)
        path = tuple(missing[0].split("."))
        need = f" with '{e.has}'" if e.has else ""
        out.append(Finding(
            path=path,
            message=f"{e.text[:1].lower() + e.text[1:]} is required in {p.article} {p.name} "
                    f"as of {p.as_of:%B} {p.as_of.day}, {p.as_of.year}, but the input does not "
                    "give it",
            fix=f"add {' and '.join(repr(f) for f in missing)}{need}",
            rule="required-element", source=e.cite or src.cite))
    return out


def _period(doc: "PlanSectionInput") -> list[Finding]:
    """A plan period that does not fit the plan type's cycle."""
    p = doc.plan_type
    period = p.period
    if period is None or doc.period is None or doc.modification:
        return []
    years = doc.period.years
    if period.min <= years <= period.max:
        return []
    src = p.source(period.source)
    field = "program_years" if doc.family.startswith("wioa") else "plan_period"
    unit = "program years" if field == "program_years" else "years"
    if period.min == period.max:
        expected = f"covers {period.text}"
        fix = ("correct the years, or set 'modification: true' if this draft modifies an "
               "approved plan") if field == "program_years" else "correct the years"
    else:
        expected = f"typically covers {period.text}"
        fix = "check the years; a different span is allowed if the plan explains it"
    return [Finding(
        path=(field,),
        message=f"covers {years} {unit} ({doc.period_label}), but {p.article} {p.name} "
                f"{expected}",
        fix=fix, rule="plan-period", source=src.cite)]


def _climate_stage(doc: "PlanSectionInput") -> list[Finding]:
    """A climate plan that does not say whether it is a priority or comprehensive plan."""
    if doc.plan != "climate" or doc.climate_plan:
        return []
    return [Finding(
        path=("climate_plan",),
        message="does not say which climate plan this is; a comprehensive climate action plan "
                "requires a workforce planning analysis, a priority plan does not",
        fix="add 'climate_plan: pcap', 'ccap' or 'other'", rule="climate-plan")]


def _metrics(doc: "PlanSectionInput") -> list[Finding]:
    """Targets worse than their baselines, and measures without a data source."""
    out = []
    for i, m in enumerate(doc.metrics):
        if m.target_misses_baseline:
            word = "below" if m.direction == "increase" else "above"
            better = "higher" if m.direction == "increase" else "lower"
            out.append(Finding(
                path=("metrics", i, "target"),
                message=f"'{m.name}': the target ({m.show(m.target)}) is {word} the baseline "
                        f"({m.show(m.baseline)}), but {better} is better for this measure",
                fix="check the two figures, or set 'direction: decrease' if a lower number is "
                    "better" if m.direction == "increase" else
                    "check the two figures, or set 'direction: increase' if a higher number is "
                    "better",
                rule="target-below-baseline"))
        if not m.source:
            out.append(Finding(
                path=("metrics", i, "source"),
                message=f"'{m.name}' has no data source, so partners cannot check it",
                fix="add 'source:' naming where the numbers come from, e.g. 'State UI wage "
                    "records'",
                rule="metric-source"))
    return out
