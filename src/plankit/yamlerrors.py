"""YAML mistakes in plain words.

The YAML parser reports where it gave up, in its own terms ("mapping values are not
allowed here", "did not find expected key"), often a line after the real mistake. This
module looks at the text around that place and names the common first-draft mistakes:

* a line indented more (or less) than the lines around it;
* a tab used for indentation;
* a key without its colon, or without a space after the colon;
* a value holding ``": "`` that is not in quotes;
* a quote opened and never closed;
* a list under a key that already has text on its own line.

:func:`explain` returns the line to point at, a sentence, a fix and the lines to show (with
a caret under the place); the parser's own text is kept as the error's ``detail``, shown
with ``--verbose``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KEY_VALUE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[^\s:#'\"][^:#]*?):(?P<after>.*)$")
_NO_SPACE = re.compile(r"^ *(?:- +)?(?P<key>[A-Za-z_][\w.-]*):(?P<value>[^\s/].*)$")


@dataclass
class Explained:
    line: int
    """1-based line to point at."""
    message: str
    fix: str
    column: int = 0
    """0-based column for the caret."""
    context: list[int] = field(default_factory=list)
    """Other lines to show (1-based), before the pointed line."""


def _code(text: str) -> str:
    """A line without its trailing comment."""
    return re.sub(r"\s+#.*$", "", text)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _content(lines: list[str], i: int) -> bool:
    text = lines[i].strip() if 0 <= i < len(lines) else ""
    return bool(text) and not text.startswith("#")


def _previous(lines: list[str], i: int) -> int:
    """Index of the nearest line above ``i`` that holds something (-1 if none)."""
    j = i - 1
    while j >= 0 and not _content(lines, j):
        j -= 1
    return j


def _levels(lines: list[str], i: int) -> list[int]:
    """Indentations in use above line ``i`` (the enclosing and sibling levels)."""
    out: list[int] = []
    j = i - 1
    limit = None
    while j >= 0:
        if _content(lines, j):
            n = _indent(lines[j])
            if limit is None or n < limit:
                out.append(n)
                limit = n
            elif n == limit and n not in out:
                out.append(n)
        j -= 1
    return sorted(set(out))


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def _unclosed_quote(lines: list[str], upto: int) -> Explained | None:
    for i in range(min(upto, len(lines) - 1), -1, -1):
        if not _content(lines, i):
            continue
        m = _KEY_VALUE.match(lines[i])
        text = m.group("after").strip() if m else lines[i].strip().removeprefix("- ")
        if text and text[0] in "\"'":
            q = text[0]
            body = text[1:]
            closed = re.search(r'(?<!\\)"' if q == '"' else r"'(?!')", body)
            if not closed:
                col = lines[i].index(q, len(lines[i]) - len(lines[i].lstrip()))
                return Explained(i + 1, f"the quote ({q}) opened on this line is never closed",
                                 f"end the text with {q} on the same line, or remove the "
                                 "opening quote", col)
    return None


def explain(problem: str, context: str, line: int, column: int, text: str,
            context_line: int | None = None) -> Explained | None:
    """A plain-words account of a parser error at ``line``/``column`` (0-based), or None
    when the mistake is not one of the common ones."""
    lines = text.split("\n")
    i = min(max(line, 0), len(lines) - 1) if lines else 0
    problem = problem or ""
    context = context or ""
    # tabs: the first line above the error indented with a tab
    for j in range(0, min(i, len(lines) - 1) + 1):
        lead = lines[j][: len(lines[j]) - len(lines[j].lstrip(" \t"))]
        if "\t" in lead:
            return Explained(j + 1, "this line is indented with a tab; YAML indentation must "
                                    "be spaces, not tabs",
                             "replace the tab with spaces (2 per level)", lead.index("\t"))
    start = context_line if context_line is not None and "quoted scalar" in context else i
    found = _unclosed_quote(lines, start)
    if found:
        return found
    if "could not find expected ':'" in problem and context_line is not None:
        k = context_line
        return Explained(k + 1, "this line has no colon after its key",
                         f"write it as 'key: value', e.g. '{_suggest_colon(_code(lines[k]))}'",
                         _indent(lines[k]))
    here = _code(lines[i]) if 0 <= i < len(lines) else ""
    p = _previous(lines, i)
    prev = _code(lines[p]) if p >= 0 else ""
    if p >= 0 and _NO_SPACE.match(prev) and ": " not in prev + " " and (
            "mapping values" in problem or "expected key" in problem):
        nm = _NO_SPACE.match(prev)
        return Explained(p + 1, "there is no space after the colon, so YAML reads "
                                f"'{nm.group('key')}:{nm.group('value')}' as one word",
                         f"put a space after the colon: '{nm.group('key')}: "
                         f"{nm.group('value')}'", prev.index(":") + 1)
    if "mapping values are not allowed" in problem:
        m = _KEY_VALUE.match(here)
        first = here.find(":")
        if m and 0 <= first < column and column < len(here) and here[column] == ":":
            after = m.group("after")
            return Explained(i + 1, "this value holds ': ', which YAML reads as the start of "
                                    "another key", "put the whole value in quotes, e.g. "
                             f"{m.group('key').strip()}: \"{after.strip()}\"", column)
        if p >= 0 and here.lstrip().startswith("- ") and _KEY_VALUE.match(prev) \
                and _KEY_VALUE.match(prev).group("after").strip():
            key = _KEY_VALUE.match(prev).group("key").strip()
            return Explained(p + 1, f"'{key}' has text on its own line and a list under it; a "
                                    "key holds either a value on its line or a list below it",
                             f"delete the text after '{key}:', or put it in the list as an "
                             "item", _indent(prev), [p + 1, i + 1])
        if p >= 0 and _NO_SPACE.match(prev):
            nm = _NO_SPACE.match(prev)
            col = prev.index(":") + 1
            return Explained(p + 1, "there is no space after the colon, so YAML reads "
                                    f"'{nm.group('key')}:{nm.group('value')}' as one word",
                             f"put a space after the colon: '{nm.group('key')}: "
                             f"{nm.group('value')}'", col)
        if p >= 0 and ":" not in prev and not prev.lstrip().startswith("- ") \
                and _indent(prev) == _indent(here):
            return Explained(p + 1, "this line has no colon after its key",
                             f"write it as 'key: value', e.g. '{_suggest_colon(prev)}'",
                             _indent(prev))
        if p >= 0 and _indent(here) > _indent(prev):
            return _too_deep(lines, i, p)
    if "did not find expected key" in problem or "expected <block end>" in problem \
            or "did not find expected '-' indicator" in problem:
        if _indent(here) not in _levels(lines, i) and p >= 0:
            return _misaligned(lines, i)
        if p >= 0 and _indent(here) > _indent(prev):
            return _too_deep(lines, i, p)
        if p >= 0 and _KEY_VALUE.match(prev) is None and not prev.lstrip().startswith("- "):
            return Explained(p + 1, "this line has no colon after its key",
                             f"write it as 'key: value', e.g. '{_suggest_colon(prev)}'",
                             _indent(prev))
    return None


def _suggest_colon(text: str) -> str:
    words = text.strip().split(None, 1)
    return f"{words[0]}: {words[1]}" if len(words) == 2 else f"{words[0] if words else 'key'}:"


def _too_deep(lines: list[str], i: int, p: int) -> Explained:
    extra = _indent(lines[i]) - _indent(lines[p])
    return Explained(i + 1, f"this line is indented {_spaces(extra)} more than the line above "
                            "it, which has a value of its own, so nothing can go under it",
                     f"line it up with the line above ({_spaces(_indent(lines[p]))} from "
                     "the edge)", _indent(lines[i]), [p + 1, i + 1])


def _misaligned(lines: list[str], i: int) -> Explained:
    n = _indent(lines[i])
    levels = _levels(lines, i)
    best = min((abs(x - n) for x in levels), default=0)
    near = [x for x in levels if abs(x - n) == best] or [0]
    others = ", ".join(_spaces(x) for x in levels)
    return Explained(i + 1, f"this line is indented {_spaces(n)}, which lines it up with no "
                            f"line above it (they use {others})",
                     f"indent it {' or '.join(_spaces(x) for x in near)}, like the lines it "
                     "belongs with", n, [_previous(lines, i) + 1, i + 1])


def snippet(text: str, ex: Explained) -> list[str]:
    """The lines to show under the message: numbered, with a caret under the place."""
    lines = text.split("\n")
    shown = sorted({n for n in ex.context if 1 <= n <= len(lines)} | {ex.line})
    width = len(str(shown[-1])) if shown else 1
    out = []
    for n in shown:
        raw = lines[n - 1].replace("\t", "→")
        out.append(f"{n:>{width}} | {raw}")
        if n == ex.line:
            out.append(f"{'':>{width}} | {' ' * max(ex.column, 0)}^")
    return out
