"""Small helpers the kinds' validators share to read a choice, or a list, as people write it.

Each one holds a rule (and, where it raises, the wording of its message) that several
kinds follow, so that the same slip gets the same answer in every kind of document.
"""

from __future__ import annotations

import re
from typing import Any


def one_or_many(value: Any) -> Any:
    """Let a user write a single item without the list dash."""
    return [value] if isinstance(value, str) else value


def lower_word(value: Any) -> Any:
    """A word picked from a fixed list, as the list spells it: surrounding spaces and
    capital letters do not matter."""
    return value.strip().lower() if isinstance(value, str) else value


def lists_none(value: Any) -> bool:
    """Whether a list the user must fill in is missing or empty."""
    return value is None or (isinstance(value, list) and not value)


def listed_twice(key: Any, noun: str) -> ValueError:
    """The error for an option listed more than once: ``raise listed_twice(key, "source")``."""
    return ValueError(f"'{key}' is listed twice; list each {noun} once")


def choice_word(value: Any, aliases: dict[str, str]) -> Any:
    """A word from a fixed list: case, spaces and underscores do not matter, and common
    other names are accepted. An unknown word is left for the list check, which says
    'did you mean'."""
    value = lower_word(value)
    if isinstance(value, str):
        value = re.sub(r"[\s_]+", "-", value)
        return aliases.get(value, value)
    return value


def whole_number(value: Any, what: str, low: int, high: int, example: str = "") -> Any:
    """Accept a whole number written as 30 or "30"; reject true/false and decimals.

    ``example`` is shown in messages; leave it empty for negotiated terms, so that a
    message never suggests a value the parties have not chosen."""
    if value is None:
        return value
    such = f" such as {example}" if example else ""
    if isinstance(value, bool):
        raise ValueError(f"must be a number of {what}{such}, not true/false")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"is {value}; give a whole number of {what}{such}")
        value = int(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text.isdigit():
            raise ValueError(f"'{value}' is not a number of {what}; write a whole "
                             f"number{such}")
        value = int(text)
    if isinstance(value, int) and not low <= value <= high:
        raise ValueError(f"is {value:,}; a number of {what} here must be between {low} and "
                         f"{high:,}")
    return value
