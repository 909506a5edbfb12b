"""Column widths for DOCX tables that never break a word.

Word and LibreOffice break a word across lines when it is wider than its column ("nam e",
"acknowledgmen t"). The widths here are worked out from what each column holds, measured
in DejaVu Serif (:mod:`.metrics`) at the size of the table text, the way a web browser
lays out a table whose width is fixed:

* every column gets at least its longest word plus its cell padding (its *minimum*);
* the room left is shared by how much more each column would need to show its longest
  line without wrapping (its *maximum*), so a column of long descriptions gets more than a
  column of dates; when every column gets its maximum, the rest is shared in proportion.

A word may break where renderers break it anyway (after a hyphen or dash between letters)
only when the whole words do not fit. An e-mail or web address may break after "@" and
"/" and before ".", which the renderer marks with a zero-width space (only in an address
too wide for its column, so the text changes as little as possible); an address that is
all its cell holds is kept whole before other columns grow, one inside longer text is not.
When even the pieces do not fit, the table text is made smaller, in half points down to
7 pt, before any word is broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plankit.document import Deleted, Emph, Inserted, LineBreak, Placeholder, Strong, Text, XRef
from plankit.render.docx.metrics import char_width

__all__ = ["ColumnText", "Layout", "measure", "layout", "soften", "MIN_SIZE"]

MIN_SIZE = 7.0
"""Smallest table text size (points) a table is shrunk to."""
_STEP = 0.5
_SAFETY = 1.03
"""Words are measured without kerning; renderers round glyph positions, so each word gets
3% more room than its advance widths add up to."""
_PAD = 1.5
"""Points added to every column for its rules and rounding."""

_SPACE = re.compile("[ \t\r\n\u1680\u2000-\u2006\u2008-\u200b\u205f\u3000]+")
"""Where lines may break between words (no-break spaces U+00A0, U+2007 and U+202F are not
breaks)."""
_NATURAL = re.compile(r"(?<=[^\W\d_][-\u2010])(?=[^\W\d_])|(?<=[\u2013\u2014])(?=\w)")
"""Break points renderers use inside a word: after a hyphen between letters, after a
dash."""
_EMAIL = re.compile(r"^[\w.%+'-]+@[\w-]+(\.[\w-]+)+$")
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_EDGE = "()[]{}<>\"'\u201c\u201d\u2018\u2019,;:!?"
ZWSP = "\u200b"


@dataclass
class ColumnText:
    """What one column holds, in ems of table text (1 em = the text size)."""

    whole: float = 0.0
    """The longest word (an address inside longer text counts by its longest piece)."""
    broken: float = 0.0
    """The longest piece of a word, where words may break (see the module notes)."""
    line: float = 0.0
    """The longest line, with no wrapping."""
    addresses: dict[str, float] = field(default_factory=dict)
    """E-mail and web addresses in the column -> their width."""


@dataclass(frozen=True)
class Layout:
    widths: list[int]
    """Column widths in twentieths of a point, adding up to the width given."""
    size: float
    """Table text size in points (the size asked for, unless the table had to shrink)."""
    soften: tuple[str, ...] = ()
    """Addresses to show with break opportunities (see :func:`soften`), longest first, so
    that one inside another is never marked first."""


def _chars(inlines: tuple, bold: bool, italic: bool, out: list) -> None:
    """``(text, bold, italic)`` pieces of inline content in order; line breaks as "\\n"."""
    for node in inlines:
        if isinstance(node, Text):
            out.append((node.text, bold, italic))
        elif isinstance(node, Strong):
            _chars(node.children, True, italic, out)
        elif isinstance(node, Emph):
            _chars(node.children, bold, True, out)
        elif isinstance(node, (Inserted, Deleted)):  # a redline shows both
            _chars(node.children, bold, italic, out)
        elif isinstance(node, LineBreak):
            out.append(("\n", bold, italic))
        elif isinstance(node, Placeholder):
            out.append((f"[{node.prompt}]", bold, italic))
        elif isinstance(node, XRef):
            out.append((node.label or node.target, bold, italic))


def _address(word: str) -> str:
    """The e-mail or web address ``word`` is, without the punctuation around it, or ""."""
    core = word.strip(_EDGE).rstrip(".").strip(_EDGE)
    return core if core and (_EMAIL.match(core) or _URL.match(core)) else ""


def _address_cuts(address: str) -> set[int]:
    """Where an address may break: before the character at each index returned (after
    each "@" and "/", before each "."; not next to another break, nor at either end)."""
    cuts = set()
    last = len(address) - 1
    for i, char in enumerate(address):
        if char == "." and 0 < i < last and address[i - 1] not in "./@":
            cuts.add(i)
        if char in "@/" and i < last and address[i + 1] not in "/":
            cuts.add(i + 1)
    return cuts


def soften(address: str) -> str:
    """``address`` with a zero-width space where a line may break in it."""
    cuts = _address_cuts(address)
    return "".join(ZWSP + c if i in cuts else c for i, c in enumerate(address))


def _pieces(word: str, widths: list[float]) -> float:
    """The widest piece of ``word`` (with per-character ``widths``) where it may break."""
    cuts = {m.start() for m in _NATURAL.finditer(word)}
    if _address(word):
        cuts |= _address_cuts(word)
    best = run = 0.0
    for i, w in enumerate(widths):
        if i in cuts:
            best, run = max(best, run), 0.0
        run += w
    return max(best, run)


def measure(cells: list[tuple[tuple, bool]]) -> ColumnText:
    """What a column needs, from its cells' inline content and whether each is bold (the
    header row)."""
    column = ColumnText()
    for inlines, bold in cells:
        parts: list = []
        _chars(inlines, bold, False, parts)
        text = "".join(p[0] for p in parts)
        widths = [char_width(c, b, i) for chunk, b, i in parts for c in chunk]
        pos = 0
        for line in text.split("\n"):
            line_widths = widths[pos:pos + len(line)]
            column.line = max(column.line, sum(line_widths))
            start = 0
            for gap in [*_SPACE.finditer(line), None]:
                end = gap.start() if gap is not None else len(line)
                if end > start:
                    word = line[start:end]
                    word_widths = line_widths[start:end]
                    size = sum(word_widths)
                    pieces = _pieces(word, word_widths)
                    column.broken = max(column.broken, pieces)
                    if _address(word):
                        column.addresses[word] = max(column.addresses.get(word, 0.0), size)
                        # kept whole first only where it is all the cell holds
                        if word != text.strip():
                            size = pieces
                    column.whole = max(column.whole, size)
                if gap is not None:
                    start = gap.end()
            pos += len(line) + 1
    return column


def _fill(mins: list[float], wholes: list[float], maxes: list[float],
          room: float) -> list[float]:
    """Share ``room`` among columns that have ``mins``: first toward their whole words,
    then toward their longest lines, then in proportion."""
    widths = list(mins)
    left = room - sum(widths)
    for targets in (wholes, maxes):
        wants = [max(t - w, 0.0) for t, w in zip(targets, widths)]
        total = sum(wants)
        if total <= 0 or left <= 0:
            continue
        share = min(1.0, left / total)
        widths = [w + want * share for w, want in zip(widths, wants)]
        left -= total * share
    if left > 0:
        whole = sum(widths) or 1.0
        widths = [w + left * w / whole for w in widths]
    return widths


def layout(columns: list[ColumnText], total: int, *, size: float, margins: int) -> Layout:
    """Column widths (twips) across ``total`` twips for text of ``size`` points in cells
    with ``margins`` twips of padding left and right together."""
    room = total / 20.0
    pad = margins / 20.0 + _PAD

    def need(values: list[float], at: float) -> list[float]:
        return [v * at * _SAFETY + pad for v in values]

    broken = [c.broken for c in columns]
    chosen = size
    while sum(need(broken, chosen)) > room and chosen > MIN_SIZE:
        chosen = max(MIN_SIZE, chosen - _STEP)
    mins = need(broken, chosen)
    if sum(mins) > room:  # no size fits every piece: words will break, in proportion
        widths = [room * m / sum(mins) for m in mins]
    else:
        widths = _fill(mins, need([c.whole for c in columns], chosen),
                       need([c.line for c in columns], chosen), room)
    soft = set()
    for column, width in zip(columns, widths):
        for address, em in column.addresses.items():
            if em * chosen * _SAFETY + pad > width:
                soft.add(address)
    return Layout(_twips(widths, total), chosen, tuple(sorted(soft, key=lambda a: (-len(a), a))))


def _twips(widths: list[float], total: int) -> list[int]:
    out = [max(1, int(w * 20)) for w in widths]
    out[-1] += total - sum(out)  # rounding goes to the last column
    return out
