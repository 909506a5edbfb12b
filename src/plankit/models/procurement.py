"""Input for the procurement kind: the "Job Quality" section of a solicitation (an invitation
for bids, a request for proposals or a grant notice), the contract terms it carries and the
forms that go with it.

A procurement officer describes the solicitation (:mod:`plankit.models.procurement_solicitation`)
and picks provisions from the clause library (:mod:`plankit.models.procurement_provision`),
each as a requirement, a scored incentive or an encouraged practice. Whether a clause id
exists and whether its parameters fit are checked against the clause library when the
document is built, not here. Domain rules (thresholds, percentages, program rules, state
prevailing wage laws) live in data files read by :mod:`plankit.rules`;
:mod:`plankit.models.procurement_checks` applies them.
"""

from __future__ import annotations

import fnmatch
from decimal import Decimal
from typing import ClassVar, Any, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator

from plankit.models import procurement_checks as checks
from plankit.models._choices import listed_twice, lists_none, lower_word, one_or_many
from plankit.models.common import DocumentInput, Finding, Party
from plankit.models.open import is_open, open_fields, unknown
from plankit.models.procurement_provision import (INCENTIVE_SUFFIX, MAX_POINTS, MODES, Mode,
                                                  Provision, mode_of)
from plankit.models.procurement_solicitation import (FEDERAL_FUNDS, FUNDING_SOURCES, METHODS,
                                                     SOLICITATION_TYPES, WORDS, FundingSource,
                                                     Location, Solicitation, SolicitationType)

__all__ = ["COMPLIANCE_DEFAULTS", "FEDERAL_FUNDS", "FUNDING_SOURCES", "INCENTIVE_SUFFIX",
           "MAX_POINTS", "METHODS", "MODES", "OUTPUTS", "SOLICITATION_TYPES", "FundingSource",
           "Location", "Mode", "OutputName", "ProcurementInput", "Provision", "Solicitation",
           "SolicitationType", "mode_of"]

OutputName = Literal["rfp-section", "evaluation", "certification", "contract-exhibit",
                     "workforce-report"]

OUTPUTS: dict[str, str] = {
    "rfp-section": "the Job Quality section of the solicitation (purpose, definitions, "
                   "provisions, reporting and remedies)",
    "evaluation": "the evaluation criteria table for the scored incentives",
    "certification": "the bidder's job quality certification form",
    "contract-exhibit": "the contract exhibit listing the Contractor's job quality obligations",
    "workforce-report": "the monthly workforce compliance report form",
}
"""The parts a procurement document can contain, in the order they appear."""

COMPLIANCE_DEFAULTS = {"report_day": 10, "records_years": 3, "cure_days": 15}
"""Defaults of the procurement.compliance clause's settings (kept equal by a test), so the
contract exhibit and the report form can state the same deadlines."""

HOUR_GOALS = ("apprenticeship.registered.require", "apprenticeship.registered.incentivize",
              "local-hire.require", "local-hire.incentivize")
"""Provisions that set a share of hours to be met over the Contract: their progress is
measured at the milestones of the procurement.goals section."""


