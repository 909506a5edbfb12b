"""The plan-section input itself: the fields of a plan section, and what the composer and
clause bodies ask of it."""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, field_validator, model_validator

from plankit.models.common import DocumentInput, Party
from plankit.models.plan._fields import TextList, pick, unique
from plankit.models.plan.frame import LocalArea, ProgramYears, years_from_text
from plankit.models.plan.job_quality import JobQuality
from plankit.models.plan.labor_market import LaborMarket, Occupation, Workforce
from plankit.models.plan.partnerships import (CORE_PARTNER_PROGRAMS, CORE_PROGRAMS,
                                              PARTNER_PROGRAMS, EmployerEngagement, Partner,
                                              SectorPartnership)
from plankit.models.plan.registry import PLAN_SPECIFIC_FIELDS, PLAN_TYPES, PlanId, PlanType
from plankit.models.plan.wioa import (ElectedOfficial, Performance, PlanningRegion,
                                      WorkforceActivities)


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
        return years_from_text(value)

    @field_validator("plan", mode="before")
    @classmethod
    def _plan_word(cls, value: Any) -> Any:
        return pick(value, {k: p.name for k, p in PLAN_TYPES.items()}, "a plan type")

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
