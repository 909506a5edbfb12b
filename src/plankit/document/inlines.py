"""Inline nodes: text and what runs inside a paragraph, a table cell or a heading."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from plankit.document.nodes import Node


@dataclass(frozen=True, slots=True)
class Text(Node):
    """Literal text. Never interpreted as markup by any renderer."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong(Node):
    """Strong emphasis (bold)."""

    children: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class Emph(Node):
    """Emphasis (italic)."""

    children: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class LineBreak(Node):
    """A hard line break inside a paragraph or cell."""


@dataclass(frozen=True, slots=True)
class Placeholder(Node):
    """A fact the drafter has not supplied yet; rendered visibly as ``[prompt]``."""

    name: str
    """Field path or parameter name, e.g. ``term.breach_notice_hours``."""
    prompt: str
    """What to supply, in the user's words."""
    section: str = ""
    """Number of the section it sits in (filled by the placeholders pass)."""


@dataclass(frozen=True, slots=True)
class XRef(Node):
    """A cross-reference to another part of the document by clause or section id."""

    target: str
    """The id referred to."""
    form: str = "number"
    """``number`` ("Section 4.2"), ``title`` (the section's title) or ``both``."""
    label: str = ""
    """Resolved text such as ``Section 4.2`` (filled by the xrefs pass)."""


@dataclass(frozen=True, slots=True)
class Inserted(Node):
    """Text the newer of two compared documents adds: a tracked insertion in a redline
    (``w:ins`` in Word, ``<ins>`` in HTML and PDF)."""

    children: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class Deleted(Node):
    """Text the newer of two compared documents leaves out: a tracked deletion in a redline
    (``w:del`` in Word, ``<del>`` in HTML and PDF)."""

    children: tuple["Inline", ...]


Inline = Union[Text, Strong, Emph, LineBreak, Placeholder, XRef, Inserted, Deleted]


def inline_text(inlines: tuple) -> str:
    """Plain text of inline content (placeholders as ``[prompt]``; in a redline, the text as
    it reads with the changes made: insertions in, deletions out)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, (Strong, Emph, Inserted)):
            parts.append(inline_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, Placeholder):
            parts.append(f"[{node.prompt}]")
        elif isinstance(node, XRef):
            parts.append(node.label or node.target)
    return "".join(parts)
