"""Input for the mou-data-sharing kind: a data-sharing memorandum of understanding between
a workforce agency and one or more partners (schools and colleges, the unemployment
insurance agency, corrections, social services, labor standards enforcement).

Agency data or legal staff describe who shares what with whom, for what purpose and under
which law, and the safeguards the parties have agreed. plankit drafts the agreement from the
clause library. Terms the parties still have to negotiate (how fast a breach must be
reported, the smallest publishable count, how long data are kept) are optional here: when
left out, the draft shows a visible placeholder and the review checklist lists it. No
default is invented for them.

Every field's description is written as "what to supply": plankit shows it as the
placeholder prompt when the value is missing.
"""

from __future__ import annotations

import dataclasses
import difflib
from typing import Any, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator, model_validator

from plankit.models._choices import listed_twice, lists_none, lower_word, one_or_many
from plankit.models._choices import whole_number as _whole
from plankit.models.agreement import MAX_DAYS, AgreementTerm, Renewal  # noqa: F401 - re-exported
from plankit.models.authorities import AUTHORITIES, AuthorityId
from plankit.models.base import Model
from plankit.models.common import (Contact, DocumentInput, Finding, Jurisdiction, Party,
                                   ShortText, Text)

# --------------------------------------------------------------------------- vocabularies

AgencyType = Literal["workforce-agency", "workforce-board", "ui-agency", "k12",
                     "community-college", "university", "corrections", "social-services",
                     "labor-standards", "other"]

AGENCY_TYPES: dict[str, str] = {
    "workforce-agency": "workforce agency",
    "workforce-board": "workforce development board",
    "ui-agency": "unemployment insurance agency",
    "k12": "K-12 education agency or school district",
    "community-college": "community college or college system",
    "university": "university",
    "corrections": "corrections agency",
    "social-services": "social or human services agency",
    "labor-standards": "labor standards enforcement agency",
    "other": "other public body or organization",
}
"""How each agency type is printed."""

EDUCATION_TYPES = frozenset({"k12", "community-college", "university"})
HEALTH_TYPES = frozenset({"social-services", "corrections"})

Role = Literal["disclosing", "receiving", "both"]

ROLES: dict[str, str] = {
    "disclosing": "Provides data",
    "receiving": "Receives data",
    "both": "Provides and receives data",
}

Sensitivity = Literal["public", "internal", "confidential", "restricted"]
SENSITIVITY: dict[str, str] = {
    "public": "Public", "internal": "Internal", "confidential": "Confidential",
    "restricted": "Restricted",
}

Frequency = Literal["one-time", "monthly", "quarterly", "annually", "on-request"]
FREQUENCY: dict[str, str] = {
    "one-time": "Once", "monthly": "Monthly", "quarterly": "Quarterly",
    "annually": "Once a year", "on-request": "On request",
}

Cadence = Literal["monthly", "quarterly", "twice-a-year", "annually", "as-needed"]
CADENCE: dict[str, str] = {
    "monthly": "at least once a month",
    "quarterly": "at least once each calendar quarter",
    "twice-a-year": "at least twice a year",
    "annually": "at least once a year",
    "as-needed": "when any party asks",
}

MAX_HOURS = 24 * 365

SMALL_CELL_MINIMUM = 11
"""Smallest count the data use license terms on record allow to be published: any cell based
on fewer than 11 observations is suppressed."""
SMALL_CELL_SOURCE = "Rhode Island EOHHS data use license, Guiding Legal Framework"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _days(hours: int) -> str:
    days = hours / 24
    shown = f"{days:,.0f}" if days == int(days) else f"{days:,.1f}"
    return f"{shown} day{'s' if days != 1 else ''}"


# --------------------------------------------------------------------------- parties


