"""The commented starter input ``plankit new plan-section --plan TYPE`` prints.

Each family has one starter file in ``src/plankit/starters/``: ``plan-section.yaml`` (a WIOA
local plan), ``plan-section.wioa-state.yaml`` and ``plan-section.workforce.yaml``. The last
one is a complete input for a digital equity plan, with marked blocks that this module
rewrites for any other plan type of the family, so every starter comes from one reviewed
file:

- ``# >>> header`` ... ``# <<< header``: the opening comment naming the plan type;
- ``# >>> plan-specific``: fields only some plan types use (``climate_plan``, ``variant``,
  ``subgrant_round``);
- ``# >>> strategies``: the plan type's own strategy ids, and the common ones as comments;
- ``# >>> tools``: policy tools a plan type needs (a NEVI plan's qualified electricians).

The marker lines themselves are left out of what ``new`` prints.
"""

from __future__ import annotations

import re
import textwrap

from plankit.models.plan.registry import PLAN_ALIASES, PLAN_TYPES, PlanType

STARTERS = {
    "wioa-local": "plan-section.yaml",
    "wioa-state": "plan-section.wioa-state.yaml",
    "workforce": "plan-section.workforce.yaml",
}
"""The starter file of each family, in ``src/plankit/starters/``."""

_BLOCK = re.compile(r"^# >>> (?P<name>[\w-]+)\n(?P<body>.*?)^# <<< (?P=name)\n",
                    re.MULTILINE | re.DOTALL)
_PLAN_LINE = re.compile(r"^plan: \S+ *", re.MULTILINE)
_PERIOD_LINE = re.compile(r"^plan_period: \S+", re.MULTILINE)


def starter_for(kind: str, plan: str) -> str:
    """``plankit new KIND --plan PLAN``: the starter for a plan type, or a usage error that
    says what to type instead."""
    import difflib

    from plankit.errors import UsageError

    if kind != "plan-section":
        raise UsageError(f"--plan applies only to plan-section, not to {kind}",
                         hint=f"run 'plankit new {kind}' without --plan")
    key = plan.strip().lower().replace("_", "-").replace(" ", "-")
    key = PLAN_ALIASES.get(key, key)
    if key not in PLAN_TYPES:
        close = difflib.get_close_matches(key, list(PLAN_TYPES) + list(PLAN_ALIASES), n=1)
        hint = f"did you mean '{PLAN_ALIASES.get(close[0], close[0])}'? " if close else ""
        raise UsageError(f"--plan: '{plan}' is not a plan type plankit knows",
                         hint=hint + "plan types: " + ", ".join(PLAN_TYPES)
                         + " ('plankit plans' describes them)")
    return starter_text(key)


def starter_text(plan_id: str) -> str:
    """The starter input for one plan type, ready to fill in."""
    from plankit.paths import STARTERS_DIR

    p = PLAN_TYPES[plan_id]
    text = (STARTERS_DIR / STARTERS[p.family]).read_text("utf-8")
    if p.family != "workforce":
        return _BLOCK.sub(lambda m: m.group("body"), text)
    blocks = {"header": _header(p), "plan-specific": _plan_specific(p),
              "strategies": _strategies(p), "tools": _tools(p)}
    text = _BLOCK.sub(lambda m: blocks.get(m.group("name"), m.group("body")), text)
    text = _PLAN_LINE.sub(lambda m: f"plan: {p.id}".ljust(28) + " ", text, count=1)
    if p.period is not None:
        first = 2026
        last = first + p.period.min - 1
        text = _PERIOD_LINE.sub(f"plan_period: {first}-{last}", text, count=1)
    return text


def _comment(text: str) -> str:
    return "".join(f"# {line}\n" for line in textwrap.wrap(text, width=92, break_on_hyphens=False))


def _header(p: PlanType) -> str:
    return _comment(f"Workforce section of {p.article} {p.name} ({p.program}): workforce "
                    "needs, strategies, programs, policy tools that protect workers, "
                    "partnership practices and shared measures")


def _plan_specific(p: PlanType) -> str:
    out = ""
    if "climate_plan" in p.fields_extra:
        out += ("climate_plan: ccap           # pcap (a priority climate action plan), ccap (a "
                "comprehensive\n                             # climate action plan) or other\n")
    if p.variants:
        first = next(iter(p.variants))
        out += _comment("Which kind of " + p.name + ": " + "; ".join(
            f"{k} ({v})" for k, v in p.variants.items()) + ". Some elements apply to one "
            "kind only.")
        out += f"variant: {first}\n"
    if "subgrant_round" in p.fields_extra:
        out += ("subgrant_round:\n"
                "  name: Replace with the round's name   # optional\n"
                "  # final_proposal_approved: 2026-01-27   # optional: when NTIA approved the "
                "Final Proposal\n"
                "  labor_certification: >-           # how and when subgrantees certify "
                "labor law compliance\n"
                "    in its application, signed by an officer of the applicant, and again in "
                "its\n    subgrant agreement\n")
    return out


def _strategies(p: PlanType) -> str:
    own = [s.id for s in p.strategies]
    common = [s.id for s in p.common_strategies]
    lines = "# The strategies the plan commits to, by id. This plan type's own strategies:\n"
    lines += "".join(f"#   {line}\n" for line in textwrap.wrap(", ".join(own), width=88,
                                                                 break_on_hyphens=False))
    lines += "# Strategies any plan can take up (add the ids you want):\n"
    lines += "".join(f"#   {line}\n" for line in textwrap.wrap(", ".join(common), width=88,
                                                                    break_on_hyphens=False))
    lines += "strategies:\n" + "".join(f"  - {s}\n" for s in own)
    return lines


def _tools(p: PlanType) -> str:
    first = next(iter(p.variants), None)
    needed = [e.has for e in p.elements
              if e.binding and "policy_tools" in e.fields and e.has
              and e.when.get("variant", first) == first]
    return "".join(f"  - tool: {tool}\n    approach: require\n" for tool in needed)
