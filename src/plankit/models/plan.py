"""Input for the plan-section kind: one section of a public workforce plan.

A workforce-board analyst describes the plan in one file: who adopts it, the area and
period it covers, the labor market analysis, the board's vision, its sector partnerships,
its partners, its job quality commitments and its performance levels. plankit drafts the
section from the clause library, with a visible placeholder for each fact left out.

Plan types. ``plan`` says which plan the section belongs to; today only ``wioa-local``
(a WIOA local workforce plan). To add a plan type:

1. add its id to :data:`PlanId` and an entry to :data:`PLAN_TYPES` (its name, its title,
   and which plan-specific fields it uses);
2. add any fields only it needs to :class:`PlanSectionInput` as optional fields and list
   them in its ``fields``, so that a file for another plan type that sets them is told so;
3. write its outline, ``templates/outlines/plan-section.<id>.yaml``, and its clauses.

The building blocks here (labor market, workforce, sector partnerships, partners, job
quality) are meant to be shared by plan types whose plans need the same analysis.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, Optional, get_args

from pydantic import BeforeValidator, Field, create_model, field_validator, model_validator

from plankit.models.base import Model
from plankit.models.common import DocumentInput, Jurisdiction, Money, Party, Percent, ShortText

# --------------------------------------------------------------------------- plan types

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


# --------------------------------------------------------------------------- small types


def _count(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("must be a whole number such as 1250, not true/false")
    if isinstance(value, str):
        text = value.replace(",", "").strip()
        if not re.fullmatch(r"\d+", text):
            raise ValueError(f"'{value}' is not a whole number; write it like 1250 or \"1,250\"")
        value = int(text)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"is {value}; write a whole number without decimals")
        value = int(value)
    if isinstance(value, int) and value < 0:
        raise ValueError(f"is {value}; a count cannot be negative")
    return value


Count = Annotated[int, BeforeValidator(_count)]
"""A whole number of people, jobs or openings, 0 or more. Accepts 1250 or "1,250"."""


def _change(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("must be a percentage such as 4.5 or -2, not true/false")
    if isinstance(value, str):
        text = value.strip().rstrip("%").strip().replace("\u2212", "-")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"'{value}' is not a percentage; write it like 4.5 or -2 "
                             "(a minus sign for a decline)") from None
    if isinstance(value, (int, float)):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite() or value < -100 or value > 1000:
            raise ValueError(f"is {value}; a change must be between -100 and 1000 percent")
        return value.normalize() if value == value.to_integral() else value
    return value


Change = Annotated[Decimal, BeforeValidator(_change)]
"""A percentage change that may be negative, e.g. projected growth of -2.5."""


def _one_or_many(value: object) -> object:
    """Let a user write a single item without the list dash."""
    return [value] if isinstance(value, str) else value


def _pick(value: Any, options: dict[str, str], what: str, *, aliases: dict[str, str] | None = None,
          tail: str = "", many: bool = False) -> Any:
    """The option id a user means: case, spaces and underscores do not matter, common other
    names are accepted, and a near miss gets a 'did you mean'."""
    if not isinstance(value, str):
        return value
    key = re.sub(r"[\s_]+", "-", value.strip().lower())
    if key in options:
        return key
    if aliases and key in aliases:
        return aliases[key]
    close = difflib.get_close_matches(key, list(options) + list(aliases or {}), n=1, cutoff=0.6)
    hint = f" (did you mean '{(aliases or {}).get(close[0], close[0])}'?)" if close else ""
    raise ValueError(f"'{value}' is not {what} plankit knows; use {'any' if many else 'one'} "
                     "of: " + ", ".join(options) + hint + tail)


def _pick_list(value: Any, options: dict[str, str], what: str, noun: str, *,
               aliases: dict[str, str] | None = None, tail: str = "") -> Any:
    """A list of option ids (a single one may be written without the dash), each once."""
    value = _one_or_many(value)
    if not isinstance(value, list):
        return value
    out: list[Any] = []
    for item in value:
        key = _pick(item, options, what, aliases=aliases, tail=tail, many=True)
        if key in out:
            raise ValueError(f"'{key}' is listed twice; list each {noun} once")
        out.append(key)
    return out


TextList = Annotated[list[ShortText], BeforeValidator(_one_or_many)]

_YEARS = re.compile(r"^(?:PY\s*)?(\d{4}|\d{2})\s*(?:-|–|—|to|through)\s*(?:PY\s*)?(\d{4}|\d{2})$",
                    re.IGNORECASE)


def _years(value: object) -> object:
    if isinstance(value, str):
        m = _YEARS.match(value.strip())
        if not m:
            raise ValueError(f"'{value}' is not written like program years; write the first "
                             "and last program year, e.g. 2024-2027")
        first = int(m.group(1)) if len(m.group(1)) == 4 else 2000 + int(m.group(1))
        last = m.group(2)
        last_year = int(last) if len(last) == 4 else (first // 100) * 100 + int(last)
        return {"first": first, "last": last_year}
    return value


# --------------------------------------------------------------------------- the plan's frame


class ProgramYears(Model):
    """The program years a plan covers. A program year runs July 1 to June 30 and is named
    for the year it begins, so Program Years 2024-2027 run July 1, 2024 to June 30, 2028."""

    first: int = Field(description="First program year the plan covers, e.g. 2024",
                       ge=2000, le=2100)
    last: int = Field(description="Last program year the plan covers, e.g. 2027",
                      ge=2000, le=2100)

    @model_validator(mode="after")
    def _span(self) -> "ProgramYears":
        if self.last < self.first:
            raise ValueError(f"ends with {self.last}, before it starts ({self.first}); write "
                             "the earlier year first, e.g. 2024-2027")
        if self.last - self.first > 3:
            raise ValueError(f"covers {self.last - self.first + 1} program years; a local plan "
                             "covers four (for example 2024-2027), and a modification covers "
                             "the years it changes")
        return self

    @property
    def label(self) -> str:
        """'Program Years 2024–2027', or 'Program Year 2026' for one year."""
        if self.first == self.last:
            return f"Program Year {self.first}"
        return f"Program Years {self.first}\u2013{self.last}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.last + 1, 6, 30)


_AREA_SUFFIX = re.compile(r"\s+(local\s+)?(workforce\s+(development|investment)\s+)?area$",
                          re.IGNORECASE)


class LocalArea(Jurisdiction):
    """The local workforce development area the plan covers."""

    name: ShortText = Field(description="The local area's name as the state designates it, "
                                        "e.g. 'Three Rivers'")
    locality: Optional[ShortText] = Field(
        None, description="The counties or cities the area covers, in words; e.g. 'Alder, "
                          "Kestrel and Tarrow counties'")

    @property
    def short_name(self) -> str:
        """The name without a trailing 'Local Workforce Development Area', for titles."""
        return _AREA_SUFFIX.sub("", self.name) or self.name

    @property
    def full_name(self) -> str:
        """'Three Rivers Local Workforce Development Area'."""
        return f"{self.short_name} Local Workforce Development Area"


class ElectedOfficial(Model):
    """A chief elected official who develops the plan with the board and approves it."""

    government: ShortText = Field(description="The city or county the official represents, "
                                              "e.g. 'Alder County'")
    name: Optional[ShortText] = Field(None, description="The official's name; leave out to "
                                                        "print a blank signature line")
    title: Optional[ShortText] = Field(
        None, description="The official's title, e.g. 'President, Board of County "
                          "Commissioners'")


class PlanningRegion(Model):
    """The planning region the state placed the local area in, if any."""

    name: ShortText = Field(description="The planning region's name, e.g. 'Ohio River "
                                        "Valley Planning Region'")
    other_areas: TextList = Field(
        default_factory=list,
        description="The other local areas in the region, one per line")


# --------------------------------------------------------------------------- analysis


class Sector(Model):
    """An in-demand industry sector in the region."""

    name: ShortText = Field(description="The sector's name, e.g. 'Health care'")
    why: Optional[str] = Field(
        None, description="Why the sector is in demand; e.g. 'aging population; 1 in 4 "
                          "nurses near retirement'")
    employment: Optional[Count] = Field(
        None, description="Number of jobs in the sector in the area now; a whole number")
    growth: Optional[Change] = Field(
        None, description="Projected employment growth over the projection period, in "
                          "percent; e.g. 8.5, or -2 for a decline")
    emerging: bool = Field(False, description="true if the sector is emerging rather than "
                                              "already established in the region")
    skills: TextList = Field(
        default_factory=list,
        description="Knowledge and skills employers in the sector say they need, one per "
                    "line; e.g. 'blueprint reading'")


_SOC = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$")


class Occupation(Model):
    """An in-demand occupation in the region."""

    title: ShortText = Field(description="The occupation's title, e.g. 'Registered nurses'")
    soc: Optional[ShortText] = Field(
        None, description="Standard Occupational Classification (SOC) code; e.g. 29-1141")
    sector: Optional[ShortText] = Field(
        None, description="The in-demand sector the occupation belongs to; e.g. 'Health care'")
    annual_openings: Optional[Count] = Field(
        None, description="Projected openings each year in the area; a whole number")
    median_wage: Optional[Money] = Field(
        None, description="Median hourly wage in the area; e.g. 24.35")
    education: Optional[ShortText] = Field(
        None, description="Typical education needed to enter the occupation; e.g. 'High "
                          "school diploma or equivalent' or 'Postsecondary nondegree award'")

    @field_validator("soc", mode="before")
    @classmethod
    def _soc_shape(cls, value: Any) -> Any:
        if isinstance(value, int):
            value = str(value)
        if isinstance(value, str):
            text = value.strip()
            if re.fullmatch(r"\d{6}", text):
                text = f"{text[:2]}-{text[2:]}"
            if not _SOC.match(text):
                raise ValueError(f"'{value}' is not written like a SOC code; write two "
                                 "digits, a dash and four digits, e.g. 29-1141")
            return text
        return value


def _unique(items: list, key, what: str, field: str) -> None:
    seen: dict[str, int] = {}
    for n, item in enumerate(items, start=1):
        k = key(item).casefold().strip()
        if k in seen:
            raise ValueError(f"{what} {n} ('{key(item)}') repeats {what} {seen[k]}; list each "
                             f"{field} once")
        seen[k] = n


class LaborMarket(Model):
    """The regional labor market analysis: in-demand sectors and occupations."""

    data_source: Optional[ShortText] = Field(
        None, description="Where the figures come from; e.g. 'Ohio Bureau of Labor Market "
                          "Information, 2024-2034 long-term projections'")
    projection_years: Optional[ShortText] = Field(
        None, description="The period the projections cover; e.g. '2024-2034'")
    sectors: list[Sector] = Field(
        description="The in-demand industry sectors, existing and emerging; at least one")
    occupations: list[Occupation] = Field(
        description="The in-demand occupations; at least one")
    employer_needs: Optional[str] = Field(
        None, description="What employers in these sectors need from the workforce system, "
                          "in a few sentences")
    skills_summary: Optional[str] = Field(
        None, description="The knowledge and skills employers across the region need, in a "
                          "few sentences; e.g. digital skills or work-readiness gaps")

    @field_validator("sectors", "occupations", mode="before")
    @classmethod
    def _at_least_one(cls, value: Any, info) -> Any:
        if value is None or (isinstance(value, list) and not value):
            what = ("in-demand industry sector, e.g. '- name: Health care'"
                    if info.field_name == "sectors"
                    else "in-demand occupation, e.g. '- title: Registered nurses'")
            raise ValueError(f"lists none; a local plan names at least one {what}")
        return value

    @field_validator("sectors", mode="after")
    @classmethod
    def _unique_sectors(cls, value: list[Sector]) -> list[Sector]:
        _unique(value, lambda s: s.name, "sector", "sector")
        return value

    @field_validator("occupations", mode="after")
    @classmethod
    def _unique_occupations(cls, value: list[Occupation]) -> list[Occupation]:
        _unique(value, lambda o: o.title, "occupation", "occupation")
        return value

    @model_validator(mode="after")
    def _occupation_sectors(self) -> "LaborMarket":
        names = {s.name.casefold() for s in self.sectors}
        for n, o in enumerate(self.occupations, start=1):
            if o.sector and o.sector.casefold() not in names:
                raise ValueError(
                    f"occupation {n} ('{o.title}') is in sector '{o.sector}', which is not "
                    "one of the in-demand sectors listed; use one of: "
                    + ", ".join(s.name for s in self.sectors))
        return self

    @property
    def existing_sectors(self) -> list[Sector]:
        return [s for s in self.sectors if not s.emerging]

    @property
    def emerging_sectors(self) -> list[Sector]:
        return [s for s in self.sectors if s.emerging]

    @property
    def sectors_with_skills(self) -> list[Sector]:
        return [s for s in self.sectors if s.skills]


def _group(value: object) -> object:
    return {"group": value} if isinstance(value, str) else value


class BarrierGroup(Model):
    """A group of people who face barriers to employment in the area."""

    group: ShortText = Field(description="Who they are, e.g. 'people returning from "
                                         "incarceration'")
    people: Optional[Count] = Field(
        None, description="About how many live in the area; a whole number")
    note: Optional[ShortText] = Field(
        None, description="What stands in their way, briefly; e.g. 'few evening classes'")


class Workforce(Model):
    """The regional workforce: who is working, who is not, and what stands in the way."""

    labor_force: Optional[Count] = Field(
        None, description="Number of people in the area's labor force; a whole number")
    unemployment_rate: Optional[Percent] = Field(
        None, description="The area's unemployment rate; a percentage such as 4.8")
    participation_rate: Optional[Percent] = Field(
        None, description="The area's labor force participation rate; a percentage such as "
                          "61.5")
    data_period: Optional[ShortText] = Field(
        None, description="The period the figures describe; e.g. '2025 annual average'")
    trends: Optional[str] = Field(
        None, description="Labor market trends in the area, in a few sentences")
    education_and_skills: Optional[str] = Field(
        None, description="Education and skill levels of the area's workforce, including "
                          "people with barriers to employment, in a few sentences")
    barrier_groups: list[Annotated[BarrierGroup, BeforeValidator(_group)]] = Field(
        default_factory=list,
        description="Groups of people who face barriers to employment in the area; a name "
                    "per line, or 'group', 'people' and 'note' for each")
    summary: Optional[str] = Field(
        None, description="Anything else the plan should say about the workforce")

    @property
    def groups_with_counts(self) -> bool:
        return any(g.people is not None for g in self.barrier_groups)


class WorkforceActivities(Model):
    """The board's assessment of the workforce development activities in the area."""

    strengths: TextList = Field(
        default_factory=list,
        description="Strengths of the area's education, training and employment services, "
                    "one per line")
    weaknesses: TextList = Field(
        default_factory=list,
        description="Weaknesses or gaps in those services, one per line")
    capacity: Optional[str] = Field(
        None, description="How well those services can meet the skill needs of job seekers "
                          "and employers found in the analysis, in a few sentences")


