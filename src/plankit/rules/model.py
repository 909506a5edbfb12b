"""The shape of a rule file: conditions, lookups, rules and the file around them (see the
package notes in :mod:`plankit.rules`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterator, Literal, Optional

from pydantic import Field, field_validator, model_validator

from plankit.models._choices import one_or_many
from plankit.models.base import Model

_PATH = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z0-9_][a-z0-9_-]*)*$")
_SHOW = re.compile(r"\{([a-z_][a-z0-9_.-]*)(?:\|([a-z0-9]+))?\}")
FORMATS = ("money", "money0", "percent", "number", "date", "year", "list", "text")
"""Ways a message may show a value."""

TESTS = ("equals", "not_equals", "one_of", "contains", "contains_any", "text_equals",
         "at_least", "more_than", "less_than", "at_most", "is_set")
"""The tests a condition on a field can make."""
FORMS = ("all", "any", "none", "selected", "not_selected", "field")
"""The kinds of condition."""


class Condition(Model):
    """One test, or a group of tests (see the module notes)."""

    all: Optional[list["Condition"]] = None
    any: Optional[list["Condition"]] = None
    none: Optional[list["Condition"]] = None
    selected: Optional[list[str]] = None
    not_selected: Optional[list[str]] = None
    field: Optional[str] = None
    default: Any = None
    equals: Any = None
    not_equals: Any = None
    one_of: Optional[list[Any]] = None
    contains: Any = None
    contains_any: Optional[list[Any]] = None
    text_equals: Optional[str] = None
    at_least: Any = None
    more_than: Any = None
    less_than: Any = None
    at_most: Any = None
    is_set: Optional[bool] = None

    @field_validator("selected", "not_selected", mode="before")
    @classmethod
    def _patterns(cls, value: Any) -> Any:
        return one_or_many(value)

    @field_validator("field", mode="after")
    @classmethod
    def _path_shape(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not _PATH.match(value):
            raise ValueError(f"'{value}' is not a field path; write it like "
                             "'solicitation.estimated_value'")
        return value

    @model_validator(mode="after")
    def _one_form(self) -> "Condition":
        forms = [f for f in FORMS if getattr(self, f) is not None]
        tests = [t for t in TESTS if getattr(self, t) is not None]
        if len(forms) != 1:
            raise ValueError("a condition has exactly one of: " + ", ".join(FORMS)
                             + (f" (this one has {', '.join(forms)})" if forms else ""))
        if forms[0] == "field":
            if len(tests) != 1:
                raise ValueError(f"the condition on '{self.field}' needs exactly one test: "
                                 + ", ".join(TESTS))
        elif tests or self.default is not None:
            raise ValueError(f"tests such as {', '.join(tests) or 'default'} go with "
                             "'field:', not with '" + forms[0] + ":'")
        return self

    def test(self) -> tuple[str, Any]:
        name = next(t for t in TESTS if getattr(self, t) is not None)
        return name, getattr(self, name)


class LookupRow(Model):
    """One row of a lookup table: the value for the years it covers."""

    from_year: Optional[int] = None
    through_year: Optional[int] = None
    value: Any

    def covers(self, year: int) -> bool:
        return ((self.from_year is None or year >= self.from_year)
                and (self.through_year is None or year <= self.through_year))


class Lookup(Model):
    """A value that depends on the year of a date in the input (the first row that
    covers the year wins)."""

    year_of: str
    rows: list[LookupRow] = Field(min_length=1)

    @field_validator("year_of", mode="after")
    @classmethod
    def _path_shape(cls, value: str) -> str:
        if not _PATH.match(value):
            raise ValueError(f"'{value}' is not a field path")
        return value


class Rule(Model):
    """One domain rule."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    title: str = Field(min_length=1, max_length=200)
    kind: Literal["requirement", "law", "consistency"] = Field(
        "law", description="requirement: a legal requirement or authority that applies when "
                           "the condition holds, stated in the document; law: a check against "
                           "a law or program rule; consistency: a check of the input against "
                           "itself (never printed in the document)")
    severity: Literal["warning", "note"] = Field(
        "warning", description="warning: printed by validate and build (an error under "
                               "--strict); note: for the reviewer (a review comment and the "
                               "review memo)")
    statement: str = Field("", description="For a requirement: what the document says when it "
                                           "applies, in plain words")
    otherwise: str = Field("", description="For a requirement: what the review memo says when "
                                           "it does not apply (the document says nothing)")
    row: Optional[str] = Field(
        None, description="The rule rests on one row of a data table, found in the input facts "
                          "at this path (e.g. state_wage): the row's cite, as-of date and "
                          "verified flag stand in for the rule's source, as_of and verified")
    enabled: bool = True
    as_of: Optional[dt.date] = Field(None, description="Date the rule's status was last "
                                                       "checked; defaults to the file's")
    effective_from: Optional[dt.date] = None
    effective_until: Optional[dt.date] = None
    source: Optional[str] = Field(None, description="The law, rule or document it rests on")
    verified: bool = True
    status: Optional[str] = Field(None, description="Its status on the as-of date, for "
                                                    "rules that changed recently")
    each_provision: list[str] = Field(default_factory=list)
    when: Optional[Condition] = None
    path: Optional[str] = None
    message: str = ""
    fix: str = ""
    values: dict[str, Any] = Field(default_factory=dict)
    lookup: dict[str, Lookup] = Field(default_factory=dict)

    @field_validator("each_provision", mode="before")
    @classmethod
    def _patterns(cls, value: Any) -> Any:
        return one_or_many(value)

    @field_validator("path", mode="after")
    @classmethod
    def _path_shape(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not _PATH.match(value):
            raise ValueError(f"'{value}' is not a field path")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Rule":
        if self.effective_from and self.effective_until \
                and self.effective_until < self.effective_from:
            raise ValueError("effective_until is before effective_from")
        clash = set(self.values) & set(self.lookup)
        if clash:
            raise ValueError(f"{', '.join(sorted(clash))} is both a value and a lookup")
        if self.kind == "requirement" and not self.statement:
            raise ValueError("a requirement needs 'statement:', what the document says when it "
                             "applies")
        if self.kind != "requirement" and not self.message:
            raise ValueError("a check needs 'message:', what the warning says")
        for text in (self.message, self.fix, self.status or "", self.statement, self.otherwise):
            for m in _SHOW.finditer(text):
                if m.group(2) and m.group(2) not in FORMATS:
                    raise ValueError(f"'{{{m.group(1)}|{m.group(2)}}}' uses an unknown format; "
                                     f"use one of: {', '.join(FORMATS)}")
        if self.row is not None and not _PATH.match(self.row):
            raise ValueError(f"row: '{self.row}' is not a field path")
        if any(p.startswith("provision.") for p in self._paths()) and not self.each_provision:
            raise ValueError("the rule names provision.… fields, so it needs 'each_provision:' "
                             "saying which provisions it checks")
        return self

    def _paths(self) -> Iterator[str]:
        if self.path:
            yield self.path

        def walk(c: Optional[Condition]) -> Iterator[str]:
            if c is None:
                return
            if c.field:
                yield c.field
            for group in (c.all, c.any, c.none):
                for sub in group or []:
                    yield from walk(sub)

        yield from walk(self.when)


class RuleFile(Model):
    """A rule file: which rule set it belongs to, its version and as-of date, its rules."""

    ruleset: str
    title: Optional[str] = None
    version: Optional[str] = None
    as_of: dt.date
    programs: dict[str, str] = Field(
        default_factory=dict, description="Programs the rules know by short name (as "
                                          "solicitation.program gives it), with their full names")
    rules: list[dict[str, Any]] = Field(default_factory=list)

