"""Typst markup for text from a document: escaped so that it can never become Typst code.

Typst markup gives meaning to many characters (``#`` starts code, ``$`` math, ``*`` and
``_`` strong and emphasis, `````` raw text, ``<label>``, ``@reference``, ``[`` and ``]``
content, ``//`` comments, ``~`` a no-break space, ``-`` dashes and a minus sign, ``...``
an ellipsis, ``=``, ``-``, ``+``, ``/`` and ``1.`` lists and headings at a line start).
A backslash before any character makes that character literal, so :func:`escape` puts
one before every character that could mean something, and before the few that could
continue a call the renderer wrote just before the text (``(``, ``.``, ``;`` at the start
of a run). Straight quotes stay straight because the template turns smart quotes off.

Text that goes into Typst *code* (the title in the document properties, the logo's alt
text) is written as a string literal by :func:`string`, whose only special characters are
the backslash and the double quote.
"""

from __future__ import annotations

import re

from plankit.document import (Deleted, Emph, Inserted, LineBreak, Placeholder, Strong, Table,
                               Text, XRef)

__all__ = ["escape", "string", "content", "column_fractions"]

_ALWAYS = frozenset("\\#$*_`<>@[]~/=+{}")
"""Characters escaped wherever they are."""
_RUN_START = frozenset("(.;")
"""Characters escaped at the start of a run of text: after a call such as ``#strong[..]``
they would continue it (``.field``, ``(args)``) or end it (``;``)."""
_SPACE = re.compile(r"[\r\n\t\f\v]+")
_ENUM_START = re.compile(r"\s*\d+(?=\.)")
"""``1.`` at the start of a run could start a numbered list at the start of a line."""


def escape(text: str) -> str:
    """``text`` as Typst markup that shows exactly ``text``.

    Line ends become spaces (a paragraph's lines are joined with spaces in every format).
    """
    text = _SPACE.sub(" ", text)
    if not text:
        return ""
    enum = _ENUM_START.match(text)
    enum_dot = enum.end() if enum else -1
    last = len(text) - 1
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _ALWAYS:
            out.append("\\" + ch)
        elif ch == "-":
            # a hyphen between letters is only a hyphen; elsewhere "-" may start a dash
            # ("--"), a soft hyphen ("-?"), a minus sign ("-1") or a list item
            between = 0 < i < last and text[i - 1].isalpha() and text[i + 1].isalpha()
            out.append(ch if between else "\\-")
        elif ch == ".":
            dots = (i > 0 and text[i - 1] == ".") or (i < last and text[i + 1] == ".")
            out.append("\\." if dots or i == 0 or i == enum_dot else ".")
        elif i == 0 and ch in _RUN_START:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def content(text: str) -> str:
    """A Typst content block ``[...]`` showing ``text``."""
    return f"[{escape(text)}]"


def string(text: str) -> str:
    """A Typst string literal holding ``text``."""
    return '"' + (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                  .replace("\r", "\\r").replace("\t", "\\t")) + '"'


# --------------------------------------------------------------------------- table columns

_CHAR_EM = 0.6
"""Average width of a DejaVu Serif character, in ems (bold text is counted 8% wider)."""
_PAD_EM = 1.2
"""Cell padding (0.5em each side) and rules, in ems of table text."""
_WIDTH_EM = 6.5 * 72 / (10.5 * 0.95)
"""The width of a page's text, in ems of table text (6.5 inches at 0.95 x 10.5 pt)."""
_WORD = re.compile(r"\S+")


def _plain(inlines: tuple, out: list[str]) -> None:
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, (Strong, Emph, Inserted, Deleted)):
            _plain(node.children, out)
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, Placeholder):
            out.append(f"[{node.prompt}]")
        elif isinstance(node, XRef):
            out.append(node.label or node.target)


def _needs(cells: list[tuple[tuple, float]]) -> tuple[float, float]:
    """(longest word, longest line) of a column's cells, in ems."""
    word = line = 0.0
    for inlines, scale in cells:
        parts: list[str] = []
        _plain(inlines, parts)
        for text in "".join(parts).split("\n"):
            line = max(line, len(text.strip()) * _CHAR_EM * scale)
            for m in _WORD.finditer(text):
                word = max(word, len(m.group()) * _CHAR_EM * scale)
    return word + _PAD_EM, line + _PAD_EM


def column_fractions(table: Table) -> list[float]:
    """Relative column widths for a table as wide as the text, laid out as a browser lays
    out an HTML table of fixed width: every column gets its longest word; the room left
    goes to the columns whose longest line needs it, in proportion to that need."""
    count = max([len(table.header.cells)] + [len(r.cells) for r in table.rows])
    if not count:
        return []
    columns: list[list[tuple[tuple, float]]] = [[] for _ in range(count)]
    for row, scale in [(table.header, 1.08)] + [(r, 1.0) for r in table.rows]:
        for i, cell in enumerate(row.cells):
            columns[i].append((cell.children, scale))
    needs = [_needs(cells) for cells in columns]
    mins = [w for w, _ in needs]
    maxes = [max(w, ln) for w, ln in needs]
    room = _WIDTH_EM
    if sum(mins) >= room:
        widths = mins
    else:
        wants = [mx - mn for mn, mx in zip(mins, maxes)]
        left = room - sum(mins)
        share = min(1.0, left / sum(wants)) if sum(wants) > 0 else 0.0
        widths = [mn + want * share for mn, want in zip(mins, wants)]
        spare = room - sum(widths)
        if spare > 0:
            total = sum(widths)
            widths = [w + spare * w / total for w in widths]
    return [round(w, 2) for w in widths]
