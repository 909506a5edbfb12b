"""HTML and PDF renderers: semantic, escaped, deterministic HTML; a tagged PDF that fetches
nothing but plankit's own assets."""

from __future__ import annotations

import builtins
import http.server
import io
import logging
import os
import re
import threading
from dataclasses import replace

import pytest

from plankit.document import (
    Attrs, BulletList, Container, Document, Emph, LineBreak, ListItem, Note, OrderedList,
    Paragraph, Placeholder, Section, Signatory, SignatureBlock, Strong, Table, TableCell,
    TableRow, Text, XRef,
)
from plankit.errors import EnvironmentProblem, UsageError
from plankit.paths import ASSETS_DIR
from plankit.render import get_renderer
from plankit.render.html import HtmlRenderer, html_id

HOSTILE = "<img src=x onerror=alert(1)> **x** {{ 7*7 }}"


def para(*parts, **kw) -> Paragraph:
    return Paragraph(tuple(Text(p) if isinstance(p, str) else p for p in parts), **kw)


def cell(text: str, align: str = "") -> TableCell:
    return TableCell((Text(text),), align=align)


def make_doc(*, extra_text: str = "", title: str = "Regional Data-Sharing MOU") -> Document:
    """A small document that uses every node type."""
    return Document(
        title=title,
        review_notes="inline",
        subtitle="Between the Workforce Board and the Labor Department",
        date="2024-03-01",
        lang="en-US",
        kind="mou-data-sharing",
        author="Tri-County Workforce Board",
        children=(
            Section(title=(Text("Purpose"),), number="1", attrs=Attrs(id="purpose"), children=(
                para("The Parties share ", Strong((Text("wage records"),)), " for ",
                     Emph((Text("performance"),)), " reporting under ",
                     Placeholder("program.name", "name of the program", "1"), "."),
                para(HOSTILE),
                para(extra_text or "Nothing more."),
                Note((Text("Check the citation with counsel."),)),
                Section(title=(Text("Definitions"),), number="1.1", children=(
                    BulletList((ListItem((para("Confidential Data means records."),)),
                                ListItem((para("Aggregate Data means counts."),)))),
                    Section(title=(Text("Deep"),), number="1.1.1", children=(
                        Section(title=(Text("Deeper"),), number="1.1.1.1", children=(
                            Section(title=(Text("Deepest"),), number="1.1.1.1.1", children=(
                                Section(title=(Text("Too deep"),), number="1.1.1.1.1.1",
                                        children=(para("Still a heading."),)),
                            )),
                        )),
                    )),
                )),
            )),
            Section(title=(Text("Data"),), number="2", children=(
                para("See ", XRef("purpose", label="Section 1"), " and ",
                     XRef("nowhere", label="Section 9"), "."),
                Table(header=TableRow((cell("Partner"), cell("Records", "right"))),
                      rows=(TableRow((cell("Employer A"), cell("12", "right"))),
                            TableRow((cell("Employer B"), cell("24", "right")))),
                      caption="Records by partner"),
                OrderedList((ListItem((para("Quarterly extract.", LineBreak(), "By SFTP."),)),
                             ListItem((para("Annual check."),))), start=3),
                Container((para("Retain data no longer than ",
                                Placeholder("term.years", "retention period"), "."),),
                          attrs=Attrs(role="incentive")),
            )),
            Section(title=(Text("Signatures"),), number="3", children=(
                SignatureBlock((Signatory("Workforce Board", "Jane Q. Director", "Director"),
                                Signatory("Labor Department"))),
            )),
        ),
    )


@pytest.fixture(scope="module")
def page() -> str:
    return HtmlRenderer().render_document(make_doc())


# --------------------------------------------------------------------------- HTML


def test_registry_gives_html_renderer():
    renderer = get_renderer("html")
    assert isinstance(renderer, HtmlRenderer)
    assert (renderer.name, renderer.extension, renderer.binary) == ("html", "html", False)


def test_page_is_a_standalone_html5_document(page):
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<html lang="en-US">' in page
    assert '<meta charset="utf-8">' in page
    assert "<title>Regional Data-Sharing MOU</title>" in page
    assert re.search(r"<header[^>]*>\s*<h1[^>]*>Regional Data-Sharing MOU</h1>", page)
    assert "Between the Workforce Board" in page
    assert '<time datetime="2024-03-01">March 1, 2024</time>' in page
    assert "<main>" in page and "</main>" in page
    assert "<style>" in page and "mark.placeholder" in page  # screen + print CSS inlined
    assert "<link" not in page


