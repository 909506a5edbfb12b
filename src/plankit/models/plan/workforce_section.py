"""Parts only the workforce section of other public plans has (BEAD subgrant rounds,
digital equity, EV charging, transportation, climate, safety, education, housing, economic
development and resilience plans): the training programs the plan funds, the policy tools
that protect workers, the practices of the partnership that carries the work out, and the
subgrant round a BEAD section belongs to.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import Field, field_validator, model_validator

from plankit.models.base import Model
from plankit.models.common import Contact, Money, ShortText
from plankit.models.plan._fields import Count, TextList, pick

ClimatePlan = Literal["pcap", "ccap", "other"]

CLIMATE_PLANS: dict[str, str] = {
    "pcap": "priority climate action plan",
    "ccap": "comprehensive climate action plan",
    "other": "climate or energy plan",
}
CLIMATE_ALIASES = {"priority": "pcap", "comprehensive": "ccap",
                   "priority-climate-action-plan": "pcap",
                   "comprehensive-climate-action-plan": "ccap", "energy": "other"}

# --------------------------------------------------------------------------- programs

ProgramType = Literal["pre-apprenticeship", "registered-apprenticeship", "occupational-training",
                      "digital-skills", "scholarships", "on-the-job-training",
                      "incumbent-worker-training", "career-exposure", "supportive-services",
                      "other"]

PROGRAM_TYPES: dict[str, str] = {
    "pre-apprenticeship": "Pre-apprenticeship",
    "registered-apprenticeship": "Registered apprenticeship",
    "occupational-training": "Occupational training",
    "digital-skills": "Digital skills training",
    "scholarships": "Scholarships and training support",
    "on-the-job-training": "On-the-job training",
    "incumbent-worker-training": "Incumbent worker training",
    "career-exposure": "Career exposure for youth",
    "supportive-services": "Supportive services",
    "other": "Other",
}
PROGRAM_TYPE_ALIASES = {"apprenticeship": "registered-apprenticeship", "ojt": "on-the-job-training",
                        "iwt": "incumbent-worker-training", "training": "occupational-training",
                        "digital-literacy": "digital-skills", "youth": "career-exposure"}


class TrainingProgram(Model):
    """A training or support program the plan funds or relies on."""

    name: ShortText = Field(description="The program's name; e.g. 'Fiber Technician "
                                        "Pre-Apprenticeship'")
    type: ProgramType = Field(
        description="What kind of program it is, one of: " + ", ".join(PROGRAM_TYPES))
    provider: Optional[ShortText] = Field(
        None, description="Who runs it; e.g. 'Mesa Community College'")
    occupations: TextList = Field(
        default_factory=list,
        description="Occupations it prepares people for, one per line")
    population: Optional[ShortText] = Field(
        None, description="Who it serves first; e.g. 'residents of the plan's covered "
                          "populations'")
    participants: Optional[Count] = Field(
        None, description="People it will serve each year; a whole number")
    funding: Optional[ShortText] = Field(
        None, description="Where its money comes from; e.g. 'state digital equity funds'")
    amount: Optional[Money] = Field(
        None, description="Dollars the plan commits to it over the plan period; e.g. 1200000")
    strategy: Optional[ShortText] = Field(
        None, description="The id of the plan's strategy it carries out; e.g. 'entry-pathways' "
                          "(see the list under 'strategies')")

    @field_validator("type", mode="before")
    @classmethod
    def _type_word(cls, value: Any) -> Any:
        return pick(value, PROGRAM_TYPES, "a program type", aliases=PROGRAM_TYPE_ALIASES,
                    tail="; use 'other' and describe it in the name")

    @property
    def type_label(self) -> str:
        return PROGRAM_TYPES.get(self.type, self.type)


# --------------------------------------------------------------------------- policy tools

Tool = Literal["living-wage", "scheduling", "benefits", "pla", "cba", "safety-heat",
               "local-hire", "apprenticeship", "qualified-electricians", "section-3",
               "licensing", "capital-access", "high-road", "small-business"]

TOOLS: dict[str, str] = {
    "living-wage": "Living wage",
    "scheduling": "Predictable schedules",
    "benefits": "Access to benefits",
    "pla": "Project labor agreements",
    "cba": "Community benefits agreements",
    "safety-heat": "Safety and heat protection",
    "local-hire": "Local and targeted hiring",
    "apprenticeship": "Registered apprenticeship",
    "qualified-electricians": "Qualified electricians for EV charging",
    "section-3": "HUD Section 3 opportunities for low-income residents",
    "licensing": "Licensing and compliance",
    "capital-access": "Access to capital",
    "high-road": "Recognition of high-road employers",
    "small-business": "Capacity of small and underrepresented businesses",
}
"""Policy tools a plan can use to protect and support workers, and their headings."""

TOOL_ALIASES = {
    "project-labor-agreement": "pla", "project-labor-agreements": "pla", "prehire": "pla",
    "community-benefits-agreement": "cba", "community-benefits": "cba",
    "safety": "safety-heat", "heat": "safety-heat", "schedules": "scheduling",
    "predictable-scheduling": "scheduling", "targeted-hire": "local-hire",
    "registered-apprenticeship": "apprenticeship", "evitp": "qualified-electricians",
    "electricians": "qualified-electricians", "high-road-employers": "high-road",
    "smb": "small-business", "vendor-capacity": "small-business", "wage": "living-wage",
    "section3": "section-3", "hud-section-3": "section-3",
}

TOOL_TAGS: dict[str, tuple[str, ...]] = {"small-business": ("equity",)}
"""Tags under which a program's rules may make a policy tool sensitive (see
:mod:`plankit.models.plan.commitments`)."""

Approach = Literal["require", "incentivize", "encourage", "develop"]

APPROACHES: dict[str, str] = {
    "require": "required as a condition of funding",
    "incentivize": "rewarded in the award of funds",
    "encourage": "encouraged",
    "develop": "to be developed during the plan period",
}
APPROACH_ALIASES = {"required": "require", "requirement": "require", "incentive": "incentivize",
                    "score": "incentivize", "scored": "incentivize", "encouraged": "encourage",
                    "explore": "develop", "study": "develop"}


class PolicyTool(Model):
    """A policy tool the plan uses to protect and support workers."""

    tool: Tool = Field(description="Which tool, one of: " + ", ".join(TOOLS))
    approach: Approach = Field(
        "develop", description="How the plan uses it: require (a condition of funding), "
                               "incentivize (rewarded in the award of funds), encourage, or "
                               "develop (to be worked out during the plan period)")
    applies_to: Optional[ShortText] = Field(
        None, description="What it applies to; e.g. 'construction subgrants of $1 million or "
                          "more'")
    wage: Optional[Money] = Field(
        None, description="For a living wage: the hourly wage floor; e.g. 24.10",
        json_schema_extra={"floor_wage": True, "zero_voids": "so the wage floor asks for "
                                                             "nothing"})
    points: Optional[int] = Field(
        None, ge=1, le=1000,
        description="For an incentive: the evaluation points it is worth; e.g. 10")
    detail: Optional[str] = Field(
        None, description="Anything more the plan says about it, in a sentence or two")

    @field_validator("tool", mode="before")
    @classmethod
    def _tool_word(cls, value: Any) -> Any:
        return pick(value, TOOLS, "a policy tool", aliases=TOOL_ALIASES)

    @field_validator("approach", mode="before")
    @classmethod
    def _approach_word(cls, value: Any) -> Any:
        return pick(value, APPROACHES, "an approach", aliases=APPROACH_ALIASES)

    @model_validator(mode="after")
    def _fits_tool(self) -> "PolicyTool":
        if self.wage is not None and self.tool != "living-wage":
            raise ValueError(f"'wage' applies only to the living-wage tool, not to '{self.tool}'")
        if self.points is not None and self.approach != "incentivize":
            raise ValueError("'points' applies only when the approach is 'incentivize'")
        return self

    @property
    def label(self) -> str:
        return TOOLS.get(self.tool, self.tool)

    @property
    def approach_label(self) -> str:
        return APPROACHES.get(self.approach, self.approach)


# --------------------------------------------------------------------------- partnership

Cadence = Literal["weekly", "every-two-weeks", "monthly", "every-two-months", "quarterly",
                  "twice-a-year"]

CADENCES: dict[str, str] = {
    "weekly": "every week",
    "every-two-weeks": "every two weeks",
    "monthly": "every month",
    "every-two-months": "every two months",
    "quarterly": "every quarter",
    "twice-a-year": "twice a year",
}
CADENCE_ALIASES = {"biweekly": "every-two-weeks", "bi-weekly": "every-two-weeks",
                   "bimonthly": "every-two-months", "semiannually": "twice-a-year",
                   "semi-annually": "twice-a-year", "quarter": "quarterly", "month": "monthly"}


class PartnershipPlan(Model):
    """How the partners work together: the practices that make a partnership last."""

    value: Optional[str] = Field(
        None, description="Where the partners will work together and the value of doing so, "
                          "in a few sentences")
    data: Optional[str] = Field(
        None, description="How partners will share and align data to find needs and track "
                          "results, in a few sentences")
    data_agreements: TextList = Field(
        default_factory=list,
        description="Data-sharing agreements in place or planned, one per line; e.g. "
                    "'Data-sharing MOU with the state workforce agency (planned, 2026)'")
    meeting_cadence: Optional[Cadence] = Field(
        None, description="How often the partners meet: weekly, every-two-weeks, monthly, "
                          "every-two-months, quarterly or twice-a-year")
    venue: Optional[ShortText] = Field(
        None, description="Where the partners meet; e.g. 'the workforce board's quarterly "
                          "meetings'")
    active_contract_management: bool = Field(
        False, description="true if the agency will manage its workforce contracts through "
                           "regular, data-informed meetings with each provider")
    point_of_contact: Optional[Contact] = Field(
        None, description="The staff member dedicated to managing the partnership")
    staffing: Optional[ShortText] = Field(
        None, description="The staff time dedicated to the partnership; e.g. 'one full-time "
                          "partnership manager'")
    budget: Optional[Money] = Field(
        None, description="Dollars a year budgeted to manage the partnership; e.g. 95000")
    budget_source: Optional[ShortText] = Field(
        None, description="Where that budget comes from; e.g. 'the plan's administrative "
                          "funds'")

    @field_validator("meeting_cadence", mode="before")
    @classmethod
    def _cadence_word(cls, value: Any) -> Any:
        return pick(value, CADENCES, "a meeting cadence", aliases=CADENCE_ALIASES)

    @property
    def cadence_text(self) -> str:
        return CADENCES.get(self.meeting_cadence or "", "")


# --------------------------------------------------------------------------- subgrant round


class SubgrantRound(Model):
    """The subgrant round a BEAD workforce section belongs to."""

    name: Optional[ShortText] = Field(
        None, description="The round's name; e.g. 'Benefit of the Bargain round'")
    final_proposal_approved: Optional[dt.date] = Field(
        None, description="The day NTIA approved the state's Final Proposal (YYYY-MM-DD), if "
                          "it has")
    labor_certification: Optional[str] = Field(
        None, description="How and when each subgrantee certifies that it complies with "
                          "federal labor and employment laws; e.g. 'in its application, signed "
                          "by an officer, and again in its subgrant agreement'")
