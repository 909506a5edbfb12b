"""Input for the plan-section kind: one section of a public workforce plan.

A workforce-board analyst describes the plan in one file: who adopts it, the area and
period it covers, the labor market analysis, the board's vision, its sector partnerships,
its partners, its job quality commitments and its performance levels. plankit drafts the
section from the clause library, with a visible placeholder for each fact left out.

Plan types. ``plan`` says which plan the section belongs to; today only ``wioa-local``
(a WIOA local workforce plan). To add a plan type:

1. add its id to :data:`PlanId` and an entry to :data:`PLAN_TYPES` in ``registry.py`` (its
   name, its title, and which plan-specific fields it uses);
2. add any fields only it needs to :class:`PlanSectionInput` (``section.py``) as optional
   fields and list them in its ``fields``, so that a file for another plan type that sets
   them is told so; put their models in a module of their own, as ``wioa.py`` does for the
   WIOA local plan;
3. write its outline, ``templates/outlines/plan-section.<id>.yaml``, and its clauses.

The building blocks (``frame.py``: program years and local area; ``labor_market.py``: labor
market and workforce; ``partnerships.py``: sector partnerships, employer engagement and
partners; ``job_quality.py``) are meant to be shared by plan types whose plans need the same
analysis. ``_fields.py`` holds the small field types and validator helpers they use.

Every name is importable from this package, e.g. ``from plankit.models.plan import
PlanSectionInput``.
"""

from plankit.models.plan._fields import Change, Count, TextList
from plankit.models.plan.frame import LocalArea, ProgramYears
from plankit.models.plan.job_quality import COMMITMENTS, Commitment, JobQuality
from plankit.models.plan.labor_market import (BarrierGroup, LaborMarket, Occupation, Sector,
                                              Workforce)
from plankit.models.plan.partnerships import (CORE_PARTNER_PROGRAMS, CORE_PROGRAMS,
                                              EMPLOYER_SERVICES, PARTNER_PROGRAMS,
                                              PARTNERSHIP_STATUS, PROGRAM_ALIASES,
                                              SERVICE_ALIASES, EmployerEngagement,
                                              EmployerService, Partner, PartnerProgram,
                                              PartnershipStatus, SectorPartnership)
from plankit.models.plan.registry import PLAN_SPECIFIC_FIELDS, PLAN_TYPES, PlanId, PlanType
from plankit.models.plan.section import PlanSectionInput
from plankit.models.plan.wioa import (INDICATORS, AdultLevels, DislocatedWorkerLevels,
                                      ElectedOfficial, Performance, PlanningRegion,
                                      ProgramLevels, WorkforceActivities, YouthLevels)

__all__ = [
    # registry.py
    "PlanId", "PlanType", "PLAN_TYPES", "PLAN_SPECIFIC_FIELDS",
    # _fields.py
    "Count", "Change", "TextList",
    # frame.py
    "ProgramYears", "LocalArea",
    # labor_market.py
    "Sector", "Occupation", "LaborMarket", "BarrierGroup", "Workforce",
    # partnerships.py
    "PartnershipStatus", "PARTNERSHIP_STATUS", "SectorPartnership", "EmployerService",
    "EMPLOYER_SERVICES", "SERVICE_ALIASES", "EmployerEngagement", "PartnerProgram",
    "PARTNER_PROGRAMS", "PROGRAM_ALIASES", "CORE_PROGRAMS", "CORE_PARTNER_PROGRAMS", "Partner",
    # job_quality.py
    "Commitment", "COMMITMENTS", "JobQuality",
    # wioa.py
    "ElectedOfficial", "PlanningRegion", "WorkforceActivities", "INDICATORS", "ProgramLevels",
    "AdultLevels", "DislocatedWorkerLevels", "YouthLevels", "Performance",
    # section.py
    "PlanSectionInput",
]
