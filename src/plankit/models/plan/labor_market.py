"""The regional analysis: the labor market (in-demand sectors and occupations) and the
workforce (who is working, who is not, and what stands in the way)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Optional

from pydantic import BeforeValidator, Field, field_validator, model_validator

from plankit.models._choices import lists_none
from plankit.models.base import Model
from plankit.models.common import Money, Percent, ShortText
from plankit.models.plan._fields import Change, Count, TextList, unique


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
        None, description="Median hourly wage in the area; e.g. 24.35",
        json_schema_extra={"floor_wage": True})
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
        if lists_none(value):
            what = ("in-demand industry sector, e.g. '- name: Health care'"
                    if info.field_name == "sectors"
                    else "in-demand occupation, e.g. '- title: Registered nurses'")
            raise ValueError(f"lists none; a local plan names at least one {what}")
        return value

    @field_validator("sectors", mode="after")
    @classmethod
    def _unique_sectors(cls, value: list[Sector]) -> list[Sector]:
        unique(value, lambda s: s.name, "sector", "sector")
        return value

    @field_validator("occupations", mode="after")
    @classmethod
    def _unique_occupations(cls, value: list[Occupation]) -> list[Occupation]:
        unique(value, lambda o: o.title, "occupation", "occupation")
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