# --------------------------------------------------------------------------- strategy

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
        return _pick(value, PARTNERSHIP_STATUS, "a partnership status")

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
    economic_development: Optional[str] = Field(
        None, description="How the Board works with economic development organizations, in "
                          "a sentence or two")

    @field_validator("services", mode="before")
    @classmethod
    def _service_words(cls, value: Any) -> Any:
        return _pick_list(value, EMPLOYER_SERVICES, "an employer service", "service",
                          aliases=SERVICE_ALIASES)

    @property
    def service_labels(self) -> list[str]:
        return [EMPLOYER_SERVICES.get(s, s) for s in self.services]


PartnerProgram = Literal["title-i", "adult-education", "wagner-peyser",
                         "vocational-rehabilitation", "community-college",
                         "career-technical-education", "k-12", "tanf", "snap-et",
                         "unemployment-insurance", "economic-development", "labor",
                         "apprenticeship-sponsor", "community-organization",
                         "supportive-services", "other"]

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
    "college": "community-college",
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
        return _pick(value, PARTNER_PROGRAMS, "a partner program", aliases=PROGRAM_ALIASES,
                     tail="; use 'other' and explain it under 'role'")

    @property
    def program_label(self) -> str:
        return PARTNER_PROGRAMS.get(self.program, self.program)


