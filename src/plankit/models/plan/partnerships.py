"""The board's strategy: sector partnerships, employer engagement and partner programs."""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, field_validator

from plankit.models.base import Model
from plankit.models.common import ShortText
from plankit.models.plan._fields import TextList, pick, pick_list


PartnershipStatus = Literal["exploring", "launching", "active"]

PARTNERSHIP_STATUS: dict[str, str] = {
    "exploring": "Exploring",
    "launching": "Launching",
    "active": "Active",
}


class SectorPartnership(Model):
    """A sector partnership the board convenes or supports."""

    sector: ShortText = Field(description="The sector the partnership serves, e.g. "
                                          "'Advanced manufacturing'")
    name: Optional[ShortText] = Field(
        None, description="The partnership's own name, if it has one; e.g. 'Tri-County "
                          "Manufacturing Alliance'")
    region: Optional[ShortText] = Field(
        None, description="The region or local area the partnership serves, for a state "
                          "plan's list of partnerships; e.g. 'East Central'")
    convener: ShortText = Field(description="The organization that convenes the partnership, "
                                            "e.g. 'the Board' or a chamber of commerce")
    status: PartnershipStatus = Field(
        description="How far along it is: exploring (talking with employers), launching "
                    "(employers have agreed to meet and set priorities) or active (meeting "
                    "regularly, with work under way)")
    employers: TextList = Field(default_factory=list,
                                description="Employer members, one per line")
    education_partners: TextList = Field(
        default_factory=list,
        description="Education and training partners, one per line; e.g. community colleges "
                    "and career centers")
    labor_partners: TextList = Field(
        default_factory=list,
        description="Labor partners, one per line; e.g. unions and joint "
                    "labor-management training programs")
    focus: Optional[str] = Field(
        None, description="What the partnership is working on, in a sentence or two")

    @field_validator("status", mode="before")
    @classmethod
    def _status_word(cls, value: Any) -> Any:
        return pick(value, PARTNERSHIP_STATUS, "a partnership status")

    @property
    def status_label(self) -> str:
        return PARTNERSHIP_STATUS.get(self.status, self.status)

    @property
    def label(self) -> str:
        """The partnership's name, or 'Health care partnership' when it has none."""
        return self.name or f"{self.sector} partnership"


EmployerService = Literal["sector-partnerships", "on-the-job-training", "customized-training",
                          "incumbent-worker-training", "registered-apprenticeship",
                          "career-pathways", "business-intermediaries", "rapid-response"]

EMPLOYER_SERVICES: dict[str, str] = {
    "sector-partnerships": "sector partnerships",
    "on-the-job-training": "on-the-job training",
    "customized-training": "customized training",
    "incumbent-worker-training": "incumbent worker training",
    "registered-apprenticeship": "Registered Apprenticeship",
    "career-pathways": "career pathways",
    "business-intermediaries": "industry and business intermediaries",
    "rapid-response": "rapid response services for layoffs",
}
"""How each employer service is named inside a sentence."""

SERVICE_ALIASES: dict[str, str] = {
    "ojt": "on-the-job-training", "iwt": "incumbent-worker-training",
    "apprenticeship": "registered-apprenticeship", "layoff-aversion": "rapid-response",
    "sector-strategies": "sector-partnerships", "intermediaries": "business-intermediaries",
}


class EmployerEngagement(Model):
    """How the board works with employers."""

    strategy: Optional[str] = Field(
        None, description="How the Board engages employers, including small employers and "
                          "employers in in-demand sectors, in a few sentences")
    services: list[EmployerService] = Field(
        default_factory=list,
        description="Services the Board offers employers, any of: "
                    + ", ".join(EMPLOYER_SERVICES))
    business_needs: Optional[str] = Field(
        None, description="How the Board supports a local workforce development system that "
                          "meets the needs of businesses in the area, in a few sentences")
    economic_development: Optional[str] = Field(
        None, description="How the Board coordinates workforce development programs with "
                          "economic development organizations, in a sentence or two")
    unemployment_insurance: Optional[str] = Field(
        None, description="How the Board strengthens links between the one-stop delivery "
                          "system and unemployment insurance programs, in a sentence or two")

    @field_validator("services", mode="before")
    @classmethod
    def _service_words(cls, value: Any) -> Any:
        return pick_list(value, EMPLOYER_SERVICES, "an employer service", "service",
                         aliases=SERVICE_ALIASES)

    @property
    def service_labels(self) -> list[str]:
        return [EMPLOYER_SERVICES.get(s, s) for s in self.services]


