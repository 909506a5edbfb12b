"""The plan types the plan-section kind can draft, and what each one uses.

To add a plan type, see the steps in :mod:`plankit.models.plan`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

PlanId = Literal["wioa-local"]
"""Plan types this kind can draft. Keep in step with :data:`PLAN_TYPES`."""


@dataclass(frozen=True)
class PlanType:
    """What plankit knows about one plan type."""

    name: str
    """How the plan is named in text, e.g. 'WIOA local plan'."""
    title: str
    """Default document title after the area's name."""
    fields: frozenset[str]
    """Plan-specific fields this plan type uses (see :data:`PLAN_SPECIFIC_FIELDS`)."""


PLAN_TYPES: dict[str, PlanType] = {
    "wioa-local": PlanType(
        name="WIOA local plan",
        title="Local Workforce Plan: Regional Analysis and Sector Strategy",
        fields=frozenset({"chief_elected_officials", "planning_region", "workforce_activities",
                          "performance"}),
    ),
}

PLAN_SPECIFIC_FIELDS = frozenset().union(*(p.fields for p in PLAN_TYPES.values()))
"""Fields only some plan types use; every other field is shared by all plan types."""

assert set(PLAN_TYPES) == set(get_args(PlanId)), "PlanId and PLAN_TYPES disagree"
