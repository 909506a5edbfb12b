"""The plan types the plan-section kind can draft, and what each one uses.

The facts about each plan type (its program, agency, update frequency, the workforce
strategies that fit it, and which workforce elements are required or recommended as of a
stated date, with sources) live in the data file ``src/plankit/data/plan_types.yaml``. This
module reads that file once, checks it, and says which input fields and which outline each
plan type uses.

Plan types come in three families, each with its own outline and its own input fields:

- ``wioa-local``: the WIOA local plan (``templates/outlines/plan-section.wioa-local.yaml``);
- ``wioa-state``: the sector strategy section of a WIOA state plan;
- ``workforce``: the workforce section of any other public plan (digital equity, EV charging,
  transportation, climate, safety, education, housing, economic development, resilience),
  drafted by one shared set of clauses from the plan type's data.

To add a plan type of an existing family, add an entry to the data file and its id to
:data:`PlanId`. See :mod:`plankit.models.plan` for a new family.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any, Literal, Optional, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

PlanId = Literal["wioa-local", "wioa-state", "digital-equity", "ev-charging",
                 "long-range-transportation", "stip", "climate", "safety-action", "education",
                 "housing", "economic-development", "resilience"]
"""Plan types this kind can draft. Keep in step with the data file (checked on import)."""

Family = Literal["wioa-local", "wioa-state", "workforce"]

SHARED_FIELDS = frozenset({"vision", "goals", "labor_market", "partners", "metrics"})
"""Fields every plan type may use."""

FAMILY_FIELDS: dict[str, frozenset[str]] = {
    "wioa-local": frozenset({
        "board", "local_area", "program_years", "modification", "chief_elected_officials",
        "planning_region", "workforce", "workforce_activities", "strategy",
        "employer_engagement", "sector_partnerships", "job_quality", "performance",
        # the operational elements of WIOA sec. 108(b)(2)-(22) and 20 CFR 679.560(b)-(e)
        "system", "access", "economic_development", "one_stop", "adult_dislocated",
        "rapid_response", "youth", "education", "supportive_services", "wagner_peyser",
        "adult_education", "cooperative_agreements", "disbursing_entity",
        "competitive_process", "high_performing_board", "training_services",
        "intake_case_management", "priority_of_service", "public_comment", "public_comments",
        "state_guidance"}),
    "wioa-state": frozenset({
        "board", "jurisdiction", "program_years", "modification", "governor", "plan_form",
        "combined_programs", "strategy", "capabilities", "policies_in_place", "legislation",
        "regional_support", "sector_partnerships", "partnership_quality"}),
    "workforce": frozenset({
        "agency", "jurisdiction", "plan_name", "plan_period", "workforce_needs",
        "target_populations", "strategies", "other_strategies", "programs", "policy_tools",
        "partnership"}),
}
"""Fields each family may use besides :data:`SHARED_FIELDS`."""

FAMILY_REQUIRED: dict[str, tuple[str, ...]] = {
    "wioa-local": ("board", "local_area", "program_years", "labor_market"),
    "wioa-state": ("board", "jurisdiction", "program_years", "capabilities"),
    "workforce": ("agency", "jurisdiction", "plan_period"),
}
"""Fields a plan of each family must give (pydantic sees them as optional)."""

DATA_FILE = "data/plan_types.yaml"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Data):
    """A law, rule or document the plan type's facts come from."""

    key: str = ""
    title: str
    source: str
    section: Optional[str] = None
    short: Optional[str] = None
    as_of: Optional[dt.date] = None
    verified: bool = True
    note: Optional[str] = None
    checked: Optional[dt.date] = None
    """The day its text was last read to confirm the paragraphs cited (optional)."""
    read_in: Optional[str] = None
    """Where that text was read, e.g. a named copy of the U.S. Code or the eCFR (optional)."""

    @property
    def cite(self) -> str:
        """The citation as printed: source and pinpoint."""
        return f"{self.source} {self.section}" if self.section else self.source


class Strategy(_Data):
    """A workforce strategy that fits a plan type."""

    id: str
    title: str
    text: str
    common: bool = False
    """True for the strategies any plan type can take up."""