PartnerProgram = Literal["title-i", "adult-education", "wagner-peyser",
                         "vocational-rehabilitation", "community-college",
                         "career-technical-education", "k-12", "tanf", "snap-et",
                         "unemployment-insurance", "economic-development", "labor",
                         "apprenticeship-sponsor", "community-organization",
                         "supportive-services", "workforce-board", "higher-education",
                         "state-agency", "employer", "other"]

PARTNER_PROGRAMS: dict[str, str] = {
    "title-i": "WIOA Title I Adult, Dislocated Worker and Youth",
    "adult-education": "Adult education and literacy (WIOA Title II)",
    "wagner-peyser": "Employment Service (Wagner-Peyser, WIOA Title III)",
    "vocational-rehabilitation": "Vocational rehabilitation (WIOA Title IV)",
    "community-college": "Community or technical college",
    "career-technical-education": "Career and technical education (Perkins)",
    "k-12": "K-12 schools",
    "tanf": "Temporary Assistance for Needy Families (TANF)",
    "snap-et": "SNAP Employment and Training",
    "unemployment-insurance": "Unemployment insurance",
    "economic-development": "Economic development",
    "labor": "Labor organization",
    "apprenticeship-sponsor": "Registered Apprenticeship sponsor",
    "community-organization": "Community-based organization",
    "supportive-services": "Transportation and supportive services",
    "workforce-board": "Workforce development board",
    "higher-education": "University or four-year college",
    "state-agency": "State agency",
    "employer": "Employer or industry association",
    "other": "Other partner",
}
"""How each partner program is printed."""

PROGRAM_ALIASES: dict[str, str] = {
    "title-1": "title-i", "wioa-title-i": "title-i", "adult-dislocated-worker-youth": "title-i",
    "title-ii": "adult-education", "title-2": "adult-education", "aefla": "adult-education",
    "adult-ed": "adult-education", "title-iii": "wagner-peyser", "title-3": "wagner-peyser",
    "employment-service": "wagner-peyser", "es": "wagner-peyser",
    "title-iv": "vocational-rehabilitation", "title-4": "vocational-rehabilitation",
    "vr": "vocational-rehabilitation", "perkins": "career-technical-education",
    "cte": "career-technical-education", "k12": "k-12", "school-district": "k-12",
    "snap": "snap-et", "snap-e&t": "snap-et", "ui": "unemployment-insurance",
    "union": "labor", "cbo": "community-organization", "transportation": "supportive-services",
    "college": "community-college", "wdb": "workforce-board", "board": "workforce-board",
    "local-board": "workforce-board", "university": "higher-education",
    "agency": "state-agency", "industry": "employer", "industry-association": "employer",
    "business": "employer",
}

CORE_PROGRAMS: dict[str, str] = {
    "title-i": "Adult, Dislocated Worker and Youth programs (WIOA Title I)",
    "adult-education": "Adult education and literacy (WIOA Title II)",
    "wagner-peyser": "Wagner-Peyser Employment Service (WIOA Title III)",
    "vocational-rehabilitation": "Vocational rehabilitation (WIOA Title IV)",
}
"""The six WIOA core programs, as four rows (Title I holds three), by partner program id."""

CORE_PARTNER_PROGRAMS = ("adult-education", "wagner-peyser", "vocational-rehabilitation")
"""Core programs run by partners rather than the board (Title I is the board's own)."""


class Partner(Model):
    """A partner program and the role it plays in the local workforce system."""

    name: ShortText = Field(description="The partner organization, e.g. 'Kestrel County "
                                        "Adult Learning Center'")
    program: PartnerProgram = Field(
        description="The program it runs, one of: " + ", ".join(PARTNER_PROGRAMS))
    role: Optional[str] = Field(
        None, description="What the partner does in the local system and how the Board "
                          "works with it, in a sentence or two")
    agreement: Optional[ShortText] = Field(
        None, description="The agreement that sets out the partnership, if any; e.g. "
                          "'One-stop MOU, July 2025'")

    @field_validator("program", mode="before")
    @classmethod
    def _program_word(cls, value: Any) -> Any:
        return pick(value, PARTNER_PROGRAMS, "a partner program", aliases=PROGRAM_ALIASES,
                    tail="; use 'other' and explain it under 'role'")

    @property
    def program_label(self) -> str:
        return PARTNER_PROGRAMS.get(self.program, self.program)
