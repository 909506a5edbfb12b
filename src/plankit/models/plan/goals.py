"""Goals tied to the WIOA primary indicators of performance.

A goal is written as text, or as ``{goal: ..., indicators: [...]}`` naming the primary
indicators of WIOA sec. 116(b)(2)(A) it relates to (WIOA sec. 108(b)(1)(E) asks for goals
relating to them). The text is kept in ``goals`` (every plan type prints it as before); the
indicators of each goal are kept beside it, in ``goal_indicators``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from plankit.models._choices import one_or_many
from plankit.models.common import ShortText
from plankit.models.plan._fields import pick_list
from plankit.models.plan.metrics import MEASURE_ALIASES, MEASURES

INDICATOR_IDS: dict[str, str] = {k: m.name for k, m in MEASURES.items() if m.group == "wioa"}
"""The primary indicators of performance a goal can name, by id."""

INDICATOR_ALIASES = {a: k for a, k in MEASURE_ALIASES.items() if k in INDICATOR_IDS}

_GOAL_KEYS = ("goal", "indicators")


def indicator_ids(value: Any) -> Any:
    """The indicator ids a goal names, each checked ('did you mean')."""
    return pick_list(value, INDICATOR_IDS, "a primary indicator of performance", "indicator",
                     aliases=INDICATOR_ALIASES)


def _goal_item(value: Any) -> Any:
    """A goal written as ``{goal, indicators}`` is checked here and kept as its text."""
    if not isinstance(value, dict):
        return value
    unknown = [k for k in value if k not in _GOAL_KEYS]
    if unknown:
        import difflib

        close = difflib.get_close_matches(str(unknown[0]), _GOAL_KEYS, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ValueError(f"'{unknown[0]}' is not a key of a goal{hint}; write 'goal:' (the "
                         "text) and 'indicators:' (the primary indicators it relates to)")
    if not isinstance(value.get("goal"), str) or not value["goal"].strip():
        raise ValueError("a goal written with 'indicators' needs its text under 'goal:'")
    ids = indicator_ids(value.get("indicators") or [])
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValueError("'indicators' must be a list of primary indicators, one per line, "
                         "any of: " + ", ".join(INDICATOR_IDS))
    return value["goal"]


GoalText = Annotated[ShortText, BeforeValidator(_goal_item), WithJsonSchema({"anyOf": [
    {"type": "string", "maxLength": 500},
    {"type": "object", "additionalProperties": False, "required": ["goal"], "properties": {
        "goal": {"type": "string", "maxLength": 500},
        "indicators": {"type": "array", "items": {"enum": list(INDICATOR_IDS)}}}}]})]
GoalList = Annotated[list[GoalText], BeforeValidator(one_or_many)]
"""The ``goals`` field: text, or ``{goal, indicators}``, one per line."""


def split_goals(data: Any) -> Any:
    """Before validation: copy the indicators of each ``{goal, indicators}`` into
    ``goal_indicators`` (one list per goal, in order), leaving ``goals`` to be checked."""
    if not isinstance(data, dict) or "goal_indicators" in data:
        return data
    goals = data.get("goals")
    if not isinstance(goals, list) or not any(isinstance(g, dict) for g in goals):
        return data
    ties = []
    for g in goals:
        raw = g.get("indicators") if isinstance(g, dict) else None
        try:
            ids = indicator_ids(raw or [])
        except ValueError:
            ids = []  # reported at goals[n] by _goal_item
        ok = isinstance(ids, list) and all(isinstance(i, str) for i in ids)
        ties.append(ids if ok else [])
    return {**data, "goal_indicators": ties}
