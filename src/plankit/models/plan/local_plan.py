"""The operational elements of a WIOA local plan (WIOA sec. 108(b)(2)-(22); 20 CFR
679.560(b)-(c)), each as a small typed block the Board fills in.

Every block defaults to empty, so a clause can always read ``doc.one_stop.access``: a part
left out prints a placeholder naming the field to fill.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import Field, field_validator

from plankit.models.base import Model
from plankit.models.common import ShortText
from plankit.models.plan._fields import TextList, pick
from plankit.models.plan.partnerships import PARTNER_PROGRAMS, PROGRAM_ALIASES, PartnerProgram


class LocalSystem(Model):
    """The local workforce development system (WIOA sec. 108(b)(2); 20 CFR 679.560(b)(1)).
    The programs it includes are the partners listed under ``partners``."""

    alignment: Optional[str] = Field(
        None, description="How the Board works with the entities that carry out the core "
                          "programs and other workforce programs to support the strategy of "
                          "the state plan, in a few sentences")
    programs_of_study: Optional[str] = Field(
        None, description="How the Board works with career and technical education programs "
                          "of study under the Perkins Act, in a sentence or two")


class Access(Model):
    """Access, career pathways and credentials (WIOA sec. 108(b)(3); 20 CFR 679.560(b)(2))."""

    expand: Optional[str] = Field(
        None, description="How the Board and the core programs will expand access to "
                          "employment, training, education and supportive services, especially "
                          "for people with barriers to employment")
    career_pathways: Optional[str] = Field(
        None, description="How they will develop career pathways and co-enroll participants "
                          "in more than one program, where appropriate")
    credentials: Optional[str] = Field(
        None, description="How they will improve access to recognized postsecondary "
                          "credentials that are industry-recognized, portable and stackable")


class EconomicDevelopment(Model):
    """Regional economic development and entrepreneurship (WIOA sec. 108(b)(5); 20 CFR
    679.560(b)(4))."""

    coordination: Optional[str] = Field(
        None, description="How the Board coordinates workforce investment activities with "
                          "regional economic development activities")
    entrepreneurship: Optional[str] = Field(
        None, description="How the Board promotes entrepreneurial skills training and "
                          "microenterprise services")


CenterKind = Literal["comprehensive", "affiliate", "specialized", "mobile"]
CENTER_KINDS = {"comprehensive": "Comprehensive one-stop center",
                "affiliate": "Affiliate site", "specialized": "Specialized center",
                "mobile": "Mobile unit"}


class Center(Model):
    """A one-stop center or site."""

    name: ShortText = Field(description="The center's name, e.g. 'Tarrow Job Center'")
    kind: CenterKind = Field("comprehensive", description="comprehensive, affiliate, "
                                                          "specialized or mobile")
    address: Optional[ShortText] = Field(None, description="Where it is, or where it goes")

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_word(cls, value: Any) -> Any:
        return pick(value, CENTER_KINDS, "a kind of one-stop site")

    @property
    def kind_label(self) -> str:
        return CENTER_KINDS[self.kind]


class OneStopPartner(Model):
    """A one-stop partner: what it does in the one-stop delivery system and what it
    contributes."""

    name: ShortText = Field(description="The partner, as named under 'partners' if it is "
                                        "listed there")
    program: Optional[PartnerProgram] = Field(
        None, description="The program it carries out; left out, taken from 'partners'")
    role: Optional[str] = Field(
        None, description="The services it provides through the one-stop delivery system; "
                          "left out, taken from 'partners'")
    contribution: Optional[str] = Field(
        None, description="What it contributes to infrastructure and other shared costs, "
                          "in cash, in kind or through staff, as the one-stop memorandum of "
                          "understanding sets out")

    @field_validator("program", mode="before")
    @classmethod
    def _program_word(cls, value: Any) -> Any:
        return pick(value, PARTNER_PROGRAMS, "a partner program", aliases=PROGRAM_ALIASES)


class OneStop(Model):
    """The one-stop delivery system (WIOA sec. 108(b)(6); 20 CFR 679.560(b)(5))."""

    operator: Optional[ShortText] = Field(
        None, description="The one-stop operator the Board selected")
    centers: list[Center] = Field(default_factory=list,
                                  description="The one-stop centers and sites, one entry each")
    provider_improvement: Optional[str] = Field(
        None, description="How the Board ensures the continuous improvement of eligible "
                          "providers of services and that they meet the needs of local "
                          "employers, workers and job seekers")
    access: Optional[str] = Field(
        None, description="How the Board facilitates access to services, including in remote "
                          "areas, through technology and other means")
    accessibility: Optional[str] = Field(
        None, description="How the one-stop operator and partners comply with WIOA section "
                          "188 and the Americans with Disabilities Act on physical and "
                          "programmatic accessibility, including staff training")
    partners: list[OneStopPartner] = Field(
        default_factory=list,
        description="The one-stop partners with their roles and resource contributions, one "
                    "entry each")
    mou: Optional[ShortText] = Field(
        None, description="The one-stop memorandum of understanding in force; e.g. 'One-stop "
                          "MOU, July 1, 2025'")


class AdultDislocated(Model):
    """Adult and dislocated worker activities (WIOA sec. 108(b)(7); 20 CFR 679.560(b)(6))."""

    activities: Optional[str] = Field(
        None, description="The type and availability of adult and dislocated worker "
                          "employment and training activities in the area")
    assessment: Optional[str] = Field(
        None, description="The Board's assessment of those activities: what works, what is "
                          "short and what will change")


class YouthActivities(Model):
    """Youth workforce investment activities (WIOA sec. 108(b)(9); 20 CFR 679.560(b)(8))."""

    activities: Optional[str] = Field(
        None, description="The type and availability of youth workforce investment "
                          "activities in the area")
    assessment: Optional[str] = Field(
        None, description="The Board's assessment of those activities")
    disabilities: Optional[str] = Field(
        None, description="Activities for youth with disabilities")
    models: TextList = Field(
        default_factory=list,
        description="Successful models of youth workforce investment activities, one per line")


class SupportiveServices(Model):
    """Transportation and supportive services (WIOA sec. 108(b)(11); 20 CFR
    679.560(b)(10))."""

    transportation: Optional[str] = Field(
        None, description="How the Board coordinates Title I activities with transportation, "
                          "including public transportation")
    other: Optional[str] = Field(
        None, description="How it coordinates other appropriate supportive services, such as "
                          "child care")


class AdultEducation(Model):
    """Adult education and literacy (WIOA sec. 108(b)(13); 20 CFR 679.560(b)(12))."""

    coordination: Optional[str] = Field(
        None, description="How the Board coordinates Title I activities with adult "
                          "education and literacy activities under Title II")
    application_review: Optional[str] = Field(
        None, description="How the Board reviews local applications for Title II funds for "
                          "alignment with this plan, as the state sets out")


class CooperativeAgreement(Model):
    """A cooperative agreement on services to individuals with disabilities and access to
    one-stop services (WIOA sec. 108(b)(14); 20 CFR 679.560(b)(13))."""

    title: ShortText = Field(description="The agreement's name, e.g. 'Cooperative agreement "
                                         "with the vocational rehabilitation agency'")
    parties: TextList = Field(default_factory=list,
                              description="The parties to the agreement, one per line")
    subject: Optional[str] = Field(
        None, description="What it covers, e.g. cross-training of staff, technical "
                          "assistance, sharing information, and working with employers")
    executed: Optional[dt.date] = Field(None, description="The date it was signed")
    attachment: Optional[ShortText] = Field(
        None, description="Where the copy of the executed agreement is attached to the "
                          "plan; e.g. 'Attachment C'")


DeterminedBy = Literal["chief-elected-official", "governor"]


class DisbursingEntity(Model):
    """The entity responsible for the disbursal of grant funds (WIOA sec. 108(b)(15); 20
    CFR 679.560(b)(14))."""

    name: ShortText = Field(description="The entity that disburses the grant funds")
    role: Optional[ShortText] = Field(
        None, description="Its role, e.g. 'local grant subrecipient and fiscal agent'")
    determined_by: DeterminedBy = Field(
        "chief-elected-official",
        description="Who determined it: chief-elected-official or governor")

    @field_validator("determined_by", mode="before")
    @classmethod
    def _who(cls, value: Any) -> Any:
        return pick(value, {"chief-elected-official": "", "governor": ""}, "who determined "
                    "the entity", aliases={"ceo": "chief-elected-official",
                                           "chief-elected-officials": "chief-elected-official"})


class TrainingServices(Model):
    """Training services (WIOA sec. 108(b)(19); 20 CFR 679.560(b)(18))."""

    accounts: Optional[str] = Field(
        None, description="How training services are provided through individual training "
                          "accounts")
    contracts: Optional[str] = Field(
        None, description="Whether contracts for training services are used and, if so, how "
                          "they are coordinated with individual training accounts")
    customer_choice: Optional[str] = Field(
        None, description="How the Board ensures informed customer choice in the selection "
                          "of training programs")


class PriorityOfService(Model):
    """Priority of service: Adult funds (WIOA sec. 134(c)(3)(E); 20 CFR 679.560(b)(21),
    680.600) and veterans (38 U.S.C. 4215; 20 CFR 1010.230(b))."""

    adult: Optional[str] = Field(
        None, description="The direction the Governor and the Board give the one-stop "
                          "operator on priority for Adult individualized career services and "
                          "training services")
    veterans: Optional[str] = Field(
        None, description="The Board's policy on priority of service for veterans and "
                          "eligible spouses, including how they are identified at entry and "
                          "told of their priority")
    other_groups: TextList = Field(
        default_factory=list,
        description="Other groups the Governor or the Board give priority, after the "
                    "statutory groups, one per line")


class GovernorItem(Model):
    """One item of information the Governor's local plan instructions require."""

    item: ShortText = Field(description="What the instructions ask for")
    response: Optional[str] = Field(None, description="The Board's answer")


class StateGuidance(Model):
    """The Governor's current instructions for local plans or their modification."""

    title: ShortText = Field(description="The instructions' title, e.g. 'Local and Regional "
                                         "Plan Instructions, Program Years 2024-2027'")
    number: Optional[ShortText] = Field(
        None, description="Its policy or letter number, e.g. 'Workforce Policy Letter 25-04'")
    issued: Optional[dt.date] = Field(None, description="The date it was issued")
    items: Optional[list[GovernorItem]] = Field(
        None, description="Information the instructions require beyond the federal elements, "
                          "one entry each; write 'items: []' if they require none")

    @property
    def label(self) -> str:
        """'Workforce Policy Letter 25-04, "Title" (December 15, 2025)'."""
        when = f" ({self.issued:%B} {self.issued.day}, {self.issued.year})" if self.issued else ""
        return (f"{self.number}, {self.title}" if self.number else self.title) + when
