"""The first fields of every plan-section input: the kind and the plan type. They come
first so that every later field can be checked against the plan type."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from plankit.models.common import DocumentInput
from plankit.models.plan._fields import pick
from plankit.models.plan.registry import PLAN_ALIASES, PLAN_TYPES, PlanId


class PlanSectionBase(DocumentInput):
    """The kind and the plan type of a plan-section input."""

    kind: Literal["plan-section"] = Field(description="Always 'plan-section' for this document")
    plan: PlanId = Field(description="Which plan the section is for, one of: "
                                     + ", ".join(PLAN_TYPES) + " ('plankit plans' lists them)")

    @field_validator("plan", mode="before")
    @classmethod
    def _plan_word(cls, value: Any) -> Any:
        return pick(value, {k: p.name for k, p in PLAN_TYPES.items()}, "a plan type",
                    aliases=PLAN_ALIASES, tail="; 'plankit plans' lists them")