# --------------------------------------------------------------------------- job quality

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
                          "placements; e.g. 22.40")
    living_wage_basis: Optional[ShortText] = Field(
        None, description="How the living wage was set; e.g. 'MIT Living Wage Calculator, "
                          "one adult and one child, Kestrel County, 2025'")
    living_wage_target: Optional[Percent] = Field(
        None, description="Share of placements the Board aims to have at or above the living "
                          "wage; a percentage such as 60")

    @field_validator("commitments", mode="before")
    @classmethod
    def _commitment_words(cls, value: Any) -> Any:
        return _pick_list(value, COMMITMENTS, "a job quality commitment", "commitment",
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


# --------------------------------------------------------------------------- performance

INDICATORS: dict[str, str] = {
    "employment_q2": "employment rate, 2nd quarter after exit",
    "employment_q4": "employment rate, 4th quarter after exit",
    "median_earnings_q2": "median earnings, 2nd quarter after exit",
    "credential_rate": "credential attainment rate",
    "skill_gains": "measurable skill gains rate",
}
"""The WIOA primary indicators a local area negotiates for each Title I program."""


class ProgramLevels(Model):
    """Negotiated levels of performance for one WIOA Title I program."""


def _levels(cls_name: str, program: str, youth: bool = False) -> type[ProgramLevels]:
    """One model per program, so a missing level's placeholder names its program."""
    also = " (education, training or employment for Youth)" if youth else ""
    fields: dict[str, Any] = {}
    for key, name in INDICATORS.items():
        if key == "median_earnings_q2":
            typ: Any = Optional[Money]
            hint = "dollars for the quarter, e.g. 7850"
        else:
            typ = Optional[Percent]
            hint = "a percentage such as 72.5" + (also if key.startswith("employment") else "")
        fields[key] = (typ, Field(None, description=f"Negotiated {program} {name}; {hint}"))
    model = create_model(cls_name, __base__=ProgramLevels, **fields)
    model.__doc__ = f"Negotiated levels of performance for the WIOA {program} program."
    return model


AdultLevels = _levels("AdultLevels", "Adult")
DislocatedWorkerLevels = _levels("DislocatedWorkerLevels", "Dislocated Worker")
YouthLevels = _levels("YouthLevels", "Youth", youth=True)


class Performance(Model):
    """Local levels of performance negotiated with the Governor."""

    program_years: Optional[ShortText] = Field(
        None, description="The program years the negotiated levels apply to; e.g. 'PY2026 "
                          "and PY2027'")
    adult: AdultLevels = Field(default_factory=AdultLevels,  # type: ignore[valid-type]
                               description="Negotiated levels for the Adult program")
    dislocated_worker: DislocatedWorkerLevels = Field(  # type: ignore[valid-type]
        default_factory=DislocatedWorkerLevels,
        description="Negotiated levels for the Dislocated Worker program")
    youth: YouthLevels = Field(default_factory=YouthLevels,  # type: ignore[valid-type]
                               description="Negotiated levels for the Youth program")
    employer_retention: Optional[Percent] = Field(
        None, description="Negotiated level for effectiveness in serving employers "
                          "(retention with the same employer), if the state set one locally; "
                          "a percentage")

    @property
    def given(self) -> bool:
        """Whether any level at all was supplied."""
        return any(getattr(p, k) is not None for p in (self.adult, self.dislocated_worker,
                                                       self.youth) for k in INDICATORS)

    @property
    def complete(self) -> bool:
        """Whether every level for the three programs was supplied."""
        return all(getattr(p, k) is not None for p in (self.adult, self.dislocated_worker,
                                                       self.youth) for k in INDICATORS)


# --------------------------------------------------------------------------- the input


class PlanSectionInput(DocumentInput):
    """A section of a public workforce plan; today, a WIOA local plan."""

    kind: Literal["plan-section"] = Field(description="Always 'plan-section' for this document")
    plan: PlanId = Field(description="Which plan the section is for: wioa-local (a WIOA "
                                     "local workforce plan)")
    board: Party = Field(
        description="The local workforce development board that adopts the plan; put its "
                    "chair under 'signatory' for the approval page")
    local_area: LocalArea = Field(description="The local workforce development area the plan "
                                              "covers")
    program_years: ProgramYears = Field(
        description="The program years the plan covers, e.g. 2024-2027")
    chief_elected_officials: list[ElectedOfficial] = Field(
        default_factory=list,
        description="The chief elected official or officials who develop the plan with the "
                    "Board; one entry per official")
    planning_region: Optional[PlanningRegion] = Field(
        None, description="The planning region the state placed the area in, if any")
    labor_market: LaborMarket = Field(
        description="Regional labor market analysis: in-demand sectors and occupations")
    workforce: Workforce = Field(
        default_factory=Workforce,
        description="Analysis of the regional workforce: labor force, unemployment and "
                    "barriers to employment")
    workforce_activities: WorkforceActivities = Field(
        default_factory=WorkforceActivities,
        description="The Board's assessment of education, training and employment services "
                    "in the area")
    vision: Optional[str] = Field(
        None, description="The Board's strategic vision for the area's workforce, in a few "
                          "sentences")
    goals: TextList = Field(
        default_factory=list,
        description="The Board's goals for preparing an educated and skilled workforce, one "
                    "per line")
    strategy: Optional[str] = Field(
        None, description="How the Board will work with the core programs and other partners "
                          "to line up resources behind the vision and goals, in a few "
                          "sentences")
    employer_engagement: EmployerEngagement = Field(
        default_factory=EmployerEngagement,
        description="How the Board works with employers")
    sector_partnerships: list[SectorPartnership] = Field(
        default_factory=list,
        description="Sector partnerships the Board convenes or supports, one entry each")
    partners: list[Partner] = Field(
        default_factory=list,
        description="Partner programs and the role each plays, one entry each")
    job_quality: Optional[JobQuality] = Field(
        None, description="The Board's job quality commitments; leave out to omit the section")
    performance: Performance = Field(
        default_factory=Performance,
        description="Local levels of performance negotiated with the Governor")

    @field_validator("program_years", mode="before")
    @classmethod
    def _years_text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"first": value, "last": value}
        return _years(value)

    @field_validator("plan", mode="before")
    @classmethod
    def _plan_word(cls, value: Any) -> Any:
        return _pick(value, {k: p.name for k, p in PLAN_TYPES.items()}, "a plan type")

    @field_validator("goals", mode="after")
    @classmethod
    def _unique_goals(cls, value: list[str]) -> list[str]:
        _unique(value, lambda g: g, "goal", "goal")
        return value

    @field_validator("partners", mode="after")
    @classmethod
    def _unique_partners(cls, value: list[Partner]) -> list[Partner]:
        _unique(value, lambda p: f"{p.name} ({p.program})", "partner", "partner and program")
        return value

    @model_validator(mode="after")
    def _fields_fit_the_plan(self) -> "PlanSectionInput":
        plan = PLAN_TYPES.get(self.plan)
        if plan is not None:
            extra = sorted((self.model_fields_set & PLAN_SPECIFIC_FIELDS) - plan.fields)
            if extra:
                raise ValueError(f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} not "
                                 f"part of a {plan.name}; remove "
                                 f"{'it' if len(extra) == 1 else 'them'} or check 'plan:'")
        return self

    # What the composer calls -----------------------------------------------------------

    def outline_id(self) -> str:
        return f"plan-section.{self.plan}"

    @property
    def plan_type(self) -> PlanType:
        return PLAN_TYPES[self.plan]

    def default_title(self) -> str:
        return (f"{self.local_area.short_name} {self.plan_type.title}, "
                f"{self.program_years.label}")

    def author(self) -> str:
        return self.board.name

    def subject(self) -> str:
        return (f"{self.plan_type.name} for the {self.local_area.full_name}, "
                f"{self.local_area.state_name}, {self.program_years.label}: regional analysis, "
                "vision and goals, sector strategy, partner coordination"
                + (", job quality" if self.job_quality else "") + " and performance")

    def signatories(self) -> list[tuple[str, Optional[str], Optional[str]]]:
        sig = self.board.signatory
        out: list[tuple[str, Optional[str], Optional[str]]] = [
            (self.board.name, sig.name if sig else None,
             (sig.title if sig and sig.title else "Chair"))]
        for official in self.chief_elected_officials:
            out.append((official.government, official.name,
                        official.title or "Chief Elected Official"))
        if not self.chief_elected_officials:
            out.append((f"{self.local_area.full_name}", None, "Chief Elected Official"))
        return out

    # Helpers clause bodies may use ------------------------------------------------------

    @property
    def official_names(self) -> list[str]:
        """Each chief elected official as 'Name (Title)', naming the government when the
        title does not, e.g. 'Ruth Becker (President, Alder County Board of Commissioners)'."""
        out = []
        for o in self.chief_elected_officials:
            role = o.title or "Chief Elected Official"
            if o.government.casefold() not in role.casefold():
                role = f"{role}, {o.government}"
            out.append(f"{o.name} ({role})" if o.name else role)
        return out

    @property
    def core_programs(self) -> list[dict[str, Any]]:
        """Each core program with the partners the input names for it:
        ``{"program": label, "partners": [names]}``."""
        return [{"program": CORE_PROGRAMS[key],
                 "partners": [p.name for p in self.partners if p.program == key]}
                for key in CORE_PROGRAMS]

    @property
    def core_partner_gaps(self) -> list[str]:
        """Core programs run by partners that the partner list does not name."""
        named = {p.program for p in self.partners}
        return [PARTNER_PROGRAMS[p] for p in CORE_PARTNER_PROGRAMS if p not in named]

    @property
    def partnerships_outside_sectors(self) -> list[SectorPartnership]:
        """Sector partnerships whose sector is not one of the in-demand sectors."""
        names = {s.name.casefold() for s in self.labor_market.sectors}
        return [p for p in self.sector_partnerships if p.sector.casefold() not in names]

    @property
    def occupations_at_living_wage(self) -> list[Occupation]:
        """In-demand occupations whose median wage is at least the Board's living wage."""
        wage = self.job_quality.living_wage if self.job_quality else None
        if wage is None:
            return []
        return [o for o in self.labor_market.occupations
                if o.median_wage is not None and o.median_wage >= wage]

    @property
    def occupations_with_wage(self) -> list[Occupation]:
        return [o for o in self.labor_market.occupations if o.median_wage is not None]

