"""Shared input types: every document kind uses these, so they are defined once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, Optional

from pydantic import BeforeValidator, Field, field_validator, model_validator

from plankit.models.base import Model

# --------------------------------------------------------------------------- scalars

STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands", "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
    "XS": "State of Example",
}
"""US states, the District of Columbia and the territories, by postal code, and one clearly
fictional state for examples and starters ("XS", the State of Example)."""

FICTIONAL_STATES = frozenset({"XS"})
"""Codes in :data:`STATES` that name no real jurisdiction: no table of state law has a row
for them."""

_NAME_TO_CODE = {name.lower(): code for code, name in STATES.items()}


def _state_code(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        if text.upper() in STATES:
            return text.upper()
        if text.lower() in _NAME_TO_CODE:
            return _NAME_TO_CODE[text.lower()]
        raise ValueError(f"'{text}' is not a US state or territory; use a two-letter postal "
                         "code such as 'CA', 'NY' or 'PR'")
    return value


StateCode = Annotated[str, BeforeValidator(_state_code)]

_MONEY_CLEAN = re.compile(r"[$,\s]|USD", re.IGNORECASE)


def _money(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("must be an amount of money such as 22.50, not true/false")
    if isinstance(value, str):
        text = _MONEY_CLEAN.sub("", value)
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"'{value}' is not an amount of money; write it like 22.50 "
                             "or \"$1,250,000\"") from None
    if isinstance(value, (int, float)):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("must be a finite amount of money")
        if value < 0:
            raise ValueError(f"is negative ({value}); amounts of money must be 0 or more")
        if value > Decimal("1e13"):
            raise ValueError("is larger than any public budget; check the number of zeros")
        return value.quantize(Decimal("0.01"))
    return value


Money = Annotated[Decimal, BeforeValidator(_money)]
"""US dollars, 0 or more, kept to the cent. Accepts 22.5, "22.50" or "$1,250,000"."""


def _percent(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("must be a percentage such as 15, not true/false")
    if isinstance(value, str):
        text = value.strip().rstrip("%").strip()
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"'{value}' is not a percentage; write it like 15 or "
                             "\"15%\"") from None
    if isinstance(value, (int, float)):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite() or value < 0 or value > 100:
            raise ValueError(f"is {value}; a percentage must be between 0 and 100")
        return value.normalize() if value == value.to_integral() else value
    return value


Percent = Annotated[Decimal, BeforeValidator(_percent)]
"""A percentage from 0 to 100. Accepts 15, 12.5 or "15%"."""

Text = str
ShortText = Annotated[str, Field(max_length=500)]


# --------------------------------------------------------------------------- records


class Citation(Model):
    """A legal or policy authority, as it should be cited."""

    label: ShortText = Field(description="Short name, e.g. 'Davis-Bacon Act'")
    cite: ShortText = Field(description="The citation, e.g. '40 U.S.C. 3141 et seq.'")
    url: Optional[ShortText] = Field(None, description="Where a reviewer can read it")
    as_of: Optional[dt.date] = Field(
        None, description="Date the status was last checked (required for policy that "
                          "changed in 2025-26)")
    verified: bool = Field(True, description="False if the reviewer must confirm the citation")


class Contact(Model):
    """A named person to reach."""

    name: ShortText
    title: Optional[ShortText] = None
    email: Optional[ShortText] = None
    phone: Optional[ShortText] = None


class Signatory(Model):
    """The person who signs for a party."""

    name: Optional[ShortText] = Field(None, description="Leave out to print a blank line")
    title: Optional[ShortText] = Field(None, description="e.g. 'Executive Director'")


class Party(Model):
    """An agency or organization that is party to, or named in, a document."""

    name: ShortText = Field(description="Full legal name, e.g. 'Riverside County Workforce "
                                        "Development Board'")
    short_name: Optional[ShortText] = Field(
        None, description="How the document refers to it after first use, e.g. 'the Board'")
    type: Optional[ShortText] = Field(
        None, description="What kind of body it is, e.g. 'state workforce agency', "
                          "'community college district'")
    address: Optional[ShortText] = None
    contact: Optional[Contact] = None
    signatory: Optional[Signatory] = None

    @property
    def ref(self) -> str:
        return self.short_name or self.name


class Jurisdiction(Model):
    """Where the document applies."""

    state: StateCode = Field(description="Two-letter postal code, e.g. 'CA'")
    locality: Optional[ShortText] = Field(
        None, description="City, county or local workforce area, if not statewide")

    @property
    def state_name(self) -> str:
        return STATES[self.state]


class DateRange(Model):
    """A period with a start and an end date (YYYY-MM-DD)."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> "DateRange":
        if self.end < self.start:
            raise ValueError(f"ends ({self.end}) before it starts ({self.start}); "
                             "swap the dates or correct the year")
        return self


