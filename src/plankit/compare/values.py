"""Values that changed between two input files, field by field.

Mappings are compared key by key; lists item by item where items were edited in place, and
as items added or removed where the list grew or shrank; everything else as a value.
Numbers are shown as the input file writes them ("21.50", not 21.5) where its line can be
read back.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import yaml

from plankit.compare.blocks import align
from plankit.compare.inline import similarity, words
from plankit.inputs import LoadedInput
from plankit.inputs.validation import format_path

__all__ = ["ValueChange", "value_changes"]

NOT_GIVEN = "(not given)"
_LONG = 160
"""Longest text shown for one value; of longer text that changed, the words around the
change are shown."""
_CONTEXT = 5
"""Words shown on either side of a change in a long text."""
_NAME_KEYS = ("name", "title", "element", "measure", "sector", "group", "government", "party",
              "commenter", "goal", "item", "section", "program", "id", "label")
"""Keys whose value names a list item (to show it, and to pair an edited item with its
older version)."""


@dataclass
class ValueChange:
    field: str
    """The field, as messages name it (``safeguards.breach_notice_hours``, items from 1)."""
    old: str
    new: str


class _Source:
    """An input's lines, to show a number as the file writes it."""

    def __init__(self, loaded: LoadedInput) -> None:
        self.loaded = loaded
        try:
            self.text = loaded.path.read_text("utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            self.text = []

    def shown(self, loc: tuple, value: Any) -> str:
        if value is None:
            return "(empty)"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return self._literal(loc, value) or str(value)
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, str):
            text = " ".join(value.split())
            return text if len(text) <= _LONG else text[: _LONG - 1].rstrip() + "…"
        if isinstance(value, dict):
            for key in _NAME_KEYS:
                if isinstance(value.get(key), str):
                    return self.shown(loc + (key,), value[key])
            return f"{len(value)} field{'s' if len(value) != 1 else ''}"
        if isinstance(value, list):
            return f"{len(value)} item{'s' if len(value) != 1 else ''}"
        return str(value)

    def _literal(self, loc: tuple, value: Any) -> str:
        line = self.loaded.lines.get(tuple(loc), 0)
        if not (0 < line <= len(self.text)):
            return ""
        source = self.text[line - 1]
        if loc and isinstance(loc[-1], str):
            m = re.match(rf"\s*(?:-\s+)?{re.escape(loc[-1])}\s*:\s*(.*?)\s*(?:#.*)?$", source)
        else:
            m = re.match(r"\s*-\s+(.*?)\s*(?:#.*)?$", source)
        if not m or not m.group(1):
            return ""
        literal = m.group(1)
        try:
            if yaml.safe_load(literal) == value:
                return literal.strip("'\"")
        except yaml.YAMLError:
            pass
        return ""


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _identity(item: Any) -> Any:
    """What names a list item: a mapping's name (or title, element …), else the item."""
    if isinstance(item, dict):
        for key in _NAME_KEYS:
            if isinstance(item.get(key), (str, int)):
                return (key, item[key])
        return None
    return item


def _item_score(a: Any, b: Any) -> float | None:
    """Whether two list items are one item edited: the same name, or (text) mostly the
    same words."""
    if isinstance(a, dict) and isinstance(b, dict):
        ident = _identity(a)
        return 1.0 if ident is not None and ident == _identity(b) else None
    if isinstance(a, str) and isinstance(b, str):
        score = similarity(words(a), words(b))
        return score if score >= 0.5 else None
    return None


def excerpts(old: str, new: str) -> tuple[str, str]:
    """The part of two long texts that differs, with a few words around it."""
    a, b = old.split(), new.split()
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not changed:
        return old, new
    i1, j1 = changed[0][1], changed[0][3]
    i2, j2 = changed[-1][2], changed[-1][4]

    def cut(ws: list[str], lo: int, hi: int) -> str:
        start, end = max(0, lo - _CONTEXT), min(len(ws), hi + _CONTEXT)
        return (("… " if start else "") + " ".join(ws[start:end])
                + (" …" if end < len(ws) else ""))
    return cut(a, i1, i2), cut(b, j1, j2)


def _walk(old: Any, new: Any, at: tuple, to: tuple, a: _Source, b: _Source,
          out: list[ValueChange]) -> None:
    """Compare ``old`` (at field path ``at`` of the older input) with ``new`` (at ``to`` in
    the newer one)."""
    if _same(old, new):
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            if key in old and key in new:
                _walk(old[key], new[key], at + (key,), to + (key,), a, b, out)
            elif key in old:
                out.append(ValueChange(format_path(to + (key,)),
                                       a.shown(at + (key,), old[key]), NOT_GIVEN))
            else:
                out.append(ValueChange(format_path(to + (key,)), NOT_GIVEN,
                                       b.shown(to + (key,), new[key])))
        return
    if isinstance(old, list) and isinstance(new, list):
        keys = [[json.dumps(x, sort_keys=True, default=str) for x in side] for side in (old, new)]
        matcher = SequenceMatcher(None, keys[0], keys[1], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            for i, j in align(old[i1:i2], new[j1:j2], _item_score):
                if i is not None and j is not None:  # one item, edited
                    _walk(old[i1 + i], new[j1 + j], at + (i1 + i,), to + (j1 + j,), a, b, out)
                elif i is not None:
                    out.append(ValueChange(format_path(at + (i1 + i,)),
                                           a.shown(at + (i1 + i,), old[i1 + i]), "(removed)"))
                else:
                    out.append(ValueChange(format_path(to + (j1 + j,)), "(added)",
                                           b.shown(to + (j1 + j,), new[j1 + j])))
        return
    if (isinstance(old, str) and isinstance(new, str)
            and max(len(old), len(new)) > _LONG):
        old, new = excerpts(" ".join(old.split()), " ".join(new.split()))
    out.append(ValueChange(format_path(to), a.shown(at, old), b.shown(to, new)))


def value_changes(old: LoadedInput, new: LoadedInput) -> list[ValueChange]:
    """Every value that differs between two inputs of the same kind, in the newer input's
    order (values only the older one has come where they were)."""
    out: list[ValueChange] = []
    if old.sha256 == new.sha256:
        return out
    _walk(old.data, new.data, (), (), _Source(old), _Source(new), out)
    return out
