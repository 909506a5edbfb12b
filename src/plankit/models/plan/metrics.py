"""The shared metrics table: job quality and equity measures and the WIOA indicators, each
with a baseline, a target, a data source and how results are broken down.

A plan metric is the shared :class:`~plankit.models.common.Metric` with one addition:
``measure`` names a standard measure, and plankit fills in its name, how it is counted, its
unit and which direction is better, so that partners count the same thing the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from pydantic import Field, field_validator, model_validator

from plankit.models.common import Metric, ShortText
from plankit.models.plan._fields import pick


@dataclass(frozen=True)
class Measure:
    """A standard measure: what it is called and how it is counted."""

    name: str
    definition: str
    unit: str = "percent"
    direction: str = "increase"
    group: str = "job-quality"
    """job-quality, wioa (a WIOA primary indicator) or local (a common local choice)."""


MEASURES: dict[str, Measure] = {
    "living-wage-placements": Measure(
        "Placements at or above the living wage",
        "share of people placed in jobs whose hourly wage is at least the living wage"),
    "placements-with-benefits": Measure(
        "Placements in jobs with benefits",
        "share of people placed in jobs with employer-sponsored health coverage, paid leave "
        "or retirement benefits"),
    "agreement-coverage": Measure(
        "Jobs covered by a bargaining, project labor or community benefits agreement",
        "share of jobs created or filled under the plan that are covered by a collective "
        "bargaining agreement, a project labor agreement or a community benefits agreement"),
    "safety-incidents": Measure(
        "Safety incidents",
        "recordable workplace safety incidents on the work the plan funds", unit="count",
        direction="decrease"),
    "employment-q2": Measure(
        "Employment rate, 2nd quarter after exit",
        "share of participants in unsubsidized employment in the second quarter after exit "
        "(for Youth, in education, training or unsubsidized employment)", group="wioa"),
    "employment-q4": Measure(
        "Employment rate, 4th quarter after exit",
        "share of participants in unsubsidized employment in the fourth quarter after exit "
        "(for Youth, in education, training or unsubsidized employment)", group="wioa"),
    "median-earnings-q2": Measure(
        "Median earnings, 2nd quarter after exit",
        "median quarterly earnings of participants in unsubsidized employment in the second "
        "quarter after exit", unit="dollars", group="wioa"),
    "credential-rate": Measure(
        "Credential attainment rate",
        "share of participants in education or training (other than on-the-job and customized "
        "training) who attain a recognized credential during participation or within a year "
        "after exit", group="wioa"),
    "skill-gains": Measure(
        "Measurable skill gains rate",
        "share of participants in education or training during a program year who achieve a "
        "documented skill gain", group="wioa"),
    "employer-retention": Measure(
        "Effectiveness in serving employers (retention with the same employer)",
        "share of participants employed by the same employer in the second and fourth "
        "quarters after exit", group="wioa"),
    "sector-placements": Measure(
        "Placements in the target sectors",
        "people placed in jobs in the plan's target sectors or occupations", unit="count",
        group="local"),
    "retention-12-months": Measure(
        "Retention at 12 months",
        "share of people placed who are still employed 12 months later", group="local"),
    "apprenticeship-starts": Measure(
        "Registered apprenticeship starts",
        "people who start a registered apprenticeship program", unit="count", group="local"),
    "credentials-earned": Measure(
        "Industry-recognized credentials earned",
        "industry-recognized credentials earned by participants", unit="count", group="local"),
    "employers-engaged": Measure(
        "Employers actively engaged",
        "employers that took part in planning, training or hiring during the year",
        unit="count", group="local"),
}
"""Standard measures an input can name under ``measure``."""

MEASURE_ALIASES = {
    "living-wage": "living-wage-placements", "benefits": "placements-with-benefits",
    "pla-cba-coverage": "agreement-coverage", "safety": "safety-incidents",
    "q2-employment": "employment-q2", "q4-employment": "employment-q4",
    "median-earnings": "median-earnings-q2", "credential-attainment": "credential-rate",
    "measurable-skill-gains": "skill-gains", "msg": "skill-gains",
    "ese": "employer-retention", "effectiveness-in-serving-employers": "employer-retention",
}


PROGRAMS: dict[str, str] = {
    "adult": "Adult", "dislocated-worker": "Dislocated Worker", "youth": "Youth",
    "wagner-peyser": "Wagner-Peyser Employment Service",
}
"""WIOA programs a primary indicator can be reported for."""

PROGRAM_ALIASES = {"dw": "dislocated-worker", "dislocated": "dislocated-worker",
                   "employment-service": "wagner-peyser", "es": "wagner-peyser",
                   "title-iii": "wagner-peyser"}

_QUARTER = {"employment-q2": "second", "employment-q4": "fourth"}


def program_in_name(name: str) -> Optional[str]:
    """The WIOA program a measure's name speaks of ('Adult employment rate ...')."""
    low = name.casefold()
    if "youth" in low:
        return "youth"
    if "dislocated worker" in low:
        return "dislocated-worker"
    if "wagner-peyser" in low or "employment service" in low:
        return "wagner-peyser"
    if re.search(r"\badults?\b", low) and "adult education" not in low:
        return "adult"
    return None