MetricUnit = Literal["percent", "count", "dollars", "rate", "ratio", "days", "hours"]


class Metric(Model):
    """One shared measure: what is counted, where it stands now, where it should get to,
    where the numbers come from and how they are broken down.

    Used by plan sections, sector-partnership MOUs and procurement reporting, so a metric is
    written the same way everywhere.
    """

    name: ShortText = Field(description="What is measured, e.g. 'Placements at or above a "
                                        "living wage'")
    definition: Optional[ShortText] = Field(
        None, description="How it is counted, e.g. 'share of exiters employed in the 2nd "
                          "quarter after exit at $22.40 an hour or more'")
    unit: MetricUnit = Field("percent", description="percent, count, dollars, rate, ratio, "
                                                    "days or hours")
    baseline: Optional[Decimal] = Field(None, description="Where it stands now (leave out if "
                                                         "not yet known)",
                                        json_schema_extra={"plausible_percent": True})
    baseline_year: Optional[ShortText] = Field(None, description="Year or period of the "
                                                                 "baseline, e.g. 'PY 2024'")
    target: Optional[Decimal] = Field(None, description="Where it should get to",
                                      json_schema_extra={"plausible_percent": True})
    target_year: Optional[ShortText] = Field(None, description="When, e.g. 'PY 2027'")
    direction: Literal["increase", "decrease"] = Field(
        "increase", description="Whether better means higher (increase) or lower (decrease, "
                                "e.g. safety incidents)")
    source: Optional[ShortText] = Field(
        None, description="Where the numbers come from, e.g. 'State UI wage records'")
    disaggregation: list[ShortText] = Field(
        default_factory=list,
        description="How results are broken down, e.g. [race and ethnicity, sex, age, zip code]")
    frequency: Optional[ShortText] = Field(None, description="How often it is reported, e.g. "
                                                             "'quarterly'")

    @field_validator("baseline_year", "target_year", mode="before")
    @classmethod
    def _year_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("baseline", "target", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("must be a number such as 62.5, not true/false")
        if isinstance(value, str):
            text = _MONEY_CLEAN.sub("", value).rstrip("%").strip()
            try:
                return Decimal(text)
            except InvalidOperation:
                raise ValueError(f"'{value}' is not a number; write it like 62.5") from None
        return value

    @model_validator(mode="after")
    def _fits_unit(self) -> "Metric":
        for label, value in (("baseline", self.baseline), ("target", self.target)):
            if value is None:
                continue
            if not value.is_finite() or value < 0:
                raise ValueError(f"the {label} ({value}) must be 0 or more")
            if self.unit == "percent" and value > 100:
                raise ValueError(f"the {label} is {value}, but the unit is percent; a "
                                 "percentage must be between 0 and 100")
        return self

    @property
    def target_misses_baseline(self) -> bool:
        """True when the target is worse than the baseline (a likely typo)."""
        if self.baseline is None or self.target is None:
            return False
        if self.direction == "increase":
            return self.target < self.baseline
        return self.target > self.baseline

    def show(self, value: Optional[Decimal]) -> str:
        """A baseline or target as printed, e.g. '62.5%', '$22.40', '1,250'."""
        if value is None:
            return ""
        text = f"{value:,.2f}" if self.unit == "dollars" else f"{value.normalize():,f}"
        return {"percent": f"{text}%", "dollars": f"${text}"}.get(self.unit, text)


@dataclass(frozen=True)
class Finding:
    """A domain-rule warning about an input that is valid but probably wrong or incomplete.

    ``plankit validate`` and ``build`` print findings as warnings; ``--strict`` makes them
    errors. ``path`` is the field the finding is about (list indexes from 0, as pydantic
    gives them); ``rule`` names the rule so the review checklist can cite it.
    """

    path: tuple
    message: str
    fix: str = ""
    rule: str = ""
    source: str = ""
    """Where the rule comes from (a citation), when it rests on a law or guidance."""
    severity: str = "warning"
    """``warning`` (printed by validate and build, an error under --strict) or ``note``
    (for the reviewer only: a review comment and the review memo)."""
    shown: str = ""
    """How the value the finding is about appears in the document (e.g. ``0.74%``), so the
    warning can quote the sentence it is in."""


class DocumentOptions(Model):
    """How the document looks and what review aids it carries (all optional)."""

    __open__ = False  # how the document is made, not a fact in it: never left open

    contents: bool = Field(False, description="Print a table of contents after the title "
                                              "(true or false)")
    watermark: bool = Field(False, description="Print a large DRAFT watermark on every page "
                                               "(only while 'draft' is true)")
    version: Optional[ShortText] = Field(None, description="Version label of this draft, "
                                                           "printed under the title, e.g. '0.3'")
    letterhead: Optional[ShortText] = Field(
        None, description="Agency name for the top of every page, e.g. 'City of Example "
                          "Department of Public Works'")
    logo: Optional[ShortText] = Field(
        None, description="A PNG or JPEG logo for the top of every page: its file name, "
                          "relative to this input file, e.g. 'seal.png'")
    logo_description: Optional[ShortText] = Field(
        None, description="What the logo shows, read aloud by screen readers, e.g. 'Seal of "
                          "the City of Example'")
    review_checklist: bool = Field(
        False, description="Add an appendix listing every missing fact, drafter note and "
                           "warning, with the section it belongs to")
    audit_trail: bool = Field(
        False, description="Add an appendix listing the clause versions used and the input "
                           "file's fingerprint (they are always in the document properties)")
    pdf_engine: Optional[Literal["weasyprint", "typst"]] = Field(
        None, description="What typesets the PDF: weasyprint (the default) or typst (many "
                          "times faster for long documents and batches; needs the typst "
                          "package). --pdf-engine overrides it")
    review_notes: Literal["comments", "inline"] = Field(
        "comments", description="How the review copy shows drafter notes, missing facts and "
                                "warnings: comments (Word comments; linked end notes in PDF, "
                                "HTML and Markdown) or inline (boxes in the text)")

    @model_validator(mode="after")
    def _logo_described(self) -> "DocumentOptions":
        if self.logo and not self.logo_description:
            raise ValueError("a logo needs 'logo_description' (what it shows, for readers "
                             "who cannot see it), e.g. logo_description: Seal of the City")
        return self


class DocumentInput(Model):
    """Fields every input file shares. Each document kind subclasses this."""

    kind: str = Field(description="Which document this file describes",
                      json_schema_extra={"open": False})
    title: Optional[ShortText] = Field(None, description="Document title; a sensible default "
                                                         "is used when left out")
    date: Optional[dt.date] = Field(None, description="Date printed on the draft (YYYY-MM-DD)")
    lang: Literal["en-US", "es-US"] = Field(
        "en-US", description="Document language, for accessibility tools",
        json_schema_extra={"open": False})
    draft: bool = Field(True, description="Mark the document as a draft (true until final)",
                        json_schema_extra={"open": False})
    options: DocumentOptions = Field(
        default_factory=DocumentOptions,
        description="Table of contents, watermark, version, letterhead and logo, review "
                    "checklist and audit trail appendices", json_schema_extra={"open": False})
    clause_params: dict[ShortText, dict[ShortText, Any]] = Field(
        default_factory=dict,
        description="Values for clause parameters, by clause id, e.g. "
                    "{'living-wage.require': {'wage_floor': 22.50}}",
        json_schema_extra={"open": False})

    # What each kind provides to the composer -----------------------------------------

    def outline_id(self) -> str:
        """Name of the outline in templates/outlines/ (without .yaml)."""
        return self.kind

    def default_title(self) -> str:
        raise NotImplementedError

    def author(self) -> str:
        """The issuing agency, for document properties."""
        return ""

    def jurisdiction_code(self) -> str:
        """Two-letter code of the state the document is for, or ""."""
        return ""

    def subject(self) -> str:
        return ""

    def signatories(self) -> list[tuple[str, Optional[str], Optional[str]]]:
        """(party name, signer name, signer title) for the signature page."""
        return []

    def selected_clauses(self) -> list[tuple[str, dict[str, Any]]]:
        """Clauses the user picked (outline slot ``selected``), with their parameters."""
        return []

    def findings(self) -> list[Finding]:
        """Domain-rule warnings for this input (valid, but probably wrong or incomplete)."""
        return []

    def legal_checks(self) -> list[dict[str, Any]]:
        """The legal rules and dated sources this document relies on, for the review memo:
        dicts with title, outcome, source, as_of (a date or None), verified, detail and kind
        (law, consistency or source)."""
        return []

    def review_findings(self) -> list[Finding]:
        """Notes for the reviewer only (severity ``note``): review comments and the memo."""
        return []

    def document_findings(self, document: Any) -> list[Finding]:
        """Warnings that need the composed document (e.g. a required element that no section
        of it answers); like :meth:`findings`."""
        return []

    def report_lines(self, document: Any) -> list[str]:
        """Extra lines for ``plankit validate --report`` (e.g. a plan's crosswalk)."""
        return []

    @classmethod
    def prepare_input(cls, loaded: Any, read_text: Any) -> Any:
        """The input's data before validation; a kind may read files it names here, with
        ``read_text`` (e.g. a CSV file of comments). By default the data as loaded."""
        return loaded.data
