"""Input for the mou-sector-partnership kind: a memorandum of understanding among the members
of an industry sector partnership and the organization that convenes it.

A workforce board or other intermediary convenes employers in one industry sector with the
education and training, labor, community, economic development and public partners that
serve them. The memorandum records what the partners want to achieve together, who leads,
what each partner commits to, the metrics they will track together, how often they meet
and review the numbers, the funding each brings, and how long the memorandum lasts.

Facts the partners have not settled yet (a target, a meeting schedule, an amount) may be
left out: the draft shows a visible placeholder and the review checklist lists it. No
default is invented for them. Every field's description is written as "what to supply":
plankit shows it as the placeholder prompt when the value is missing.

This module holds the input schema; its words (partner roles, cadences) are in
:mod:`plankit.models.sector_mou_terms`, what clauses read in
:mod:`plankit.models.sector_mou_views` and the domain checks in
:mod:`plankit.models.sector_mou_checks`.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator

from plankit.models._choices import choice_word as _word
from plankit.models._choices import lists_none, one_or_many
from plankit.models._choices import whole_number as _whole
from plankit.models.agreement import MAX_DAYS, AgreementTerm, Renewal  # noqa: F401 - re-exported
from plankit.models.base import Model
from plankit.models.common import (STATES, Contact, DateRange, DocumentInput, Finding,
                                   Metric, Money, Party, ShortText, StateCode, Text)
from plankit.models.sector_mou_terms import (  # noqa: F401 - re-exported
    _CADENCE_ALIASES, _ROLE_ALIASES, CADENCE, PARTNER_ROLES, Cadence, Contribution,
    PartnerRole, _key)
from plankit.models.sector_mou_views import SectorMouViews, _title_case


# --------------------------------------------------------------------------- the sector


class Sector(Model):
    """The industry sector and the region the partnership serves."""

    name: ShortText = Field(
        description="The industry sector as it reads in a sentence, e.g. 'advanced "
                    "manufacturing' or 'health care' (\"the health care sector\")")
    region: ShortText = Field(
        description="The region the partnership serves, e.g. 'the North Valley region "
                    "(Fresno, Madera and Kings counties)'")
    state: StateCode = Field(
        description="The state the region is in, as a two-letter code such as 'CA'; its law "
                    "governs any part of the memorandum that binds the parties")
    occupations: list[ShortText] = Field(
        default_factory=list,
        description="The occupations the partnership focuses on, one per line, e.g. "
                    "'Registered nurses'; leave out if the partners have not chosen them yet")

    @field_validator("occupations", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return [] if value is None else one_or_many(value)

    @property
    def state_name(self) -> str:
        return STATES[self.state]


# --------------------------------------------------------------------------- parties


class Convener(Party):
    """The organization that convenes and staffs the partnership, usually a workforce board
    or another neutral intermediary. It signs the memorandum."""

    role: Optional[Text] = Field(
        None, description="What the convener does for the partnership, in a sentence or two, "
                          "beyond the standard duties the memorandum already lists "
                          "(organizing meetings, staff support, data and reporting)")


class Partner(Party):
    """An organization that signs the memorandum as a member of the partnership."""

    role: PartnerRole = Field(
        description="The partner's place in the partnership, one of: industry (an employer "
                    "or employer association in the sector), education-training, "
                    "workforce-board, labor, community, economic-development, government, "
                    "funder, other")
    commitments: list[ShortText] = Field(
        default_factory=list,
        description="What the partner commits to do for the partnership, one commitment per "
                    "line, in plain words, e.g. 'Host 20 clinical placements a year'")

    @field_validator("role", mode="before")
    @classmethod
    def _role_word(cls, value: Any) -> Any:
        return _word(value, _ROLE_ALIASES)

    @field_validator("commitments", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return [] if value is None else one_or_many(value)

    @property
    def role_label(self) -> str:
        return PARTNER_ROLES.get(self.role, self.role)


# --------------------------------------------------------------------------- meetings


class CoChair(Model):
    """A person who co-chairs the partnership's meetings."""

    name: ShortText = Field(description="The co-chair's name, e.g. 'Maria Gonzalez'")
    title: Optional[ShortText] = Field(
        None, description="The co-chair's job title, e.g. 'Chief Nursing Officer'")
    partner: ShortText = Field(
        description="The organization the co-chair comes from: the name or short name of the "
                    "convener or of one of the partners")