class ProcurementInput(DocumentInput):
    """The job quality section of one solicitation, the contract terms it carries, and the
    forms that go with it."""

    uses_rules: ClassVar[bool] = True
    """Validated with a rule book: ``model_validate(data, context={"rules": book})`` (the
    procurement rules name the known programs and the state prevailing wage table)."""

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
            if p.is_scored and solicitation is not None and solicitation.sealed_bid:
                what = ("a scored incentive" if p.is_incentive
                        else "a past-record criterion worth points")
                problems.append(f"provision {n} ({p.clause}) is {what}, but a sealed-bid "
                                "invitation awards the contract to the lowest responsive, "
                                "responsible bidder and scores nothing; use the provision "
                                f"as 'require' or 'encourage'{_record_hint(p)}, or set "
                                "'method: proposals' under solicitation")
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
        if "evaluation" in value and provisions and not any(p.is_scored for p in provisions):
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
        found = [f for r in self.rule_results_for(rules) for f in r.findings
                 if r.severity == "warning"]
        return found + checks.party_name_findings(self)

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
        return [o for o in OUTPUTS if o != "evaluation" or self.scored]

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
    def records(self) -> list[Provision]:
        """The past-record criteria (scored apart from the commitments), in order."""
        return [p for p in self.provisions if p.is_record]

    @property
    def scored(self) -> list[Provision]:
        """Everything that earns evaluation points: commitments and past-record criteria."""
        return [p for p in self.provisions if p.is_scored]

    @property
    def commitment_points(self) -> int:
        """Most points a proposal can earn from the scored job quality commitments."""
        return sum(p.points or 0 for p in self.incentives)

    @property
    def record_points(self) -> int:
        """Most points a proposal can earn from the past-record criteria."""
        return sum(p.points or 0 for p in self.records)

    @property
    def total_points(self) -> int:
        """Most points a proposal can earn from job quality: commitments and past record
        (unknown while the points of one are left open)."""
        for i, p in enumerate(self.provisions):
            if p.points is None and is_open(p, "points"):
                return unknown(("provisions", i, "points"), "total points")  # type: ignore[return-value]
        return self.commitment_points + self.record_points

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

    # Words, terms and selections shared by the sections ------------------------------------

    @property
    def words(self) -> dict[str, str]:
        """The words for the party that responds and its response: Bidder and Bid for sealed
        bids, Proposer and Proposal for proposals (see
        :data:`~plankit.models.procurement_solicitation.WORDS`)."""
        return WORDS[self.solicitation.method]

    def selected(self, *patterns: str) -> bool:
        """Whether a provision whose clause id matches one of the patterns is picked
        (``doc.selected("pla.*")``)."""
        return any(fnmatch.fnmatchcase(p.clause, pat) for p in self.provisions
                   for pat in patterns)

    def provision(self, pattern: str) -> Optional[Provision]:
        """The first provision whose clause id matches the pattern, or None."""
        return next((p for p in self.provisions if fnmatch.fnmatchcase(p.clause, pattern)),
                    None)

    @property
    def hour_goals(self) -> list[Provision]:
        """The provisions that set a share of hours to be met over the Contract."""
        return [p for p in self.provisions if p.clause in HOUR_GOALS]

    @property
    def payroll(self) -> dict[str, Any]:
        """The certified payroll duty (whether due, how often, set by which provision),
        decided once for every section and form."""
        return checks.payroll_terms(self)

    @property
    def records_terms(self) -> dict[str, Any]:
        """How long records are kept, decided once for every section and form."""
        return checks.records_terms(self)

    @property
    def state_wage(self) -> dict[str, Any]:
        """What the state prevailing wage table says about this solicitation."""
        return self.rules.state_wage(self.rule_facts())

    @property
    def rules(self) -> Any:
        """The rule book this input was validated with (``context={"rules": book}``)."""
        return self.solicitation.__pydantic_private__["_rules"]

    # Domain rules -------------------------------------------------------------------------

    def rule_facts(self) -> dict[str, Any]:
        """The input as plain data for the rules (see
        :func:`plankit.models.procurement_checks.rule_facts`)."""
        return checks.rule_facts(self)

    def rule_results_for(self, rules: Any = None) -> list:
        """The procurement rules checked against this input: those of ``rules``, else of
        the rule book it was validated with."""
        return (rules if rules is not None else self.rules).evaluate("procurement", self)

    @property
    def legal_requirements(self) -> list[dict[str, Any]]:
        """The legal requirements and authorities that apply to this solicitation, each with
        its statement and source, for the document's "Legal requirements" section."""
        return checks.legal_requirements(self)

    def legal_checks(self) -> list[dict[str, Any]]:
        """Every procurement rule as checked against this input, for the review memo."""
        return checks.legal_checks(self)


def _record_hint(p: Provision) -> str:
    return " (for a past record, use safety.responsibility)" if p.is_record else ""


def _int_or(value: Any, default: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return default
    try:
        return int(str(value).strip())
    except ValueError:
        return default