class Element(_Data):
    """A workforce element of a plan type: required, recommended or no longer required."""

    id: str
    text: str
    status: Literal["required", "recommended", "removed"]
    source: str
    cite: Optional[str] = None
    fields: tuple[str, ...] = Field(min_length=1)
    has: Optional[str] = None
    when: dict[str, str] = Field(default_factory=dict)
    section: str
    # Optional keys (used by the WIOA local plan's crosswalk) -------------------------------
    group: Optional[str] = None
    """The part of the plan the element belongs to, for grouping a crosswalk."""
    also: tuple[str, ...] = ()
    """Further sources (keys under ``sources``) the element rests on."""
    given: Optional[str] = None
    """A property of the input that says whether it addresses the element, instead of
    requiring every field in ``fields``."""
    applies: Optional[str] = None
    """A property of the input that must be true for the element to apply at all."""
    not_applicable: Optional[str] = None
    """Why the element does not apply when ``applies`` is false, as printed."""
    elsewhere: Optional[str] = None
    """A field naming another document that answers the element when this plan does not."""
    verified: bool = True
    """False when the paragraph cited could not be read in a source."""
    checked: Optional[dt.date] = None
    """The day the paragraph was last confirmed in its source."""
    note: Optional[str] = None

    @property
    def status_label(self) -> str:
        return {"required": "Required", "recommended": "Recommended",
                "removed": "No longer required"}[self.status]


class Note(_Data):
    """A change a drafter must know about, as of a date."""

    text: str
    as_of: dt.date
    source: str


class Period(_Data):
    """The span a plan of this type covers: exactly ``years``, or ``min`` to ``max``."""

    years: Optional[int] = None
    min: Optional[int] = None
    max: Optional[int] = None
    unit: str = "years"
    source: str

    @model_validator(mode="after")
    def _range(self) -> "Period":
        if self.years is not None:
            object.__setattr__(self, "min", self.years)
            object.__setattr__(self, "max", self.years)
        if self.min is None or self.max is None or self.min > self.max:
            raise ValueError("give 'years', or 'min' and 'max' with min <= max")
        return self

    @property
    def text(self) -> str:
        """'4 program years' or '20 to 30 years'."""
        if self.min == self.max:
            return f"{self.min} {self.unit}"
        return f"{self.min} to {self.max} {self.unit}"


