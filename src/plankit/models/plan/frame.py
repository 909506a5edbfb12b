"""The plan's frame: the period it covers (program years for WIOA plans, years for other
plans) and the local area of a WIOA local plan."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from pydantic import Field, model_validator

from plankit.models.base import Model
from plankit.models.common import Jurisdiction, ShortText

_YEARS = re.compile(r"^(?:PY\s*)?(\d{4}|\d{2})\s*(?:-|–|—|to|through)\s*(?:PY\s*)?(\d{4}|\d{2})$",
                    re.IGNORECASE)


def years_from_text(value: object) -> object:
    """Program years as people write them ('2024-2027', 'PY24-27', '2024 through 2027'),
    as the first and last year :class:`ProgramYears` takes."""
    if isinstance(value, str):
        m = _YEARS.match(value.strip())
        if not m:
            raise ValueError(f"'{value}' is not written like program years; write the first "
                             "and last program year, e.g. 2024-2027")
        first = int(m.group(1)) if len(m.group(1)) == 4 else 2000 + int(m.group(1))
        last = m.group(2)
        last_year = int(last) if len(last) == 4 else (first // 100) * 100 + int(last)
        return {"first": first, "last": last_year}
    return value


class ProgramYears(Model):
    """The program years a plan covers. A program year runs July 1 to June 30 and is named
    for the year it begins, so Program Years 2024-2027 run July 1, 2024 to June 30, 2028."""

    first: int = Field(description="First program year the plan covers, e.g. 2024",
                       ge=2000, le=2100)
    last: int = Field(description="Last program year the plan covers, e.g. 2027",
                      ge=2000, le=2100)

    @model_validator(mode="after")
    def _span(self) -> "ProgramYears":
        if self.last < self.first:
            raise ValueError(f"ends with {self.last}, before it starts ({self.first}); write "
                             "the earlier year first, e.g. 2024-2027")
        if self.last - self.first > 3:
            raise ValueError(f"covers {self.last - self.first + 1} program years; a WIOA plan "
                             "covers four (for example 2024-2027), and a modification covers "
                             "the years it changes")
        return self

    @property
    def years(self) -> int:
        """How many program years the plan covers, counting both ends."""
        return self.last - self.first + 1

    @property
    def label(self) -> str:
        """'Program Years 2024–2027', or 'Program Year 2026' for one year."""
        if self.first == self.last:
            return f"Program Year {self.first}"
        return f"Program Years {self.first}\u2013{self.last}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.last + 1, 6, 30)


class PlanPeriod(Model):
    """The years a plan other than a WIOA plan covers, e.g. 2026-2030 or 2025-2050. Plans
    count years in their own way (calendar, state fiscal or federal fiscal years), so the
    period is the first and last year as the plan names them."""

    first: int = Field(description="First year the plan covers, e.g. 2026", ge=2000, le=2100)
    last: int = Field(description="Last year the plan covers, e.g. 2030", ge=2000, le=2100)

    @model_validator(mode="after")
    def _span(self) -> "PlanPeriod":
        if self.last < self.first:
            raise ValueError(f"ends with {self.last}, before it starts ({self.first}); write "
                             "the earlier year first, e.g. 2026-2030")
        if self.last - self.first > 50:
            raise ValueError(f"covers {self.last - self.first + 1} years; no plan of this kind "
                             "looks further than 50 years ahead, so check the years")
        return self

    @property
    def years(self) -> int:
        """How many years the period covers, counting both ends."""
        return self.last - self.first + 1

    @property
    def label(self) -> str:
        """'2026–2030', or '2026' for one year."""
        return str(self.first) if self.first == self.last else f"{self.first}\u2013{self.last}"


_AREA_SUFFIX = re.compile(r"\s+(local\s+)?(workforce\s+(development|investment)\s+)?area$",
                          re.IGNORECASE)


class LocalArea(Jurisdiction):
    """The local workforce development area the plan covers."""

    name: ShortText = Field(description="The local area's name as the state designates it, "
                                        "e.g. 'Three Rivers'")
    locality: Optional[ShortText] = Field(
        None, description="The counties or cities the area covers, in words; e.g. 'Alder, "
                          "Kestrel and Tarrow counties'")

    @property
    def short_name(self) -> str:
        """The name without a trailing 'Local Workforce Development Area', for titles."""
        return _AREA_SUFFIX.sub("", self.name) or self.name

    @property
    def full_name(self) -> str:
        """'Three Rivers Local Workforce Development Area'."""
        return f"{self.short_name} Local Workforce Development Area"
