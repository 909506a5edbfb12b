"""Input for the plan-section kind: the workforce section of a public plan.

An analyst describes the plan in one file: who adopts it, the area and period it covers,
the analysis, the vision, the strategies and partners, the job quality commitments and the
measures. plankit drafts the section from the clause library, with a visible placeholder for
each fact left out.

Plan types. ``plan`` says which plan the section belongs to; ``plankit plans`` lists them.
The facts about each plan type (program, agency, update frequency, the workforce strategies
that fit it, and the elements required or recommended as of a date) live in the data file
``src/plankit/data/plan_types.yaml``, read by ``registry.py``. Plan types come in three
families, each with its own outline and clauses:

- ``wioa-local``: a WIOA local plan (``wioa.py``; clauses in ``clauses/wioa-local/``);
- ``wioa-state``: the sector strategy section of a WIOA state plan (``state.py``; clauses in
  ``clauses/wioa-state/``);
- ``workforce``: the workforce section of any other public plan (``workforce_section.py``;
  one shared set of clauses in ``clauses/plan-workforce/``, with the strategy text of each
  plan type taken from the data file).

To add a plan type of an existing family, add it to the data file and its id to
:data:`PlanId`. To add a family:

1. add it to ``Family``, ``FAMILY_FIELDS`` and ``FAMILY_REQUIRED`` in ``registry.py``;
2. add any fields only it needs to :class:`PlanSectionInput` (``section.py``, or a base class
   like ``local_fields.py``) as optional
   fields, listed in ``FAMILY_FIELDS``, so that a file for another plan type that sets them is
   told so; put their models in a module of their own, as ``state.py`` does;
3. write its outline, ``templates/outlines/plan-section.<family>.yaml``, its clauses and a
   starter, ``src/plankit/starters/plan-section.<family>.yaml``.

The building blocks (``frame.py``: the period and the local area; ``labor_market.py``: labor
market and workforce; ``partnerships.py``: sector partnerships, employer engagement and
partners; ``job_quality.py``; ``metrics.py``: the shared metrics table; ``goals.py``: goals
tied to the WIOA primary indicators) are shared by the families. The WIOA fields come first,
after the plan type (``base.py``, ``local_fields.py``): the operational elements of a local
plan (``local_plan.py``), the planning region (``regional.py``), the modification
(``modification.py``) and public comment (``comments.py``). Two mixins give the clauses what
they read besides fields: ``elements.py`` (the plan type's elements, their sources and
statuses) and ``wioa_view.py`` (the local plan's helpers and its crosswalk).
``findings.py`` holds the domain checks, with those of the WIOA local plan in
``local_checks.py``; ``starter.py`` writes the starter input for a plan type. ``_fields.py``
holds the small field types and validator helpers.
``programs.py`` holds the program status models (each plan type's program, active, changed,
suspended or terminated as of a date); ``workforce_doc.py`` what the workforce clauses read
from a plan beyond its fields (status on the plan's date, variants, subgrant terms,
strategies); ``commitments.py`` the commitments a strategy declares and the notes on
commitments a program's rules make sensitive.

Every name is importable from this package, e.g. ``from plankit.models.plan import
PlanSectionInput``.
"""

from plankit.models.plan._fields import Change, Count, TextList
from plankit.models.plan.frame import LocalArea, PlanPeriod, ProgramYears
from plankit.models.plan.job_quality import COMMITMENTS, Commitment, JobQuality
from plankit.models.plan.labor_market import (BarrierGroup, LaborMarket, Occupation, Sector,
                                              Workforce)
from plankit.models.plan.partnerships import (CORE_PARTNER_PROGRAMS, CORE_PROGRAMS,
                                              EMPLOYER_SERVICES, PARTNER_PROGRAMS,
                                              PARTNERSHIP_STATUS, PROGRAM_ALIASES,
                                              SERVICE_ALIASES, EmployerEngagement,
                                              EmployerService, Partner, PartnerProgram,
                                              PartnershipStatus, SectorPartnership)
from plankit.models.plan.metrics import MEASURES, Measure, PlanMetric
from plankit.models.plan.registry import (PLAN_ALIASES, PLAN_SPECIFIC_FIELDS, PLAN_TYPES,
                                          Element, PlanId, PlanType, Source, Strategy)
from plankit.models.plan.section import PlanSectionInput
from plankit.models.plan.state import (ADMIN_POLICIES, CAPABILITIES, RATINGS, Capabilities,
                                       CapabilityAssessment, PartnershipQuality, RegionalSupport)
from plankit.models.plan.regional import PlanningRegion, RegionalPlan
from plankit.models.plan.wioa import (INDICATORS, AdultLevels, DislocatedWorkerLevels,
                                      ElectedOfficial, Performance, ProgramLevels,
                                      WorkforceActivities, YouthLevels)
from plankit.models.plan.workforce_section import (TOOLS, PartnershipPlan, PolicyTool,
                                                   TrainingProgram)

__all__ = [
    # registry.py
    "PlanId", "PlanType", "PLAN_TYPES", "PLAN_ALIASES", "PLAN_SPECIFIC_FIELDS", "Element",
    "Source", "Strategy",
    # _fields.py
    "Count", "Change", "TextList",
    # frame.py
    "ProgramYears", "PlanPeriod", "LocalArea",
    # labor_market.py
    "Sector", "Occupation", "LaborMarket", "BarrierGroup", "Workforce",
    # partnerships.py
    "PartnershipStatus", "PARTNERSHIP_STATUS", "SectorPartnership", "EmployerService",
    "EMPLOYER_SERVICES", "SERVICE_ALIASES", "EmployerEngagement", "PartnerProgram",
    "PARTNER_PROGRAMS", "PROGRAM_ALIASES", "CORE_PROGRAMS", "CORE_PARTNER_PROGRAMS", "Partner",
    # job_quality.py
    "Commitment", "COMMITMENTS", "JobQuality",
    # wioa.py, regional.py
    "ElectedOfficial", "PlanningRegion", "RegionalPlan", "WorkforceActivities", "INDICATORS",
    "ProgramLevels",
    "AdultLevels", "DislocatedWorkerLevels", "YouthLevels", "Performance",
    # metrics.py
    "Measure", "MEASURES", "PlanMetric",
    # state.py
    "RATINGS", "CAPABILITIES", "ADMIN_POLICIES", "CapabilityAssessment", "Capabilities",
    "RegionalSupport", "PartnershipQuality",
    # workforce_section.py
    "TOOLS", "PolicyTool", "TrainingProgram", "PartnershipPlan",
    # section.py
    "PlanSectionInput",
]
