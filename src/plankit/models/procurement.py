"""Input for the procurement kind: the "Job Quality" section of a solicitation (RFP, IFB or
grant notice) and the contract terms it carries.

A procurement officer describes the solicitation and picks provisions from the clause
library. Each provision is either a requirement (a condition of award and a contract term)
or a scored incentive (evaluation points for a commitment that then becomes a contract
term). Whether a clause id exists and whether its parameters fit are checked against the
clause library when the document is built, not here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator, model_validator

from plankit.models._choices import listed_twice, lists_none, lower_word, one_or_many
from plankit.models.base import Model
from plankit.models.common import DocumentInput, Jurisdiction, Money, Party, ShortText

SolicitationType = Literal["construction", "services", "goods", "grant"]
FundingSource = Literal["federal-formula", "iija", "ira-tax-credit", "state", "local", "other"]

SOLICITATION_TYPES: dict[str, str] = {
    "construction": "Construction",
    "services": "Services",
    "goods": "Goods",
    "grant": "Grant or subaward",
}
"""How each solicitation type is printed."""

FUNDING_SOURCES: dict[str, str] = {
    "federal-formula": "federal formula funds",
    "iija": "Infrastructure Investment and Jobs Act (IIJA) funds",
    "ira-tax-credit": "Inflation Reduction Act (IRA) clean-energy tax credits",
    "state": "state funds",
    "local": "local funds",
    "other": "other funds",
}
"""How each funding source is printed inside a sentence."""

INCENTIVE_SUFFIX = ".incentivize"
"""A clause whose id ends like this is a scored incentive and needs evaluation points."""

MAX_POINTS = 1000
"""Most points one provision may carry (scoring scales run to 100 or, rarely, 1,000)."""

_CLAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")


class Location(Jurisdiction):
    """Where the work is done: the state, and the city or county if not statewide."""

    site: Optional[ShortText] = Field(
        None, description="The work site in plain words, e.g. '1200 Foundry Road' or "
                          "'various sites across the county'")

    def describe(self) -> str:
        parts = [p for p in (self.site, self.locality, self.state_name) if p]
        return ", ".join(parts)


class Solicitation(Model):
    """The facts of the solicitation this job quality section belongs to."""

    number: ShortText = Field(description="The solicitation number, e.g. 'RFP 2026-014'")
    title: ShortText = Field(description="The solicitation title as advertised, e.g. "
                                         "'Eastside Bus Maintenance Facility'")
    type: SolicitationType = Field(
        description="What is being bought: construction, services, goods, or grant "
                    "(a grant or subaward)")
    estimated_value: Optional[Money] = Field(
        None, description="The estimated value of the contract in dollars, e.g. 48000000 "
                          "or \"$48,000,000\"; leave out if it is not published")
    funding_sources: list[FundingSource] = Field(
        default_factory=list,
        description="Where the money comes from, one or more of: federal-formula, iija, "
                    "ira-tax-credit, state, local, other")
    funding_note: Optional[ShortText] = Field(
        None, description="The grant program or fund by name, e.g. 'FTA Bus and Bus "
                          "Facilities grant'")
    construction_start: Optional[dt.date] = Field(
        None, description="Expected construction start date (YYYY-MM-DD), for construction "
                          "work; some apprenticeship rules depend on it")
    location: Location = Field(description="Where the work is done")

    @field_validator("type", mode="before")
    @classmethod
    def _type_words(cls, value: Any) -> Any:
        key = lower_word(value)
        if isinstance(key, str) and key not in SOLICITATION_TYPES:
            raise ValueError(f"'{value}' is not a solicitation type; use one of: "
                             + ", ".join(SOLICITATION_TYPES))
        return key

    @field_validator("funding_sources", mode="before")
    @classmethod
    def _funding_words(cls, value: Any) -> Any:
        value = one_or_many(value)  # a single source written without list dashes
        if isinstance(value, list):
            out = []
            for item in value:
                if isinstance(item, str):
                    key = lower_word(item)
                    if key not in FUNDING_SOURCES:
                        raise ValueError(f"'{item}' is not a funding source plankit knows; use "
                                         "one of: " + ", ".join(FUNDING_SOURCES)
                                         + " (use 'other' and explain it in funding_note)")
                    if key in out:
                        raise listed_twice(key, "source")
                    out.append(key)
                else:
                    out.append(item)
            return out
        return value

    @property
    def type_label(self) -> str:
        return SOLICITATION_TYPES.get(self.type, self.type)

    @property
    def funding_labels(self) -> list[str]:
        return [FUNDING_SOURCES.get(f, f) for f in self.funding_sources]

    @property
    def funding_summary(self) -> str:
        """The funding sources as one phrase starting with a capital, e.g. 'State funds and
        local funds'; empty when none are listed."""
        labels = self.funding_labels
        if not labels:
            return ""
        text = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
        return text[:1].upper() + text[1:]


