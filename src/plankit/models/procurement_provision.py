"""One job quality provision of a procurement input, picked from the clause library.

Each provision is used in one of three modes:

- ``require``: a condition of award and a term of the contract;
- ``incentivize``: evaluation points for a commitment, which then becomes a contract term;
- ``encourage``: a practice the agency asks for; not binding, and worth no points.

A clause whose id ends in ``.record`` (``safety.record``) is a fourth kind: an evaluation
criterion on the bidder's past record, scored apart from the commitments, since a past
record is not a promise about the Work.
"""

from __future__ import annotations

import re
from typing import Any, Literal, Optional

from pydantic import Field, ValidationInfo, field_validator, model_validator

from plankit.models._choices import lower_word
from plankit.models.base import Model
from plankit.models.common import ShortText
from plankit.models.open import is_open
from plankit.models.procurement_solicitation import whole_points

Mode = Literal["require", "incentivize", "encourage"]

MODES: dict[str, str] = {
    "require": "Requirement",
    "incentivize": "Scored incentive",
    "encourage": "Encouraged practice",
}
"""The three ways a provision can be used, as printed."""

RECORD = "record"
"""The last part of a clause id that makes it a past-record criterion."""

INCENTIVE_SUFFIX = ".incentivize"
"""A clause whose id ends like this is a scored incentive and needs evaluation points."""

MAX_POINTS = 1000
"""Most points one provision may carry (scoring scales run to 100 or, rarely, 1,000)."""

PLA_MODELS = {"agency": "attached", "contractor": "contractor-negotiated"}
"""The former 'negotiated_by' setting of a project labor agreement, as its 'model'."""

_CLAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
_TOPIC = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$")


def mode_of(clause_id: str) -> Optional[str]:
    """The mode a clause id names by its last part (``living-wage.require`` -> require), or
    None when it names none (``prevailing-wage.federal``)."""
    last = clause_id.rpartition(".")[2]
    return last if last in MODES else None