class PlanType(_Data):
    """What plankit knows about one plan type."""

    id: str
    aliases: tuple[str, ...] = ()
    family: Family
    name: str
    """How the plan is named inside a sentence, e.g. 'digital equity plan'."""
    title: str
    """The document title after the place's name."""
    program: str
    agency: str
    frequency: str
    as_of: dt.date
    """The date its required and recommended elements were last checked."""
    summary: str
    workforce: str
    period: Optional[Period] = None
    fields_extra: tuple[str, ...] = Field((), alias="fields")
    """Fields only this plan type uses, beyond its family's (e.g. climate_plan)."""
    strategies: tuple[Strategy, ...] = ()
    elements: tuple[Element, ...] = ()
    notes: tuple[Note, ...] = ()
    sources: dict[str, Source] = Field(default_factory=dict)
    """The sources its elements and notes cite, by key (filled in when loaded)."""
    common_strategies: tuple[Strategy, ...] = ()
    """Strategies any plan can take up (filled in when loaded)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @property
    def fields(self) -> frozenset[str]:
        """The plan-specific fields this plan type uses."""
        return FAMILY_FIELDS[self.family] | frozenset(self.fields_extra)

    @property
    def required_fields(self) -> tuple[str, ...]:
        return FAMILY_REQUIRED[self.family]

    @property
    def outline(self) -> str:
        """The outline in templates/outlines/ (without .yaml)."""
        return f"plan-section.{self.family}"

    @property
    def all_strategies(self) -> tuple[Strategy, ...]:
        """Its own strategies, then the common ones."""
        return self.strategies + self.common_strategies

    def strategy(self, key: str) -> Strategy:
        return next(s for s in self.all_strategies if s.id == key)

    def source(self, key: str) -> Source:
        return self.sources[key]

    def cite(self, element: Element) -> str:
        src = self.sources[element.source]
        return element.cite or src.short or src.cite

    @property
    def required(self) -> tuple[Element, ...]:
        return tuple(e for e in self.elements if e.status == "required")

    @property
    def title_name(self) -> str:
        """The name with a capital first letter, for the start of a sentence."""
        return self.name[:1].upper() + self.name[1:]

    @property
    def article(self) -> str:
        """'a' or 'an' before the name."""
        return "an" if self.name[:1].lower() in "aeiou" else "a"


class _File(_Data):
    sources: dict[str, Source]
    common_strategies: tuple[Strategy, ...]
    common_elements: tuple[Element, ...]
    plan_types: tuple[PlanType, ...]


def _check(data: _File) -> list[str]:
    """Cross-references inside the data file that pydantic cannot see."""
    problems = []
    ids: dict[str, str] = {}
    for p in data.plan_types:
        for name in (p.id, *p.aliases):
            if name in ids:
                problems.append(f"'{name}' names both {ids[name]} and {p.id}")
            ids[name] = p.id
        known = SHARED_FIELDS | FAMILY_FIELDS[p.family] | frozenset(p.fields_extra) \
            | {"strategies"}
        strategy_ids = [s.id for s in p.strategies] + [s.id for s in data.common_strategies]
        if len(set(strategy_ids)) != len(strategy_ids):
            problems.append(f"{p.id}: a strategy id is used twice")
        elements = p.elements + (data.common_elements if p.family == "workforce" else ())
        for e in elements:
            for key in (e.source, *e.also):
                if key not in data.sources:
                    problems.append(f"{p.id}: element {e.id} cites unknown source '{key}'")
            for f in (*e.fields, *e.when, *((e.elsewhere,) if e.elsewhere else ())):
                if f.split(".")[0] not in known:
                    problems.append(f"{p.id}: element {e.id} names field '{f}', which a "
                                    f"{p.family} plan does not have")
        for n in p.notes:
            if n.source not in data.sources:
                problems.append(f"{p.id}: a note cites unknown source '{n.source}'")
        if p.period and p.period.source not in data.sources:
            problems.append(f"{p.id}: period cites unknown source '{p.period.source}'")
    return problems


def _load() -> dict[str, PlanType]:
    text = resources.files("plankit").joinpath(DATA_FILE).read_text("utf-8")
    raw: Any = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        data = _File.model_validate(raw)
    except ValidationError as exc:  # a broken data file is a bug in plankit itself
        raise RuntimeError(f"{DATA_FILE} is invalid: {exc}") from None
    problems = _check(data)
    if problems:
        raise RuntimeError(f"{DATA_FILE} is invalid: " + "; ".join(problems))
    sources = {k: v.model_copy(update={"key": k}) for k, v in data.sources.items()}
    out: dict[str, PlanType] = {}
    for p in data.plan_types:
        extra = data.common_elements if p.family == "workforce" else ()
        out[p.id] = p.model_copy(update={
            "elements": p.elements + extra, "sources": sources,
            "common_strategies": tuple(s.model_copy(update={"common": True})
                                       for s in data.common_strategies)})
    return out


PLAN_TYPES: dict[str, PlanType] = _load()
"""Every plan type, by id, in the order of the data file."""

PLAN_ALIASES: dict[str, str] = {a: p.id for p in PLAN_TYPES.values() for a in p.aliases}
"""Other names an input may use for a plan type."""

PLAN_SPECIFIC_FIELDS = frozenset().union(*FAMILY_FIELDS.values(),
                                         *(p.fields_extra for p in PLAN_TYPES.values()))
"""Fields only some plan types use; every other field is shared by all plan types."""

assert set(PLAN_TYPES) == set(get_args(PlanId)), "PlanId and the plan types data disagree"


def plan_listing() -> list[dict[str, str]]:
    """What ``plankit plans`` shows: one row per plan type, in the data file's order."""
    return [{"id": p.id, "name": p.name, "program": p.program, "agency": p.agency,
             "frequency": p.frequency, "as_of": p.as_of.isoformat()}
            for p in PLAN_TYPES.values()]
