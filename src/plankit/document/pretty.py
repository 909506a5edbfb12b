"""The tree as indented text (``Document.pretty()`` and ``-f tree``), for debugging and
goldens."""

from __future__ import annotations

from dataclasses import fields

from plankit.document.blocks import Section, Table
from plankit.document.inlines import Text, inline_text
from plankit.document.nodes import CHILD_FIELDS, NO_ATTRS


def _pretty(node: object, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    name = type(node).__name__
    if isinstance(node, Text):
        out.append(f"{pad}Text {node.text!r}")
        return
    parts = []
    for f in fields(node):  # type: ignore[arg-type]
        value = getattr(node, f.name)
        if f.name in CHILD_FIELDS:
            continue
        if f.name == "attrs" and value == NO_ATTRS:
            continue
        if f.name == "source":
            if value.clause:
                parts.append(f"source={value.clause}@{value.version}")
            continue
        if f.name == "attrs":
            if value.id:
                parts.append(f"id={value.id}")
            if value.role:
                parts.append(f"role={value.role}")
            continue
        if value in ("", None, ()) or (f.name == "numbered" and value is True):
            continue
        parts.append(f"{f.name}={value!r}")
    out.append(f"{pad}{name}" + (" " + " ".join(parts) if parts else ""))
    if isinstance(node, Section):
        out.append(f"{pad}  title: {inline_text(node.title)!r}")
    if isinstance(node, Table):
        _pretty(node.header, depth + 1, out)
    for attr in ("children", "items", "cells", "rows", "signatories"):
        for child in getattr(node, attr, ()) or ():
            _pretty(child, depth + 1, out)