def test_headings_follow_section_depth_and_clamp_at_h6(page):
    assert '<section id="purpose">\n<h2><span class="secnum">1</span> Purpose</h2>' in page
    assert '<section id="sec-1-1">\n<h3><span class="secnum">1.1</span> Definitions</h3>' in page
    assert "<h6><span class=\"secnum\">1.1.1.1.1</span> Deepest</h6>" in page
    assert "<h6><span class=\"secnum\">1.1.1.1.1.1</span> Too deep</h6>" in page
    assert "<h7" not in page


def test_table_has_caption_header_cells_with_scope_and_body(page):
    table = page[page.index("<table"):page.index("</table>")]
    assert "<caption>Records by partner</caption>" in table
    thead = table[table.index("<thead>"):table.index("</thead>")]
    assert thead.count('<th scope="col"') == 2
    assert "<td" not in thead
    tbody = table[table.index("<tbody>"):]
    assert "<th" not in tbody
    assert '<td class="align-right">24</td>' in tbody


def test_placeholder_note_lists_container_and_signatures(page):
    assert ('<mark class="placeholder" title="To supply: program.name" '
            'data-field="program.name">[name of the program]</mark>') in page
    assert ('<aside class="drafter-note" role="note"><strong>Drafter note:</strong> '
            "Check the citation with counsel.</aside>") in page
    assert '<ol start="3">' in page and "<ul>" in page
    assert "Quarterly extract.<br>" in page
    assert '<div class="role-incentive">' in page
    block = page[page.index('<div class="signatures">'):]
    assert block.count('<div class="signatory">') == 2
    for label in ("By:", "Name:", "Title:", "Date:"):
        assert block.count(f'<span class="sig-label">{label}</span>') == 2
    assert "Jane Q. Director" in block


def test_review_copy_links_notes_and_missing_facts_to_end_notes():
    doc = replace(make_doc(), review_notes="comments")
    out = HtmlRenderer().render_document(doc)
    assert ('<p class="review-ref" id="review-note-1-ref"><a href="#review-note-1">Review note 1: '
            "Drafter note</a></p>") in out
    notes = out[out.index('<section class="review-notes"'):]
    assert ('<li id="review-note-1"><a href="#review-note-1-ref">Section 1</a>. '
            "<strong>Drafter note:</strong> Check the citation with counsel.</li>") in notes
    assert '<mark class="placeholder" id="fact-1"' in out
    assert '<a href="#fact-1">[name of the program]</a>' in notes
    assert "<aside" not in out
    final = HtmlRenderer().render_document(replace(doc, final=True))
    assert '<section class="review-notes"' not in final and '<p class="review-ref"' not in final


def test_xrefs_link_to_section_ids(page):
    assert '<a class="xref" href="#purpose">Section 1</a>' in page
    assert '<span class="xref xref-unresolved">Section 9</span>' in page


def test_hostile_text_is_escaped(page):
    assert "&lt;img src=x onerror=alert(1)&gt; **x** {{ 7*7 }}" in page
    assert "<img" not in page
    assert "<strong>x</strong>" not in page


def test_escaping_reaches_attributes_and_title():
    doc = replace(make_doc(title='A "quoted" <title> & more'), lang='en" onload="x')
    out = HtmlRenderer().render_document(doc)
    assert "<title>A &#34;quoted&#34; &lt;title&gt; &amp; more</title>" in out
    assert '<html lang="en&#34; onload=&#34;x">' in out


def test_html_is_deterministic():
    doc = make_doc()
    renderer = HtmlRenderer()
    assert renderer.render_document(doc) == renderer.render_document(doc) \
        == HtmlRenderer().render_document(doc)


def test_extra_css_is_appended_and_cannot_close_the_style_element():
    out = HtmlRenderer(extra_css="p { color: red } </style><script>x</script>") \
        .render_document(make_doc())
    assert "p { color: red }" in out
    assert out.count("</style>") == 2  # the plankit styles and the extra ones, nothing more
    assert "<\\/style><script>x<\\/script>" in out


def test_for_pdf_links_stylesheets_instead_of_inlining():
    out = HtmlRenderer(for_pdf=True).render_document(make_doc())
    assert '<link rel="stylesheet" href="css/plankit.css">' in out
    assert '<link rel="stylesheet" href="css/print.css">' in out
    assert "<style>" not in out


@pytest.mark.parametrize("raw,expected", [
    ("living-wage.require", "living-wage.require"),
    ("3.2", "id-3.2"),
    ("a b<c>", "a-b-c"),
    ("", ""),
])
def test_html_ids_are_valid(raw, expected):
    assert html_id(raw) == expected


