"""The obligations a clause declares in its front matter (``obligations:``).

A clause that makes a party report, give notice, pay or destroy data says so in data, so
the exports can list every commitment without reading the prose::

    obligations:
      - id: monthly-reports
        type: report
        by: Contractor
        to: Agency
        what: Each report a job quality provision requires
        due: {frequency: monthly, day_of_month: "{report_day}",
              start: "{doc.solicitation.construction_start}"}
        remedy: Notice and {cure_days} days to cure; then withholding

Text values may name a clause parameter as ``{name}`` or an input field as ``{doc.path}``;
they are filled from the document's values. ``when:`` names a parameter or input field
(``not name`` for the opposite, ``name == value`` for a choice) that must be set for the
obligation to apply, as the clause's text does with ``{% if %}``.
"""

from __future__ import annotations

import re
from typing import Literal, Optional, Union

from pydantic import Field

from plankit.models.base import Model
from plankit.records import EVENTS, FREQUENCIES, OBLIGATION_TYPES, UNITS

REF = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")
"""``{name}`` or ``{doc.field.path}`` in an obligation's text."""

_WHEN = re.compile(r"^(not\s+)?([A-Za-z_][A-Za-z0-9_.]*)(?:\s*==\s*([A-Za-z0-9_-]+))?$")


class DueSpec(Model):
    """When an obligation falls due (see :class:`plankit.records.Due`)."""

    frequency: Literal[FREQUENCIES] = "once"  # type: ignore[valid-type]
    date: Optional[str] = Field(None, description="An absolute due date: a date parameter "
                                                  "or input field, e.g. '{doc.term.end}'")
    event: Optional[Literal[EVENTS]] = None  # type: ignore[valid-type]
    within: Optional[Union[int, str]] = Field(
        None, description="How long after the event: a number or '{param}'")
    unit: Literal[UNITS] = "days"  # type: ignore[valid-type]
    day_of_month: Optional[Union[int, str]] = Field(
        None, description="Day of the month a monthly or quarterly obligation is due")
    start: Optional[str] = Field(
        None, description="The date a recurring obligation starts from, where the input "
                          "gives it, e.g. '{doc.solicitation.construction_start}'")
    text: str = Field("", max_length=500, description="The due rule in words")


class ObligationSpec(Model):
    """One obligation a clause creates."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    type: Literal[OBLIGATION_TYPES]  # type: ignore[valid-type]
    by: str = Field(min_length=1, max_length=200, description="Who owes it: a role as the "
                                                              "clause names it")
    to: str = Field(min_length=1, max_length=200, description="To whom it is owed")
    what: str = Field(min_length=1, max_length=1000)
    due: DueSpec = Field(default_factory=DueSpec)
    metric: str = Field("", max_length=500)
    target: str = Field("", max_length=500)
    remedy: str = Field("", max_length=1000)
    when: Optional[str] = Field(None, pattern=_WHEN.pattern)


def spec_texts(spec: ObligationSpec) -> list[tuple[str, str]]:
    """(field, text) for each text of ``spec`` that may hold ``{…}`` references."""
    out = [(name, getattr(spec, name)) for name in ("by", "to", "what", "metric", "target",
                                                     "remedy")]
    due = spec.due
    out += [(f"due.{name}", str(getattr(due, name))) for name in
            ("date", "within", "day_of_month", "start", "text")
            if getattr(due, name) is not None]
    return out


def when_name(spec: ObligationSpec) -> tuple[bool, str, str | None] | None:
    """(negated, name, value it must equal or None) of the obligation's condition, or
    None."""
    if not spec.when:
        return None
    m = _WHEN.match(spec.when.strip())
    assert m is not None  # the field's pattern checked it
    return bool(m.group(1)), m.group(2), m.group(3)


def reference_problems(obligations: list[ObligationSpec], params: dict) -> list[str]:
    """Problems with the obligations' references: a ``{name}`` that is not a parameter of
    the clause (nor ``doc.…``), or two obligations with one id."""
    problems: list[str] = []
    seen: set[str] = set()
    for i, spec in enumerate(obligations):
        if spec.id in seen:
            problems.append(f"obligations[{i + 1}]: the id '{spec.id}' is used twice")
        seen.add(spec.id)
        names = [(f, m.group(1)) for f, text in spec_texts(spec) for m in REF.finditer(text)]
        cond = when_name(spec)
        if cond:
            names.append(("when", cond[1]))
        for field, name in names:
            if not name.startswith("doc.") and name not in params:
                problems.append(f"obligations[{i + 1}].{field}: '{name}' is not a parameter "
                                "of this clause (use a parameter name, or doc.<field> for "
                                "an input value)")
    return problems
