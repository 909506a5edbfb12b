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
from os.path import commonprefix
from difflib import SequenceMatcher
from typing import Union

from plankit import document as d

__all__ = ["diff_inlines", "similarity", "words", "tokens", "Token"]

_TOKEN = re.compile(
    r"\s+"                                   # a run of spaces
    r"|(?:(?<!\S)-)?[$€£]?\d(?:[\d,.:/-]*\d)?%?"  # a number, amount, date or section number
    r"|\w+(?:['’-]\w+)*"                     # a word (with inner apostrophes and hyphens)
    r"|.", re.S)                             # any other character on its own

_WHOLE_BELOW = 0.3
"""When less than this share of two texts' words is the same, the old text is shown deleted
and the new one inserted whole, rather than as a scatter of small changes."""

Leaf = Union[str, d.LineBreak, d.Placeholder, d.XRef]


Token = tuple
"""One piece of inline content: ``(key, style, leaf)``. ``leaf`` is text (a word, number,
run of spaces or punctuation mark) or an atomic inline node; ``style`` the ``strong`` and
``emph`` wrappers around it, outermost first; ``key`` what must be equal for two tokens to
count as the same (the text itself for plain text, which is most of it)."""


def _key(style: tuple[str, ...], leaf: Leaf) -> object:
    if isinstance(leaf, d.Placeholder):  # its section number is not part of the text
        return (style, "ph", leaf.name, leaf.prompt)
    if isinstance(leaf, d.XRef):
        return (style, "xref", leaf.target, leaf.label)
    return (style, "br")


def tokens(inlines: tuple, style: tuple[str, ...] = ()) -> list[Token]:
    """The tokens of inline content, in order."""
    out: list[Token] = []
    for node in inlines:
        if isinstance(node, d.Text):
            pieces = _TOKEN.findall(node.text)
            if style:
                out.extend(((style, p), style, p) for p in pieces)
            else:
                out.extend((p, style, p) for p in pieces)
        elif isinstance(node, d.Strong):
            out.extend(tokens(node.children, style + ("strong",)))
        elif isinstance(node, d.Emph):
            out.extend(tokens(node.children, style + ("emph",)))
        elif isinstance(node, (d.Inserted, d.Deleted)):  # not expected in a composed tree
            out.extend(tokens(node.children, style))
        else:
            out.append((_key(style, node), style, node))
    return out


def _blank(token: Token) -> bool:
    leaf = token[2]
    return isinstance(leaf, str) and leaf.isspace()


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
        style = items[i][1]
        if len(style) > depth:
            wrapper = style[depth]
            j = i
            while j < n and len(items[j][1]) > depth and items[j][1][depth] == wrapper:
                j += 1
            children = build(items[i:j], depth + 1)
            out.append(d.Strong(children) if wrapper == "strong" else d.Emph(children))
            i = j
            continue
        leaf = items[i][2]
        if isinstance(leaf, str):
            j = i
            while j < n and len(items[j][1]) == depth and isinstance(items[j][2], str):
                j += 1
            out.append(d.Text("".join(t[2] for t in items[i:j])))
            i = j
            continue
        out.append(leaf)
        i += 1
    return tuple(out)


def _is_space(key: object) -> bool:
    return isinstance(key, str) and key.isspace()


