"""Input for the mou-data-sharing kind: a data-sharing memorandum of understanding between
a workforce agency and one or more partners (schools and colleges, the unemployment
insurance agency, corrections, social services, labor standards enforcement).

Agency data or legal staff describe who shares what with whom, for what purpose and under
which law, and the safeguards the parties have agreed. plankit drafts the agreement from the
clause library. Terms the parties still have to negotiate (how fast a breach must be
reported, the smallest publishable count, how long data are kept) are optional here: when
left out, the draft shows a visible placeholder and the review checklist lists it. No
default is invented for them.

The data flows, matching, measures and projects are described in
:mod:`plankit.models.mou_flows`; the domain checks are in :mod:`plankit.models.mou_checks`,
what clauses read in :mod:`plankit.models.mou_views`, the linked documents of the tiered
structure in :mod:`plankit.models.mou_parts` and the review memo's list of authorities in
:mod:`plankit.models.mou_legal`.

Every field's description is written as "what to supply": plankit shows it as the
placeholder prompt when the value is missing.
"""

from __future__ import annotations

import difflib
from typing import Any, Literal, Optional

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from plankit.models import mou_refs as refs
from plankit.models._choices import listed_twice, lists_none, lower_word, one_or_many
from plankit.models.agreement import MAX_DAYS, AgreementTerm, Renewal  # noqa: F401 - re-exported
from plankit.models.authorities import AUTHORITIES, AuthorityId
from plankit.models.common import (Contact, DocumentInput, Finding, Jurisdiction, Party,
                                   ShortText, Text)
from plankit.models.mou_flows import (FREQUENCY, SENSITIVITY, DataElement,  # noqa: F401
                                      EmployerScreening, HeldData, Matching, Measure, Project,
                                      Structure)
from plankit.models.mou_terms import (CADENCE, MAX_HOURS, SMALL_CELL_MINIMUM,  # noqa: F401
                                      SMALL_CELL_SOURCE, Cadence, Governance, Retention,
                                      Safeguards, Term)
from plankit.models.mou_views import MouViews

# --------------------------------------------------------------------------- vocabularies

AgencyType = Literal["workforce-agency", "workforce-board", "ui-agency", "k12",
                     "higher-education-agency", "community-college", "university",
                     "data-agency", "corrections", "social-services", "labor-standards",
                     "other"]

AGENCY_TYPES: dict[str, str] = {
    "workforce-agency": "workforce agency",
    "workforce-board": "workforce development board",
    "ui-agency": "unemployment insurance agency",
    "k12": "K-12 education agency or school district",
    "higher-education-agency": "state higher education agency",
    "community-college": "community college or college system",
    "university": "university",
    "data-agency": "state data or statistics agency",
    "corrections": "corrections agency",
    "social-services": "social or human services agency",
    "labor-standards": "labor standards enforcement agency",
    "other": "other public body or organization",
}
"""How each agency type is printed."""

EDUCATION_TYPES = frozenset({"k12", "higher-education-agency", "community-college",
                             "university"})
AUTHORITY_TYPES = frozenset({"k12", "higher-education-agency"})
"""Types taken to be state or local educational authorities (34 CFR 99.31(a)(3)(iv)) unless
the input says otherwise; a college or university is an institution, not an authority."""
HEALTH_TYPES = frozenset({"social-services", "corrections"})

Role = Literal["disclosing", "receiving", "both"]

ROLES: dict[str, str] = {
    "disclosing": "Provides data",
    "receiving": "Receives data",
    "both": "Provides and receives data",
}

_key = refs.key


# --------------------------------------------------------------------------- parties


class MouParty(Party):
    """A party to the agreement: who it is, what kind of body it is, and whether it provides
    data, receives data, or both."""

    type: AgencyType = Field(  # type: ignore[assignment]
        description="What kind of body the party is, one of: workforce-agency, "
                    "workforce-board, ui-agency, k12, higher-education-agency, "
                    "community-college, university, data-agency, corrections, "
                    "social-services, labor-standards, other")
    role: Role = Field(
        description="Whether the party provides data (disclosing), receives data "
                    "(receiving), or both (both)")
    contact: Optional[Contact] = Field(
        None, description="The person who manages this agreement for the party and "
                          "receives notices under it: name, title, email and phone")
    security_contact: Optional[Contact] = Field(
        None, description="The party's security and privacy contact: the person to tell "
                          "first about a breach or other security incident")
    educational_authority: Optional[bool] = Field(
        None, description="For an education party: true if it is a state or local "
                          "educational authority that may designate an authorized "
                          "representative under FERPA (a state education agency, a school "
                          "district, a state higher education board); false if not")

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
    def is_educational_authority(self) -> bool:
        if self.educational_authority is not None:
            return self.educational_authority
        return self.type in AUTHORITY_TYPES

    @property
    def discloses(self) -> bool:
        return self.role in ("disclosing", "both")

    @property
    def receives(self) -> bool:
        return self.role in ("receiving", "both")


