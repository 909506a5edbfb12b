"""Parts only the sector strategy section of a WIOA state plan has: the state's
self-assessment on the six core capabilities for supporting sector partnerships, the
administrative policies it has in place, how it supports regional partnerships, and its
definition of a high-quality sector partnership.

The six capabilities, the rating scale and the six administrative policies follow the U.S.
Department of Labor's sector strategies guide for states. A capability's rating decides which
actions the section proposes for it, and the rating of the policy capability decides which
administrative policies the state takes up first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import Field, field_validator

from plankit.models.base import Model
from plankit.models.common import Money, ShortText
from plankit.models.plan._fields import TextList, pick, pick_list

Rating = Literal["not-started", "developing", "established", "advanced"]

RATINGS: dict[str, str] = {
    "not-started": "Not started",
    "developing": "Developing",
    "established": "Established",
    "advanced": "Advanced",
}
"""The self-assessment scale, lowest first."""

RATING_ALIASES = {"none": "not-started", "not-yet": "not-started", "new": "not-started",
                  "emerging": "developing", "in-progress": "developing",
                  "strong": "established", "mature": "advanced", "leading": "advanced"}

RATING_MEANING: dict[str, str] = {
    "not-started": "the state has not yet begun work on this capability",
    "developing": "work has begun, but it is partial, recent or not yet shared across "
                  "agencies",
    "established": "the capability is in place statewide and used by most local areas",
    "advanced": "the capability is in place, sustained in policy or funding, and improved "
                "with evidence",
}

CAPABILITIES: dict[str, str] = {
    "shared_vision": "Shared vision and goals",
    "industry_data": "Industry data analysis and tools",
    "capacity_building": "Training and capacity building",
    "industry_outreach": "Awareness and industry outreach",
    "policy": "Administrative and legislative policy",
    "performance": "Performance measurement",
}
"""The six core capabilities of a high-performing state sector strategy, by field name."""

CAPABILITY_CLAUSES: dict[str, str] = {
    "shared_vision": "wioa-state.shared-vision",
    "industry_data": "wioa-state.industry-data",
    "capacity_building": "wioa-state.capacity-building",
    "industry_outreach": "wioa-state.industry-outreach",
    "policy": "wioa-state.policy",
    "performance": "wioa-state.performance-measurement",
}
"""The clause that sets out the actions for each capability."""


class CapabilityAssessment(Model):
    """The state's own rating of one core capability, and what it rests on."""

    rating: Rating = Field(
        description="Where the state stands: not-started, developing, established or advanced")
    evidence: Optional[str] = Field(
        None, description="What the state has in place today that supports the rating, in a "
                          "sentence or two")
    lead: Optional[ShortText] = Field(
        None, description="The agency or office that leads the work on this capability; e.g. "
                          "'State Workforce Development Board staff'")
    actions: TextList = Field(
        default_factory=list,
        description="Actions of the state's own, besides those plankit proposes for the "
                    "rating, one per line")

    @field_validator("rating", mode="before")
    @classmethod
    def _rating_word(cls, value: Any) -> Any:
        return pick(value, RATINGS, "a rating", aliases=RATING_ALIASES)

    @property
    def rating_label(self) -> str:
        return RATINGS.get(self.rating, self.rating)

    @property
    def level(self) -> int:
        """0 (not started) to 3 (advanced), for clause text."""
        return list(RATINGS).index(self.rating)


class Capabilities(Model):
    """The state's self-assessment on the six core capabilities."""

    shared_vision: CapabilityAssessment = Field(
        description="Shared vision and goals: a statewide vision for sector partnerships "
                    "adopted across agencies")
    industry_data: CapabilityAssessment = Field(
        description="Industry data analysis and tools for regional partnerships")
    capacity_building: CapabilityAssessment = Field(
        description="Training, technical assistance and peer learning for regions")
    industry_outreach: CapabilityAssessment = Field(
        description="Promoting sector partnerships and recruiting industry champions")
    policy: CapabilityAssessment = Field(
        description="Administrative and legislative policy and funding that sustain "
                    "partnerships")
    performance: CapabilityAssessment = Field(
        description="Measuring the success of sector strategies")

    @property
    def rows(self) -> list[dict[str, Any]]:
        """One row per capability: key, title, clause id and the assessment."""
        return [{"key": k, "title": t, "clause": CAPABILITY_CLAUSES[k], "a": getattr(self, k)}
                for k, t in CAPABILITIES.items()]

    @property
    def lowest(self) -> list[str]:
        """Titles of the capabilities with the lowest rating (the state's first priorities)."""
        low = min(getattr(self, k).level for k in CAPABILITIES)
        return [t for k, t in CAPABILITIES.items() if getattr(self, k).level == low]


