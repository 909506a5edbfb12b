"""Small helpers the kinds' validators share to read a choice, or a list, as people write it.

Each one holds a rule (and, where it raises, the wording of its message) that several
kinds follow, so that the same slip gets the same answer in every kind of document.
"""

from __future__ import annotations

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