def _segments(old: list[Token], new: list[Token]) -> list[tuple[str, list[Token], list[Token]]]:
    """(``equal`` | ``change``, old tokens, new tokens), with a change on either side of a
    mere space taken together, so that "a b" → "c d" reads as one change, not two."""
    a, b = [t[0] for t in old], [t[0] for t in new]
    # what the two share at either end is left out of the matching, which is quadratic
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    segments: list[tuple[str, list[Token], list[Token]]] = []
    if head:
        segments.append(("equal", old[:head], new[:head]))
    # spaces are never anchors of a match (they are everywhere), only part of one
    matcher = SequenceMatcher(_is_space, a[head:len(a) - tail], b[head:len(b) - tail],
                              autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        kind = "equal" if tag == "equal" else "change"
        segments.append((kind, old[head + i1:head + i2], new[head + j1:head + j2]))
    if tail:
        segments.append(("equal", old[len(old) - tail:], new[len(new) - tail:]))
    out: list[tuple[str, list[Token], list[Token]]] = []
    for k, (kind, a, b) in enumerate(segments):
        if (kind == "equal" and 0 < k < len(segments) - 1 and len(b) <= 1
                and all(_blank(t) for t in b)):
            kind = "change"
        if out and kind == "change" and out[-1][0] == "change":
            prev = out.pop()
            out.append(("change", prev[1] + a, prev[2] + b))
        else:
            out.append((kind, list(a), list(b)))
    return out


def _one_text(old: tuple, new: tuple) -> int:
    """The index of the only node that differs, when it is a text in both; else -1."""
    if len(old) != len(new):
        return -1
    found = -1
    for i, (x, y) in enumerate(zip(old, new)):
        if x != y:
            if found >= 0 or type(x) is not d.Text or type(y) is not d.Text:
                return -1
            found = i
    return found


def _boundary(text: str, at: int) -> bool:
    """Whether ``at`` falls between two tokens of ``text`` (at either end, or next to a
    space)."""
    return at <= 0 or at >= len(text) or text[at - 1].isspace() or text[at].isspace()


def _trimmed(old: str, new: str) -> tuple[str, str, str, str]:
    """Two texts as (shared start, old middle, new middle, shared end), cut between words;
    the shared parts are found without tokenizing them."""
    head = len(commonprefix((old, new)))
    while head and not (_boundary(old, head) and _boundary(new, head)):
        head -= 1
    a, b = old[head:], new[head:]
    tail = len(commonprefix((a[::-1], b[::-1])))
    while tail and not (_boundary(a, len(a) - tail) and _boundary(b, len(b) - tail)):
        tail -= 1
    return old[:head], a[:len(a) - tail], b[:len(b) - tail], a[len(a) - tail:]


def _size(token: Token) -> int:
    leaf = token[2]
    return len(leaf) if isinstance(leaf, str) else 1


def diff_inlines(old: tuple, new: tuple) -> tuple[tuple, bool]:
    """The inline content of ``new`` with what changed from ``old`` marked, and whether
    its wording changed (a cross-reference that only shows a new section number is marked
    but is not a change of wording)."""
    k = _one_text(old, new)
    if k >= 0:  # the usual case: words changed in one text; the rest is kept as it is
        head, x, y, tail = _trimmed(old[k].text, new[k].text)
        others = sum(len(d.inline_text((n,))) for i, n in enumerate(new) if i != k)
        middle, changed = _diff_tokens((d.Text(x),) if x else (), (d.Text(y),) if y else (),
                                       shared=len(head) + len(tail) + others)
        around = ((d.Text(head),) if head else ()) + middle + ((d.Text(tail),) if tail else ())
        return new[:k] + around + new[k + 1:], changed
    return _diff_tokens(old, new)


def _diff_tokens(old: tuple, new: tuple, shared: int = 0) -> tuple[tuple, bool]:
    """:func:`diff_inlines` on tokens; ``shared``: how many characters around these the
    two texts share (for telling how much of the whole text changed)."""
    a, b = tokens(old), tokens(new)
    if [t[0] for t in a] == [t[0] for t in b]:
        return new, False
    segments = _segments(a, b)
    same = shared + sum(_size(t) for kind, x, _ in segments if kind == "equal" for t in x)
    whole = shared + max(sum(map(_size, a)), sum(map(_size, b)), 1)
    out: list = []
    if same / whole < _WHOLE_BELOW:
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
    targets = [(t[1], t[2].target) for t in old if isinstance(t[2], d.XRef)]
    return (len(targets) == len(old) and bool(targets)
            and targets == [(t[1], t[2].target) for t in new if isinstance(t[2], d.XRef)]
            and len(new) == len(targets))