AdminPolicy = Literal["competitive-grants", "system-standards", "etpl-targeting",
                      "braided-funding", "unified-business-services", "local-guidance"]

ADMIN_POLICIES: dict[str, str] = {
    "competitive-grants": "Competitive grant solicitations that reward forming and "
                          "strengthening sector partnerships",
    "system-standards": "Voluntary workforce system standards for local boards, built into "
                        "the certification standards for American Job Centers",
    "etpl-targeting": "Targeting in-demand occupations when building the Eligible Training "
                      "Provider List and choosing providers",
    "braided-funding": "Braiding funding streams to support partnerships and their training "
                       "needs",
    "unified-business-services": "Unified business services around sectors among partners, "
                                 "including Rapid Response and layoff aversion staff",
    "local-guidance": "Regulatory or policy guidance for local areas on sector partnerships",
}
"""The six administrative policies the guide suggests for sustaining sector partnerships."""

POLICY_ALIASES = {
    "grants": "competitive-grants", "standards": "system-standards",
    "ajc-certification": "system-standards", "etpl": "etpl-targeting",
    "braiding": "braided-funding", "business-services": "unified-business-services",
    "guidance": "local-guidance",
}

POLICY_STAGE: dict[str, int] = {
    "local-guidance": 0, "competitive-grants": 0,
    "etpl-targeting": 1, "unified-business-services": 1,
    "system-standards": 2, "braided-funding": 2,
}
"""The lowest rating of the policy capability at which a policy is proposed for this plan
period (0 not started ... 3 advanced). A state starts with guidance and grants that help
partnerships form, then steers training and business services toward them, then builds them
into standards and braided funding that outlast any one grant."""

PLAN_FORMS: dict[str, str] = {
    "unified": "Unified State Plan (the six core programs)",
    "combined": "Combined State Plan (the core programs and one or more partner programs)",
}


class RegionalSupport(Model):
    """How the state supports regional sector partnerships."""

    funding: Optional[str] = Field(
        None, description="How the state funds regional partnerships, in a sentence or two; "
                          "e.g. competitive grants from the Governor's reserve")
    annual_amount: Optional[Money] = Field(
        None, description="Dollars the state commits to regional partnerships each year; "
                          "e.g. 2500000")
    funding_sources: TextList = Field(
        default_factory=list,
        description="Where the money comes from, one per line; e.g. 'WIOA statewide "
                    "activities funds'")
    technical_assistance: Optional[str] = Field(
        None, description="The technical assistance and peer learning the state offers "
                          "regions, in a sentence or two")
    partnership_deadline: Optional[dt.date] = Field(
        None, description="The date by which the state expects each local area to have at "
                          "least one sector partnership under development (YYYY-MM-DD)")
    convener_support: Optional[str] = Field(
        None, description="How the state helps regions find and support a credible, neutral "
                          "convener for each partnership, in a sentence or two")


QualityUse = Literal["grant-criteria", "local-plan-review", "technical-assistance",
                     "certification", "reporting"]

QUALITY_USES: dict[str, str] = {
    "grant-criteria": "as criteria for the state's sector partnership grants",
    "local-plan-review": "when it reviews local and regional plans",
    "technical-assistance": "to focus its technical assistance to regions",
    "certification": "in its standards for local boards and American Job Centers",
    "reporting": "in what it asks partnerships to report",
}


class PartnershipQuality(Model):
    """The state's definition of a high-quality sector partnership, and how it uses it."""

    uses: list[QualityUse] = Field(
        default_factory=list,
        description="Where the state applies the definition, any of: " + ", ".join(QUALITY_USES))
    other_features: TextList = Field(
        default_factory=list,
        description="Features of the state's own definition beyond the five in the guide, "
                    "one per line; e.g. 'a clear mission and well-defined roles for all "
                    "partners'")

    @field_validator("uses", mode="before")
    @classmethod
    def _use_words(cls, value: Any) -> Any:
        return pick_list(value, QUALITY_USES, "a use", "use")

    @property
    def use_texts(self) -> list[str]:
        return [QUALITY_USES[u] for u in self.uses]