class Provision(Model):
    """One job quality provision picked from the clause library."""

    clause: ShortText = Field(
        description="The clause id, e.g. 'living-wage.require' (a requirement) or "
                    "'living-wage.incentivize' (scored); 'plankit clauses list' shows them all")
    params: dict[ShortText, Any] = Field(
        default_factory=dict,
        description="The clause's settings, e.g. {wage_floor: 24.50}; "
                    "'plankit clauses show ID' lists what each clause needs")
    points: Optional[int] = Field(
        None, description="Evaluation points for a scored incentive (a clause ending in "
                          "'.incentivize'); leave out for requirements")

    @field_validator("clause", mode="after")
    @classmethod
    def _clause_id_shape(cls, value: str) -> str:
        if not _CLAUSE_ID.match(value):
            raise ValueError(f"'{value}' is not written like a clause id; clause ids are "
                             "lowercase words joined by dots and dashes, such as "
                             "'living-wage.require' ('plankit clauses list' shows them all)")
        return value

    @field_validator("points", mode="before")
    @classmethod
    def _whole_points(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("must be a number of points such as 10, not true/false")
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(f"is {value}; give points as a whole number such as 10")
        if isinstance(value, str) and not value.strip().isdigit():
            raise ValueError(f"'{value}' is not a number of points; write a whole number "
                             "such as 10")
        return value

    @property
    def is_incentive(self) -> bool:
        return self.clause.endswith(INCENTIVE_SUFFIX)

    @model_validator(mode="after")
    def _points_fit_the_clause(self) -> "Provision":
        if "points" in self.params:
            raise ValueError(f"{self.clause}: put the points in 'points:' next to 'clause:', "
                             "not under 'params:'")
        if self.is_incentive:
            if self.points is None:
                raise ValueError(f"{self.clause} is a scored incentive, so it needs "
                                 "'points:' (the most evaluation points a proposal can earn "
                                 "for it), e.g. 'points: 10'")
            if self.points <= 0:
                raise ValueError(f"{self.clause} has {self.points} points; a scored "
                                 "incentive must be worth at least 1 point")
            if self.points > MAX_POINTS:
                raise ValueError(f"{self.clause} has {self.points:,} points; that is more "
                                 f"than {MAX_POINTS:,}, so check the number")
        elif self.points is not None:
            raise ValueError(f"{self.clause} is a requirement (pass or fail), so it earns no "
                             "points; remove 'points:', or use the scored version of the "
                             f"clause ('{self.clause.rsplit('.', 1)[0]}{INCENTIVE_SUFFIX}')")
        return self


class ProcurementInput(DocumentInput):
    """The job quality section of one solicitation, and the contract terms it carries."""

    kind: Literal["procurement"] = Field(description="Always 'procurement' for this document")
    agency: Party = Field(description="The agency issuing the solicitation and awarding "
                                      "the contract")
    solicitation: Solicitation = Field(description="The solicitation this section belongs to")
    provisions: list[Provision] = Field(
        description="The job quality provisions to include, in the order they should "
                    "appear; at least one")

    @field_validator("provisions", mode="before")
    @classmethod
    def _at_least_one(cls, value: Any) -> Any:
        if lists_none(value):
            raise ValueError("lists no provisions; pick at least one, e.g. "
                             "'- clause: living-wage.require' "
                             "('plankit clauses list' shows them all)")
        return value

    @field_validator("provisions", mode="after")
    @classmethod
    def _provisions_fit(cls, value: list[Provision], info: ValidationInfo) -> list[Provision]:
        seen: dict[str, int] = {}
        problems: list[str] = []
        solicitation = info.data.get("solicitation")
        for n, p in enumerate(value, start=1):
            if p.clause in seen:
                problems.append(f"provision {n} repeats {p.clause} (already provision "
                                f"{seen[p.clause]}); list each clause once, with all its "
                                "settings in one place")
            else:
                seen[p.clause] = n
            if (p.clause.startswith("pla.") and solicitation is not None
                    and solicitation.type != "construction"):
                problems.append(f"provision {n} ({p.clause}) is a project labor agreement, "
                                "which covers construction work, but this solicitation is "
                                f"for {solicitation.type}; remove the provision or change "
                                "the solicitation type to construction")
        if problems:
            raise ValueError("; ".join(problems))
        return value

    # What the composer calls -----------------------------------------------------------

    def default_title(self) -> str:
        s = self.solicitation
        return f"{s.number} {s.title}: Job Quality Requirements"

    def author(self) -> str:
        return self.agency.name

    def subject(self) -> str:
        s = self.solicitation
        return (f"Job quality requirements and scored incentives for {s.number}, {s.title} "
                f"({s.type_label.lower()}, {s.location.describe()})")

    def selected_clauses(self) -> list[tuple[str, dict[str, Any]]]:
        return [(p.clause, {**p.params, **({"points": p.points} if p.points is not None else {})})
                for p in self.provisions]

    # Helpers clause bodies may use ------------------------------------------------------

    @property
    def requirements(self) -> list[Provision]:
        """The pass-or-fail provisions, in order."""
        return [p for p in self.provisions if not p.is_incentive]

    @property
    def incentives(self) -> list[Provision]:
        """The scored provisions, in order."""
        return [p for p in self.provisions if p.is_incentive]

    @property
    def total_points(self) -> int:
        """Most points a proposal can earn from the job quality incentives."""
        return sum(p.points or 0 for p in self.incentives)
