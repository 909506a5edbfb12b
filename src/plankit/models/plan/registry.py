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

Each plan type also carries its program's status (``program_status``, from the data file's
``programs`` section; see :mod:`plankit.models.plan.programs`): active, or changed, suspended
or terminated by dated events, with the date it was last checked and its source.
``plankit plans`` and :func:`plan_listing` show it.

To add a plan type of an existing family, add an entry to the data file, its id to
:data:`PlanId` and its id to a program under ``programs``. See :mod:`plankit.models.plan`
for a new family.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any, Literal, Optional, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from plankit.models.plan.programs import STATE_LABELS, Program, Term

PlanId = Literal["wioa-local", "wioa-state", "bead", "digital-equity", "ev-charging",
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
    commits: tuple[str, ...] = ()
    """The kinds of commitment the text makes (see :data:`COMMITMENT_KINDS`); the text may
    make no other."""
    sensitive: tuple[str, ...] = ()
    """Tags under which a program's rules may make it sensitive (e.g. union, equity)."""


class Element(_Data):
    """A workforce element of a plan type: required, recommended or no longer required."""

    id: str
    text: str
    status: Literal["required", "condition", "recommended", "removed"]
    """required (by law), condition (a term of the program's grants, set by its guidance),
    recommended, or removed (no longer required)."""
    source: str
    cite: Optional[str] = None
    fields: tuple[str, ...] = ()
    """The input fields that address it; none for an element the plan states from the
    plan type's data (e.g. a statutory term of every subgrant)."""
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
        return {"required": "Required", "condition": "Required by the grant terms",
                "recommended": "Recommended", "removed": "No longer required"}[self.status]

    @property
    def binding(self) -> bool:
        """Required by law or by the terms of the program's grants."""
        return self.status in ("required", "condition")


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
    variants: dict[str, str] = Field(default_factory=dict)
    """Kinds of plan of this type an input may name under ``variant`` (id -> label), e.g. a
    Perkins V state plan among state education plans; elements may apply to one only."""
    terms: tuple[Term, ...] = ()
    """Terms federal law requires (or no longer requires) of every subgrant, stated apart
    from the plan's own workforce choices (a BEAD subgrant round)."""
    program_status: Optional[Program] = None
    """The program behind the plan type, with its status (filled in when loaded)."""

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
    programs: tuple[Program, ...] = ()


COMMITMENT_KINDS: dict[str, str] = {
    "analyze": "studies, assesses or plans",
    "partner": "works with, consults or aligns with others",
    "support": "helps, builds, trains or hires",
    "protect": "protects workers through the policy tools the plan adopts",
    "fund": "invests or sets aside money",
    "require": "requires something of others, or sets standards",
    "reward": "rewards, recognizes or gives incentives",
    "measure": "sets goals or tracks measures",
}
"""The kinds of commitment a strategy may declare under ``commits``."""


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
        problems.extend(_check_more(p, data))
    problems.extend(_check_programs(data))
    return problems


def _check_more(p: PlanType, data: _File) -> list[str]:
    """Variants, subgrant terms and strategy declarations of one plan type."""
    problems = []
    if p.variants and "variant" not in p.fields_extra:
        problems.append(f"{p.id}: has variants but does not list 'variant' under fields")
    for e in p.elements:
        wanted = e.when.get("variant")
        if wanted is not None and wanted not in p.variants:
            problems.append(f"{p.id}: element {e.id} applies to unknown variant '{wanted}'")
    for t in p.terms:
        if t.source not in data.sources:
            problems.append(f"{p.id}: term {t.id} cites unknown source '{t.source}'")
    for s in p.strategies + data.common_strategies:
        unknown = set(s.commits) - set(COMMITMENT_KINDS)
        if unknown:
            problems.append(f"{p.id}: strategy {s.id} commits to unknown kinds {sorted(unknown)}")
    return problems


def _check_programs(data: _File) -> list[str]:
    """Every plan type has exactly one program, and programs cite known sources."""
    problems = []
    owner: dict[str, str] = {}
    ids = {p.id for p in data.plan_types}
    for prog in data.programs:
        keys = [prog.source] + [e.source for e in prog.events] + \
            [r.source for r in prog.sensitive.values()]
        problems += [f"program {prog.id} cites unknown source '{k}'"
                     for k in keys if k not in data.sources]
        days = [e.date for e in prog.events]
        if days != sorted(days):
            problems.append(f"program {prog.id}: events are not in date order")
        for t in prog.plan_types:
            if t not in ids:
                problems.append(f"program {prog.id} names unknown plan type '{t}'")
            elif t in owner:
                problems.append(f"plan type {t} is in programs {owner[t]} and {prog.id}")
            owner[t] = prog.id
    if data.programs:
        problems += [f"plan type {t} has no program" for t in sorted(ids - set(owner))]
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
    programs = {t: prog for prog in data.programs for t in prog.plan_types}
    out: dict[str, PlanType] = {}
    for p in data.plan_types:
        extra = data.common_elements if p.family == "workforce" else ()
        out[p.id] = p.model_copy(update={
            "elements": p.elements + extra, "sources": sources,
            "program_status": programs.get(p.id),
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


def plan_listing() -> list[dict[str, Any]]:
    """What ``plankit plans`` shows: one row per plan type, in the data file's order, with
    its program's status (see :func:`status_listing`)."""
    return [{"id": p.id, "name": p.name, "program": p.program, "agency": p.agency,
             "frequency": p.frequency, "as_of": p.as_of.isoformat(), **status_listing(p)}
            for p in PLAN_TYPES.values()]


def status_listing(p: PlanType) -> dict[str, Any]:
    """The program status of a plan type, as data: ``status`` (active, changed, suspended or
    terminated), ``status_label``, ``status_since`` (the date of the last change, or None),
    ``status_what``, ``status_as_of`` (when it was last checked), ``status_source`` and
    ``status_verified``, and ``status_checked_in`` (what the last check rests on)."""
    prog = p.program_status
    if prog is None:
        return {"status": None, "status_label": "Not recorded", "status_since": None,
                "status_what": "", "status_as_of": None, "status_source": "",
                "status_verified": False, "status_checked_in": ""}
    last = prog.last
    src = p.source(last.source if last else prog.source)
    return {"status": prog.state, "status_label": STATE_LABELS[prog.state],
            "status_since": last.date.isoformat() if last else None,
            "status_what": last.text if last else prog.detail,
            "status_as_of": prog.as_of.isoformat(), "status_source": src.cite,
            "status_verified": src.verified and p.source(prog.source).verified,
            "status_checked_in": p.source(prog.source).cite}
