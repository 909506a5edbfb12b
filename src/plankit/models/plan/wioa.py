"""Parts only a WIOA local plan has: the chief elected officials, the assessment of workforce
development activities, and the negotiated levels of performance. (The planning region is in
``regional.py``, the operational elements in ``local_plan.py``.)"""

from __future__ import annotations

from typing import Any, Optional

from pydantic import Field, create_model

from plankit.models.base import Model
from plankit.models.common import Money, Percent, ShortText
from plankit.models.plan._fields import TextList


# --------------------------------------------------------------------------- the plan's frame


class ElectedOfficial(Model):
    """A chief elected official who develops the plan with the board and approves it."""

    government: ShortText = Field(description="The city or county the official represents, "
                                              "e.g. 'Alder County'")
    name: Optional[ShortText] = Field(None, description="The official's name; leave out to "
                                                        "print a blank signature line")
    title: Optional[ShortText] = Field(
        None, description="The official's title, e.g. 'President, Board of County "
                          "Commissioners'")


# --------------------------------------------------------------------------- analysis


class WorkforceActivities(Model):
    """The board's assessment of the workforce development activities in the area."""

    strengths: TextList = Field(
        default_factory=list,
        description="Strengths of the area's education, training and employment services, "
                    "one per line")
    weaknesses: TextList = Field(
        default_factory=list,
        description="Weaknesses or gaps in those services, one per line")
    capacity: Optional[str] = Field(
        None, description="How well those services can meet the skill needs of job seekers "
                          "and employers found in the analysis, in a few sentences")


# --------------------------------------------------------------------------- performance

INDICATORS: dict[str, str] = {
    "employment_q2": "employment rate, 2nd quarter after exit",
    "employment_q4": "employment rate, 4th quarter after exit",
    "median_earnings_q2": "median earnings, 2nd quarter after exit",
    "credential_rate": "credential attainment rate",
    "skill_gains": "measurable skill gains rate",
}
"""The WIOA primary indicators a local area negotiates for each Title I program."""


class ProgramLevels(Model):
    """Negotiated levels of performance for one WIOA Title I program."""


def _levels(cls_name: str, program: str, youth: bool = False) -> type[ProgramLevels]:
    """One model per program, so a missing level's placeholder names its program."""
    also = " (education, training or employment for Youth)" if youth else ""
    fields: dict[str, Any] = {}
    for key, name in INDICATORS.items():
        if key == "median_earnings_q2":
            typ: Any = Optional[Money]
            hint = "dollars for the quarter, e.g. 7850"
        else:
            typ = Optional[Percent]
            hint = "a percentage such as 72.5" + (also if key.startswith("employment") else "")
        fields[key] = (typ, Field(None, description=f"Negotiated {program} {name}; {hint}"))
    model = create_model(cls_name, __base__=ProgramLevels, **fields)
    model.__doc__ = f"Negotiated levels of performance for the WIOA {program} program."
    return model


AdultLevels = _levels("AdultLevels", "Adult")
DislocatedWorkerLevels = _levels("DislocatedWorkerLevels", "Dislocated Worker")
YouthLevels = _levels("YouthLevels", "Youth", youth=True)


class Performance(Model):
    """Local levels of performance negotiated with the Governor."""

    program_years: Optional[ShortText] = Field(
        None, description="The program years the negotiated levels apply to; e.g. 'PY2026 "
                          "and PY2027'")
    adult: AdultLevels = Field(default_factory=AdultLevels,  # type: ignore[valid-type]
                               description="Negotiated levels for the Adult program")
    dislocated_worker: DislocatedWorkerLevels = Field(  # type: ignore[valid-type]
        default_factory=DislocatedWorkerLevels,
        description="Negotiated levels for the Dislocated Worker program")
    youth: YouthLevels = Field(default_factory=YouthLevels,  # type: ignore[valid-type]
                               description="Negotiated levels for the Youth program")
    employer_retention: Optional[Percent] = Field(
        None, description="Negotiated level for effectiveness in serving employers "
                          "(retention with the same employer), if the state set one locally; "
                          "a percentage")
    negotiated: bool = Field(
        True, description="false if no local levels have been negotiated for these program "
                          "years; say why under 'explanation'")
    explanation: Optional[str] = Field(
        None, description="Why levels are not shown (when 'negotiated' is false), and when "
                          "they will be added, in a sentence or two")

    @property
    def given(self) -> bool:
        """Whether any level at all was supplied."""
        return any(getattr(p, k) is not None for p in (self.adult, self.dislocated_worker,
                                                       self.youth) for k in INDICATORS)

    @property
    def complete(self) -> bool:
        """Whether every level for the three programs was supplied."""
        return all(getattr(p, k) is not None for p in (self.adult, self.dislocated_worker,
                                                       self.youth) for k in INDICATORS)