def test_duplicate_ids_are_made_unique():
    doc = Document(title="T", children=(
        Section(title=(Text("A"),), number="1", attrs=Attrs(id="x"), children=()),
        Section(title=(Text("B"),), number="2", attrs=Attrs(id="x"), children=()),
    ))
    out = HtmlRenderer().render_document(doc)
    assert '<section id="x">' in out and '<section id="x-2">' in out


# --------------------------------------------------------------------------- asset fetcher


def test_asset_fetcher_serves_only_shipped_css_and_fonts():
    from plankit.render.pdf import ASSETS_BASE_URL, AssetRefused, asset_path

    assert asset_path(ASSETS_BASE_URL + "css/print.css") == (ASSETS_DIR / "css/print.css").resolve()
    assert asset_path(ASSETS_BASE_URL + "fonts/DejaVuSerif.ttf").is_file()
    for url in (
        "http://127.0.0.1/x.css", "https://example.org/x.css", "data:text/css,p{}",
        "file:///etc/passwd", ASSETS_BASE_URL + "../render/pdf.py",
        ASSETS_BASE_URL + "css/../../paths.py", ASSETS_BASE_URL + "fonts/LICENSE-DejaVu.txt",
        ASSETS_BASE_URL + "css/missing.css",
        "file://otherhost" + ASSETS_DIR.as_posix() + "/css/print.css",
    ):
        with pytest.raises(AssetRefused):
            asset_path(url)


def test_source_date_epoch(monkeypatch):
    from plankit.render.pdf import fixed_timestamp

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert fixed_timestamp() == "2024-01-01T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert fixed_timestamp() == "2026-01-01T00:00:00Z"
    assert fixed_timestamp(0) == "1970-01-01T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError):
        fixed_timestamp()


def test_missing_pango_is_an_environment_problem(monkeypatch):
    from plankit.render.pdf import PdfRenderer

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(EnvironmentProblem) as exc:
        PdfRenderer().render_document(make_doc())
    assert exc.value.exit_code == 3
    assert "Pango" in exc.value.message
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in exc.value.hint
    assert "-f docx,html,md" in exc.value.hint


# --------------------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return get_renderer("pdf").render_document(make_doc())


@pytest.mark.slow
def test_pdf_renderer_is_the_html_renderer_plus_weasyprint():
    from plankit.render.pdf import PdfRenderer

    renderer = get_renderer("pdf")
    assert isinstance(renderer, PdfRenderer) and isinstance(renderer, HtmlRenderer)
    assert (renderer.name, renderer.extension, renderer.binary) == ("pdf", "pdf", True)


@pytest.mark.slow
def test_pdf_reads_back_with_title_text_and_language(pdf_bytes):
    from pypdf import PdfReader

    assert pdf_bytes.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) >= 1
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "Regional Data-Sharing MOU" in text
    assert "The Parties share wage records for performance reporting" in text
    assert HOSTILE in text
    assert "Page 1 of" in text
    assert reader.metadata.title == "Regional Data-Sharing MOU"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"


