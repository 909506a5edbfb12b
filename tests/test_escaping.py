"""User text is text: whatever is typed into a value comes out verbatim in every format."""

from __future__ import annotations

import html as htmllib
import io
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from plankit import api
from plankit.library import load_library
from plankit.render import PDF_ENGINES
from tests.conftest import ROOT, write

RFP = ROOT / "examples" / "procurement-rfp.yaml"
LIB = load_library()


def build_with_title(tmp_path, value: str) -> dict[str, str]:
    """Put ``value`` into solicitation.title (shown in a table cell by a clause) and render
    it in every text format the registry has (and DOCX)."""
    data = yaml.safe_load(RFP.read_text("utf-8"))
    data["solicitation"]["title"] = value
    f = write(tmp_path / "in.yaml", yaml.safe_dump(data, allow_unicode=True))
    dr = api.draft(f, LIB)
    return {fmt: api.render(dr.document, fmt) for fmt in READERS}


def md_text(source: bytes) -> str:
    tokens = MarkdownIt("commonmark").enable("table").parse(source.decode("utf-8"))
    parts = []
    for tok in tokens:
        for child in tok.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
    return "".join(parts)


def html_text(source: bytes) -> str:
    text = re.sub(r"<[^>]+>", "", source.decode("utf-8"))
    return htmllib.unescape(text)


def docx_text(source: bytes) -> str:
    import docx

    d = docx.Document(io.BytesIO(source))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def typ_text(source: bytes) -> str:
    """The text Typst reads from Typst markup: the source compiled by the Typst binding into
    HTML (its HTML export keeps every piece of text, and reads the markup exactly as the
    PDF export does), shown as text."""
    from plankit.render.typst_pdf import _compiler, _import_typst

    page = _compiler(_import_typst()).compile(source, format="html").decode("utf-8")
    return html_text(page.split("<body>", 1)[1].encode("utf-8"))


def json_text(source: bytes) -> str:
    """Every string in the obligations export, as a program reading it gets them."""
    import json

    def strings(value) -> list[str]:
        if isinstance(value, str):
            return [value]
        items = value.values() if isinstance(value, dict) else \
            value if isinstance(value, list) else ()
        return [s for v in items for s in strings(v)]

    return "\n".join(strings(json.loads(source.decode("utf-8"))))


def ics_text(source: bytes) -> str:
    """The calendar's name and its events' text, as a calendar program shows them (the
    name is an X- property, TEXT by RFC 5545 section 3.8.8.2, unescaped here)."""
    import icalendar

    cal = icalendar.Calendar.from_ical(source.decode("utf-8"))
    name = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1),
                  str(cal["X-WR-CALNAME"]))
    return "\n".join([name] + [str(ev[k]) for ev in cal.walk("VEVENT")
                                for k in ("SUMMARY", "DESCRIPTION")])


READERS = {"md": md_text, "html": html_text, "docx": docx_text, "typ": typ_text,
           "json": json_text, "ics": ics_text}
"""A reader for each format plankit writes text in (and DOCX): what a person sees. The CSV
export is not here: it lists obligations and metrics, and the document's title (where these
tests put the typed value) is not in it; tests/test_obligations.py checks its cells."""

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


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_literal_in_every_format(tmp_path, value):
    out = build_with_title(tmp_path, value)
    for fmt, reader in READERS.items():
        assert value in reader(out[fmt]), f"{value!r} not verbatim in {fmt}"
    assert "<img" not in out["html"].decode("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_hostile_values_in_pdf(tmp_path, engine):
    from pypdf import PdfReader

    value = "{{ 7*7 }} <b>x</b> **y** # z $m$ @r <l> [c] \\ _e_ `t` // x"
    data = yaml.safe_load(RFP.read_text("utf-8"))
    data["solicitation"]["title"] = value
    f = write(tmp_path / "in.yaml", yaml.safe_dump(data, allow_unicode=True))
    pdf = api.render(api.draft(f, LIB).document, "pdf", pdf_engine=engine)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert value in re.sub(r"\s+", " ", text)


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
    for fmt, reader in READERS.items():
        assert value in reader(out[fmt]), f"{value!r} not verbatim in {fmt}"
