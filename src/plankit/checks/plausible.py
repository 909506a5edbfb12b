"""Plausibility checks: values that are valid but probably not what the user meant.

Each check gives a warning (an error under ``--strict``) naming the field, what the
document would say, and a did-you-mean. The checks are generic: a kind opts a field in with
metadata in ``json_schema_extra`` (shown in ``plankit schema``):

``floor_wage: true``
    an hourly wage a document sets or relies on (a wage floor, a living wage, a median
    wage): below the federal minimum wage it is almost certainly a typo.
``zero_voids: "<what 0 would mean>"``
    a share or amount where 0 makes the provision ask for nothing.
``fraction_ok: true``
    a percentage that may really be below 1% (turns the fraction check off).
``within_term: true``
    a number of years that must fit within the term of an agreement that cannot be renewed
    (``term.years``, or ``term.start`` to ``term.end``, with ``renewal: none``).
``not_after_document: true``
    a date that cannot be later than the document's own date (any field named ``as_of``
    is checked the same way).
``count_of: "<list field>"``
    a count that should equal the number of items of a list beside it.

Every percentage is checked for a fraction typed for a percent (0.74 for 74%), and every
text for a fact left open in other words ('TBD', '?', 'unknown'); a start date
after its end date is reported for any pair of fields named ``start``/``end`` (or
``X_start``/``X_end``) in one section. Clause parameters are checked too: a percentage
written as a fraction, a share or amount of 0 (which makes the provision ask for nothing),
and a wage below the federal minimum wage in a money parameter whose name says it is a wage.
"""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from typing import Any, Iterator

from pydantic import BaseModel

from plankit.models.common import Finding, _money, _percent
from plankit.models.open import SPELLING, near_miss

FEDERAL_MINIMUM_WAGE = Decimal("7.25")
FEDERAL_MINIMUM_WAGE_SOURCE = "Fair Labor Standards Act, 29 U.S.C. 206(a)(1)(C)"
"""$7.25 an hour since July 24, 2009 (read in the text of 29 U.S.C. 206(a)(1)(C), checked
2026-12-03)."""


def _meta(field: Any) -> dict:
    extra = getattr(field, "json_schema_extra", None)
    return extra if isinstance(extra, dict) else {}


def _number_kind(field: Any) -> str:
    """'money' or 'percent' for a field of the shared Money or Percent types."""
    funcs = {_money: "money", _percent: "percent"}

    def look(annotation: Any, metadata: tuple = ()) -> str:
        for item in metadata:
            kind = funcs.get(getattr(item, "func", None))
            if kind:
                return kind
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            inner, *extra = typing.get_args(annotation)
            return look(inner, tuple(extra))
        if origin is typing.Union or str(origin) == "types.UnionType":
            for arg in typing.get_args(annotation):
                found = look(arg)
                if found:
                    return found
        return ""

    return look(field.annotation, tuple(field.metadata))


def show_percent(value: Decimal) -> str:
    text = f"{value.normalize():f}" if value != value.to_integral() else f"{int(value)}"
    return f"{text}%"


def show_money(value: Decimal) -> str:
    cents = 0 if value == value.to_integral() and abs(value) >= 1000 else 2
    return f"${value:,.{cents}f}"


def _fraction(path: tuple, value: Decimal, what: str = "") -> Finding:
    meant = (value * 100).normalize()
    meant_text = f"{meant:f}" if meant != meant.to_integral() else f"{int(meant)}"
    shown = show_percent(value)
    return Finding(path, f"is {value.normalize():f}, which prints as {shown}{what}",
                   fix=f"did you mean {meant_text}%? write {meant_text} (a percentage is "
                       "written as a number from 0 to 100)",
                   rule="plausible.percent-fraction", shown=shown)


def _floor_wage(path: tuple, value: Decimal) -> Finding:
    return Finding(path, f"is {show_money(value)} an hour, below the federal minimum wage of "
                         f"{show_money(FEDERAL_MINIMUM_WAGE)} an hour",
                   fix="check the amount (an hourly wage in dollars and cents, e.g. 22.50); a "
                       "state or local minimum wage may be higher still",
                   rule="plausible.below-federal-minimum-wage",
                   source=FEDERAL_MINIMUM_WAGE_SOURCE, shown=show_money(value))


def _zero(path: tuple, shown: str, what: str = "") -> Finding:
    voids = what or "so the provision asks for nothing"
    return Finding(path, f"is 0 ({shown}), {voids}",
                   fix="give the share or amount you mean, or write [to be set] to leave it "
                       "open for now",
                   rule="plausible.zero", shown=shown)


# --------------------------------------------------------------------------- input fields


def _walk(model: BaseModel, path: tuple = ()) -> Iterator[tuple[BaseModel, tuple]]:
    """Every model in the input with its path (list items counted from 0)."""
    yield model, path
    for name in type(model).model_fields:
        value = getattr(model, name, None)
        if isinstance(value, BaseModel):
            yield from _walk(value, path + (name,))
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, path + (name, i))


def _term_years(doc: Any) -> Decimal | None:
    """The length of an agreement's term in years, when it cannot be renewed."""
    term = getattr(doc, "term", None)
    if term is None or getattr(term, "renewal", None) != "none":
        return None
    years = getattr(term, "years", None)
    if isinstance(years, int) and not isinstance(years, bool):
        return Decimal(years)
    start, end = getattr(term, "start", None), getattr(term, "end", None)
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end > start:
        return (Decimal((end - start).days) / Decimal("365.25")).quantize(Decimal("0.1"))
    return None


