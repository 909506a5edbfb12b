"""The data of a data-sharing MOU: each flow of data from one party to others (its fields,
format, transfer and, for unemployment compensation information, the 20 CFR 603.5 category
and the payment of the state's costs), data a party already holds, how records are matched,
the measures the parties promise, the projects the data serve and how the agreement is
structured.

Every field's description is written as "what to supply": plankit shows it as the
placeholder prompt when the value is missing.
"""

from __future__ import annotations

import re
from typing import Any, Literal, Optional

from pydantic import Field, field_validator, model_validator

from plankit.models._choices import choice_word, lists_none, lower_word, one_or_many
from plankit.models._choices import whole_number as _whole
from plankit.models.authorities import (DISCLOSURE_ALIASES, DISCLOSURES, UNKNOWN_DISCLOSURES)
from plankit.models.base import Model
from plankit.models.common import ShortText, Text

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

DisclosureId = Literal["public-domain", "individual-or-employer", "agent-of-individual",
                       "third-party", "public-official", "agent-or-contractor", "bls",
                       "uc-oversight"]

MatchMethod = Literal["exact-ssn", "deterministic", "probabilistic"]
MATCH_METHODS: dict[str, str] = {
    "exact-ssn": "an exact match on Social Security number",
    "deterministic": "a deterministic match: records are linked only when the identifiers "
                     "listed agree exactly under the written matching rules",
    "probabilistic": "a probabilistic match: each pair of records is scored on how closely "
                     "the identifiers listed agree, and linked only above a written threshold",
}

_IDENTIFIER = re.compile(
    r"\b(ssn|social security|date of birth|birth ?date|dob|(first|last|middle|full|legal|"
    r"student|participant|person'?s?) name|name|student (id|identifier|number)|"
    r"participant (id|identifier)|inmate|offender|dcr number|inmate number|address|"
    r"phone|e-?mail)\b", re.IGNORECASE)
_NOT_A_PERSON = re.compile(r"\b(employer|business|trade|program|college|school|provider|"
                           r"district|pathway|industry|worksite|agency)\b", re.IGNORECASE)


def identifies_a_person(name: str) -> bool:
    """Whether a field name looks like a direct identifier of a person (a Social Security
    number, a name, a date of birth, an address); an employer's name is not one."""
    return bool(_IDENTIFIER.search(name)) and not _NOT_A_PERSON.search(name)


