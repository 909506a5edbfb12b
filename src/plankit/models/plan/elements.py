"""What the plan-section input knows about its plan type's elements: which apply, which the
input addresses, the sources they rest on (with their dates, for the review memo), and the
rows of the requirements table.

A mixin of :class:`~plankit.models.plan.section.PlanSectionInput`; it reads the input's
fields and properties and holds no fields of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from pydantic import BaseModel

from plankit.models.plan.registry import Element


class ElementsMixin:
    """Required, recommended and removed elements of the input's plan type."""

    def element_applies(self, e: Element) -> bool:
        if e.applies and not getattr(self, e.applies, False):
            return False
        return all(getattr(self, f, None) == v for f, v in e.when.items())

    def element_given(self, e: Element) -> bool:
        """Whether the input addresses the element: the property named by ``given``, or
        every field it names is given."""
        if e.given:
            return bool(getattr(self, e.given))
        return all(_has(dig(self, f), e.has) for f in e.fields)

    def element_elsewhere(self, e: Element) -> bool:
        """Whether another document the input names (``elsewhere``) answers the element."""
        return bool(e.elsewhere and _has(dig(self, e.elsewhere), None))

    def element_missing(self, e: Element) -> list[str]:
        """The fields to add so that the input addresses the element."""
        missing = [f for f in e.fields if not _has(dig(self, f), e.has)]
        return missing or list(e.fields)

    def dated_after(self, day: Optional[dt.date]) -> bool:
        """Whether ``day`` (a source's or note's date) is after this plan's own date: such a
        source is not cited in the plan as fact (the review memo lists it instead)."""
        return bool(day and self.date and day > self.date)

    def _current(self, e: Element) -> bool:
        return not self.dated_after(self.plan_type.source(e.source).as_of)

    @property
    def elements(self) -> list[Element]:
        """The plan type's elements that apply to this plan (leaving out any that rest on a
        source dated after the plan)."""
        return [e for e in self.plan_type.elements if self.element_applies(e)
                and self._current(e)]

    @property
    def notes(self) -> list:
        """The plan type's notes of change dated on or before this plan's date."""
        return [n for n in self.plan_type.notes if not self.dated_after(n.as_of)]

    @property
    def status_date(self) -> Optional[dt.date]:
        """The date the element statuses are stated as of: the plan type's, unless that is
        after this plan's own date (then none is stated)."""
        p = self.plan_type
        return None if self.dated_after(p.as_of) else p.as_of

    @staticmethod
    def _source_keys(elements, notes) -> list[str]:
        """Source keys of ``elements`` (with their further sources) and ``notes``, each
        once, in order of first use."""
        keys: list[str] = []
        for key in [k for e in elements for k in (e.source, *e.also)] + \
                [n.source for n in notes]:
            if key not in keys:
                keys.append(key)
        return keys

    def legal_checks(self) -> list[dict[str, Any]]:
        """The sources this plan type's elements and notes rely on, with their dates, for the
        review memo; one dated after the plan is marked as not cited."""
        out = []
        p = self.plan_type
        for key in self._source_keys([e for e in p.elements if self.element_applies(e)],
                                     p.notes):
            src = p.source(key)
            after = self.dated_after(src.as_of)
            detail = src.note or ""
            if src.read_in:
                read = f" on {src.checked:%B} {src.checked.day}, {src.checked.year}" \
                    if src.checked else ""
                detail = (detail + " " if detail else "") + f"Text read{read} in {src.read_in}."
            out.append({"title": src.title, "source": src.cite, "as_of": src.as_of,
                        "verified": src.verified, "kind": "source",
                        "outcome": "not in effect" if after else "recorded",
                        "detail": "Not cited: dated after this plan." if after else detail})
        for n in p.notes:
            src = p.source(n.source)
            if not n.as_of or n.as_of == src.as_of:
                continue
            after = self.dated_after(n.as_of)
            out.append({"title": src.title, "source": src.cite, "as_of": n.as_of,
                        "verified": src.verified, "kind": "source",
                        "outcome": "not in effect" if after else "recorded",
                        "detail": ("Not cited: dated after this plan. " if after else "")
                        + n.text})
        return out

    @property
    def element_rows(self) -> list[dict[str, Any]]:
        """One row per element for the requirements table: text, status, cite, whether the
        input addresses it, the section of the draft that does and, when none does, the
        first input field still to add."""
        rows = []
        for e in self.elements:
            src = self.plan_type.source(e.source)
            given = self.element_given(e)
            rows.append({"text": e.text, "status": e.status, "status_label": e.status_label,
                         "cite": self.plan_type.cite(e), "verified": src.verified,
                         "given": given, "section": e.section if given else "",
                         "target": e.section,
                         "field": "" if given else (self.element_missing(e) or [""])[0]})
        return rows

    @property
    def element_sources(self) -> list[dict[str, Any]]:
        """The sources the elements and notes cite, each once, in order of first use."""
        out = []
        for key in self._source_keys(self.elements, self.notes):
            s = self.plan_type.source(key)
            if self.dated_after(s.as_of):
                continue
            out.append({"key": key, "title": s.title, "cite": s.cite, "verified": s.verified,
                        "as_of": s.as_of or "", "note": s.note or ""})
        return out

    @property
    def required_count(self) -> int:
        return sum(1 for e in self.elements if e.status == "required")

    @property
    def removed_count(self) -> int:
        return sum(1 for e in self.elements if e.status == "removed")


def dig(model: Any, path: str) -> Any:
    """The value at a dotted field path, or None."""
    value = model
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _has(value: Any, wanted: Optional[str]) -> bool:
    """Whether a value is given and, if ``wanted`` is set, holds it."""
    if value is None or value is False or value == [] or value == "":
        return False
    if isinstance(value, BaseModel):
        try:
            if value == type(value)():  # an untouched default, e.g. workforce: {}
                return False
        except ValueError:  # a model with required fields has no empty default
            pass
    if wanted is None:
        return True
    if isinstance(value, list):
        return any(v == wanted or getattr(v, "tool", None) == wanted for v in value)
    return value == wanted
