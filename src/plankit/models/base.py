"""Base class for every input model: unknown keys are errors; text is checked and trimmed."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

MAX_TEXT = 20_000
"""Longest text a single field may hold (a long paragraph is ~2,000)."""

# C0/C1 controls except tab, newline and carriage return; XML cannot hold most of them,
# and plankit uses STX/ETX internally to mark placeholders in clause text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def check_text(value: str) -> str:
    """Validate one user string: no control characters, not too long; trims and
    normalises line endings. Right-to-left text and combining marks are valid."""
    m = _CONTROL.search(value) or _SURROGATE.search(value)
    if m:
        ch = m.group()
        name = unicodedata.name(ch, f"U+{ord(ch):04X}")
        raise ValueError(
            f"contains an invisible control character ({name}, U+{ord(ch):04X}) at position "
            f"{m.start() + 1}; retype the text or paste it as plain text")
    if len(value) > MAX_TEXT:
        raise ValueError(f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}. "
                         "Shorten it or move the detail to an attachment")
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _check_strings(value: Any) -> Any:
    if isinstance(value, str):
        return check_text(value)
    if isinstance(value, list):
        return [_check_strings(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_check_strings(v) for v in value)
    if isinstance(value, dict):
        return {_check_strings(k): _check_strings(v) for k, v in value.items()}
    return value


class Model(BaseModel):
    """Input model base: ``extra="forbid"`` so a misspelled key is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True,
                              use_enum_values=True)

    @field_validator("*", mode="after")
    @classmethod
    def _text_is_clean(cls, value: Any) -> Any:
        return _check_strings(value)
