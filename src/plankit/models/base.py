"""Base class for every input model: unknown keys are errors; text is checked and trimmed;
required text may not be blank; any fact may be left open (see :mod:`plankit.models.open`)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationInfo, field_validator, \
    model_validator

from plankit.models.open import OpenText, OpenValue, open_mode, prompt_for

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


def _blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


class Model(BaseModel):
    """Input model base: ``extra="forbid"`` so a misspelled key is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True,
                              use_enum_values=True)

    _open: dict = PrivateAttr(default_factory=dict)
    """The fields the input leaves open (``[to be set]``), by name."""

    @model_validator(mode="wrap")
    @classmethod
    def _open_and_blank(cls, data: Any, handler: Any) -> Any:
        """Take open values out before the fields are checked (an optional field is left
        out, a required text field holds a stand-in) and remember them; blank optional
        text counts as left out. Runs before the kinds' own validators, so they never see
        an open value."""
        if not isinstance(data, dict):
            return handler(data)
        opened: dict[str, OpenValue] = {}
        stand_ins: dict[str, OpenText] = {}
        clean = data
        for key, value in data.items():
            field = cls.model_fields.get(key) if isinstance(key, str) else None
            if field is None:
                continue
            if isinstance(value, OpenValue):
                how = open_mode(cls, key)
                if not how:
                    continue  # refused: the field's own check reports it
                clean = dict(clean) if clean is data else clean
                opened[key] = value
                if how == "drop":
                    del clean[key]
                else:
                    stand_ins[key] = OpenText(f"[{prompt_for(cls, key, short=True)}]")
                    clean[key] = str(stand_ins[key])
            elif _blank(value) and not field.is_required() and field.default is None:
                clean = dict(clean) if clean is data else clean
                del clean[key]
        inst = handler(clean)
        if opened:
            inst.__dict__.update(stand_ins)
            inst.__pydantic_private__["_open"] = opened
        return inst

    @field_validator("*", mode="after")
    @classmethod
    def _text_is_clean(cls, value: Any, info: ValidationInfo) -> Any:
        value = _check_strings(value)
        field = cls.model_fields.get(info.field_name or "")
        if field is not None and field.is_required() and _blank(value):
            raise ValueError("is empty; write the " + prompt_for(cls, info.field_name, short=True)
                             + ", or write [to be set] to leave it open for now")
        if isinstance(value, list) and any(_blank(v) for v in value):
            n = next(i for i, v in enumerate(value) if _blank(v)) + 1
            raise ValueError(f"item {n} is empty; write it, or delete the line")
        return value
