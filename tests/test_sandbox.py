"""The clause sandbox: filters, escaping of user values, placeholders, hostile templates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from plankit.compose import markdown
from plankit.compose.sandbox import Missing, TokenTable, make_environment, use_tokens
from plankit.document import inline_text


def text_of(src: str, **values) -> str:
    table = TokenTable()
    use_tokens(table)
    out = make_environment().from_string(src).render(**values)
    (para,) = markdown.parse(out, table)
    return inline_text(para.children)


@pytest.mark.parametrize("src, values, expected", [
    ("{{ v | money }}", {"v": Decimal("22.5")}, "$22.50"),
    ("{{ v | money }}", {"v": Decimal("48000000")}, "$48,000,000"),
    ("{{ v | money(2) }}", {"v": Decimal("1250")}, "$1,250.00"),
    ("{{ v | percent }}", {"v": Decimal("12.5")}, "12.5%"),
    ("{{ v | percent }}", {"v": Decimal("15")}, "15%"),
    ("{{ v | number }}", {"v": 12500}, "12,500"),
    ("{{ v | date }}", {"v": dt.date(2026, 1, 5)}, "January 5, 2026"),
    ("{{ v | and_list }}", {"v": ["A", "B", "C"]}, "A, B and C"),
    ("{{ v | and_list }}", {"v": ["A", "B"]}, "A and B"),
    ("{{ v | or_list }}", {"v": ["A", "B", "C"]}, "A, B or C"),
    ("{{ v | plural('worker') }}", {"v": 1}, "1 worker"),
    ("{{ v | plural('person', 'people') }}", {"v": 3}, "3 people"),
    ("{{ v | ordinal }}", {"v": 22}, "22nd"),
    ("{{ v | ordinal }}", {"v": 13}, "13th"),
    ("{{ v | and_list | upper_first }}", {"v": ["a (x)", "b*"]}, "A (x) and b*"),
    ("{{ v | upper_first }}", {"v": "(a) *b*"}, "(a) *b*"),
])
def test_filters(src, values, expected):
    assert text_of(src, **values) == expected


@pytest.mark.parametrize("typed", [
    "{{ 7*7 }}", "<img src=x onerror=alert(1)>", "**x**", "# x", "[a](http://x)", "a|b",
    "1. not a list", "- not a list", "\\*", "&amp;", "`code`", "_under_", "x  \ny",
])
def test_user_values_stay_literal(typed):
    assert text_of("Value: {{ v }}", v=typed) == "Value: " + typed


def test_missing_value_becomes_placeholder_and_is_falsy():
    table = TokenTable()
    use_tokens(table)
    m = Missing("term.hours", "breach notice period in hours")
    out = make_environment().from_string(
        "Notify within {{ m }} hours.{% if m %} never{% endif %} {{ m | money }}").render(m=m)
    (para,) = markdown.parse(out, table)
    kinds = [type(c).__name__ for c in para.children]
    assert kinds.count("Placeholder") == 2
    assert "never" not in inline_text(para.children)


def test_macro_output_is_not_escaped_twice():
    src = "{% macro cell(v) %}<{{ v }}>{% endmacro %}{{ cell(a) }} {{ cell(b | money) }}"
    assert text_of(src, a="x*y (z)", b=Decimal("5")) == "<x*y (z)> <$5.00>"


def test_or_placeholder():
    table = TokenTable()
    use_tokens(table)
    out = make_environment().from_string(
        "{{ a | or_placeholder('rate') }} {{ b | or_placeholder('name') }}").render(
        a=Missing("x", "other"), b="Kim")
    (para,) = markdown.parse(out, table)
    assert inline_text(para.children) == "[rate] Kim"


def test_undefined_names_are_errors():
    with pytest.raises(UndefinedError):
        make_environment().from_string("{{ nope }}").render()


@pytest.mark.parametrize("src", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ range.__self__ }}",
])
def test_python_internals_are_out_of_reach(src):
    with pytest.raises((SecurityError, UndefinedError)):
        make_environment().from_string(src).render()


def test_huge_strings_are_refused():
    with pytest.raises(OverflowError):
        make_environment().from_string("{{ 'x' * 100000000 }}").render()
    with pytest.raises((OverflowError, SecurityError)):
        make_environment().from_string("{{ 9 ** 999999 }}").render()


def test_includes_cannot_load_files():
    # the environment has no loader at all, so no template can pull in a file
    with pytest.raises(TypeError, match="no loader"):
        make_environment().from_string("{% include '/etc/passwd' %}").render()


def test_compiled_clauses_make_their_tokens_in_each_document(tmp_path, monkeypatch):
    """A clause compiled once (in memory, or read back from the disk cache) still makes its
    placeholders and line breaks in every document that uses it: constant filter calls are
    not run at compile time."""
    from plankit.compose import codecache
    from plankit.library import load_library
    from plankit.compose.preview import preview

    monkeypatch.setattr(codecache, "_DIR", [tmp_path / "cache"])
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "c.md").write_text("""---
id: test.tokens
title: Tokens
topic: test
kinds: [procurement]
version: 1.0.0
summary: Constant filter calls.
notes: [Check.]
---
Amount: {{ "" | or_placeholder("the amount") }}. Lines: {{ "one\\ntwo" }}.
""", encoding="utf-8")
    for _ in range(2):  # a fresh library each time: the second compile comes from disk
        lib = load_library([tmp_path / "lib"])
        for _ in range(2):  # the same compiled clause in two documents
            doc = preview(lib.clauses["test.tokens"], lib)
            assert [p.prompt for p in doc.placeholders] == ["the amount"]
    assert list((tmp_path / "cache").glob("*.pyc")), "the compiled clause was cached"
