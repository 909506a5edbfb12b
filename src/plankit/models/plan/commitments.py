"""Commitments a workforce section makes, and the checks on them.

A plan commits only to what its input chooses: a strategy's text makes only the kinds of
commitment the plan types data declares for it (``commits``, checked by
:func:`commitment_kinds` in the tests), and a measure appears only when the input lists it.
Some commitments are sensitive under a program's rules: union or bargaining coverage in a
plan that spends WIOA funds (WIOA sec. 181(b)(7)), "equity" measures a program no longer
funds, state terms on BEAD subgrantees after the June 2025 Restructuring Policy Notice. Such a
commitment is not added silently: the review memo says so (:func:`sensitive_findings`).

The checks here are for the workforce family; the WIOA families have their own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from plankit.models.common import Finding
from plankit.models.plan.programs import STATE_LABELS, Program, Sensitivity
from plankit.models.plan.registry import PLAN_TYPES
from plankit.models.plan.workforce_section import TOOL_TAGS

if TYPE_CHECKING:  # pragma: no cover
    from plankit.models.plan.section import PlanSectionInput

# ------------------------------------------------------------------ kinds of commitment

_LEAD = r"(?:\bwill |\band |\bor |, |\bto |\bbe )"
"""Where a commitment's verb stands: after 'will', or after 'and', 'or', a comma, 'to' or
'be' in a run of verbs ('will analyze ... and estimate ...', 'can be required or
rewarded')."""

_VERBS: dict[str, tuple[str, ...]] = {
    "analyze": ("analyze", "assess", "identify", "estimate", "study", "set out", "plan the",
                "include essential"),
    "partner": ("work with", "involve", "consult", "hear from", "align", "connect"),
    "support": ("support", "help", "build", "upskill", "hire", "educate", "treat access",
                "run"),
    "protect": ("protect",),
    "fund": ("invest", "fund", "set aside"),
    "require": ("require", "required", "set the labor", "set standards"),
    "reward": ("reward", "rewarded", "offer incentives", "recognize"),
    "measure": ("track", "measure", "report", "set vendor"),
}
"""Verbs that make each kind of commitment (:data:`~plankit.models.plan.registry.
COMMITMENT_KINDS`), as they stand in the strategy texts."""

_PATTERNS = {kind: re.compile(_LEAD + "(?:" + "|".join(re.escape(v) for v in verbs) + r")\b")
             for kind, verbs in _VERBS.items()}


def commitment_kinds(text: str) -> set[str]:
    """The kinds of commitment a strategy's text makes (lower-cased verbs after 'will')."""
    low = " ".join(text.lower().split())
    if " will " not in f" {low} ":
        return set()
    body = low[low.index("will "):]
    return {kind for kind, pat in _PATTERNS.items() if pat.search(body)}


# ------------------------------------------------------------------ findings


def condition_findings(doc: "PlanSectionInput") -> list[Finding]:
    """A term of the program's grants that the input does not address (like a required
    element, which ``findings.py`` checks)."""
    p = doc.plan_type
    out = []
    for e in doc.elements:
        if e.status != "condition" or doc.element_given(e):
            continue
        missing = [f for f in e.fields if not doc.element_given(e.model_copy(
            update={"fields": (f,)}))] or list(e.fields)
        src = p.source(e.source)
        out.append(Finding(
            path=tuple(missing[0].split(".")),
            message=f"{e.text[:1].lower() + e.text[1:]} is a term of the {p.program} grants "
                    f"as of {p.as_of:%B} {p.as_of.day}, {p.as_of.year}, but the input does "
                    "not give it",
            fix=f"add {' and '.join(repr(f) for f in missing)}",
            rule="grant-condition", source=e.cite or src.cite))
    return out


def status_findings(doc: "PlanSectionInput") -> list[Finding]:
    """A note for the reviewer when the program was suspended or terminated on the plan's
    date: the plan still builds, and says so in its frame."""
    prog = doc.program
    if prog is None or doc.family != "workforce" or not doc.status_warns:
        return []
    last = doc.status_events[-1]
    src = doc.plan_type.source(last.source)
    state = STATE_LABELS[last.state].lower()
    return [Finding(
        path=("plan",),
        message=f"{prog.name}: {state} on {last.date:%B} {last.date.day}, {last.date.year}. "
                f"The plan still builds and says so under 'About this section'. Keep it as a "
                "record or to reuse its content; do not present it as a plan for funds under "
                "this program. " + (last.detail + " " if last.detail else "")
                + f"Status last checked {prog.as_of:%B} {prog.as_of.day}, {prog.as_of.year}.",
        fix="confirm the program's status on the plan's date before release",
        rule="program-status", source=src.cite, severity="note")]


def _wioa_program() -> Optional[Program]:
    return next((p.program_status for p in PLAN_TYPES.values()
                 if p.program_status and p.program_status.id == "wioa"), None)


MEASURE_TAGS: dict[str, tuple[str, ...]] = {"agreement-coverage": ("union",)}
"""Tags of the standard measures (see :data:`~plankit.models.plan.metrics.MEASURES`)."""


def _tagged(doc: "PlanSectionInput") -> list[tuple[str, tuple, str]]:
    """(tag, input path, what) for each chosen strategy, policy tool and measure that carries
    a tag."""
    out = []
    for i, s in enumerate(doc.chosen_strategies):
        out += [(tag, ("strategies", i), f"the strategy '{s.title}'") for tag in s.sensitive]
    for i, t in enumerate(doc.policy_tools):
        tags = TOOL_TAGS.get(t.tool, ()) + (
            ("state-terms",) if t.approach in ("require", "incentivize") else ())
        out += [(tag, ("policy_tools", i), f"the policy tool '{t.label}' "
                 f"({t.approach_label})") for tag in tags]
    for i, m in enumerate(doc.metrics):
        out += [(tag, ("metrics", i), f"the measure '{m.name}'")
                for tag in MEASURE_TAGS.get(m.measure or "", ())]
    return out


def _wioa_funded(doc: "PlanSectionInput") -> bool:
    words = ("wioa", "workforce innovation and opportunity act")
    return any(p.funding and any(w in p.funding.lower() for w in words) for p in doc.programs)


def _rules(doc: "PlanSectionInput") -> list[tuple[Program, str, Sensitivity]]:
    """The program rules that apply to this plan on its date: its own program's, and WIOA's
    when the plan spends WIOA funds."""
    programs = [doc.program] if doc.program else []
    wioa = _wioa_program()
    if wioa and _wioa_funded(doc) and wioa not in programs:
        programs.append(wioa)
    out = []
    for prog in programs:
        for tag, rule in prog.sensitive.items():
            src = doc.plan_type.source(rule.source)
            if doc.dated_after(rule.date) or doc.dated_after(src.as_of):
                continue
            out.append((prog, tag, rule))
    return out


def sensitive_findings(doc: "PlanSectionInput") -> list[Finding]:
    """A note for each program rule under which chosen commitments are sensitive, placed
    with the first of them (one per rule and field)."""
    if doc.family != "workforce":
        return []
    tagged = _tagged(doc)
    out = []
    for _prog, tag, rule in _rules(doc):
        groups: dict[str, list[tuple[tuple, str]]] = {}
        for t, path, what in tagged:
            if t == tag:
                groups.setdefault(path[0], []).append((path, what))
        for items in groups.values():
            names = [what for _, what in items]
            listed = names[0] if len(names) == 1 else \
                ", ".join(names[:-1]) + " and " + names[-1]
            out.append(Finding(
                path=items[0][0],
                message=f"{listed[:1].upper() + listed[1:]}: {rule.text}",
                fix="keep it only if the agency chooses it knowing the rule; otherwise "
                    "remove it or reword it",
                rule=f"sensitive-{tag}", source=doc.plan_type.source(rule.source).cite,
                severity="note"))
    return out