@pytest.mark.slow
def test_pdf_is_tagged_and_shows_its_title(pdf_bytes):
    from pypdf import PdfReader

    root = PdfReader(io.BytesIO(pdf_bytes)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712


@pytest.mark.slow
def test_pdf_embeds_the_shipped_fonts(pdf_bytes):
    from pypdf import PdfReader

    fonts = set()
    for page_ in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for ref in page_["/Resources"]["/Font"].values():
            fonts.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(name.startswith("Plankit-Serif") for name in fonts), fonts


@pytest.mark.slow
def test_pdf_is_byte_identical_across_renders(pdf_bytes, monkeypatch):
    from pypdf import PdfReader

    again = get_renderer("pdf").render_document(make_doc())
    assert again == pdf_bytes
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"]
    ids = reader.trailer["/ID"]
    assert len(ids) == 2
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    other = get_renderer("pdf", source_date_epoch=0).render_document(make_doc())
    assert PdfReader(io.BytesIO(other)).metadata["/CreationDate"].startswith("D:19700101")


@pytest.mark.slow
def test_pdf_does_not_depend_on_the_clock(monkeypatch):
    """Font subsetting stamps fonts with the current time unless plankit holds it fixed."""
    import time

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    real_time = time.time
    renders = []
    for offset in (0, 86400 * 400):
        monkeypatch.setattr(time, "time", lambda offset=offset: real_time() + offset)
        renders.append(get_renderer("pdf").render_document(make_doc()))
    monkeypatch.setattr(time, "time", real_time)
    assert renders[0] == renders[1]
    assert "SOURCE_DATE_EPOCH" not in os.environ  # restored after rendering


@pytest.fixture
def http_server():
    """A local web server that counts the requests it receives; stopped after the test."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.mark.slow
def test_pdf_fetches_nothing_but_its_own_assets(http_server, monkeypatch):
    import plankit.render.pdf as pdf_module

    port, hits = http_server
    served: list[str] = []
    real_asset_path = pdf_module.asset_path

    def spy(url: str):
        path = real_asset_path(url)
        served.append(str(path))
        return path

    monkeypatch.setattr(pdf_module, "asset_path", spy)
    doc = make_doc(extra_text=f'<img src="file:///etc/passwd"> '
                              f'<img src="http://127.0.0.1:{port}/img.png">')
    css = (f'@import url("http://127.0.0.1:{port}/x.css"); '
           'body { background: url("file:///etc/hostname") } '
           f'h2 {{ background: url("http://127.0.0.1:{port}/bg.png") }} '
           'h3 { background: url("data:image/png;base64,iVBORw0KGgo=") }')
    class Collect(logging.Handler):
        def __init__(self):
            super().__init__(logging.DEBUG)
            self.records: list[logging.LogRecord] = []

        def emit(self, record):
            self.records.append(record)

    ours, theirs = Collect(), Collect()
    pdf_logger, wp_logger = logging.getLogger("plankit.render.pdf"), logging.getLogger("weasyprint")
    old_level = pdf_logger.level
    pdf_logger.setLevel(logging.DEBUG)
    pdf_logger.addHandler(ours)
    wp_logger.addHandler(theirs)
    try:
        data = pdf_module.PdfRenderer(extra_css=css).render_document(doc)
    finally:
        pdf_logger.removeHandler(ours)
        pdf_logger.setLevel(old_level)
        wp_logger.removeHandler(theirs)
    assert data.startswith(b"%PDF-")
    assert hits == []
    root = str(ASSETS_DIR.resolve())
    assert served and all(path.startswith(root) for path in served)
    # refusals are expected: plankit logs them at debug level, WeasyPrint's reports are dropped
    refused = [r for r in ours.records if "not a plankit asset" in r.getMessage()]
    assert refused and all(r.levelno == logging.DEBUG for r in refused)
    assert not [r for r in theirs.records if "not a plankit asset" in r.getMessage()]


# --------------------------------------------------------------------------- forms

FORM = Table(
    header=TableRow(cells=(cell("No."), cell("Name"), cell("Signature"))),
    rows=(
        *(TableRow(cells=(cell(f"R{n}"), TableCell(()), TableCell((Text("\xa0"),))))
          for n in (1, 2, 3)),
        TableRow(cells=(cell("R4"), TableCell((LineBreak(), LineBreak())), TableCell(()))),
        TableRow(cells=(cell("R5"), cell("Ana Ruiz"), cell("signed"))),
        TableRow(cells=(cell("R6"), cell("end"), cell("."))),
    ),
)


def test_form_rows_are_marked_for_room_to_write_and_sign():
    html = HtmlRenderer().render_document(Document(title="Form", children=(FORM,)))
    assert html.count('<tr class="blank-row">') == 3
    assert html.count('<tr class="sign-row">') == 1
    assert html.count("<tr>") == 3  # the header row and the rows of text
    css = (ASSETS_DIR / "css" / "plankit.css").read_text("utf-8")
    assert re.search(r"tr\.blank-row > td \{\s*height: 0\.3in;", css)
    assert re.search(r"tr\.sign-row > td \{\s*height: 0\.5in;", css)


@pytest.mark.slow
def test_pdf_form_rows_are_tall_enough_to_write_and_sign_in(tmp_path):
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(get_renderer("pdf").render_document(Document(title="Form",
                                                                 children=(FORM,))))
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    top = {m.group(2): float(m.group(1)) for m in re.finditer(
        r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(R\d)</word>', bbox)}
    rows = [top[f"R{n + 1}"] - top[f"R{n}"] for n in range(1, 6)]
    assert min(rows[:3]) >= 0.3 * 72 - 0.5, rows  # the three blank rows
    assert rows[3] >= 0.5 * 72 - 0.5, rows  # the row with room to sign
    assert rows[4] < 0.3 * 72, rows  # a row of text keeps its own height