class Meetings(Model):
    """How the partnership meets and who leads its meetings."""

    cadence: Optional[Cadence] = Field(
        None, description="How often the full partnership meets: monthly, bi-monthly (every "
                          "two months), quarterly, twice-a-year or annually")
    industry_co_chair: Optional[CoChair] = Field(
        None, description="The person from an industry partner (an employer in the sector) "
                          "who co-chairs the partnership")
    co_chair: Optional[CoChair] = Field(
        None, description="The other co-chair, usually from the convener or a public "
                          "partner; leave out if the industry co-chair chairs alone")
    format: Optional[ShortText] = Field(
        None, description="Where and how the partnership meets, e.g. 'in person at a "
                          "different employer's site each time, with a video link'")
    workgroups: list[ShortText] = Field(
        default_factory=list,
        description="Standing workgroups the partnership sets up, one per line, e.g. "
                    "'Clinical placements and preceptors'")

    @field_validator("cadence", mode="before")
    @classmethod
    def _cadence_word(cls, value: Any) -> Any:
        return _word(value, _CADENCE_ALIASES)

    @field_validator("workgroups", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return [] if value is None else one_or_many(value)

    @property
    def cadence_text(self) -> Optional[str]:
        return CADENCE.get(self.cadence) if self.cadence else None


# --------------------------------------------------------------------------- data sharing


class DataSharing(Model):
    """What information the partners share with each other, and under which agreement."""

    shared: list[ShortText] = Field(
        default_factory=list,
        description="What the partners share with each other for the partnership's work, one "
                    "item per line, e.g. 'Each employer's projected openings by occupation, "
                    "once a year'")
    individual_records: bool = Field(
        False, description="true if any partner will share records about identifiable people "
                           "(participants, students, workers); such records are shared only "
                           "under a separate data-sharing agreement")
    agreement: Optional[ShortText] = Field(
        None, description="The separate data-sharing agreement that governs records about "
                          "identifiable people, by name and date, e.g. 'North Valley "
                          "Healthcare Data Sharing MOU of March 1, 2026'")

    @field_validator("shared", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return [] if value is None else one_or_many(value)


# --------------------------------------------------------------------------- funding


class FundingCommitment(Model):
    """Money or in-kind support one funder or partner commits to the partnership's work."""

    funder: ShortText = Field(
        description="Who provides the funds: a partner's name or short name, or an outside "
                    "funder, e.g. 'State Workforce Board'")
    source: ShortText = Field(
        description="The program or source of the funds, e.g. 'WIOA Title I Adult and "
                    "Dislocated Worker funds' or 'Employer training fund'")
    contribution: Contribution = Field(
        "cash", description="cash (money), or in-kind (staff time, space, equipment or "
                            "supplies valued in dollars)")
    amount: Optional[Money] = Field(
        None, description="The amount in dollars, or for in-kind support its estimated value, "
                          "e.g. 250000 or \"$250,000\"")
    purpose: ShortText = Field(
        description="What the funds pay for, e.g. 'Tuition and supportive services for "
                    "nursing assistant trainees'")
    period: Optional[DateRange] = Field(
        None, description="When the funds are available: a start and an end date "
                          "(YYYY-MM-DD)")

    @field_validator("contribution", mode="before")
    @classmethod
    def _contribution_word(cls, value: Any) -> Any:
        return _word(value, {"in-kind-support": "in-kind", "inkind": "in-kind",
                             "money": "cash", "funds": "cash"})


# --------------------------------------------------------------------------- term


class Term(AgreementTerm):
    """When the memorandum starts and ends, how it is renewed and how a party leaves it."""

    withdrawal_notice_days: Optional[int] = Field(
        None, description="Number of days' written notice a party gives before it withdraws "
                          "from the partnership")

    @field_validator("withdrawal_notice_days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        return _whole(value, "days", 1, MAX_DAYS)


# --------------------------------------------------------------------------- the input


class SectorPartnershipMouInput(SectorMouViews, DocumentInput):
    """A memorandum of understanding among the convener and the partners of an industry
    sector partnership."""

    kind: Literal["mou-sector-partnership"] = Field(
        description="Always 'mou-sector-partnership' for this document")
    partnership_name: Optional[ShortText] = Field(
        None, description="The partnership's own name, e.g. 'North Valley Healthcare Workforce "
                          "Partnership'; leave out to call it by its sector")
    sector: Sector = Field(
        description="The industry sector and the region the partnership serves")
    convener: Convener = Field(
        description="The organization that convenes and staffs the partnership, usually the "
                    "workforce board; put the person who signs for it under 'signatory'")
    partners: list[Partner] = Field(
        description="The organizations that sign the memorandum as partners, at least two, "
                    "each with its role and its commitments")
    point_of_contact: Optional[Contact] = Field(
        None, description="The convener's staff member who is the partners' day-to-day point "
                          "of contact for the partnership: name, title, email and phone")
    background: Optional[Text] = Field(
        None, description="Optional background for the recitals: what led the partners to "
                          "form the partnership, e.g. the shortage it responds to")
    vision: Text = Field(
        description="The partners' shared vision for the sector's workforce, in a sentence "
                    "or two")
    goals: list[ShortText] = Field(
        default_factory=list,
        description="The partnership's goals for the term of the memorandum, one per line")
    metrics: list[Metric] = Field(
        default_factory=list,
        description="The metrics all partners agree to track together, one entry each, with "
                    "baseline, target, data source, how results are broken down and how often "
                    "they are reported")
    meetings: Meetings = Field(
        default_factory=Meetings,
        description="How often the partnership meets, who co-chairs it and its workgroups")
    data_sharing: DataSharing = Field(
        default_factory=DataSharing,
        description="What information the partners share with each other, and the separate "
                    "data-sharing agreement for records about identifiable people, if any")
    funding: list[FundingCommitment] = Field(
        default_factory=list,
        description="The funding and in-kind support each funder or partner commits, one "
                    "entry per source")
    term: Term = Field(
        default_factory=Term,
        description="When the memorandum starts and ends, renewal and notice to withdraw")

    # ---------------------------------------------------------------- validation

    @field_validator("meetings", "data_sharing", "term", mode="before")
    @classmethod
    def _empty_group(cls, value: Any) -> Any:
        return {} if value is None else value  # a heading with every line commented out

    @field_validator("goals", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return [] if value is None else one_or_many(value)

    @field_validator("metrics", "funding", mode="before")
    @classmethod
    def _list(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("partners", mode="before")
    @classmethod
    def _some_partners(cls, value: Any) -> Any:
        if lists_none(value):
            raise ValueError("lists no partners; add at least two, each with '- name: ...' "
                             "and its role")
        return value

    @field_validator("partners", mode="after")
    @classmethod
    def _partners(cls, value: list[Partner], info: ValidationInfo) -> list[Partner]:
        if len(value) < 2:
            raise ValueError("lists 1 partner; a sector partnership memorandum needs at least "
                             "two partners besides the convener")
        problems: list[str] = []
        seen: dict[str, tuple[str, str]] = {}
        convener: Optional[Convener] = info.data.get("convener")
        if convener is not None:
            for label in (convener.name, convener.short_name):
                if label:
                    seen.setdefault(_key(label), ("the convener", label))
        for n, p in enumerate(value, start=1):
            labels = [p.name] + ([p.short_name] if p.short_name and
                                 _key(p.short_name) != _key(p.name) else [])
            for label in labels:
                key = _key(label)
                if key in seen and seen[key][0] != f"partner {n}":
                    who, other = seen[key]
                    problems.append(f"{who} ('{other}') and partner {n} ('{label}') have the "
                                    "same name or short name; give each its own, so the "
                                    "memorandum can tell them apart (the convener is not "
                                    "listed again as a partner)")
                else:
                    seen.setdefault(key, (f"partner {n}", label))
        if problems:
            raise ValueError("; ".join(problems))
        return value

    @field_validator("meetings", mode="after")
    @classmethod
    def _co_chairs_known(cls, value: Meetings, info: ValidationInfo) -> Meetings:
        convener: Optional[Convener] = info.data.get("convener")
        partners: Optional[list[Partner]] = info.data.get("partners")
        if convener is None or not partners:  # their own problems are reported there
            return value
        parties: list[Party] = [convener, *partners]
        known = {_key(label) for p in parties for label in (p.name, p.short_name) if label}
        choices = ", ".join(f"'{p.ref}'" for p in parties)
        problems = []
        for field in ("industry_co_chair", "co_chair"):
            chair: Optional[CoChair] = getattr(value, field)
            if chair is not None and _key(chair.partner) not in known:
                problems.append(f"{field}.partner: '{chair.partner}' is not the convener or "
                                f"one of the partners; use one of: {choices}")
        if problems:
            raise ValueError("; ".join(problems))
        return value

    # ---------------------------------------------------------------- what the composer calls

    @property
    def partnership_label(self) -> str:
        """The partnership's name, or e.g. 'Health care sector partnership'."""
        return self.partnership_name or f"{self.sector.name} sector partnership"

    def default_title(self) -> str:
        if self.partnership_name:
            return f"Memorandum of Understanding for the {self.partnership_name}"
        return f"{_title_case(self.sector.name)} Sector Partnership Memorandum of Understanding"

    def jurisdiction_code(self) -> str:
        return self.sector.state

    def author(self) -> str:
        return self.convener.name

    def subject(self) -> str:
        return (f"{self.partnership_label}: shared vision, partner commitments, shared metrics "
                f"and funding ({self.sector.region}, {self.sector.state_name})")

    def signatories(self) -> list[tuple[str, Optional[str], Optional[str]]]:
        return [(p.name, p.signatory.name if p.signatory else None,
                 p.signatory.title if p.signatory else None)
                for p in [self.convener, *self.partners]]

    # ---------------------------------------------------------------- domain warnings

    def findings(self) -> list[Finding]:
        """Content warnings (see :mod:`plankit.models.sector_mou_checks`)."""
        from plankit.models.sector_mou_checks import findings

        return findings(self)
