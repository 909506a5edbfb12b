"""The negotiated terms of a data-sharing MOU: safeguards (breach notice, small cells,
publication review, encryption, the record of disclosures), retention and destruction, the
term and how the parties govern the agreement together."""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, field_validator, model_validator

from plankit.models._choices import lower_word
from plankit.models._choices import whole_number as _whole
from plankit.models.agreement import MAX_DAYS, AgreementTerm
from plankit.models.base import Model

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

# --------------------------------------------------------------------------- safeguards


class Retention(Model):
    """How long a receiving party keeps the data, and how it proves they were destroyed."""

    years: Optional[int] = Field(
        None, description="Number of years a receiving party may keep the data after it "
                          "receives them; leave out if the data are kept only until the "
                          "purpose is served")
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
    deemed_approval: bool = Field(
        False, description="true if a publication may be released when a providing party "
                           "does not answer within the review period; false (the default) "
                           "if release always waits for its written answer")
    accounting_years: Optional[int] = Field(
        None, description="Number of years a receiving party keeps its record of "
                          "disclosures after the data are destroyed")
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

    @field_validator("accounting_years", mode="before")
    @classmethod
    def _years(cls, value: Any) -> Any:
        return _whole(value, "years", 1, 100)

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