def field_findings(doc: BaseModel) -> list[Finding]:
    """Plausibility warnings about the input's own fields."""
    out: list[Finding] = []
    doc_date = getattr(doc, "date", None)
    for model, path in _walk(doc):
        fields = type(model).model_fields
        for name, field in fields.items():
            value = getattr(model, name, None)
            meta = _meta(field)
            here = path + (name,)
            kind = _number_kind(field)
            if isinstance(value, Decimal) and not isinstance(value, bool):
                if kind == "percent" and 0 < value < 1 and not meta.get("fraction_ok"):
                    out.append(_fraction(here, value))
                if meta.get("plausible_percent") and getattr(model, "unit", "") == "percent" \
                        and 0 < value < 1:
                    out.append(_fraction(here, value))
                if meta.get("floor_wage") and 0 < value < FEDERAL_MINIMUM_WAGE:
                    out.append(_floor_wage(here, value))
            if meta.get("zero_voids") and isinstance(value, (int, Decimal)) \
                    and not isinstance(value, bool) and value == 0:
                shown = show_percent(Decimal(0)) if kind == "percent" else \
                    show_money(Decimal(0)) if kind == "money" else "0"
                out.append(_zero(here, shown, str(meta["zero_voids"])))
            if meta.get("within_term") and isinstance(value, int) \
                    and not isinstance(value, bool):
                term = _term_years(doc)
                if term is not None and value > term:
                    out.append(Finding(
                        here, f"keeps the data for up to {value} years, longer than the "
                              f"agreement's term of {term.normalize():f} years, which cannot "
                              "be renewed, while the agreement also says nothing is kept "
                              "after it ends", shown=f"{value} years",
                        fix="give a number of years that fits in the term, or lengthen the "
                            "term", rule="plausible.longer-than-term"))
            if isinstance(value, dt.date) and isinstance(doc_date, dt.date) \
                    and (meta.get("not_after_document") or name == "as_of") \
                    and value > doc_date:
                out.append(Finding(
                    here, f"is {value.isoformat()}, after the document's own date "
                          f"({doc_date.isoformat()}); nothing dated after a document can be "
                          "cited as fact in it",
                    fix="check the date, or the document's 'date:'",
                    rule="plausible.after-document-date"))
            if near_miss(value):
                out.append(Finding(
                    here, f"reads '{value.strip()}', which the document prints as it is",
                    fix=f"to leave the fact open for now, write {SPELLING} instead (the draft "
                        "then shows a placeholder and the final copy waits for it)",
                    rule="plausible.open-in-other-words", shown=value.strip()))
            target = meta.get("count_of")
            if target and isinstance(value, int) and not isinstance(value, bool):
                items = getattr(model, str(target), None)
                if isinstance(items, (list, tuple)) and items and len(items) != value:
                    out.append(Finding(
                        here, f"says {value}, but {len(items)} "
                              f"{'is' if len(items) == 1 else 'are'} listed under "
                              f"'{target}'", fix=f"make the count match the list, or leave "
                                                 f"'{name}' out", rule="plausible.count"))
        out += _order(model, path)
    return out


def _order(model: BaseModel, path: tuple) -> list[Finding]:
    """A start after its end, for fields named start/end or X_start/X_end."""
    out = []
    names = type(model).model_fields
    for name in names:
        if name == "start" or name.endswith("_start"):
            end = "end" if name == "start" else name[: -len("_start")] + "_end"
            a, b = getattr(model, name, None), getattr(model, end, None)
            if end in names and isinstance(a, dt.date) and isinstance(b, dt.date) and a > b:
                out.append(Finding(path + (name,),
                                   f"is {a.isoformat()}, after '{end}' ({b.isoformat()})",
                                   fix="swap the dates or correct the year",
                                   rule="plausible.dates-out-of-order"))
    return out


# --------------------------------------------------------------------------- clause parameters


_WAGE_WORDS = ("wage", "pay_rate", "hourly_rate")


def param_findings(chosen: list[tuple[Any, dict, tuple]]) -> list[Finding]:
    """Plausibility warnings about clause parameters: ``chosen`` is (clause, the parameters
    as given, their field path)."""
    from plankit.models.open import OpenValue

    out: list[Finding] = []
    for clause, params, base in chosen:
        for name, raw in (params or {}).items():
            spec = clause.meta.params.get(name)
            if spec is None or isinstance(raw, OpenValue) or raw is None:
                continue
            try:
                value = _percent(raw) if spec.type == "percent" else \
                    _money(raw) if spec.type == "money" else None
            except ValueError:
                continue  # reported as an error elsewhere
            if not isinstance(value, Decimal):
                continue
            here = tuple(base) + (name,)
            if spec.type == "percent" and 0 < value < 1:
                out.append(_fraction(here, value))
            if value == 0:
                shown = show_percent(value) if spec.type == "percent" else show_money(value)
                out.append(_zero(here, shown, f"so {clause.meta.title} asks for nothing"))
            if spec.type == "money" and any(w in name for w in _WAGE_WORDS) \
                    and 0 < value < FEDERAL_MINIMUM_WAGE:
                out.append(_floor_wage(here, value))
    return out
