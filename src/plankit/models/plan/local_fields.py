"""The input fields only WIOA plans use (the wioa-local family, and ``modification`` for
both WIOA families): the operational elements of a local plan (WIOA sec. 108(b)(2)-(22);
20 CFR 679.560(b)-(e)), the planning region, the modification, and public comment.

They sit between the plan type and the fields every plan shares, so each is checked
against the plan type (a digital equity plan that sets ``one_stop`` is told so).
"""

from __future__ import annotations

from typing import Annotated, Any, Optional

from pydantic import BeforeValidator, Field, model_validator
from pydantic.json_schema import SkipJsonSchema

from plankit.models.common import ShortText
from plankit.models.plan.base import PlanSectionBase
from plankit.models.plan.comments import PublicComment, PublicCommentProcess
from plankit.models.plan.goals import split_goals
from plankit.models.plan.local_plan import (Access, AdultDislocated, AdultEducation,
                                            CooperativeAgreement, DisbursingEntity,
                                            EconomicDevelopment, LocalSystem, OneStop,
                                            PriorityOfService, StateGuidance,
                                            SupportiveServices, TrainingServices,
                                            YouthActivities)
from plankit.models.plan.modification import Modification, modification_value
from plankit.models.plan.regional import PlanningRegion


def _comments(value: Any) -> Any:
    if isinstance(value, str):
        raise ValueError(f"'{value}' could not be read as a file of comments; name a CSV file "
                         "beside the input, e.g. 'public_comments: comments.csv', or list the "
                         "comments here")
    return value


class WioaLocalFields(PlanSectionBase):
    """Fields of the WIOA plan families (see ``FAMILY_FIELDS`` in ``registry.py``)."""

    modification: Annotated[Optional[Modification], BeforeValidator(modification_value)] = Field(
        None, description="For a plan that modifies an approved WIOA plan: why (reason, "
                          "factors), the plan it modifies (prior_plan_date) and what changed "
                          "(changes); 'true' alone frames the draft as a modification")
    planning_region: Optional[PlanningRegion] = Field(
        None, description="The planning region the state placed the area in, if any, with "
                          "the regional plan elements or the regional plan that answers them")
    system: LocalSystem = Field(
        default_factory=LocalSystem,
        description="The local workforce development system and how the Board aligns it "
                    "with the state plan (WIOA sec. 108(b)(2))")
    access: Access = Field(
        default_factory=Access,
        description="Access, career pathways, co-enrollment and credentials (WIOA sec. "
                    "108(b)(3))")
    economic_development: EconomicDevelopment = Field(
        default_factory=EconomicDevelopment,
        description="Regional economic development and entrepreneurship (WIOA sec. "
                    "108(b)(5))")
    one_stop: OneStop = Field(
        default_factory=OneStop,
        description="The one-stop delivery system (WIOA sec. 108(b)(6))")
    adult_dislocated: AdultDislocated = Field(
        default_factory=AdultDislocated,
        description="Adult and dislocated worker activities (WIOA sec. 108(b)(7))")
    rapid_response: Optional[str] = Field(
        None, description="How the Board coordinates with statewide rapid response "
                          "activities (WIOA sec. 108(b)(8))")
    youth: YouthActivities = Field(
        default_factory=YouthActivities,
        description="Youth workforce investment activities (WIOA sec. 108(b)(9))")
    education: Optional[str] = Field(
        None, description="How the Board coordinates with secondary and postsecondary "
                          "education programs (WIOA sec. 108(b)(10))")
    supportive_services: SupportiveServices = Field(
        default_factory=SupportiveServices,
        description="Transportation and other supportive services (WIOA sec. 108(b)(11))")
    wagner_peyser: Optional[str] = Field(
        None, description="Plans, assurances and strategies for coordinating the Wagner-Peyser "
                          "Employment Service with one-stop services (WIOA sec. 108(b)(12))")
    adult_education: AdultEducation = Field(
        default_factory=AdultEducation,
        description="Adult education and literacy under Title II (WIOA sec. 108(b)(13))")
    cooperative_agreements: list[CooperativeAgreement] = Field(
        default_factory=list,
        description="Cooperative agreements, including with vocational rehabilitation (WIOA "
                    "sec. 108(b)(14)); one entry each")
    disbursing_entity: Optional[DisbursingEntity] = Field(
        None, description="The entity responsible for the disbursal of grant funds (WIOA sec. "
                          "108(b)(15))")
    competitive_process: Optional[str] = Field(
        None, description="The competitive process used to award Title I subgrants and "
                          "contracts (WIOA sec. 108(b)(16))")
    high_performing_board: Optional[str] = Field(
        None, description="Actions toward becoming or remaining a high-performing board (WIOA "
                          "sec. 108(b)(18))")
    training_services: TrainingServices = Field(
        default_factory=TrainingServices,
        description="Individual training accounts, training contracts and customer choice "
                    "(WIOA sec. 108(b)(19))")
    intake_case_management: Optional[str] = Field(
        None, description="How the one-stop centers are moving to integrated, "
                          "technology-enabled intake and case management (WIOA sec. "
                          "108(b)(21))")
    priority_of_service: PriorityOfService = Field(
        default_factory=PriorityOfService,
        description="Priority of service for Adult funds and for veterans")
    public_comment: PublicCommentProcess = Field(
        default_factory=PublicCommentProcess,
        description="How the proposed plan was made available for public comment (WIOA sec. "
                    "108(d))")
    public_comments: Annotated[list[PublicComment], BeforeValidator(_comments)] = Field(
        default_factory=list,
        description="The comments received and the Board's response to each, one entry each, "
                    "or the name of a CSV file of them")
    state_guidance: Optional[StateGuidance] = Field(
        None, description="The Governor's current local plan instructions, and the "
                          "information they require beyond the federal elements")
    goal_indicators: SkipJsonSchema[list[list[ShortText]]] = Field(
        default_factory=list, exclude=True,
        description="Filled in from 'goals': the primary indicators each goal relates to")

    @model_validator(mode="before")
    @classmethod
    def _goal_ties(cls, data: Any) -> Any:
        return split_goals(data)



