"""The board's job quality commitments."""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, field_validator, model_validator

from plankit.models.base import Model
from plankit.models.common import Money, Percent, ShortText
from plankit.models.plan._fields import TextList, pick_list


Commitment = Literal["living-wage", "benefits", "safety", "predictable-schedules",
                     "registered-apprenticeship", "youth-pre-apprenticeship",
                     "procurement-standards", "high-road-employers", "worker-voice"]

COMMITMENTS: dict[str, str] = {
    "living-wage": "Living wage placements",
    "benefits": "Access to benefits",
    "safety": "Safety and security",
    "predictable-schedules": "Predictable schedules",
    "registered-apprenticeship": "Registered Apprenticeship",
    "youth-pre-apprenticeship": "Pre-apprenticeship and career exposure for youth",
    "procurement-standards": "Job quality in the Board's procurement",
    "high-road-employers": "Recognition of high-road employers",
    "worker-voice": "Worker voice",
}
"""Job quality commitments a board can make, and their headings."""


class JobQuality(Model):
    """The board's job quality commitments."""

    commitments: list[Commitment] = Field(
        default_factory=list,
        description="The commitments the Board makes, any of: " + ", ".join(COMMITMENTS))
    other_commitments: TextList = Field(
        default_factory=list,
        description="Other job quality commitments in the Board's own words, one per line")
    living_wage: Optional[Money] = Field(
        None, description="The living wage per hour the Board sets as its target for "
                          "placements; e.g. 22.40",
        json_schema_extra={"floor_wage": True, "zero_voids": "so the plan sets no living "
                                                             "wage"})
    living_wage_basis: Optional[ShortText] = Field(
        None, description="How the living wage was set; e.g. 'MIT Living Wage Calculator, "
                          "one adult and one child, Kestrel County, 2025'")
    living_wage_target: Optional[Percent] = Field(
        None, description="Share of placements the Board aims to have at or above the living "
                          "wage; a percentage such as 60")

    @field_validator("commitments", mode="before")
    @classmethod
    def _commitment_words(cls, value: Any) -> Any:
        return pick_list(value, COMMITMENTS, "a job quality commitment", "commitment",
                         tail="; write others under 'other_commitments'")

    @model_validator(mode="after")
    def _some(self) -> "JobQuality":
        if not self.commitments and not self.other_commitments:
            raise ValueError("lists no commitments; pick at least one under 'commitments' "
                             "(" + ", ".join(COMMITMENTS) + "), write your own under "
                             "'other_commitments', or leave out job_quality")
        return self

    def has(self, commitment: str) -> bool:
        """Whether the Board makes this commitment (for clause text)."""
        return commitment in self.commitments
