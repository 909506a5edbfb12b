"""User text is text: whatever is typed into a value comes out verbatim in every format."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plankit import api
from plankit import document as d
from plankit.library import load_library
from plankit.render import FORMATS, PDF_ENGINES, text_reader
from tests.conftest import ROOT, write

RFP = ROOT / "examples" / "procurement-rfp.yaml"
LIB = load_library()


PDF = "pdf"
"""PDF is typeset (slow): it is checked once per PDF engine in :func:`test_hostile_values_in_pdf`;
every other registered format in the fast tests."""


def registered() -> list[str]:
    """Every format the registry has but PDF."""
    return [name for name in FORMATS if name != PDF]


def read(fmt: str, data: str | bytes) -> str:
    """What a person (or a program) finds in ``data``, read by the registry's reader for
    ``fmt``."""
    reader = text_reader(fmt)
    assert reader is not None, f"format {fmt!r} declares no text_of reader in the registry"
    return reader(data if isinstance(data, bytes) else data.encode("utf-8"))


def build_with_title(tmp_path, value: str) -> dict[str, bytes]:
    """Put ``value`` into solicitation.title (shown in a table cell by a clause and in the
    title) and render it in every registered format but PDF."""
    data = yaml.safe_load(RFP.read_text("utf-8"))
    data["solicitation"]["title"] = value
    f = write(tmp_path / "in.yaml", yaml.safe_dump(data, allow_unicode=True))
    dr = api.draft(f, LIB)
    return {fmt: api.render(dr.document, fmt) for fmt in registered()}


def titled() -> list[str]:
    """Every format but PDF whose output carries the document's title."""
    return [name for name in registered() if FORMATS[name].shows_title]


def html_text(source: bytes) -> str:
    return read("html", source)


def _body_formats() -> list[str]:
    return [name for name in registered() if FORMATS[name].shows_body]


READERS = {name: text_reader(name) for name in _body_formats() if FORMATS[name].public}
"""The registry's reader for each public format that shows the whole document, but PDF
(what the property tests of inputs read)."""


def test_every_registered_format_has_a_reader_and_an_escaping_check():
    """A format added to the registry is covered here without editing this file: it must
    declare how its output is read back as text."""
    assert PDF in FORMATS
    for name, fmt in FORMATS.items():
        assert fmt.text_of, f"format {name!r} has no text_of reader: declare one in the " \
                            "registry (plankit.render.FORMATS), see plankit.render.readback"
        assert callable(text_reader(name)), f"{name}: {fmt.text_of} cannot be imported"
    assert set(registered()) | {PDF} == set(FORMATS)


HOSTILE = [
    "{{ 7*7 }}", "{% raw %}x", "<img src=x onerror=alert(1)>", "**bold**", "# heading",
    "[link](file:///etc/passwd)", "a | b | c", "`tick`", "&amp; &lt;", "\\* star", "_x_",
    "1. list", "- item", "> quote", "مجلس العمل", "e\u0301\u0301 combining", "😀 emoji",
    "<!-- comment -->", "</td></tr></table>", "line\\",
    # Typst markup and code
    "#import \"@preview/x:0.1.0\": *", "#read(\"/etc/passwd\")", "$x^2$", "@ref <label>",
    "[content]", "\\u{41} \\", "*strong* _emph_", "`raw`", "// comment", "/* block */",
    "~ -- --- ... -? -1", "= heading", "+ item", "/ term: x", "1. one", "'single' \"double\"",
    "https://example.com/x", "#{1 + 1}", "a;b.c(d)",
]


@pytest.mark.parametrize("value", [
    pytest.param(v, marks=() if i % 3 == 0 else pytest.mark.slow)  # make check: every third
    for i, v in enumerate(HOSTILE)])