def _ref_list(value: Any) -> Any:
    """A list of references written as one value or a list; numbers become text."""
    value = one_or_many(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, list):
        return [str(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in value]
    return value


NAMED_BY_OTHERS = {"open": False}
"""A field that names another part of the input, or that other fields name this part by (an
id, the party that holds data or leads a project): the document's parts are put together by
these names, so the field cannot be left open (see :func:`plankit.models.open.open_mode`)."""


# --------------------------------------------------------------------------- a flow


class DataField(Model):
    """One field of a data flow, and why the receiving party needs it."""

    name: ShortText = Field(description="The field, e.g. 'Social Security number'")
    need: Optional[ShortText] = Field(
        None, description="Why the receiving party needs this field, e.g. 'to match the "
                          "student to wage records'; required for a field that identifies a "
                          "person")
    identifier: Optional[bool] = Field(
        None, description="true if the field identifies a person directly (plankit "
                          "recognizes Social Security numbers, names, dates of birth and "
                          "addresses by their names); false if it does not")

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value  # "- Wages paid"

    @property
    def is_identifier(self) -> bool:
        return self.identifier if self.identifier is not None else \
            identifies_a_person(self.name)


class UcDisclosure(Model):
    """Under which category of 20 CFR 603.5 unemployment compensation information in a flow
    is disclosed, and in what capacity the recipient receives it."""

    category: DisclosureId = Field(
        description="The 20 CFR 603.5 category the disclosure falls under: public-official "
                    "(603.5(e)), agent-or-contractor of a public official (603.5(f)), "
                    "third-party (603.5(d)(2)), public-domain (603.5(a)), "
                    "individual-or-employer (603.5(c)), agent-of-individual (603.5(d)(1)), "
                    "bls (603.5(g)) or uc-oversight (603.5(i))")
    recipient_role: Optional[ShortText] = Field(
        None, description="In what capacity the recipient receives the information, e.g. "
                          "'public official that administers WIOA title I and reports its "
                          "performance'")
    public_official: Optional[ShortText] = Field(
        None, description="For agent-or-contractor: the party that is the public official "
                          "whose agent or contractor receives the information (it answers for "
                          "the agent's compliance)")

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip().lower().replace("20 cfr", "").replace("603.5", "").strip()
        letters = re.sub(r"[\s()]", "", text)
        if letters in UNKNOWN_DISCLOSURES:
            raise ValueError(f"20 CFR 603.5({letters}) is not offered: its subject could not be "
                             "confirmed against the text of the rule; use one of: "
                             + ", ".join(DISCLOSURES))
        word = choice_word(value, {})
        return DISCLOSURE_ALIASES.get(letters, DISCLOSURE_ALIASES.get(word, word))


class UcPayment(Model):
    """Who pays the state's costs of disclosing unemployment compensation information in a
    flow, and on what basis, or the 20 CFR 603.8(b) exception relied on."""

    paid_by: Optional[ShortText] = Field(
        None, description="The party that pays the unemployment insurance agency's costs of "
                          "this disclosure, by name or short name")
    basis: Optional[Text] = Field(
        None, description="How the costs are set and paid: an estimate, a rate or an invoice "
                          "schedule, e.g. '$4,800 a year, invoiced each quarter in arrears'")
    funds: Optional[ShortText] = Field(
        None, description="Optional: the funds the payer uses, e.g. 'state general funds "
                          "appropriated to the Division' (never federal UC grant funds)")
    exception: Optional[Literal["uc-administration"]] = Field(
        None, description="Instead of a payer: uc-administration, when the disclosure is "
                          "necessary for the proper administration of the UC program and "
                          "20 CFR 603.8(b) lets federal UC grant funds pay for it")

    @field_validator("exception", mode="before")
    @classmethod
    def _exception(cls, value: Any) -> Any:
        return choice_word(value, {"603.8(b)": "uc-administration",
                                   "administration": "uc-administration"})

    @model_validator(mode="after")
    def _complete(self) -> "UcPayment":
        if self.exception and (self.paid_by or self.basis):
            raise ValueError("gives both an exception and a payer; under the 20 CFR 603.8(b) "
                             "exception federal UC grant funds pay, so remove 'paid_by' and "
                             "'basis', or remove 'exception'")
        if not self.exception:
            from plankit.models.open import is_open

            missing = [name for name, value in (("paid_by", self.paid_by),
                                                ("basis", self.basis))
                       if not value and not is_open(self, name)]  # open: to be set
            if missing:
                raise ValueError("does not say " + " or ".join(
                    {"paid_by": "who pays (paid_by)",
                     "basis": "the basis of payment (basis: an estimate, rate or invoice "
                              "schedule)"}[m] for m in missing)
                    + "; 20 CFR 603.8 makes the recipient pay the costs of this disclosure "
                      "unless 'exception: uc-administration' applies")
        return self


class DataElement(Model):
    """One flow of data: an item or group of fields one party provides to others."""

    id: Optional[ShortText] = Field(
        None, description="Optional short name to refer to this item from measures, "
                          "matching and projects, e.g. 'wages'; items can also be referred "
                          "to by number", json_schema_extra=NAMED_BY_OTHERS)
    element: ShortText = Field(
        description="The data item in plain words, e.g. 'Quarterly wage records of the "
                    "individuals in the finder file'")
    provided_by: Optional[ShortText] = Field(
        None, description="The party that provides it (its owner), by name or short name; "
                          "may be left out when only one party provides data")
    provided_to: Optional[list[ShortText]] = Field(
        None, description="The parties that receive it, by name or short name; leave out "
                          "when every party that receives data gets it")
    custodian: Optional[ShortText] = Field(
        None, description="Optional: who holds the data and sends them for the owner, if "
                          "not the owner itself (a party, or another body named in full)")
    source_system: Optional[ShortText] = Field(
        None, description="The system or database the data come from, e.g. 'UI tax and "
                          "wage record system'")
    sensitivity: Sensitivity = Field(
        description="How sensitive the data are: public, internal (not about identifiable "
                    "people, not published), confidential (about identifiable people or "
                    "employers) or restricted (confidential and protected by a specific law, "
                    "such as unemployment insurance, education or health records)")
    fields: list[DataField] = Field(
        default_factory=list,
        description="The fields sent, one per line; a field that identifies a person is "
                    "written as {name: ..., need: ...} saying why it is needed")
    format: Optional[ShortText] = Field(
        None, description="The file format and layout, e.g. 'comma-separated file, one "
                          "record per person and quarter, in the field order listed'")
    frequency: Optional[Frequency] = Field(
        None, description="How often the data are sent: one-time, monthly, quarterly, "
                          "annually or on-request")
    transfer_method: Optional[ShortText] = Field(
        None, description="How the data are sent, e.g. 'secure file transfer (SFTP)'")
    matched_by: Optional[ShortText] = Field(
        None, description="The party that matches these records to other records, if they "
                          "are matched")
    uc_information: Optional[bool] = Field(
        None, description="true if the item is unemployment compensation information "
                          "(always so when the unemployment insurance agency provides it)")
    disclosure: Optional[UcDisclosure] = Field(
        None, description="For unemployment compensation information: the 20 CFR 603.5 "
                          "category and the recipient's capacity")
    payment: Optional[UcPayment] = Field(
        None, description="For unemployment compensation information: who pays the "
                          "unemployment insurance agency's costs and on what basis")
    legal_basis: Optional[ShortText] = Field(
        None, description="The law that allows the owner to provide this item, as counsel "
                          "cites it, where no authority of the agreement covers it")

    @field_validator("sensitivity", "frequency", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return lower_word(value)

    @field_validator("provided_to", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return one_or_many(value)  # a single party written without list dashes

    @field_validator("fields", mode="before")
    @classmethod
    def _fields(cls, value: Any) -> Any:
        return [] if value is None else one_or_many(value)

    @property
    def identifiers(self) -> list[DataField]:
        return [f for f in self.fields if f.is_identifier]


class HeldData(Model):
    """Data a party already holds under another agreement or law and uses in the work this
    agreement covers, without providing it to another party."""

    id: ShortText = Field(description="Short name to refer to it from measures and "
                                      "projects, e.g. 'wage-records'",
                          json_schema_extra=NAMED_BY_OTHERS)
    description: ShortText = Field(
        description="What the data are, e.g. 'Unemployment insurance wage records of "
                    "Michigan employers'")
    held_by: ShortText = Field(description="The party that holds and uses them",
                               json_schema_extra=NAMED_BY_OTHERS)
    uc_information: bool = Field(
        False, description="true if the data are unemployment compensation information, "
                           "such as UI wage records")
    agreement: Optional[ShortText] = Field(
        None, description="The agreement or law under which the party holds them, e.g. "
                          "'Wage Record Data Sharing Agreement between the Unemployment "
                          "Insurance Agency and the Department, effective July 1, 2025'")


# --------------------------------------------------------------------------- matching


class Matching(Model):
    """How records about the same people are linked across the parties' data."""

    method: MatchMethod = Field(
        description="How records are linked: exact-ssn (an exact match on Social Security "
                    "number), deterministic (exact agreement on several identifiers under "
                    "written rules) or probabilistic (scored agreement above a threshold)")
    identifiers: list[ShortText] = Field(
        description="The identifiers used to match, e.g. [Social Security number, last "
                    "name, date of birth]")
    performed_by: Optional[ShortText] = Field(
        None, description="The party that runs the match, by name or short name")
    location: Optional[ShortText] = Field(
        None, description="Where the match runs, e.g. 'in the UI agency's secure research "
                          "environment, on its own servers'")
    match_rates: Optional[Text] = Field(
        None, description="How match rates are reported, e.g. 'the share of finder records "
                          "matched, by cohort and program, with each delivery'")
    unmatched: Optional[Text] = Field(
        None, description="What happens to records that do not match, e.g. 'counted and "
                          "reported as not found; no further search is made'")

    @field_validator("method", mode="before")
    @classmethod
    def _method(cls, value: Any) -> Any:
        return choice_word(value, {"ssn": "exact-ssn", "exact": "exact-ssn",
                                   "exact-on-ssn": "exact-ssn"})

    @field_validator("identifiers", mode="before")
    @classmethod
    def _some(cls, value: Any) -> Any:
        if lists_none(value):
            raise ValueError("lists no identifier; name the fields records are matched on, "
                             "e.g. [Social Security number]")
        return one_or_many(value)

    @property
    def method_text(self) -> str:
        return MATCH_METHODS[self.method]


# --------------------------------------------------------------------------- results


class Measure(Model):
    """One result the agreement promises (a report figure, a dashboard, a study outcome)
    and the data it is computed from."""

    name: ShortText = Field(description="The measure, e.g. 'Share of completers employed in "
                                        "the second quarter after completion'")
    computed_from: list[ShortText] = Field(
        description="The data it is computed from: items of the data schedule or data a "
                    "party holds, by id or item number, e.g. [wages, student-records]")
    project: Optional[ShortText] = Field(
        None, description="The project it belongs to, by id, when there are several",
        json_schema_extra=NAMED_BY_OTHERS)

    @field_validator("computed_from", mode="before")
    @classmethod
    def _sources(cls, value: Any) -> Any:
        value = _ref_list(value)
        if lists_none(value):
            raise ValueError("names no data it is computed from; a measure the agreement "
                             "promises must name the data elements it is computed from "
                             "(ids or item numbers of the data schedule)")
        return value


class Project(Model):
    """One use of the shared data: a report, evaluation or study with its own purpose."""

    id: ShortText = Field(description="Short name, e.g. 'wioa-reporting'",
                          json_schema_extra=NAMED_BY_OTHERS)
    name: ShortText = Field(description="The project's name, e.g. 'WIOA performance "
                                        "reporting'")
    lead: ShortText = Field(description="The party that carries out the project and uses "
                                        "the data for it, by name or short name",
                            json_schema_extra=NAMED_BY_OTHERS)
    purpose: Text = Field(description="What the project does and why, in a sentence or two")
    uses: list[ShortText] = Field(
        default_factory=list,
        description="What the lead party may do with the data for this project, one per "
                    "line; leave out to use the agreement's permitted uses")
    data: list[ShortText] = Field(
        default_factory=list,
        description="The data it uses, by id or item number; leave out for the data its "
                    "measures are computed from")

    @field_validator("uses", mode="before")
    @classmethod
    def _uses(cls, value: Any) -> Any:
        return [] if value is None else one_or_many(value)

    @field_validator("data", mode="before")
    @classmethod
    def _data(cls, value: Any) -> Any:
        return [] if value is None else _ref_list(value)


class EmployerScreening(Model):
    """How labor standards findings are used to screen employers, fairly to the employer."""

    lookback_years: Optional[int] = Field(
        None, description="Only final findings made within this many years count")
    violations: Optional[int] = Field(
        None, description="Optional: the number of final findings within that window that "
                          "leads to screening an employer out")
    response: Optional[Text] = Field(
        None, description="How an employer learns it has been screened out and how it can "
                          "respond, e.g. show that a finding was paid, reversed or is not its "
                          "own")
    response_days: Optional[int] = Field(
        None, description="Number of days the employer has to respond before the screen "
                          "takes effect, or to ask for it to be lifted")

    @field_validator("lookback_years", mode="before")
    @classmethod
    def _years(cls, value: Any) -> Any:
        return _whole(value, "years", 1, 20)

    @field_validator("violations", mode="before")
    @classmethod
    def _count(cls, value: Any) -> Any:
        return _whole(value, "findings", 1, 100)

    @field_validator("response_days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        return _whole(value, "days", 1, 365)


class Structure(Model):
    """How an agreement among three or more parties, or for more than one purpose, is
    structured."""

    form: Literal["single", "tiered"] = Field(
        description="single (one agreement for everything, with the reason stated) or "
                    "tiered (a governance memorandum, a data sharing agreement for each "
                    "data flow and a data use license for each project, as linked "
                    "documents)")
    reason: Optional[Text] = Field(
        None, description="For single: why one agreement suffices, e.g. 'the parties are "
                          "divisions of one department and every flow serves one report'")

    @field_validator("form", mode="before")
    @classmethod
    def _form(cls, value: Any) -> Any:
        return choice_word(value, {"one": "single", "one-agreement": "single",
                                   "linked": "tiered", "governance": "tiered"})