# --------------------------------------------------------------------------- the input


class DataSharingMouInput(MouViews, DocumentInput):
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
    structure: Optional[Structure] = Field(
        None, description="With three or more parties or more than one project: single (one "
                          "agreement, with the reason) or tiered (a governance memorandum, "
                          "a data sharing agreement per data flow and a data use license "
                          "per project)")
    legal_authorities: list[AuthorityId] = Field(
        description="The laws that allow the data to be shared, one or more of: "
                    "ui-confidentiality, ferpa-audit-evaluation, ferpa-studies, "
                    "wioa-performance, hipaa, part2, state-law")
    state_law: Optional[list[ShortText]] = Field(
        None, description="The state statute or rule that allows this sharing, as counsel "
                          "cites it, e.g. 'Colo. Rev. Stat. § 0-0-000'")
    data_elements: list[DataElement] = Field(
        description="The data to be shared, one entry per item or group of fields sent "
                    "together (a data flow), at least one")
    held_data: list[HeldData] = Field(
        None,  # type: ignore[assignment] - None (left out) becomes []; "[]" is a mistake
        description="Data a party already holds under another agreement and uses for this "
                    "work without providing it, e.g. UI wage records held under a separate "
                    "20 CFR part 603 agreement")
    matching: Optional[Matching] = Field(
        None, description="How records about the same people are matched: method, "
                          "identifiers, who matches and where, match rates and unmatched "
                          "records")
    measures: list[Measure] = Field(
        default_factory=list,
        description="Every result the agreement promises (report figures, dashboards, study "
                    "outcomes), each with the data it is computed from")
    projects: list[Project] = Field(
        default_factory=list,
        description="The projects the data serve, when there is more than one use: each "
                    "with its lead party, purpose and data")
    employer_screening: Optional[EmployerScreening] = Field(
        None, description="Where labor standards findings are used to screen employers: the "
                          "years a finding counts and how an employer can respond")
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
        None, description="Who pays the other costs of preparing, sending and protecting "
                          "the data, e.g. 'Except as Exhibit A provides, each party bears "
                          "its own costs'")
    governance: Governance = Field(
        default_factory=Governance,
        description="How the parties manage the agreement together")

    _part: Optional[tuple] = PrivateAttr(default=None)
    """(form, number) when this copy of the input drafts one linked document of the tiered
    structure: ("governance", 0), ("agreement", n) or ("license", n)."""

    # ---------------------------------------------------------------- validation

    @field_validator("safeguards", "term", "governance", mode="before")
    @classmethod
    def _empty_group(cls, value: Any) -> Any:
        return {} if value is None else value  # a heading with every line commented out

    @field_validator("held_data", "measures", "projects", mode="before")
    @classmethod
    def _empty_list(cls, value: Any, info) -> Any:
        if value == [] and info.field_name == "held_data":  # written "held_data: []"
            raise ValueError("lists nothing; list the data a party already holds (id, "
                             "description, held_by), or leave held_data out")
        return [] if value is None else value  # a heading with every line commented out

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
        problems = refs.check_elements(value, parties)
        if problems:
            raise ValueError("; ".join(problems))
        return value

    @field_validator("held_data", "matching", "measures", "projects", "employer_screening",
                     mode="after")
    @classmethod
    def _references(cls, value: Any, info: ValidationInfo) -> Any:
        parties = info.data.get("parties")
        elements = info.data.get("data_elements")
        if not parties or elements is None or value is None:
            return value  # their own problems are reported on those fields
        held = info.data.get("held_data") or []
        problems: list[str] = []
        if info.field_name == "held_data":
            for n, h in enumerate(value, start=1):
                problems += refs.check_party(f"item {n} ('{h.id}'): held_by", h.held_by,
                                             parties)
                clash = refs.item_ref(h.id, elements)
                if clash is not None:
                    problems.append(f"item {n}: id '{h.id}' is also an item of the data "
                                    "schedule; give it its own id")
        elif info.field_name == "matching":
            problems += refs.check_party("performed_by", value.performed_by, parties)
        elif info.field_name == "measures":
            for n, m in enumerate(value, start=1):
                problems += refs.check_refs(f"item {n} ('{m.name[:60]}'): computed_from",
                                            m.computed_from, elements, held)
        elif info.field_name == "projects":
            ids: set[str] = set()
            for n, p in enumerate(value, start=1):
                problems += refs.check_party(f"item {n} ('{p.id}'): lead", p.lead, parties)
                problems += refs.check_refs(f"item {n} ('{p.id}'): data", p.data, elements,
                                            held)
                if _key(p.id) in ids:
                    problems.append(f"item {n}: id '{p.id}' is used twice; give each project "
                                    "its own id")
                ids.add(_key(p.id))
            measures = info.data.get("measures") or []
            for m in measures:
                if m.project is not None and _key(m.project) not in ids:
                    problems.append(f"measure '{m.name[:60]}' names project '{m.project}', "
                                    "which is not listed; use one of: "
                                    + ", ".join(f"'{p.id}'" for p in value))
        if problems:
            raise ValueError("; ".join(problems))
        return value

    @model_validator(mode="after")
    def _measures_have_projects(self) -> "DataSharingMouInput":
        if len(self.projects) > 1:
            loose = [m.name for m in self.measures if m.project is None]
            if loose:
                raise ValueError(f"measures: '{loose[0][:60]}' names no project, and there "
                                 "are several; add 'project:' with one of: "
                                 + ", ".join(f"'{p.id}'" for p in self.projects))
        return self

    # ---------------------------------------------------------------- lookups

    def _party(self, label: Optional[str]) -> Optional[MouParty]:
        if not label:
            return None
        return refs.party_index(self.parties).get(_key(label))

    def _provider(self, e: DataElement) -> MouParty:
        found = self._party(e.provided_by)
        if found is not None:
            return found
        return next(p for p in self.parties if p.discloses)

    def _recipients(self, e: DataElement) -> list[MouParty]:
        if e.provided_to is not None:
            return [p for p in (self._party(r) for r in e.provided_to) if p is not None]
        provider = self._provider(e)
        return [p for p in self.parties if p.receives and p is not provider]

    def is_uc(self, e: DataElement) -> bool:
        """Whether a data item is unemployment compensation information."""
        return refs.is_uc(e, self._provider(e))

    # ---------------------------------------------------------------- what the composer calls

    def outline_id(self) -> str:
        return self.kind if self._part is None else f"{self.kind}.{self._part[0]}"

    def default_title(self) -> str:
        from plankit.models.mou_parts import part_title

        names = [p.name for p in self.parties]
        joined = (" and ".join(names) if len(names) == 2
                  else ", ".join(names[:-1]) + ", and " + names[-1])
        return part_title(self) or f"Data Sharing Memorandum of Understanding between {joined}"

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
                 p.signatory.title if p.signatory else None) for p in self.signing_parties]

    def findings(self) -> list[Finding]:
        """Terms that are valid but that the law behind the sharing, or common practice,
        says are missing or too weak (see :mod:`plankit.models.mou_checks`). A linked
        document of the tiered structure carries only the findings about its own part."""
        from plankit.models.mou_checks import all_findings
        from plankit.models.mou_parts import findings_for_part

        return findings_for_part(self, all_findings(self))

    def review_findings(self) -> list[Finding]:
        from plankit.models.mou_checks import review_notes
        from plankit.models.mou_parts import findings_for_part

        return findings_for_part(self, review_notes(self))

    def legal_checks(self) -> list[dict[str, Any]]:
        from plankit.models.mou_legal import legal_checks

        return legal_checks(self)

    def linked_documents(self) -> list[tuple[str, "DataSharingMouInput"]]:
        """For the tiered structure: (name, input) for each document drafted from this input,
        the governance memorandum first (named ""); an empty list for one agreement."""
        from plankit.models.mou_parts import linked_documents

        return linked_documents(self)
