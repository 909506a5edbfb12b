"""The plan-section input: one file describes the workforce section of one public plan."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator

from plankit.models.common import Finding, Jurisdiction, Party, ShortText
from plankit.models.plan._fields import TextList, pick, pick_list, unique
from plankit.models.plan.elements import ElementsMixin
from plankit.models.plan.frame import LocalArea, PlanPeriod, ProgramYears, years_from_text
from plankit.models.plan.job_quality import JobQuality
from plankit.models.plan.goals import GoalList
from plankit.models.plan.labor_market import BarrierGroup, LaborMarket, Workforce, _group
from plankit.models.plan.local_fields import WioaLocalFields
from plankit.models.plan.metrics import PlanMetric
from plankit.models.plan.partnerships import EmployerEngagement, Partner, SectorPartnership
from plankit.models.plan.registry import (FAMILY_REQUIRED, PLAN_SPECIFIC_FIELDS, PLAN_TYPES,
                                          PlanType)
from plankit.models.plan.state import (ADMIN_POLICIES, PLAN_FORMS, POLICY_ALIASES, POLICY_STAGE,
                                       AdminPolicy, Capabilities, PartnershipQuality,
                                       RegionalSupport)
from plankit.models.plan.wioa import ElectedOfficial, Performance, WorkforceActivities
from plankit.models.plan.wioa_view import WioaLocalView
from plankit.models.plan.workforce_doc import WorkforceDoc, variant_word
from plankit.models.plan.workforce_section import (CLIMATE_ALIASES, CLIMATE_PLANS, ClimatePlan,
                                                   PartnershipPlan, PolicyTool, SubgrantRound,
                                                   TrainingProgram)

_PLAN_DEPENDENT = sorted(PLAN_SPECIFIC_FIELDS
                         | frozenset(f for fs in FAMILY_REQUIRED.values() for f in fs))


class PlanSectionInput(WorkforceDoc, ElementsMixin, WioaLocalView, WioaLocalFields):
    """The workforce section of a public plan: a WIOA local plan, the sector strategy of a
    WIOA state plan, or the workforce section of another public plan."""

    # Who adopts the plan, where and when -----------------------------------------------
    board: Optional[Party] = Field(
        None, description="The workforce development board that adopts the plan (WIOA plans); "
                          "put its chair under 'signatory' for the approval page")
    agency: Optional[Party] = Field(
        None, description="The agency that prepares the plan (plans other than WIOA plans), "
                          "e.g. a state broadband office or department of transportation; put "
                          "the official who approves the section under 'signatory'")
    local_area: Optional[LocalArea] = Field(
        None, description="The local workforce development area the plan covers (WIOA local "
                          "plans)")
    jurisdiction: Optional[Jurisdiction] = Field(
        None, description="Where the plan applies: the state, and the city, county or region "
                          "under 'locality' if it is not statewide")
    program_years: Optional[ProgramYears] = Field(
        None, description="The program years a WIOA plan covers; e.g. 2024-2027")
    plan_period: Optional[PlanPeriod] = Field(
        None, description="The years the plan covers, as the plan names them; e.g. 2026-2030")
    plan_name: Optional[ShortText] = Field(
        None, description="The plan's own name; e.g. 'Connect New Mexico Digital Opportunity "
                          "Plan'; plankit names it after the place and plan type if left out")
    climate_plan: Optional[ClimatePlan] = Field(
        None, description="For a climate plan: pcap (a priority climate action plan), ccap (a "
                          "comprehensive climate action plan) or other")
    variant: Optional[ShortText] = Field(
        None, description="Which plan of this type, where the type has several with different "
                          "rules; e.g. perkins (a Perkins V state plan) for an education plan "
                          "('plankit plans' and the starter list them)")
    subgrant_round: Optional[SubgrantRound] = Field(
        None, description="For a BEAD subgrant round: the round's name, the day NTIA approved "
                          "the Final Proposal, and how subgrantees certify labor law "
                          "compliance")
    governor: Optional[ShortText] = Field(
        None, description="The Governor's name; for a WIOA state plan, printed in the overview "
                          "and on the approval page")
    plan_form: Optional[Literal["unified", "combined"]] = Field(
        None, description="For a WIOA state plan: unified (the six core programs) or combined "
                          "(the core programs and one or more partner programs)")
    combined_programs: TextList = Field(
        default_factory=list,
        description="For a Combined State Plan: the partner programs it includes, one per "
                    "line; e.g. 'Career and technical education (Perkins V)'")

    # WIOA local plan: the chief elected officials and the region -----------------------
    chief_elected_officials: list[ElectedOfficial] = Field(
        default_factory=list,
        description="The chief elected official or officials who develop the plan with the "
                    "Board; one entry per official")

    # Analysis ----------------------------------------------------------------------------
    labor_market: Optional[LaborMarket] = Field(
        None, description="Labor market analysis: in-demand sectors and occupations (required "
                          "in a WIOA local plan)")
    workforce: Workforce = Field(
        default_factory=Workforce,
        description="Analysis of the regional workforce: labor force, unemployment and "
                    "barriers to employment")
    workforce_activities: WorkforceActivities = Field(
        default_factory=WorkforceActivities,
        description="The Board's assessment of education, training and employment services "
                    "in the area")
    workforce_needs: Optional[str] = Field(
        None, description="The workforce the plan's work needs: the knowledge, skills and "
                          "abilities, and about how many workers, in a few sentences")
    target_populations: list[Annotated[BarrierGroup, BeforeValidator(_group)]] = Field(
        default_factory=list,
        description="The people the plan's workforce strategies serve first; a name per line, "
                    "or 'group', 'people' and 'note' for each")

    # Vision, goals and strategy ------------------------------------------------------------
    vision: Optional[str] = Field(
        None, description="The vision for the workforce this plan serves, in a few sentences")
    goals: GoalList = Field(
        default_factory=list,
        description="Goals for the plan's workforce, one per line; in a WIOA plan, write each "
                    "as 'goal:' and the 'indicators:' of performance it relates to")
    strategy: Optional[str] = Field(
        None, description="How the Board will work with the core programs and other partners "
                          "to line up resources behind the vision and goals, in a few "
                          "sentences")
    strategies: list[ShortText] = Field(
        default_factory=list,
        description="The workforce strategies the plan commits to, by id ('plankit plans' "
                    "and the starter list them); leave out to use all of the plan type's own "
                    "strategies")
    other_strategies: TextList = Field(
        default_factory=list,
        description="Other workforce strategies in the agency's own words, one per line")
    programs: list[TrainingProgram] = Field(
        default_factory=list,
        description="Training and support programs the plan funds or relies on, one entry "
                    "each")
    policy_tools: list[PolicyTool] = Field(
        default_factory=list,
        description="Policy tools the plan uses to protect and support workers, one entry "
                    "each")

    # WIOA: employers, partnerships and partners -------------------------------------------
    employer_engagement: EmployerEngagement = Field(
        default_factory=EmployerEngagement,
        description="How the Board works with employers")
    sector_partnerships: list[SectorPartnership] = Field(
        default_factory=list,
        description="Sector partnerships the Board convenes or supports, one entry each")
    partners: list[Partner] = Field(
        default_factory=list,
        description="Partner programs and the role each plays, one entry each")
    partnership: PartnershipPlan = Field(
        default_factory=PartnershipPlan,
        description="How the partners work together: value, data, meetings and a dedicated "
                    "point of contact")
    job_quality: Optional[JobQuality] = Field(
        None, description="The Board's job quality commitments; leave out to omit the section")
    performance: Performance = Field(
        default_factory=Performance,
        description="Local levels of performance negotiated with the Governor")

    # WIOA state plan: sector strategy ----------------------------------------------------
    capabilities: Optional[Capabilities] = Field(
        None, description="The state's self-assessment on the six core capabilities for "
                          "supporting sector partnerships")
    policies_in_place: list[AdminPolicy] = Field(
        default_factory=list,
        description="Administrative policies for sector partnerships the state already has, "
                    "any of: " + ", ".join(ADMIN_POLICIES))
    legislation: Optional[str] = Field(
        None, description="State law that names or supports sector partnerships, if any, in a "
                          "sentence or two")
    regional_support: RegionalSupport = Field(
        default_factory=RegionalSupport,
        description="How the state supports regional sector partnerships")
    partnership_quality: PartnershipQuality = Field(
        default_factory=PartnershipQuality,
        description="How the state uses its definition of a high-quality sector partnership")

    # Measures ------------------------------------------------------------------------------
    metrics: list[PlanMetric] = Field(
        default_factory=list,
        description="Shared measures, each with a baseline, target, data source and how "
                    "results are broken down; one entry each")

    # -------------------------------------------------------------------------- validators

    @field_validator("program_years", mode="before")
    @classmethod
    def _years_text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"first": value, "last": value}
        return years_from_text(value)

    @field_validator("plan_period", mode="before")
    @classmethod
    def _period_text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return {"first": value, "last": value}
        if isinstance(value, str):
            try:
                return years_from_text(value)
            except ValueError:
                raise ValueError(f"'{value}' is not written like a span of years; write the "
                                 "first and last year, e.g. 2026-2030") from None
        return value

    @field_validator("climate_plan", mode="before")
    @classmethod
    def _climate_word(cls, value: Any) -> Any:
        return pick(value, CLIMATE_PLANS, "a kind of climate plan", aliases=CLIMATE_ALIASES)

    @field_validator("variant", mode="before")
    @classmethod
    def _variant_word(cls, value: Any, info: ValidationInfo) -> Any:
        return variant_word(value, info.data.get("plan"))

    @field_validator("policies_in_place", mode="before")
    @classmethod
    def _policy_words(cls, value: Any) -> Any:
        return pick_list(value, ADMIN_POLICIES, "an administrative policy", "policy",
                         aliases=POLICY_ALIASES)

    @field_validator("goals", mode="after")
    @classmethod
    def _unique_goals(cls, value: list[str]) -> list[str]:
        unique(value, lambda g: g, "goal", "goal")
        return value

    @field_validator("partners", mode="after")
    @classmethod
    def _unique_partners(cls, value: list[Partner]) -> list[Partner]:
        unique(value, lambda p: f"{p.name} ({p.program})", "partner", "partner and program")
        return value

    @field_validator("strategies", mode="before")
    @classmethod
    def _strategy_ids(cls, value: Any, info: ValidationInfo) -> Any:
        plan = PLAN_TYPES.get(info.data.get("plan", ""))
        if plan is None:
            return value
        options = {s.id: s.title for s in plan.all_strategies}
        return pick_list(value, options, f"a strategy of {plan.article} {plan.name}", "strategy",
                         tail="; write others under 'other_strategies'")

    @field_validator("programs", mode="after")
    @classmethod
    def _program_strategies(cls, value: list[TrainingProgram],
                            info: ValidationInfo) -> list[TrainingProgram]:
        unique(value, lambda p: p.name, "program", "program")
        plan = PLAN_TYPES.get(info.data.get("plan", ""))
        if plan is None:
            return value
        options = {s.id for s in plan.all_strategies}
        for n, p in enumerate(value, start=1):
            if p.strategy and p.strategy not in options:
                raise ValueError(f"program {n} ('{p.name}') names strategy '{p.strategy}', "
                                 f"which is not a strategy of {plan.article} {plan.name}; use "
                                 "one of: " + ", ".join(options))
        return value

    @field_validator("policy_tools", mode="after")
    @classmethod
    def _unique_tools(cls, value: list[PolicyTool]) -> list[PolicyTool]:
        unique(value, lambda t: t.tool, "policy tool", "tool")
        return value

    @field_validator(*_PLAN_DEPENDENT, mode="after")
    @classmethod
    def _fits_the_plan(cls, value: Any, info: ValidationInfo) -> Any:
        """A field of another plan type is an error at that field; so is a field this plan
        type needs but the input leaves out."""
        plan = PLAN_TYPES.get(info.data.get("plan", ""))
        name = info.field_name or ""
        if plan is None:
            return value
        given = _given(value, cls.model_fields[name])
        if given and name in PLAN_SPECIFIC_FIELDS and name not in plan.fields:
            raise ValueError(f"is not part of {plan.article} {plan.name}; remove it or check "
                             "'plan:'")
        if not given and name in plan.required_fields:
            desc = cls.model_fields[name].description or ""
            raise ValueError(f"is required in {plan.article} {plan.name}; add it: {desc}")
        return value

    # ---------------------------------------------------------- what the composer calls

    def outline_id(self) -> str:
        return self.plan_type.outline

    @property
    def plan_type(self) -> PlanType:
        return PLAN_TYPES[self.plan]

    @property
    def family(self) -> str:
        return self.plan_type.family

    def default_title(self) -> str:
        p = self.plan_type
        if self.family == "wioa-local":
            if self.modification is not None:
                return (f"{self.local_area.short_name} {p.title}: Modification for "
                        f"{self.period_label}")
            return f"{self.local_area.short_name} {p.title}, {self.period_label}"
        if self.family == "wioa-state":
            return f"{self.jurisdiction.state_name} {p.title}, {self.period_label}"
        return f"{self.plan_label}: Workforce and Job Quality, {self.period_label}"

    def jurisdiction_code(self) -> str:
        where = self.local_area or self.jurisdiction
        return where.state if where else ""

    def author(self) -> str:
        return self.adopter.name

    def subject(self) -> str:
        p = self.plan_type
        if self.family == "wioa-local":
            what = "modification of the " if self.modification is not None else ""
            return (f"{what}{p.name} for the {self.local_area.full_name}, "
                    f"{self.local_area.state_name}, {self.period_label}: every element of "
                    "WIOA section 108(b) and 20 CFR 679.560, with a crosswalk")
        if self.family == "wioa-state":
            return (f"Sector partnership strategy of the {self.place} {p.name}, "
                    f"{self.period_label}: vision and goals, the six core capabilities, "
                    "support for regional partnerships and shared measures")
        return (f"Workforce section of the {self.plan_label} ({p.program}), "
                f"{self.period_label}: strategies, programs, policy tools, partnership and "
                "shared measures")

    def signatories(self) -> list[tuple[str, Optional[str], Optional[str]]]:
        sig = self.adopter.signatory
        if self.family == "wioa-local":
            out: list[tuple[str, Optional[str], Optional[str]]] = [
                (self.board.name, sig.name if sig else None,
                 (sig.title if sig and sig.title else "Chair"))]
            for official in self.chief_elected_officials:
                out.append((official.government, official.name,
                            official.title or "Chief Elected Official"))
            if not self.chief_elected_officials:
                out.append((f"{self.local_area.full_name}", None, "Chief Elected Official"))
            return out
        if self.family == "wioa-state":
            return [(self.board.name, sig.name if sig else None,
                     sig.title if sig and sig.title else "Chair"),
                    (f"Governor of {self.place}", self.governor, "Governor")]
        return [(self.agency.name, sig.name if sig else None,
                 sig.title if sig and sig.title else "Authorized official")]

    def findings(self) -> list[Finding]:
        from plankit.models.plan.findings import plan_findings

        return plan_findings(self) + self.workforce_findings()

    def review_findings(self) -> list[Finding]:
        """Notes for the reviewer: the program's status and sensitive commitments, and for a
        WIOA local plan its union notes."""
        out = super().review_findings()
        if self.family == "wioa-local":
            from plankit.models.plan.local_checks import union_notes

            out += union_notes(self)
        return out

    def legal_checks(self) -> list[dict[str, Any]]:
        """The sources the plan type's elements and notes rely on, and the program's status
        events, with their dates, for the review memo."""
        return super().legal_checks() + self.program_checks()

    def document_findings(self, document) -> list[Finding]:
        """Checks of the composed draft: a required element of a WIOA local plan with
        neither content nor a placeholder in it."""
        if self.family != "wioa-local":
            return []
        from plankit.models.plan.local_checks import draft_findings

        return draft_findings(self, document)

    @classmethod
    def prepare_input(cls, loaded, read_text) -> Any:
        """The input's data, with a CSV file of public comments read in."""
        from plankit.models.plan.comments_file import read_comments

        return read_comments(loaded, read_text)

    # ----------------------------------------------- helpers every plan type's clauses use

    @property
    def adopter(self) -> Party:
        """The board or agency that adopts the plan."""
        return self.board if self.family.startswith("wioa") else self.agency  # type: ignore

    @property
    def adopter_ref(self) -> str:
        """How the text names the adopter after first use, e.g. 'the Office'."""
        a = self.adopter
        if a.short_name:
            return a.short_name
        if self.family == "wioa-state":
            return "the State Board"
        return "the Board" if self.family == "wioa-local" else a.name

    @property
    def place(self) -> str:
        """The area the plan covers, as named in text."""
        if self.family == "wioa-local":
            return self.local_area.full_name
        j = self.jurisdiction
        return f"{j.locality}, {j.state_name}" if j.locality else j.state_name

    @property
    def period(self) -> ProgramYears | PlanPeriod:
        return self.program_years if self.family.startswith("wioa") else self.plan_period

    @property
    def period_label(self) -> str:
        return self.period.label

    @property
    def plan_label(self) -> str:
        """The plan's own name, or '<place> <plan type title>'."""
        if self.plan_name:
            return self.plan_name
        j = self.jurisdiction
        where = (j.locality or j.state_name) if j else ""
        return f"{where} {self.plan_type.title}".strip()

    @property
    def climate_plan_label(self) -> str:
        return CLIMATE_PLANS.get(self.climate_plan or "", "")

    @property
    def plan_form_label(self) -> str:
        return PLAN_FORMS.get(self.plan_form or "", "")

    # ------------------------------------------------------------------ WIOA state

    @property
    def policy_rows(self) -> list[dict[str, Any]]:
        """The six administrative policies with what this plan does about each: in place,
        proposed for this plan period, or later (driven by the policy capability rating)."""
        level = self.capabilities.policy.level if self.capabilities else 0
        rows = []
        for key, label in ADMIN_POLICIES.items():
            if key in self.policies_in_place:
                status = "in-place"
            elif POLICY_STAGE[key] <= level or level >= 2:
                status = "proposed"
            else:
                status = "later"
            rows.append({"id": key, "label": label, "status": status})
        return rows


def _given(value: Any, field) -> bool:
    """Whether a field holds something other than its empty default."""
    if value is None or value is False:
        return False
    if isinstance(value, (list, str)) and not value:
        return False
    if field.default_factory is not None:
        return value != field.default_factory()
    return value != field.default