def test_hostile_values_are_literal_in_every_format(tmp_path, value):
    out = build_with_title(tmp_path, value)
    for fmt in titled():
        assert value in read(fmt, out[fmt]), f"{value!r} not verbatim in {fmt}"
    assert "<img" not in out["html"].decode("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_hostile_values_in_pdf(tmp_path, engine):
    value = "{{ 7*7 }} <b>x</b> **y** # z $m$ @r <l> [c] \\ _e_ `t` // x"
    data = yaml.safe_load(RFP.read_text("utf-8"))
    data["solicitation"]["title"] = value
    f = write(tmp_path / "in.yaml", yaml.safe_dump(data, allow_unicode=True))
    pdf = api.render(api.draft(f, LIB).document, "pdf", pdf_engine=engine)
    assert value in re.sub(r"\s+", " ", read(PDF, pdf))


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
                           blacklist_characters="\u2028\u2029\ufeff\u00ad"),
    min_size=1, max_size=40,
).map(lambda s: re.sub(r"\s+", " ", s).strip()).filter(bool)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_TEXT)
def test_any_typed_text_comes_out_verbatim(tmp_path, value):
    out = build_with_title(tmp_path, value)
    for fmt in titled():
        assert value in read(fmt, out[fmt]), f"{value!r} not verbatim in {fmt}"


# --------------------------------------------------------------------------- in every node

TYPST_SYNTAX = ["#", "$", "@", "<", ">", "[", "]", "\\", "*", "_", "`", "//", "/*", "~", "-",
                "--", "---", "...", "-?", "-1", "=", "+", "/", "1.", "'", '"', "(", ";", ".",
                "{", "}", "https://x.org", "#import \"@preview/a:1.0.0\": *",
                "#read(\"/etc/passwd\")", "#include \"x.typ\"", "#image(\"/etc/x.png\")",
                "<lbl>", "@lbl", "\\u{41}", "- item", "+ item", "= Heading", "/ Term: x",
                "a-b", "x\ny"]
"""Typst markup and code (also used by the Typst escaping tests)."""

DATA_SYNTAX = [",", '"a, b"', "a;b", "\\n", "\\,", '{"k": 1}', "null", "BEGIN:VEVENT",
               "=1+1", "@SUM(A1)"]
"""CSV, JSON and iCalendar syntax."""

SYNTAX = list(dict.fromkeys(v for v in HOSTILE + TYPST_SYNTAX + DATA_SYNTAX if "\n" not in v))


def every_node(value: str) -> d.Document:
    """A document with ``value`` alone in a paragraph, a heading, a list item, a table cell,
    strong and emphasised text and a signatory's name: each where a markup language reads
    the start of a line or of a cell."""
    t = (d.Text(value),)
    return d.Document(title="T", review_notes="inline", children=(
        d.Section(title=t, number="1", children=(
            d.Paragraph(t),
            d.Paragraph((d.Strong(t),)),
            d.Paragraph((d.Emph(t),)),
            d.BulletList((d.ListItem((d.Paragraph(t),)),)),
            d.OrderedList((d.ListItem((d.Paragraph(t),)),)),
            d.Table(header=d.TableRow((d.TableCell((d.Text("H"),)),)),
                    rows=(d.TableRow((d.TableCell(t),)),)),
            d.SignatureBlock((d.Signatory("P", value, "Director"),)),
        )),
    ))


PLACED = 8
"""How many times :func:`every_node` places the value."""


@pytest.mark.parametrize("fmt", _body_formats())
def test_markup_syntax_in_every_node_is_only_text(fmt):
    """Every markup character of every language plankit writes, in every node that holds
    text, comes out as text in every registered format."""
    from plankit.render import get_renderer

    renderer = get_renderer(fmt)

    def shown(value: str) -> str:
        return read(fmt, renderer.render_document(every_node(value)))

    blank = shown("Z")
    failed = [value for value in SYNTAX
              if shown(value).count(value) - blank.count(value) < PLACED]
    assert not failed, f"not read back verbatim in every node of {fmt}: {failed}"


def test_data_readers_read_strings_back():
    """The readers data formats declare (JSON, CSV, iCalendar) read their strings back."""
    import csv
    import io
    import json

    from plankit.render import readback

    value = 'a, "b"; c\\n \\ <d>'
    assert value in readback.json_strings(json.dumps({"title": value, "n": [1, value]}).encode())
    rows = io.StringIO()
    csv.writer(rows).writerows([["title", value], ["x", "y\nz"]])
    assert value in readback.csv_cells(rows.getvalue().encode()).split("\n")
    ics = ("BEGIN:VEVENT\r\nSUMMARY;LANGUAGE=\"en:US\":a\\, \"b\"\\; c\\\\n \\\\ <d>\r\n"
           " and more\r\nEND:VEVENT\r\n")
    assert value + "and more" in readback.ics_text(ics.encode()).split("\n")
