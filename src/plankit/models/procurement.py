"""Input for the procurement kind: the "Job Quality" section of a solicitation (RFP, IFB or
grant notice), the contract terms it carries and the forms that go with it.

A procurement officer describes the solicitation and picks provisions from the clause
library. Each provision is used in one of three modes:

- ``require``: a condition of award and a term of the contract;
- ``incentivize``: evaluation points for a commitment, which then becomes a contract term;
- ``encourage``: a practice the agency asks for; not binding, and worth no points.

A provision names its clause by full id (``living-wage.incentivize``) or by topic plus mode
(``clause: living-wage`` with ``mode: incentivize``). Whether a clause id exists and whether
its parameters fit are checked against the clause library when the document is built, not
here. Domain rules (thresholds, percentages, program rules) live in data files read by
:mod:`plankit.rules`; :meth:`ProcurementInput.findings` applies them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator, model_validator

from plankit.models._choices import listed_twice, lists_none, lower_word, one_or_many
from plankit.models.base import Model
from plankit.models.common import DocumentInput, Finding, Jurisdiction, Money, Party, ShortText
from plankit.models.open import is_open, open_fields, unknown

SolicitationType = Literal["construction", "services", "goods", "grant"]
FundingSource = Literal["federal-formula", "iija", "ira-tax-credit", "state", "local", "other"]
Mode = Literal["require", "incentivize", "encourage"]
OutputName = Literal["rfp-section", "evaluation", "certification", "contract-exhibit",
                     "workforce-report"]

SOLICITATION_TYPES: dict[str, str] = {
    "construction": "Construction",
    "services": "Services",
    "goods": "Goods",
    "grant": "Grant or subaward",
}
"""How each solicitation type is printed."""

_TYPE_WORDS = {"service": "services", "good": "goods", "subaward": "grant",
               "grant/subaward": "grant", "grant-or-subaward": "grant", "subgrant": "grant"}
"""Other ways people write a solicitation type."""

FUNDING_SOURCES: dict[str, str] = {
    "federal-formula": "federal formula funds",
    "iija": "Infrastructure Investment and Jobs Act (IIJA) funds",
    "ira-tax-credit": "Inflation Reduction Act (IRA) clean-energy tax credits",
    "state": "state funds",
    "local": "local funds",
    "other": "other funds",
}
"""How each funding source is printed inside a sentence."""

FEDERAL_FUNDS = ("federal-formula", "iija")
"""Funding sources that are federal money spent through the solicitation."""

MODES: dict[str, str] = {
    "require": "Requirement",
    "incentivize": "Scored incentive",
    "encourage": "Encouraged practice",
}
"""The three ways a provision can be used, as printed."""

OUTPUTS: dict[str, str] = {
    "rfp-section": "the Job Quality section of the solicitation (purpose, definitions, "
                   "provisions, reporting and remedies)",
    "evaluation": "the evaluation criteria table for the scored incentives",
    "certification": "the Proposer's job quality certification form",
    "contract-exhibit": "the contract exhibit listing the Contractor's job quality obligations",
    "workforce-report": "the monthly workforce compliance report form",
}
"""The parts a procurement document can contain, in the order they appear."""

INCENTIVE_SUFFIX = ".incentivize"
"""A clause whose id ends like this is a scored incentive and needs evaluation points."""

MAX_POINTS = 1000
"""Most points one provision may carry (scoring scales run to 100 or, rarely, 1,000)."""

COMPLIANCE_DEFAULTS = {"report_day": 10, "records_years": 3, "cure_days": 15}
"""Defaults of the procurement.compliance clause's settings (kept equal by a test), so the
contract exhibit and the report form can state the same deadlines."""

_CLAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
_TOPIC = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$")


def mode_of(clause_id: str) -> Optional[str]:
    """The mode a clause id names by its last part (``living-wage.require`` -> require), or
    None when it names none (``prevailing-wage.federal``)."""
    last = clause_id.rpartition(".")[2]
    return last if last in MODES else None


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
    program: Optional[ShortText] = Field(
        None, description="The federal program by its short name when one pays for the work, "
                          "e.g. 'NEVI' or 'BEAD'; some program rules depend on it")
    dot_grant: bool = Field(
        False, description="True when the federal money is a U.S. Department of "
                           "Transportation grant under title 23 or 49 of the U.S. Code (for "
                           "example an FTA or FHWA grant); local hiring rules depend on it")
    federal_acquisition: bool = Field(
        False, description="True only when a federal agency awards the contract itself under "
                           "the Federal Acquisition Regulation (FAR); false for state and "
                           "local contracts, even when federal grants pay for them")
    construction_start: Optional[dt.date] = Field(
        None, description="Expected construction start date (YYYY-MM-DD), for construction "
                          "work; some apprenticeship rules depend on it")
    evaluation_points: Optional[int] = Field(
        None, ge=1, le=100_000,
        description="Total points in the whole evaluation (every criterion, not only job "
                    "quality), e.g. 100")
    minimum_wage: Optional[Money] = Field(
        None, description="The highest minimum wage per hour that applies where the work is "
                          "done (federal, state or local), e.g. 16.50; used to check wage "
                          "floors", json_schema_extra={"floor_wage": True})
    prevailing_wage: Optional[Money] = Field(
        None, description="The lowest basic hourly prevailing wage rate that applies to the "
                          "work, from the wage determination, if one applies; used to check "
                          "wage floors", json_schema_extra={"floor_wage": True})
    location: Location = Field(description="Where the work is done")

    @field_validator("type", mode="before")
    @classmethod
    def _type_words(cls, value: Any) -> Any:
        key = lower_word(value)
        if isinstance(key, str):
            key = _TYPE_WORDS.get(key, key)
            if key not in SOLICITATION_TYPES:
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

    @field_validator("evaluation_points", mode="before")
    @classmethod
    def _whole_points(cls, value: Any) -> Any:
        return _whole_number(value)

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

    @property
    def federal_funds(self) -> bool:
        """Whether federal money is spent through this solicitation (formula or IIJA funds)."""
        return any(f in FEDERAL_FUNDS for f in self.funding_sources)


def _whole_number(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("must be a number of points such as 10, not true/false")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"is {value}; give points as a whole number such as 10")
    if isinstance(value, str) and not value.strip().isdigit():
        raise ValueError(f"'{value}' is not a number of points; write a whole number "
                         "such as 10")
    return value


class Provision(Model):
    """One job quality provision picked from the clause library."""

    clause: ShortText = Field(
        description="The clause: its full id, e.g. 'living-wage.require', or its topic, e.g. "
                    "'living-wage', together with 'mode'; 'plankit clauses list' shows them all")
    mode: Optional[Mode] = Field(
        None, description="How the provision is used when 'clause' gives only the topic: "
                          "require (a condition of award), incentivize (scored, needs "
                          "'points') or encourage (not binding, no points)")
    params: dict[ShortText, Any] = Field(
        default_factory=dict,
        description="The clause's settings, e.g. {wage_floor: 24.50}; "
                    "'plankit clauses show ID' lists what each clause needs")
    points: Optional[int] = Field(
        None, description="Evaluation points for a scored incentive (mode incentivize, or a "
                          "clause ending in '.incentivize'); leave out otherwise")

    @model_validator(mode="before")
    @classmethod
    def _topic_and_mode(cls, data: Any) -> Any:
        """``clause: living-wage`` + ``mode: incentivize`` -> ``living-wage.incentivize``."""
        if isinstance(data, dict):
            clause, mode = data.get("clause"), lower_word(data.get("mode"))
            if isinstance(clause, str) and isinstance(mode, str) and mode in MODES:
                text = clause.strip()
                data = {**data, "mode": mode}
                if mode_of(text) is None:
                    data["clause"] = f"{text}.{mode}"
        return data

    @field_validator("clause", mode="after")
    @classmethod
    def _clause_id_shape(cls, value: str) -> str:
        if not _CLAUSE_ID.match(value):
            if _TOPIC.match(value):
                raise ValueError(f"'{value}' is a topic, not a whole clause id; add 'mode: "
                                 "require', 'mode: incentivize' or 'mode: encourage' next to "
                                 f"it, or write the full id such as '{value}.require' "
                                 "('plankit clauses list' shows them all)")
            raise ValueError(f"'{value}' is not written like a clause id; clause ids are "
                             "lowercase words joined by dots and dashes, such as "
                             "'living-wage.require' ('plankit clauses list' shows them all)")
        return value

    @field_validator("mode", mode="before")
    @classmethod
    def _mode_word(cls, value: Any) -> Any:
        return lower_word(value)

    @field_validator("mode", mode="after")
    @classmethod
    def _mode_fits_clause(cls, value: Optional[str], info: ValidationInfo) -> Optional[str]:
        clause = info.data.get("clause")
        if value and isinstance(clause, str):
            named = mode_of(clause)
            if named and named != value:
                topic = clause.rpartition(".")[0]
                raise ValueError(f"is '{value}', but the clause '{clause}' is the '{named}' "
                                 f"version; write either 'clause: {clause}' without 'mode', "
                                 f"or 'clause: {topic}' with 'mode: {value}'")
        return value

    @field_validator("points", mode="before")
    @classmethod
    def _whole_points(cls, value: Any) -> Any:
        return _whole_number(value)

    @property
    def how(self) -> str:
        """The mode in effect: the one the clause id names, else require."""
        return mode_of(self.clause) or "require"

    @property
    def how_label(self) -> str:
        return MODES[self.how]

    @property
    def is_incentive(self) -> bool:
        return self.how == "incentivize"

    @property
    def is_encouraged(self) -> bool:
        return self.how == "encourage"

    @property
    def is_requirement(self) -> bool:
        return self.how == "require"

    @property
    def topic(self) -> str:
        """The clause id without its mode, e.g. 'living-wage' for 'living-wage.require'."""
        return self.clause.rpartition(".")[0] if mode_of(self.clause) else self.clause

    @model_validator(mode="after")
    def _points_fit_the_clause(self) -> "Provision":
        if "points" in self.params:
            raise ValueError(f"{self.clause}: put the points in 'points:' next to 'clause:', "
                             "not under 'params:'")
        if self.is_incentive:
            if self.points is None and not is_open(self, "points"):
                raise ValueError(f"{self.clause} is a scored incentive, so it needs "
                                 "'points:' (the most evaluation points a proposal can earn "
                                 "for it), e.g. 'points: 10'")
            if self.points is not None and self.points <= 0:
                raise ValueError(f"{self.clause} has {self.points} points; a scored "
                                 "incentive must be worth at least 1 point")
            if self.points is not None and self.points > MAX_POINTS:
                raise ValueError(f"{self.clause} has {self.points:,} points; that is more "
                                 f"than {MAX_POINTS:,}, so check the number")
        elif self.points is not None:
            if self.is_encouraged:
                raise ValueError(f"{self.clause} is encouraged, not required or scored, so it "
                                 "is not binding and earns no points; remove 'points:', or "
                                 f"use 'clause: {self.topic}' with 'mode: incentivize'")
            raise ValueError(f"{self.clause} is a requirement (pass or fail), so it earns no "
                             "points; remove 'points:', or use the scored version of the "
                             f"clause ('{self.topic}{INCENTIVE_SUFFIX}')")
        return self


class ProcurementInput(DocumentInput):
    """The job quality section of one solicitation, the contract terms it carries, and the
    forms that go with it."""

    kind: Literal["procurement"] = Field(description="Always 'procurement' for this document")
    agency: Party = Field(description="The agency issuing the solicitation and awarding "
                                      "the contract")
    solicitation: Solicitation = Field(description="The solicitation this section belongs to")
    provisions: list[Provision] = Field(
        description="The job quality provisions to include, in the order they should "
                    "appear; at least one")
    outputs: list[OutputName] = Field(
        default_factory=list,
        description="Which parts to produce, in any order: rfp-section, evaluation, "
                    "certification, contract-exhibit, workforce-report; leave out for all "
                    "that apply")

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

    @field_validator("outputs", mode="before")
    @classmethod
    def _output_words(cls, value: Any) -> Any:
        value = one_or_many(value)
        if isinstance(value, list):
            out = []
            for item in value:
                key = lower_word(item)
                if isinstance(key, str) and key in out:
                    raise listed_twice(key, "part")
                out.append(key)
            return out
        return value

    @field_validator("outputs", mode="after")
    @classmethod
    def _outputs_fit(cls, value: list[str], info: ValidationInfo) -> list[str]:
        provisions = info.data.get("provisions") or []
        if "evaluation" in value and provisions and not any(p.is_incentive
                                                            for p in provisions):
            raise ValueError("lists 'evaluation', but no provision is scored (mode "
                             "incentivize); remove 'evaluation' or add a scored incentive")
        shown = "rfp-section" in value or "contract-exhibit" in value
        needy = [o for o in ("evaluation", "certification") if o in value]
        if value and needy and not shown:
            raise ValueError(f"lists {' and '.join(repr(o) for o in needy)}, which point to "
                             "the provisions by section, but not 'rfp-section' or "
                             "'contract-exhibit', which contain them; add one of the two")
        return value

    # What the composer calls -----------------------------------------------------------

    def default_title(self) -> str:
        s = self.solicitation
        if not self.shows_provisions:
            return f"{s.number} {s.title}: Job Quality Forms"
        return f"{s.number} {s.title}: Job Quality Requirements"

    def jurisdiction_code(self) -> str:
        return self.solicitation.location.state

    def author(self) -> str:
        return self.agency.name

    def subject(self) -> str:
        s = self.solicitation
        return (f"Job quality requirements and scored incentives for {s.number}, {s.title} "
                f"({s.type_label.lower()}, {s.location.describe()})")

    def selected_clauses(self) -> list[tuple[str, dict[str, Any]]]:
        if not self.shows_provisions:
            return []
        return [(p.clause, {**p.params, **({"points": p.points} if p.points is not None else
                                           {"points": open_fields(p)["points"]}
                                           if is_open(p, "points") else {})})
                for p in self.provisions]

    def findings(self, rules: Any = None) -> list[Finding]:
        """Domain-rule warnings from the procurement rules (see :mod:`plankit.rules`)."""
        return [f for r in self.rule_results_for(rules) for f in r.findings
                if r.severity == "warning"]

    def review_findings(self, rules: Any = None) -> list[Finding]:
        """Notes of the procurement rules that apply, for the reviewer."""
        from dataclasses import replace

        return [replace(f, severity="note") for r in self.rule_results_for(rules)
                for f in r.findings if r.severity == "note"]

    # Parts of the document --------------------------------------------------------------

    @property
    def parts(self) -> list[str]:
        """The parts this document contains, in document order: those listed in 'outputs',
        else every part that applies (the evaluation table only when something is scored)."""
        if self.outputs:
            return [o for o in OUTPUTS if o in self.outputs]
        return [o for o in OUTPUTS if o != "evaluation" or self.incentives]

    @property
    def shows_provisions(self) -> bool:
        """Whether the provisions themselves (and the reporting terms) are in the document."""
        return "rfp-section" in self.parts or "contract-exhibit" in self.parts

    # Helpers clause bodies may use ------------------------------------------------------

    @property
    def requirements(self) -> list[Provision]:
        """The pass-or-fail provisions, in order."""
        return [p for p in self.provisions if p.is_requirement]

    @property
    def incentives(self) -> list[Provision]:
        """The scored provisions, in order."""
        return [p for p in self.provisions if p.is_incentive]

    @property
    def encouraged(self) -> list[Provision]:
        """The provisions the Agency encourages but does not require or score, in order."""
        return [p for p in self.provisions if p.is_encouraged]

    @property
    def total_points(self) -> int:
        """Most points a proposal can earn from the job quality incentives (unknown while
        the points of one are left open)."""
        for i, p in enumerate(self.provisions):
            if p.is_incentive and is_open(p, "points"):
                return unknown(("provisions", i, "points"), "total points")  # type: ignore[return-value]
        return sum(p.points or 0 for p in self.incentives)

    @property
    def evaluation_points(self) -> Optional[int]:
        """Total points in the whole evaluation: solicitation.evaluation_points, else the
        older clause setting procurement.evaluation total_points."""
        if self.solicitation.evaluation_points is not None:
            return self.solicitation.evaluation_points
        raw = self.clause_params.get("procurement.evaluation", {}).get("total_points")
        return _int_or(raw, None)

    @property
    def job_quality_share(self) -> Optional[Decimal]:
        """Job quality points as a percentage of the whole evaluation, to one decimal."""
        total = self.evaluation_points
        if not total or not self.total_points:
            return None
        return (Decimal(self.total_points) * 100 / Decimal(total)).quantize(Decimal("0.1"))

    @property
    def compliance_terms(self) -> dict[str, int]:
        """Report day, records period and cure period as the compliance section states them."""
        given = self.clause_params.get("procurement.compliance", {})
        return {k: _int_or(given.get(k), v) for k, v in COMPLIANCE_DEFAULTS.items()}

    # Domain rules -------------------------------------------------------------------------

    def rule_facts(self) -> dict[str, Any]:
        """The input as plain data for the rules, plus a few values worked out from it:
        incentive_points, evaluation_points, federal_funds, construction_year and parts.
        Each provision carries its clause id, mode (require, incentivize or encourage),
        topic, params and points."""
        facts = self.model_dump(mode="python", exclude={"clause_params"})
        start = self.solicitation.construction_start
        facts["provisions"] = [{"clause": p.clause, "mode": p.how, "topic": p.topic,
                                "params": dict(p.params), "points": p.points}
                               for p in self.provisions]
        facts.update(incentive_points=self.total_points,
                     evaluation_points=self.evaluation_points,
                     federal_funds=self.solicitation.federal_funds,
                     construction_year=start.year if start else None,
                     parts=self.parts)
        return facts

    def rule_results_for(self, rules: Any = None) -> list:
        from plankit.rules import active_rules

        book = rules if rules is not None else active_rules()
        return book.evaluate("procurement", self)

    @property
    def legal_requirements(self) -> list[dict[str, Any]]:
        """The legal requirements and authorities that apply to this solicitation, each with
        its statement and source, for the document's "Legal requirements" section."""
        return [{"title": r.rule.title, "statement": r.statement, "source": r.rule.source or ""}
                for r in self.rule_results_for()
                if r.rule.kind == "requirement" and r.fired and r.outcome() == "applies"]

    def legal_checks(self) -> list[dict[str, Any]]:
        """Every procurement rule as checked against this input, for the review memo."""
        out = []
        for r in self.rule_results_for():
            detail = r.statement or " ".join(f.message for f in r.findings)
            if r.rule.status and r.fired:
                detail = (detail + " " if detail else "") + f"Status: {r.rule.status}"
            source = r.rule.source or ""
            if r.origin:
                source = (source + " " if source else "") + f"(changed by {r.origin})"
            out.append({"title": r.rule.title, "outcome": r.outcome(),
                        "source": source, "as_of": r.as_of,
                        "verified": r.rule.verified, "detail": detail,
                        "kind": "consistency" if r.rule.kind == "consistency" else "law",
                        "origin": r.origin})
        return out


def _int_or(value: Any, default: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return default
    try:
        return int(str(value).strip())
    except ValueError:
        return default
