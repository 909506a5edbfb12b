"""A WIOA plan modification (20 CFR 679.580 for local plans): why the plan is modified, the
plan it modifies and what changed.

``modification:`` was a plain true/false before; ``true`` still works (the draft is framed
as a modification and a warning asks what changed), and ``false`` means a full plan.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import Field, field_validator

from plankit.models.base import Model
from plankit.models.common import ShortText
from plankit.models.plan._fields import pick_list
from plankit.models.plan.frame import ProgramYears, years_from_text

Factor = Literal["two-year-review", "labor-market", "economic-conditions", "financing",
                 "board-structure", "performance-strategies", "other"]

FACTORS: dict[str, str] = {
    "two-year-review": "the review required at the end of the first two years of the plan",
    "labor-market": "changes in labor market and economic conditions",
    "economic-conditions": "significant changes in local economic conditions",
    "financing": "changes in the financing available to support WIOA Title I and "
                 "partner-provided WIOA services",
    "board-structure": "changes to the local board's structure",
    "performance-strategies": "the need to revise strategies to meet local performance goals",
    "other": "other factors affecting the implementation of the plan",
}
"""Why a local plan is modified: the review of 20 CFR 679.580(b) and the factors it names
in (b)(1) and (b)(2)(i)-(iv) (an open list: 'including but not limited to')."""

FACTOR_ALIASES = {"two-year": "two-year-review", "review": "two-year-review",
                  "labor-market-conditions": "labor-market", "economy": "economic-conditions",
                  "funding": "financing", "board": "board-structure",
                  "performance": "performance-strategies"}


class PlanChange(Model):
    """One change the modification makes."""

    section: ShortText = Field(description="The part of the plan that changed, e.g. 'Youth "
                                           "activities' or 'Local levels of performance'")
    change: str = Field(description="What changed and why, in a sentence or two")


class Modification(Model):
    """What a modification of a WIOA plan changes (20 CFR 679.580)."""

    reason: Optional[str] = Field(
        None, description="Why the plan is modified now, in a sentence or two")
    factors: list[Factor] = Field(
        default_factory=list,
        description="What the modification reflects, any of: " + ", ".join(FACTORS))
    prior_plan_date: Optional[dt.date] = Field(
        None, description="The date of the plan being modified (as approved, or as "
                          "submitted)")
    prior_program_years: Optional[ProgramYears] = Field(
        None, description="The program years the plan being modified covers, e.g. "
                          "'2024-2027'; taken as four years ending with this draft's last "
                          "program year when left out")
    changes: list[PlanChange] = Field(
        default_factory=list, description="What changed, one entry per part of the plan")

    @field_validator("prior_program_years", mode="before")
    @classmethod
    def _years_text(cls, value: Any) -> Any:
        return years_from_text(value)

    @field_validator("factors", mode="before")
    @classmethod
    def _factor_words(cls, value: Any) -> Any:
        return pick_list(value, FACTORS, "a reason for a modification", "reason",
                         aliases=FACTOR_ALIASES)

    @property
    def factor_labels(self) -> list[str]:
        return [FACTORS[f] for f in self.factors]

    @property
    def described(self) -> bool:
        """Whether it says what changed (a plain ``modification: true`` does not)."""
        return bool(self.changes)


def modification_value(value: Any) -> Any:
    """``true`` becomes an empty modification (framed as one, with placeholders for what
    changed), ``false`` or nothing means none."""
    if value is True:
        return {}
    if value is False or value is None:
        return None
    return value
