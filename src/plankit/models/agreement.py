"""The term of an agreement (when it starts and ends, how it is renewed), shared by the
data-sharing and sector-partnership MOUs; each adds how a party leaves it."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import Field, field_validator, model_validator

from plankit.models._choices import choice_word, whole_number
from plankit.models.base import Model
from plankit.models.open import is_open

Renewal = Literal["none", "by-amendment", "automatic"]

MAX_DAYS = 3650


class AgreementTerm(Model):
    """When the agreement starts and ends, and how it is renewed."""

    start: Optional[dt.date] = Field(
        None, description="Date the agreement takes effect (YYYY-MM-DD); leave out for the "
                          "date the last party signs")
    end: Optional[dt.date] = Field(
        None, description="Date the agreement ends (YYYY-MM-DD); give this or 'years', "
                          "not both")
    years: Optional[int] = Field(
        None, description="Number of years the agreement lasts from its start; give this or "
                          "'end', not both")
    renewal: Optional[Renewal] = Field(
        None, description="How the agreement is renewed: none, by-amendment (only by a "
                          "written amendment the parties sign) or automatic (renews unless "
                          "a party gives notice)")
    renewal_years: Optional[int] = Field(
        None, description="Number of years each automatic renewal lasts")

    @field_validator("renewal", mode="before")
    @classmethod
    def _renewal_word(cls, value: Any) -> Any:
        return choice_word(value, {"amendment": "by-amendment", "auto": "automatic",
                                   "no": "none"})

    @field_validator("years", "renewal_years", mode="before")
    @classmethod
    def _years(cls, value: Any) -> Any:
        return whole_number(value, "years", 1, 50)

    @model_validator(mode="after")
    def _consistent(self) -> "AgreementTerm":
        if self.end is not None and self.years is not None:
            raise ValueError("gives both 'end' and 'years'; give the end date or the number "
                             "of years, not both")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"ends ({self.end}) before it starts ({self.start}); swap the "
                             "dates or correct the year")
        if self.renewal_years is not None and self.renewal != "automatic" \
                and not is_open(self, "renewal"):
            raise ValueError("gives 'renewal_years', which only applies to automatic "
                             "renewal; set 'renewal: automatic' or remove 'renewal_years'")
        return self

    @property
    def has_end(self) -> bool:
        return self.end is not None or self.years is not None