def indicator_definition(measure: str, program: Optional[str]) -> Optional[str]:
    """How a WIOA employment-rate indicator is counted for one program (WIOA sec.
    116(b)(2)(A)(i)(I)-(II) for Adult, Dislocated Worker and the Employment Service;
    116(b)(2)(A)(ii)(I)-(II) for Youth), or None to keep the standard definition."""
    quarter = _QUARTER.get(measure)
    if quarter is None or program is None:
        return None
    if program == "youth":
        return (f"share of Youth participants in education or training activities, or in "
                f"unsubsidized employment, during the {quarter} quarter after exit")
    return (f"share of {PROGRAMS[program]} participants in unsubsidized employment during "
            f"the {quarter} quarter after exit")


class PlanMetric(Metric):
    """One row of the shared metrics table."""

    program: Optional[ShortText] = Field(
        None, description="For a WIOA primary indicator: the program it is reported for, one "
                          "of: " + ", ".join(PROGRAMS) + "; read from the name ('Adult "
                          "employment rate ...') when left out")
    measure: Optional[ShortText] = Field(
        None, description="A standard measure, whose name, definition, unit and direction "
                          "plankit fills in: " + ", ".join(MEASURES) + "; leave out and give "
                          "'name' for a measure of your own")
    name: ShortText = Field(description="What is measured; e.g. 'Placements at or above a "
                                        "living wage'; filled in for a standard measure")

    @model_validator(mode="before")
    @classmethod
    def _standard(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("measure"), str):
            return data  # missing, or not text: the field's own check reports it
        key = pick(data["measure"], {k: m.name for k, m in MEASURES.items()},
                   "a standard measure", aliases=MEASURE_ALIASES,
                   tail="; or leave out 'measure' and give the measure a 'name'")
        m = MEASURES[key]
        program = data.get("program")
        if isinstance(program, str):
            program = pick(program, PROGRAMS, "a WIOA program", aliases=PROGRAM_ALIASES)
        elif program is None and isinstance(data.get("name"), str):
            program = program_in_name(data["name"])
        filled = {"name": m.name, "unit": m.unit, "direction": m.direction,
                  "definition": indicator_definition(key, program) or m.definition}
        out = {**filled, **{k: v for k, v in data.items() if v is not None}, "measure": key}
        if program and m.group == "wioa":
            out["program"] = program
        return out

    @field_validator("program", mode="before")
    @classmethod
    def _program_word(cls, value: Any) -> Any:
        return pick(value, PROGRAMS, "a WIOA program", aliases=PROGRAM_ALIASES)

    @property
    def program_label(self) -> str:
        return PROGRAMS.get(self.program or "", "")

    @property
    def standard(self) -> Optional[Measure]:
        return MEASURES.get(self.measure) if self.measure else None

    @property
    def group(self) -> str:
        """job-quality, wioa, local (a common local measure) or custom (the input's own)."""
        return self.standard.group if self.standard else "custom"

    @property
    def is_wioa(self) -> bool:
        """Whether this is a WIOA primary indicator of performance."""
        return bool(self.standard and self.standard.group == "wioa")

    @property
    def baseline_text(self) -> str:
        """'41% (PY2024)', or '' when there is no baseline."""
        return self._with_year(self.baseline, self.baseline_year)

    @property
    def target_text(self) -> str:
        """'60% by PY2027', or '' when there is no target."""
        return self._with_year(self.target, self.target_year, "by ")

    @property
    def better(self) -> str:
        return "lower is better" if self.direction == "decrease" else "higher is better"

    def _with_year(self, value, year, word: str = "") -> str:
        if value is None:
            return ""
        shown = self.show(value)
        return f"{shown} ({word}{year})" if year else shown
