"""Word-level differences inside a paragraph, a table cell or a heading.

Inline content is flattened into tokens (words, numbers, spaces and punctuation, each with
the bold and italic around it; a placeholder, cross-reference or line break is one token),
the two token lists are compared with :class:`difflib.SequenceMatcher`, and the result is
built back into inline nodes with :class:`~plankit.document.Deleted` and
:class:`~plankit.document.Inserted` around what changed. A deletion always comes before the
insertion that replaces it, as Word shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Union

from plankit import document as d

__all__ = ["diff_inlines", "similarity", "words", "Token"]

_TOKEN = re.compile(
    r"\s+"                                   # a run of spaces
    r"|(?:(?<!\S)-)?[$€£]?\d(?:[\d,.:/-]*\d)?%?"  # a number, amount, date or section number
    r"|\w+(?:['’-]\w+)*"                     # a word (with inner apostrophes and hyphens)
    r"|.", re.S)                             # any other character on its own

_WHOLE_BELOW = 0.3
"""When less than this share of two texts' words is the same, the old text is shown deleted
and the new one inserted whole, rather than as a scatter of small changes."""

Leaf = Union[str, d.LineBreak, d.Placeholder, d.XRef]


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of inline content with the formatting around it."""

    style: tuple[str, ...]
    """``strong`` and ``emph`` wrappers, outermost first."""
    leaf: Leaf
    """Text, or an atomic inline node."""

    @property
    def key(self) -> tuple:
        """What must be equal for two tokens to count as the same."""
        leaf = self.leaf
        if isinstance(leaf, str):
            return (self.style, leaf)
        if isinstance(leaf, d.Placeholder):  # its section number is not part of the text
            return (self.style, "ph", leaf.name, leaf.prompt)
        if isinstance(leaf, d.XRef):
            return (self.style, "xref", leaf.target, leaf.label)
        return (self.style, "br")

    @property
    def blank(self) -> bool:
        return isinstance(self.leaf, str) and not self.leaf.strip()


def tokens(inlines: tuple, style: tuple[str, ...] = ()) -> list[Token]:
    """The tokens of inline content, in order."""
    out: list[Token] = []
    for node in inlines:
        if isinstance(node, d.Text):
            out.extend(Token(style, piece) for piece in _TOKEN.findall(node.text))
        elif isinstance(node, d.Strong):
            out.extend(tokens(node.children, style + ("strong",)))
        elif isinstance(node, d.Emph):
            out.extend(tokens(node.children, style + ("emph",)))
        elif isinstance(node, (d.Inserted, d.Deleted)):  # not expected in a composed tree
            out.extend(tokens(node.children, style))
        else:
            out.append(Token(style, node))
    return out


def words(text: str) -> list[str]:
    """The words, numbers and punctuation of plain text (no spaces), for similarity."""
    return [t for t in _TOKEN.findall(text) if not t.isspace()]


def similarity(a: list, b: list) -> float:
    """How alike two token lists are, 0 to 1 (difflib's ratio, with its cheap upper bounds
    tried first)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.3 or matcher.quick_ratio() < 0.3:
        return matcher.quick_ratio()
    return matcher.ratio()


def build(items: list[Token], depth: int = 0) -> tuple:
    """Inline nodes from tokens: neighbouring text joined, formatting nested again."""
    out: list = []
    i, n = 0, len(items)
    while i < n:
        style = items[i].style
        if len(style) > depth:
            wrapper = style[depth]
            j = i
            while j < n and len(items[j].style) > depth and items[j].style[depth] == wrapper:
                j += 1
            children = build(items[i:j], depth + 1)
            out.append(d.Strong(children) if wrapper == "strong" else d.Emph(children))
            i = j
            continue
        leaf = items[i].leaf
        if isinstance(leaf, str):
            j = i
            while j < n and len(items[j].style) == depth and isinstance(items[j].leaf, str):
                j += 1
            out.append(d.Text("".join(t.leaf for t in items[i:j])))  # type: ignore[misc]
            i = j
            continue
        out.append(leaf)
        i += 1
    return tuple(out)


def _segments(old: list[Token], new: list[Token]) -> list[tuple[str, list[Token], list[Token]]]:
    """(``equal`` | ``change``, old tokens, new tokens), with a change on either side of a
    mere space taken together, so that "a b" → "c d" reads as one change, not two."""
    matcher = SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    segments: list[tuple[str, list[Token], list[Token]]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        kind = "equal" if tag == "equal" else "change"
        segments.append((kind, old[i1:i2], new[j1:j2]))
    out: list[tuple[str, list[Token], list[Token]]] = []
    for k, (kind, a, b) in enumerate(segments):
        if (kind == "equal" and 0 < k < len(segments) - 1 and all(t.blank for t in b)
                and len(b) <= 1):
            kind = "change"
        if out and kind == "change" and out[-1][0] == "change":
            prev = out.pop()
            out.append(("change", prev[1] + a, prev[2] + b))
        else:
            out.append((kind, list(a), list(b)))
    return out


def diff_inlines(old: tuple, new: tuple) -> tuple[tuple, bool]:
    """The inline content of ``new`` with what changed from ``old`` marked, and whether
    its wording changed (a cross-reference that only shows a new section number is marked
    but is not a change of wording)."""
    a, b = tokens(old), tokens(new)
    if [t.key for t in a] == [t.key for t in b]:
        return new, False
    segments = _segments(a, b)
    same = sum(len(x) for kind, x, _ in segments if kind == "equal"
               and not all(t.blank for t in x))
    solid = max(sum(not t.blank for t in a), sum(not t.blank for t in b), 1)
    out: list = []
    if same / solid < _WHOLE_BELOW:
        if a:
            out.append(d.Deleted(build(a)))
        if b:
            out.append(d.Inserted(build(b)))
        return tuple(out), True
    changed = False
    for kind, x, y in segments:
        if kind == "equal":
            out.extend(build(y))
            continue
        changed = changed or not _relabelled(x, y)
        if x:
            out.append(d.Deleted(build(x)))
        if y:
            out.append(d.Inserted(build(y)))
    return tuple(out), changed


def _relabelled(old: list[Token], new: list[Token]) -> bool:
    """Whether a change is only cross-references to the same places with new labels (the
    sections they point to were renumbered): marked in the text, but not a change of
    wording."""
    targets = [(t.style, t.leaf.target) for t in old if isinstance(t.leaf, d.XRef)]
    return (len(targets) == len(old) and bool(targets)
            and targets == [(t.style, t.leaf.target) for t in new if isinstance(t.leaf, d.XRef)]
            and len(new) == len(targets))