class Provision(Model):
    """One job quality provision picked from the clause library."""

    clause: ShortText = Field(
        description="The clause: its full id, e.g. 'living-wage.require', or its topic, e.g. "
                    "'living-wage', together with 'mode'; 'plankit clauses list' shows them all")
    mode: Optional[Mode] = Field(
        None, description="How the provision is used when 'clause' gives only the topic: "
                          "require (a condition of award), incentivize (scored, needs "
                          "'points') or encourage (not binding, no points)")
    params: dict[ShortText, Any] = Field(
        default_factory=dict,
        description="The clause's settings, e.g. {wage_floor: 24.50}; "
                    "'plankit clauses show ID' lists what each clause needs")
    points: Optional[int] = Field(
        None, description="Evaluation points for a scored incentive (mode incentivize, or a "
                          "clause ending in '.incentivize') or a past-record criterion (a "
                          "clause ending in '.record'); leave out otherwise")

    @model_validator(mode="before")
    @classmethod
    def _topic_and_mode(cls, data: Any) -> Any:
        """``clause: living-wage`` + ``mode: incentivize`` -> ``living-wage.incentivize``;
        a project labor agreement's former 'negotiated_by' setting becomes its 'model'."""
        if isinstance(data, dict):
            clause, mode = data.get("clause"), lower_word(data.get("mode"))
            if isinstance(clause, str) and isinstance(mode, str) and mode in MODES:
                text = clause.strip()
                data = {**data, "mode": mode}
                if mode_of(text) is None:
                    data["clause"] = f"{text}.{mode}"
            params = data.get("params")
            if (isinstance(data.get("clause"), str) and data["clause"].startswith("pla.")
                    and isinstance(params, dict) and "negotiated_by" in params
                    and "model" not in params):
                rest = {k: v for k, v in params.items() if k != "negotiated_by"}
                old = lower_word(params["negotiated_by"])
                data = {**data, "params": {**rest, "model": PLA_MODELS.get(old, old)}}
        return data

    @field_validator("clause", mode="after")
    @classmethod
    def _clause_id_shape(cls, value: str) -> str:
        if not _CLAUSE_ID.match(value):
            if _TOPIC.match(value):
                raise ValueError(f"'{value}' is a topic, not a whole clause id; add 'mode: "
                                 "require', 'mode: incentivize' or 'mode: encourage' next to "
                                 f"it, or write the full id such as '{value}.require' "
                                 "('plankit clauses list' shows them all)")
            raise ValueError(f"'{value}' is not written like a clause id; clause ids are "
                             "lowercase words joined by dots and dashes, such as "
                             "'living-wage.require' ('plankit clauses list' shows them all)")
        return value

    @field_validator("mode", mode="before")
    @classmethod
    def _mode_word(cls, value: Any) -> Any:
        return lower_word(value)

    @field_validator("mode", mode="after")
    @classmethod
    def _mode_fits_clause(cls, value: Optional[str], info: ValidationInfo) -> Optional[str]:
        clause = info.data.get("clause")
        if value and isinstance(clause, str):
            named = mode_of(clause)
            if named and named != value:
                topic = clause.rpartition(".")[0]
                raise ValueError(f"is '{value}', but the clause '{clause}' is the '{named}' "
                                 f"version; write either 'clause: {clause}' without 'mode', "
                                 f"or 'clause: {topic}' with 'mode: {value}'")
        return value

    @field_validator("points", mode="before")
    @classmethod
    def _whole_points(cls, value: Any) -> Any:
        return whole_points(value)

    @property
    def how(self) -> str:
        """The mode in effect: the one the clause id names, 'record' for a past-record
        criterion, else require."""
        if self.clause.rpartition(".")[2] == RECORD:
            return RECORD
        return mode_of(self.clause) or "require"

    @property
    def how_label(self) -> str:
        return MODES.get(self.how, "Past-record criterion")

    @property
    def is_incentive(self) -> bool:
        return self.how == "incentivize"

    @property
    def is_record(self) -> bool:
        """A criterion that scores the bidder's past record, not a commitment."""
        return self.how == RECORD

    @property
    def is_scored(self) -> bool:
        return self.is_incentive or self.is_record

    @property
    def is_encouraged(self) -> bool:
        return self.how == "encourage"

    @property
    def is_requirement(self) -> bool:
        return self.how == "require"

    @property
    def topic(self) -> str:
        """The clause id without its mode, e.g. 'living-wage' for 'living-wage.require'."""
        return self.clause.rpartition(".")[0] if mode_of(self.clause) else self.clause

    @model_validator(mode="after")
    def _points_fit_the_clause(self) -> "Provision":
        if "points" in self.params:
            raise ValueError(f"{self.clause}: put the points in 'points:' next to 'clause:', "
                             "not under 'params:'")
        if self.is_scored:
            what = "a scored incentive" if self.is_incentive else "a past-record criterion"
            if self.points is None and not is_open(self, "points"):
                raise ValueError(f"{self.clause} is {what}, so it needs 'points:' (the most "
                                 "evaluation points a proposal can earn for it), e.g. "
                                 "'points: 10'")
            if self.points is not None and self.points <= 0:
                raise ValueError(f"{self.clause} has {self.points} points; {what} must be "
                                 "worth at least 1 point")
            if self.points is not None and self.points > MAX_POINTS:
                raise ValueError(f"{self.clause} has {self.points:,} points; that is more "
                                 f"than {MAX_POINTS:,}, so check the number")
        elif self.points is not None:
            if self.is_encouraged:
                raise ValueError(f"{self.clause} is encouraged, not required or scored, so it "
                                 "is not binding and earns no points; remove 'points:', or "
                                 f"use 'clause: {self.topic}' with 'mode: incentivize'")
            raise ValueError(f"{self.clause} is a requirement (pass or fail), so it earns no "
                             "points; remove 'points:', or use the scored version of the "
                             f"clause ('{self.topic}{INCENTIVE_SUFFIX}')")
        return self