class MouParty(Party):
    """A party to the agreement: who it is, what kind of body it is, and whether it provides
    data, receives data, or both."""

    type: AgencyType = Field(  # type: ignore[assignment]
        description="What kind of body the party is, one of: workforce-agency, "
                    "workforce-board, ui-agency, k12, community-college, university, "
                    "corrections, social-services, labor-standards, other")
    role: Role = Field(
        description="Whether the party provides data (disclosing), receives data "
                    "(receiving), or both (both)")
    contact: Optional[Contact] = Field(
        None, description="The person who manages this agreement for the party and "
                          "receives notices under it: name, title, email and phone")
    security_contact: Optional[Contact] = Field(
        None, description="The person to tell first about a breach or other security "
                          "incident, if not the main contact")

    @field_validator("type", "role", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return lower_word(value)

    @property
    def type_label(self) -> str:
        return AGENCY_TYPES.get(self.type, self.type)

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def discloses(self) -> bool:
        return self.role in ("disclosing", "both")

    @property
    def receives(self) -> bool:
        return self.role in ("receiving", "both")


# --------------------------------------------------------------------------- data


class DataElement(Model):
    """One item of data a party provides: a field, or a group of fields sent together."""

    element: ShortText = Field(
        description="The data item in plain words, e.g. 'Quarterly wages, by employer "
                    "(SSN, employer FEIN, wages paid, quarter)'")
    provided_by: Optional[ShortText] = Field(
        None, description="The party that provides it, by name or short name; may be left "
                          "out when only one party provides data")
    provided_to: Optional[list[ShortText]] = Field(
        None, description="The parties that receive it, by name or short name; leave out "
                          "when every party that receives data gets it")
    source_system: Optional[ShortText] = Field(
        None, description="The system or database the data come from, e.g. 'UI tax and "
                          "wage record system'")
    sensitivity: Sensitivity = Field(
        description="How sensitive the data are: public, internal (not about identifiable "
                    "people, not published), confidential (about identifiable people or "
                    "employers) or restricted (confidential and protected by a specific law, "
                    "such as unemployment insurance, education or health records)")
    frequency: Optional[Frequency] = Field(
        None, description="How often the data are sent: one-time, monthly, quarterly, "
                          "annually or on-request")
    transfer_method: Optional[ShortText] = Field(
        None, description="How the data are sent, e.g. 'secure file transfer (SFTP)'")

    @field_validator("sensitivity", "frequency", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return lower_word(value)

    @field_validator("provided_to", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return one_or_many(value)  # a single party written without list dashes


# --------------------------------------------------------------------------- safeguards


class Retention(Model):
    """How long a receiving party keeps the data, and how it proves they were destroyed."""

    years: Optional[int] = Field(
        None, description="Number of years a receiving party may keep the data after it "
                          "receives them; leave out if the data are kept only until the "
                          "purpose is served", json_schema_extra={"within_term": True})
    until_purpose_served: bool = Field(
        False, description="true if the data are kept only until the purpose of the "
                           "agreement is served, instead of for a set number of years")
    destroy_within_days: Optional[int] = Field(
        None, description="Number of days a receiving party has to destroy the data once "
                          "the retention period ends")
    certificate_within_days: Optional[int] = Field(
        None, description="Number of days after destroying the data that a receiving party "
                          "has to send the providing party a signed certificate of "
                          "destruction")

    @field_validator("years", mode="before")
    @classmethod
    def _years(cls, value: Any) -> Any:
        return _whole(value, "years", 1, 100)

    @field_validator("destroy_within_days", "certificate_within_days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        return _whole(value, "days", 1, MAX_DAYS)

    @model_validator(mode="after")
    def _one_rule(self) -> "Retention":
        if self.years is not None and self.until_purpose_served:
            raise ValueError("gives both 'years' and 'until_purpose_served: true'; choose one "
                             "way to set how long the data are kept")
        return self


class Safeguards(Model):
    """Security and confidentiality terms the parties negotiate."""

    breach_notice_hours: Optional[int] = Field(
        None, description="Number of hours after discovering a breach that the party "
                          "holding the data must tell the party that provided them; the "
                          "parties negotiate this, there is no single standard")
    small_cell_threshold: Optional[int] = Field(
        None, description="Smallest number of people a published count may be based on; "
                          "any count based on fewer is suppressed (for example 11)")
    publication_review_days: Optional[int] = Field(
        None, description="Number of days a providing party has to review a report or "
                          "publication that uses its data before it is released")
    encryption_at_rest: Optional[bool] = Field(
        None, description="true if the data must be encrypted wherever they are stored, "
                          "false if not")
    encryption_in_transit: Optional[bool] = Field(
        None, description="true if the data must be encrypted whenever they are sent, "
                          "false if not")
    retention: Retention = Field(
        default_factory=Retention,
        description="How long the data are kept and how their destruction is proved")

    @field_validator("retention", mode="before")
    @classmethod
    def _empty_retention(cls, value: Any) -> Any:
        return {} if value is None else value  # "retention:" with every line commented out

    @field_validator("breach_notice_hours", mode="before")
    @classmethod
    def _hours(cls, value: Any) -> Any:
        return _whole(value, "hours", 1, MAX_HOURS)

    @field_validator("small_cell_threshold", mode="before")
    @classmethod
    def _cells(cls, value: Any) -> Any:
        return _whole(value, "people", 2, 1000)

    @field_validator("publication_review_days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        return _whole(value, "days", 1, MAX_DAYS)


# --------------------------------------------------------------------------- term


class Term(AgreementTerm):
    """When the agreement starts and ends, how it is renewed and how a party leaves it."""

    termination_notice_days: Optional[int] = Field(
        None, description="Number of days' written notice a party must give to leave the "
                          "agreement")

    @field_validator("termination_notice_days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        return _whole(value, "days", 1, MAX_DAYS)


class Governance(Model):
    """How the parties manage the agreement together."""

    meeting_cadence: Optional[Cadence] = Field(
        None, description="How often the parties' contacts meet to review the agreement: "
                          "monthly, quarterly, twice-a-year, annually or as-needed")

    @field_validator("meeting_cadence", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return lower_word(value)

    @property
    def cadence_text(self) -> Optional[str]:
        return CADENCE.get(self.meeting_cadence) if self.meeting_cadence else None


# --------------------------------------------------------------------------- the input


class DataSharingMouInput(DocumentInput):
    """A data-sharing memorandum of understanding between two or more public bodies."""

    kind: Literal["mou-data-sharing"] = Field(
        description="Always 'mou-data-sharing' for this document")
    parties: list[MouParty] = Field(
        description="The agencies and organizations that sign the agreement, at least two; "
                    "at least one must provide data and another receive it")
    jurisdiction: Jurisdiction = Field(
        description="The state whose law governs the agreement")
    project_name: Optional[ShortText] = Field(
        None, description="The name of the project or use case, e.g. 'Pathways Outcomes "
                          "Study'")
    purpose: Text = Field(
        description="Why the parties share the data, in a few sentences: the question they "
                    "want to answer or the service they want to improve")
    background: Optional[Text] = Field(
        None, description="Optional background for the recitals: what led the parties to "
                          "this agreement")
    legal_authorities: list[AuthorityId] = Field(
        description="The laws that allow the data to be shared, one or more of: "
                    "ui-confidentiality, ferpa-audit-evaluation, ferpa-studies, "
                    "wioa-performance, hipaa, part2, state-law")
    state_law: Optional[list[ShortText]] = Field(
        None, description="The state statute or rule that allows this sharing, as counsel "
                          "cites it, e.g. 'Colo. Rev. Stat. § 0-0-000'")
    data_elements: list[DataElement] = Field(
        description="The data to be shared, one entry per item or group of items, at "
                    "least one")
    permitted_uses: list[ShortText] = Field(
        description="What the receiving parties may do with the data, one use per line, "
                    "at least one")
    prohibited_uses: list[ShortText] = Field(
        default_factory=list,
        description="Uses forbidden in addition to the standard ones the agreement already "
                    "lists, one per line")
    safeguards: Safeguards = Field(
        default_factory=Safeguards,
        description="Security, breach notice, publication and retention terms")
    term: Term = Field(
        default_factory=Term,
        description="When the agreement starts and ends, renewal and notice to leave")
    costs: Optional[Text] = Field(
        None, description="Who pays the costs of preparing, sending and protecting the "
                          "data, e.g. 'Each party bears its own costs'")
    governance: Governance = Field(
        default_factory=Governance,
        description="How the parties manage the agreement together")

    # ---------------------------------------------------------------- validation

    @field_validator("safeguards", "term", "governance", mode="before")
    @classmethod
    def _empty_group(cls, value: Any) -> Any:
        return {} if value is None else value  # a heading with every line commented out

    @field_validator("parties", mode="after")
    @classmethod
    def _parties(cls, value: list[MouParty]) -> list[MouParty]:
        problems: list[str] = []
        if len(value) < 2:
            raise ValueError(f"lists {len(value)} part{'y' if len(value) == 1 else 'ies'}; a "
                             "data-sharing agreement needs at least two, one that provides "
                             "data and one that receives it")
        seen: dict[str, tuple[int, str]] = {}
        for n, p in enumerate(value, start=1):
            labels = [p.name] + ([p.short_name] if p.short_name and
                                 _key(p.short_name) != _key(p.name) else [])
            for label in labels:
                key = _key(label)
                if key in seen and seen[key][0] != n:
                    m, other = seen[key]
                    problems.append(f"party {m} ('{other}') and party {n} ('{label}') have the "
                                    "same name or short name; give each party its own, so "
                                    "the agreement can tell them apart")
                else:
                    seen.setdefault(key, (n, label))
        disclosers = [n for n, p in enumerate(value) if p.discloses]
        receivers = [n for n, p in enumerate(value) if p.receives]
        if not disclosers:
            problems.append("no party provides data; set 'role: disclosing' (or 'both') for "
                            "each party that provides data")
        elif not receivers:
            problems.append("no party receives data; set 'role: receiving' (or 'both') for "
                            "each party that receives data")
        elif not any(d != r for d in disclosers for r in receivers):
            problems.append("only one party provides or receives data, so no data pass "
                            "between parties; set the role of the other parties")
        if problems:
            raise ValueError("; ".join(problems))
        return value

    @field_validator("legal_authorities", mode="before")
    @classmethod
    def _authorities(cls, value: Any) -> Any:
        value = one_or_many(value)  # a single authority written without list dashes
        if lists_none(value):
            raise ValueError("lists no legal authority; list at least one of: "
                             + ", ".join(AUTHORITIES)
                             + " (use state-law and fill in state_law if none of the others "
                               "applies)")
        if isinstance(value, list):
            out: list[Any] = []
            for item in value:
                if not isinstance(item, str):
                    out.append(item)
                    continue
                key = lower_word(item)
                if key not in AUTHORITIES:
                    close = ([a for a in AUTHORITIES if a.startswith(key)]
                             or difflib.get_close_matches(key, list(AUTHORITIES), n=1))
                    hint = ("did you mean " + " or ".join(f"'{c}'" for c in close) + "? "
                            if close else "")
                    raise ValueError(f"'{item}' is not a legal authority plankit knows; {hint}"
                                     "use one or more of: " + ", ".join(AUTHORITIES))
                if key in out:
                    raise listed_twice(key, "authority")
                out.append(key)
            return out
        return value

    @field_validator("data_elements", "permitted_uses", mode="before")
    @classmethod
    def _at_least_one(cls, value: Any, info) -> Any:
        if lists_none(value):
            what = {"data_elements": "data to be shared; add at least one entry with "
                                     "'- element: ...' and its sensitivity",
                    "permitted_uses": "permitted use; add at least one line saying what the "
                                      "receiving parties may do with the data"}[info.field_name]
            raise ValueError(f"lists no {what}")
        return one_or_many(value) if info.field_name == "permitted_uses" else value

    @field_validator("state_law", mode="after")
    @classmethod
    def _state_law_listed(cls, value: Optional[list[str]], info: ValidationInfo) -> Any:
        listed = info.data.get("legal_authorities")
        if value and listed is not None and "state-law" not in listed:
            raise ValueError("is filled in, but legal_authorities does not list 'state-law'; "
                             "add 'state-law' to legal_authorities, or remove state_law")
        return value

    @field_validator("data_elements", mode="after")
    @classmethod
    def _elements_fit_parties(cls, value: list[DataElement], info: ValidationInfo) -> Any:
        parties: Optional[list[MouParty]] = info.data.get("parties")
        if not parties:  # the parties have their own problems, reported there
            return value
        problems: list[str] = []
        names = {}
        for p in parties:
            names[_key(p.name)] = p
            if p.short_name:
                names[_key(p.short_name)] = p
        choices = ", ".join(f"'{p.short_name or p.name}'" for p in parties)
        disclosers = [p for p in parties if p.discloses]
        for n, e in enumerate(value, start=1):
            where = f"item {n} ('{e.element[:60]}')"
            provider = None
            if e.provided_by is None:
                if len(disclosers) > 1:
                    problems.append(f"{where}: say which party provides it with "
                                    f"'provided_by:' (more than one party provides data); "
                                    f"use one of: {choices}")
                else:
                    provider = disclosers[0]
            else:
                provider = names.get(_key(e.provided_by))
                if provider is None:
                    problems.append(f"{where}: provided_by '{e.provided_by}' is not one of the "
                                    f"parties; use one of: {choices}")
                elif not provider.discloses:
                    problems.append(f"{where}: provided_by '{e.provided_by}' has role "
                                    f"'{provider.role}', so it does not provide data; change "
                                    "its role to 'disclosing' or 'both', or name another party")
            for r in e.provided_to or []:
                recipient = names.get(_key(r))
                if recipient is None:
                    problems.append(f"{where}: provided_to '{r}' is not one of the parties; use "
                                    f"one of: {choices}")
                elif not recipient.receives:
                    problems.append(f"{where}: provided_to '{r}' has role '{recipient.role}', "
                                    "so it does not receive data; change its role to "
                                    "'receiving' or 'both', or name another party")
                elif provider is not None and recipient is provider:
                    problems.append(f"{where}: '{r}' both provides and receives this item; a "
                                    "party does not share data with itself")
            if e.provided_to is not None and not e.provided_to:
                problems.append(f"{where}: provided_to is empty; name at least one party, or "
                                "leave provided_to out so every receiving party gets it")
            elif provider is not None and e.provided_to is None and not any(
                    p.receives and p is not provider for p in parties):
                problems.append(f"{where}: no other party receives data from "
                                f"'{provider.short_name or provider.name}'; name the "
                                "recipients with 'provided_to:' or set their role")
        if problems:
            raise ValueError("; ".join(problems))
        return value

    # ---------------------------------------------------------------- lookups

    def _party(self, label: str) -> Optional[MouParty]:
        key = _key(label)
        for p in self.parties:
            if key in (_key(p.name), _key(p.short_name or "")):
                return p
        return None

    def _provider(self, e: DataElement) -> MouParty:
        if e.provided_by is not None:
            found = self._party(e.provided_by)
            if found is not None:
                return found
        return next(p for p in self.parties if p.discloses)

    def _recipients(self, e: DataElement) -> list[MouParty]:
        if e.provided_to is not None:
            return [p for p in (self._party(r) for r in e.provided_to) if p is not None]
        provider = self._provider(e)
        return [p for p in self.parties if p.receives and p is not provider]

    # ---------------------------------------------------------------- what the composer calls

    def default_title(self) -> str:
        names = [p.name for p in self.parties]
        joined = (" and ".join(names) if len(names) == 2
                  else ", ".join(names[:-1]) + ", and " + names[-1])
        return f"Data Sharing Memorandum of Understanding between {joined}"

    def jurisdiction_code(self) -> str:
        return self.jurisdiction.state

    def author(self) -> str:
        first = next((p for p in self.parties if p.discloses), self.parties[0])
        return first.name

    def subject(self) -> str:
        what = self.project_name or "Sharing of data"
        names = [p.short_name or p.name for p in self.parties]
        parties = ", ".join(names[:-1]) + " and " + names[-1]
        return f"{what}: data-sharing agreement among {parties} ({self.jurisdiction.state_name})"

    def signatories(self) -> list[tuple[str, Optional[str], Optional[str]]]:
        return [(p.name, p.signatory.name if p.signatory else None,
                 p.signatory.title if p.signatory else None) for p in self.parties]

    # ---------------------------------------------------------------- domain checks

    def findings(self) -> list[Finding]:
        """Terms that are valid but that the law behind the sharing, or common practice,
        says are missing or too weak. Each names the field to change."""
        out: list[Finding] = []
        out += self._authority_fit()
        out += self._required_terms()
        out += self._breach_limit()
        out += self._retention_end()
        out += self._small_cells()
        out += self._unsigned_receivers()
        return out

    def _authority_fit(self) -> list[Finding]:
        """A party whose data a listed law governs, but the law is not listed."""
        out = []
        ui = self.names_of("ui-agency", role="disclosing")
        if ui and "ui-confidentiality" not in self.legal_authorities:
            out.append(Finding(
                ("legal_authorities",),
                f"{_names(ui)} provides data, but the agreement does not rely on 20 CFR part "
                "603; unemployment compensation information, including wage records, is "
                "confidential under it",
                fix="add ui-confidentiality to legal_authorities, unless counsel confirms that "
                    "none of the data is unemployment compensation information",
                rule="mou.authority-missing", source="20 CFR part 603"))
        edu = self.names_of("k12", "community-college", "university", role="disclosing")
        if edu and not {"ferpa-audit-evaluation", "ferpa-studies"} & set(self.legal_authorities):
            out.append(Finding(
                ("legal_authorities",),
                f"{_names(edu)} provides data, but the agreement relies on neither FERPA "
                "exception; personally identifiable information from education records may "
                "be disclosed without consent only under an exception",
                fix="add ferpa-audit-evaluation or ferpa-studies to legal_authorities, as "
                    "counsel advises",
                rule="mou.authority-missing", source="34 CFR 99.31"))
        enforcement = self.names_of("labor-standards")
        if enforcement and "state-law" not in self.legal_authorities:
            out.append(Finding(
                ("legal_authorities",),
                f"{_names(enforcement)} is a labor standards enforcement agency, and no federal "
                "authority for sharing its data is on record; the sharing must rest on state "
                "law",
                fix="add state-law to legal_authorities and name the statute in state_law",
                rule="mou.authority-missing"))
        return out

    def _required_terms(self) -> list[Finding]:
        """The terms each listed authority requires the written agreement to contain."""
        out: list[Finding] = []
        seen: set[tuple] = set()
        for authority_id in self.legal_authorities:
            authority = AUTHORITIES[authority_id]
            for req in authority.requires:
                for path, problem, fix in self._missing(req.element, authority_id):
                    if (path, req.element) in seen:
                        continue
                    seen.add((path, req.element))
                    out.append(Finding(  # an unconfirmed source becomes a note (plankit.checks)
                        path, f"{problem}; {authority.name} ({authority.cite}) requires the "
                              f"agreement to provide for {req.what}",
                        fix=fix, rule=f"mou.requires.{req.element}",
                        source=req.cite + ("" if req.verified else ", not verified")))
        return out

    def _missing(self, element: str, authority_id: str) -> list[tuple[tuple, str, str]]:
        """(field path, what is missing, how to fix it) for one required term."""
        if element == "transfer-terms":
            out = []
            for n, e in enumerate(self.data_elements):
                if not self._covered_by(e, authority_id):
                    continue
                gaps = [name for name, value in (("frequency", e.frequency),
                                                 ("transfer_method", e.transfer_method))
                        if value is None]
                if gaps:
                    out.append((("data_elements", n, gaps[0]),
                                f"data element {n + 1} does not say "
                                + " or ".join({"frequency": "how often it is sent",
                                               "transfer_method": "how it is sent"}[g]
                                              for g in gaps),
                                "add " + " and ".join(f"'{g}:'" for g in gaps)))
            return out
        if element == "costs" and not self.costs:
            return [(("costs",), "the agreement does not say who pays the costs",
                     "add 'costs:' saying who pays, including any payment to the unemployment "
                     "insurance agency")]
        if element == "duration" and self.term.end is None and self.term.years is None:
            return [(("term",), "the agreement has no end date and no number of years",
                     "add 'end:' or 'years:' under term")]
        if element == "destruction-period":
            r = self.safeguards.retention
            if r.years is None or r.destroy_within_days is None:
                what = ("sets no number of years to keep the data" if r.years is None else
                        "sets no number of days to destroy the data")
                return [(("safeguards", "retention"), f"the agreement {what}",
                         "give 'years:' and 'destroy_within_days:' under "
                         "safeguards.retention")]
        return []

    def _covered_by(self, e: DataElement, authority_id: str) -> bool:
        """Whether an authority governs a data element: UI data come from the UI agency (or,
        when no party is one, are the restricted items)."""
        if authority_id != "ui-confidentiality":
            return True
        if self.parties_of("ui-agency", role="disclosing"):
            return self._provider(e).type == "ui-agency"
        return e.sensitivity == "restricted"

    def _breach_limit(self) -> list[Finding]:
        hours = self.safeguards.breach_notice_hours
        if hours is None:
            return []
        out = []
        for authority_id in self.legal_authorities:
            a = AUTHORITIES[authority_id]
            if a.breach_limit_hours is not None and hours > a.breach_limit_hours:
                out.append(Finding(
                    ("safeguards", "breach_notice_hours"),
                    f"gives a Receiving Party {hours:,} hours ({_days(hours)}) to report a "
                    f"Breach, but under {a.name} ({a.cite}) the people affected must be "
                    f"notified no later than {a.breach_limit_hours:,} hours "
                    f"({_days(a.breach_limit_hours)}) after it is discovered",
                    fix=f"set breach_notice_hours well under {a.breach_limit_hours:,}, so the "
                        "Disclosing Party has time to give its own notices",
                    rule="mou.breach-limit", source=a.breach_limit_cite))
                break  # one limit is enough to show; HIPAA and part 2 set the same one
        return out

    def _retention_end(self) -> list[Finding]:
        r = self.safeguards.retention
        if not r.until_purpose_served:
            return []
        return [Finding(
            ("safeguards", "retention", "until_purpose_served"),
            "keeps the data until the purpose is served, which sets no date by which the "
            "data must be destroyed: the retention period has no fixed end",
            fix="give a number of years instead ('years:'), so the retention period ends "
                "on a date the parties can check",
            rule="mou.retention-no-end")]

    def _small_cells(self) -> list[Finding]:
        n = self.safeguards.small_cell_threshold
        if n is None or n >= SMALL_CELL_MINIMUM:
            return []
        return [Finding(
            ("safeguards", "small_cell_threshold"),
            f"is {n}: published figures could be based on as few as {n} people, below "
            f"{SMALL_CELL_MINIMUM}, the smallest count the data use license terms on record "
            "allow; small counts make people easier to identify",
            fix=f"use {SMALL_CELL_MINIMUM} or more, unless every Disclosing Party agrees in "
                "writing to a lower number",
            rule="mou.small-cells", source=SMALL_CELL_SOURCE)]

    def _unsigned_receivers(self) -> list[Finding]:
        out = []
        for n, p in enumerate(self.parties):
            s = p.signatory
            if p.receives and (s is None or not (s.name or s.title)):
                out.append(Finding(
                    ("parties", n, "signatory"),
                    f"{p.name} receives data but no one is named to sign for "
                    "it; the safeguards bind a Receiving Party only once it signs",
                    fix="add 'signatory:' with the title (and, if known, the name) of the "
                        "official who signs",
                    rule="mou.receiver-unsigned"))
        return out

    # ---------------------------------------------------------------- helpers for clauses

    def authority(self, authority_id: str) -> dict[str, Any]:
        """The citation table entry for one authority (see models/authorities.py)."""
        return dataclasses.asdict(AUTHORITIES[authority_id])

    @property
    def authority_rows(self) -> list[dict[str, Any]]:
        """The authorities this agreement relies on, in the order the agreement lists them."""
        return [dataclasses.asdict(a) for a in AUTHORITIES.values()
                if a.id in self.legal_authorities]

    @property
    def disclosing_parties(self) -> list[MouParty]:
        return [p for p in self.parties if p.discloses]

    @property
    def receiving_parties(self) -> list[MouParty]:
        return [p for p in self.parties if p.receives]

    def parties_of(self, *types: str, role: str = "") -> list[MouParty]:
        """Parties of these types (all parties if none given); ``role="disclosing"`` keeps
        those that provide data, ``role="receiving"`` those that receive it."""
        out = [p for p in self.parties if not types or p.type in types]
        if role == "disclosing":
            out = [p for p in out if p.discloses]
        elif role == "receiving":
            out = [p for p in out if p.receives]
        return out

    def names_of(self, *types: str, role: str = "") -> list[str]:
        """How the agreement refers to the parties :meth:`parties_of` finds."""
        return [p.short_name or p.name for p in self.parties_of(*types, role=role)]

    def recipients_from(self, *types: str) -> list[str]:
        """Parties that receive a data element provided by a party of these types."""
        out: list[MouParty] = []
        for e in self.data_elements:
            if self._provider(e).type in types:
                out.extend(p for p in self._recipients(e) if p not in out)
        return [p.short_name or p.name for p in self.parties if p in out]

    @property
    def element_rows(self) -> list[dict[str, Any]]:
        """One row per data element, for the data table, with parties by short name."""
        rows = []
        for n, e in enumerate(self.data_elements, start=1):
            provider = self._provider(e)
            recipients = self._recipients(e)
            rows.append({
                "number": n,
                "element": e.element,
                "provided_by": provider.short_name or provider.name,
                "provided_to": ", ".join(p.short_name or p.name for p in recipients),
                "source_system": e.source_system,
                "sensitivity": SENSITIVITY[e.sensitivity],
                "frequency": FREQUENCY[e.frequency] if e.frequency else None,
                "transfer_method": e.transfer_method,
            })
        return rows
