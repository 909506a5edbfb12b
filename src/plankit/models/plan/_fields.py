"""Small field types and validator helpers the plan's building blocks share."""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator

from plankit.models._choices import listed_twice, one_or_many
from plankit.models.common import ShortText


def _count(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("must be a whole number such as 1250, not true/false")
    if isinstance(value, str):
        text = value.replace(",", "").strip()
        if not re.fullmatch(r"\d+", text):
            raise ValueError(f"'{value}' is not a whole number; write it like 1250 or \"1,250\"")
        value = int(text)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"is {value}; write a whole number without decimals")
        value = int(value)
    if isinstance(value, int) and value < 0:
        raise ValueError(f"is {value}; a count cannot be negative")
    return value


Count = Annotated[int, BeforeValidator(_count)]
"""A whole number of people, jobs or openings, 0 or more. Accepts 1250 or "1,250"."""


def _change(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError("must be a percentage such as 4.5 or -2, not true/false")
    if isinstance(value, str):
        text = value.strip().rstrip("%").strip().replace("\u2212", "-")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"'{value}' is not a percentage; write it like 4.5 or -2 "
                             "(a minus sign for a decline)") from None
    if isinstance(value, (int, float)):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite() or value < -100 or value > 1000:
            raise ValueError(f"is {value}; a change must be between -100 and 1000 percent")
        return value.normalize() if value == value.to_integral() else value
    return value


Change = Annotated[Decimal, BeforeValidator(_change)]
"""A percentage change that may be negative, e.g. projected growth of -2.5."""


def pick(value: Any, options: dict[str, str], what: str, *, aliases: dict[str, str] | None = None,
         tail: str = "", many: bool = False) -> Any:
    """The option id a user means: case, spaces and underscores do not matter, common other
    names are accepted, and a near miss gets a 'did you mean'."""
    if not isinstance(value, str):
        return value
    key = re.sub(r"[\s_]+", "-", value.strip().lower())
    if key in options:
        return key
    if aliases and key in aliases:
        return aliases[key]
    close = difflib.get_close_matches(key, list(options) + list(aliases or {}), n=1, cutoff=0.6)
    hint = f" (did you mean '{(aliases or {}).get(close[0], close[0])}'?)" if close else ""
    raise ValueError(f"'{value}' is not {what} plankit knows; use {'any' if many else 'one'} "
                     "of: " + ", ".join(options) + hint + tail)


def pick_list(value: Any, options: dict[str, str], what: str, noun: str, *,
              aliases: dict[str, str] | None = None, tail: str = "") -> Any:
    """A list of option ids (a single one may be written without the dash), each once."""
    value = one_or_many(value)
    if not isinstance(value, list):
        return value
    out: list[Any] = []
    for item in value:
        key = pick(item, options, what, aliases=aliases, tail=tail, many=True)
        if key in out:
            raise listed_twice(key, noun)
        out.append(key)
    return out


TextList = Annotated[list[ShortText], BeforeValidator(one_or_many)]
"""A list of short texts, one per line; a single one may be written without the dash."""


def unique(items: list, key, what: str, field: str) -> None:
    """Raise if two items have the same ``key``, case and surrounding spaces aside, e.g.
    "sector 3 ('Health care') repeats sector 1; list each sector once"."""
    seen: dict[str, int] = {}
    for n, item in enumerate(items, start=1):
        k = key(item).casefold().strip()
        if k in seen:
            raise ValueError(f"{what} {n} ('{key(item)}') repeats {what} {seen[k]}; list each "
                             f"{field} once")
        seen[k] = n
