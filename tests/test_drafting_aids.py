"""Drafting aids every document kind shares: contents, draft marks, letterhead and logo,
review checklist, audit trail, a reference DOCX and print CSS."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, write
from plankit import document as d
from plankit.api import render
from plankit.render import PDF_ENGINES

EXAMPLE = ROOT / "examples" / "mou-data-sharing.yaml"


def _png(path: Path) -> Path:
    """A tiny valid PNG written with Pillow (WeasyPrint's own dependency)."""
    from PIL import Image
    Image.new("RGB", (40, 40), (20, 40, 120)).save(path)
    return path


def _input(tmp_path: Path, **options) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["options"] = options
    return write(tmp_path / "mou.yaml", yaml.safe_dump(data, sort_keys=False,
                                                       allow_unicode=True))


def _doc(**fields) -> d.Document:
    def sec(title, number, *children):
        return d.Section(title=(d.Text(title),), number=number, children=children)

    para = d.Paragraph(children=(d.Text("Text of the section."),))
    return d.Document(
        title="Sample agreement", kind="mou-data-sharing", date="2026-03-02",
        children=(sec("Parties", "1", para, sec("Roles", "1.1", para)),
                  sec("Term", "2", para)),
        provenance=d.Provenance(plankit_version="0", input_sha256="0" * 64), **fields)


def _docx_xml(data: bytes, prefix: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in sorted(z.namelist())
                       if n.startswith(prefix))


def _pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


# ------------------------------------------------------------------ contents


def test_contents_in_every_format():
    doc = _doc(toc=True)
    md = render(doc, "md").decode()
    assert "## Contents" in md and "- 1 Parties" in md and "  - 1.1 Roles" in md
    html = render(doc, "html").decode()
    assert re.search(r'<nav class="toc"[^>]*>.*<a href="#[^"]+"><span class="secnum">2</span> '
                     r"Term</a>", html, re.S)
    docx = render(doc, "docx")
    body = _docx_xml(docx, "word/document.xml")
    assert 'TOC \\o "1-2"' in body and "Roles" in body
    assert "w:updateFields" in _docx_xml(docx, "word/settings.xml")
    for engine in PDF_ENGINES:
        pages = _pdf_pages(render(doc, "pdf", pdf_engine=engine))
        assert "Contents" in pages[0]
        assert re.search(r"1\.1 Roles \.*\s?\d", pages[0]), (engine, pages[0])  # page number


def test_no_contents_unless_asked():
    doc = _doc()
    assert "Contents" not in render(doc, "md").decode()
    assert "TOC \\o" not in _docx_xml(render(doc, "docx"), "word/document.xml")


# ------------------------------------------------------------------ draft marks


def test_draft_mark_watermark_and_version_line():
    doc = _doc(draft_mark=True, watermark=True, version="0.3")
    docx = render(doc, "docx")
    headers = _docx_xml(docx, "word/header")
    assert d.DRAFT_MARK in headers and 'string="DRAFT"' in headers
    assert "Version 0.3, March 2, 2026" in _docx_xml(docx, "word/document.xml")
    html = render(doc, "html").decode()
    assert 'class="watermark" aria-hidden="true"' in html
    assert "Version 0.3, <time" in html
    for engine in PDF_ENGINES:
        pages = _pdf_pages(render(doc, "pdf", pdf_engine=engine))
        assert all(d.DRAFT_MARK in p for p in pages), engine
        assert all("DRAFT" in p.replace(d.DRAFT_MARK, "") for p in pages), engine
        assert "Version 0.3, March 2, 2026" in pages[0], engine
    assert "Version 0.3" in render(doc, "md").decode()


def test_final_documents_carry_no_marks():
    doc = _doc()
    assert d.DRAFT_MARK not in _docx_xml(render(doc, "docx"), "word/header")
    for engine in PDF_ENGINES:
        assert "DRAFT" not in " ".join(_pdf_pages(render(doc, "pdf", pdf_engine=engine)))


# ------------------------------------------------------------------ letterhead and logo


def test_letterhead_and_logo_with_alt_text(tmp_path):
    logo = d.Image(data=_png(tmp_path / "seal.png").read_bytes(), mime="image/png",
                   alt="Seal of the Example Agency")
    doc = _doc(letterhead="Example Agency", logo=logo)
    headers = _docx_xml(render(doc, "docx"), "word/header")
    assert "Example Agency" in headers
    assert 'descr="Seal of the Example Agency"' in headers
    html = render(doc, "html").decode()
    assert re.search(r'<img class="logo" src="data:image/png;base64,[^"]+" '
                     r'alt="Seal of the Example Agency">', html)
    from pypdf import PdfReader
    for engine in PDF_ENGINES:
        pdf = PdfReader(io.BytesIO(render(doc, "pdf", pdf_engine=engine)))
        assert any(page.images for page in pdf.pages), f"the logo is in the {engine} PDF"
        for page in pdf.pages:  # the letterhead is on every page
            assert "Example Agency" in re.sub(r"\s+", " ", page.extract_text()), engine
    source = render(doc, "typ").decode("utf-8")
    assert 'alt: "Seal of the Example Agency"' in source


@pytest.mark.parametrize("engine", PDF_ENGINES)
@pytest.mark.parametrize("review_notes", ["comments", "inline"])
def test_pdf_with_every_drafting_aid_passes_the_pdfua_checker(tmp_path, engine, review_notes):
    from pdfua import validate

    logo = d.Image(data=_png(tmp_path / "seal.png").read_bytes(), mime="image/png",
                   alt="Seal of the Example Agency")
    doc = d.replace(_doc(letterhead="Example Agency", logo=logo), toc=True, watermark=True,
                    draft_mark=True, version="0.3", review_notes=review_notes)
    note = d.Note(children=(d.Text("Check this."),))
    fact = d.Paragraph(children=(d.Placeholder("term.years", "number of years", "1"),))
    doc = d.replace(doc, children=(d.replace(doc.children[0], children=doc.children[0].children
                                             + (note, fact)),) + doc.children[1:])
    pdf = tmp_path / "aids.pdf"
    pdf.write_bytes(render(doc, "pdf", pdf_engine=engine))
    report = validate(str(pdf))
    found = [(f.rule_id, f.message) for f in report.findings
             if f.severity.name in ("ERROR", "WARNING")]
    assert not found, found[:5]


def test_logo_from_input_file(cli, tmp_path):
    _png(tmp_path / "seal.png")
    src = _input(tmp_path, letterhead="Example Agency", logo="seal.png",
                 logo_description="Seal")
    run = cli("build", src, "-o", tmp_path / "out", "-f", "docx")
    assert run.code == 0, run.err
    assert 'descr="Seal"' in _docx_xml((tmp_path / "out" / "mou.docx").read_bytes(),
                                       "word/header")


@pytest.mark.parametrize("setup, words", [
    ({"logo": "missing.png", "logo_description": "Seal"}, "was not found"),
    ({"logo": "notes.txt", "logo_description": "Seal"}, "is not a PNG or JPEG"),
    ({"logo": "seal.png"}, "logo_description"),
])
def test_logo_mistakes_are_reported_with_the_field(cli, tmp_path, setup, words):
    write(tmp_path / "notes.txt", "not a picture")
    _png(tmp_path / "seal.png")
    src = _input(tmp_path, **setup)
    run = cli("build", src, "-o", tmp_path / "out")
    assert run.code == 1
    assert "options" in run.err and words in run.err
    assert "Traceback" not in run.err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# ------------------------------------------------------------------ review checklist


def test_review_checklist_lists_every_open_placeholder(cli, tmp_path):
    src = _input(tmp_path, review_checklist=True)
    run = cli("build", src, "-o", tmp_path / "out", "-f", "md")
    assert run.code == 0, run.err
    md = (tmp_path / "out" / "mou.md").read_text("utf-8")
    checklist = md.split("## Review checklist", 1)[1]
    from plankit.api import draft
    from plankit.library import load_library
    doc = draft(src, load_library()).document
    assert doc.placeholders, "the example has missing facts"
    for p in doc.placeholders:
        assert re.search(rf"\| {re.escape(p.section)} \| {re.escape(p.prompt)}",
                         checklist.replace("\\", "")), p
    for _section, note in doc.notes[:3]:
        assert note[:40].replace("\\", "") in checklist.replace("\\", "")
    run = cli("validate", "--report", src)
    assert run.code == 0
    for p in doc.placeholders:
        assert f"section {p.section}: [{p.prompt}]" in run.out
    assert "Drafter notes to check" in run.out and "Warnings about the content" in run.out


# ------------------------------------------------------------------ audit trail


@pytest.mark.slow
def test_audit_trail_in_appendix_docx_properties_and_pdf_metadata(cli, tmp_path):
    src = _input(tmp_path, audit_trail=True)
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    run = cli("build", src, "-o", tmp_path / "out", "-f", "md,docx,pdf")
    assert run.code == 0, run.err
    md = (tmp_path / "out" / "mou.md").read_text("utf-8")
    assert digest in md and "mou-data.breach" in md
    assert digest in _docx_xml((tmp_path / "out" / "mou.docx").read_bytes(),
                               "docProps/custom.xml")
    from pypdf import PdfReader
    info = PdfReader(str(tmp_path / "out" / "mou.pdf")).metadata
    assert info["/PlankitInputSHA256"] == digest
    assert "mou-data.breach@" in info["/PlankitClauses"]


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_pdf_table_headers_have_column_scope(engine):
    from pypdf import PdfReader
    cell = lambda t: d.TableCell(children=(d.Text(t),))  # noqa: E731
    doc = _doc()
    doc = d.replace(doc, children=doc.children + (d.Table(
        header=d.TableRow(cells=(cell("Element"), cell("Source"))),
        rows=(d.TableRow(cells=(cell("Wages"), cell("UI"))),), caption="Data"),))
    root = PdfReader(io.BytesIO(render(doc, "pdf", pdf_engine=engine))).trailer["/Root"]
    scopes = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if node.get("/S") == "/TH":  # /A: one attribute dictionary, or several
                attributes = node["/A"] if isinstance(node["/A"], list) else [node["/A"]]
                scopes.append(next((a["/Scope"] for a in attributes if "/Scope" in a), None))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert scopes and set(scopes) == {"/Column"}


# ------------------------------------------------------------------ branding


def _reference_docx(path: Path) -> Path:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import RGBColor
    ref = docx.Document()
    for name in ("Heading 1", "Heading 2"):
        style = ref.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        if fonts is not None:  # theme fonts would win over the named font
            style.element.rPr.remove(fonts)
        style.font.name = "DejaVu Sans Mono"
        style.font.color.rgb = RGBColor(0xD0, 0x10, 0x10)
    ref.save(str(path))
    return path


def test_reference_docx_changes_heading_font_and_colour(cli, tmp_path):
    ref = _reference_docx(tmp_path / "agency.docx")
    src = _input(tmp_path)
    assert cli("build", src, "-o", tmp_path / "plain", "-f", "docx").code == 0
    run = cli("build", src, "-o", tmp_path / "brand", "-f", "docx", "--reference-docx", ref)
    assert run.code == 0, run.err
    styles = _docx_xml((tmp_path / "brand" / "mou.docx").read_bytes(), "word/styles.xml")
    assert "D01010" in styles and "DejaVu Sans Mono" in styles
    plain = _docx_xml((tmp_path / "plain" / "mou.docx").read_bytes(), "word/styles.xml")
    assert "D01010" not in plain


def _red_pixels(pdf: Path, out: Path) -> int:
    from PIL import Image
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "3", str(pdf), str(out)],
                   check=True, capture_output=True, timeout=60)
    count = 0
    for page in sorted(out.parent.glob(out.name + "*.png")):
        raw = Image.open(page).convert("RGB").tobytes()
        count += sum(1 for i in range(0, len(raw), 3)
                     if raw[i] > 170 and raw[i + 1] < 90 and raw[i + 2] < 90)
    return count


@pytest.mark.slow
def test_reference_docx_visibly_changes_the_rendered_page(cli, tmp_path, soffice):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is not installed")
    ref = _reference_docx(tmp_path / "agency.docx")
    src = _input(tmp_path)
    assert cli("build", src, "-o", tmp_path / "plain", "-f", "docx").code == 0
    assert cli("build", src, "-o", tmp_path / "brand", "-f", "docx",
               "--reference-docx", ref).code == 0
    counts = []
    profile = (tmp_path / "lo-profile").as_uri()  # not the user's: tests run side by side
    for name in ("plain", "brand"):
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir",
                        str(tmp_path / name), str(tmp_path / name / "mou.docx")],
                       check=True, capture_output=True, timeout=180)
        counts.append(_red_pixels(tmp_path / name / "mou.pdf", tmp_path / name / "page"))
    assert counts[0] == 0 and counts[1] > 50, counts


@pytest.mark.slow
def test_user_css_styles_pdf_and_html_but_fetches_nothing(cli, tmp_path):
    secret = write(tmp_path / "secret.css", "h2 { color: red }")
    css = write(tmp_path / "agency.css",
                f'@import url("{secret.as_uri()}");\n'
                "h2 { color: #123456; }\n"
                'body { background: url("http://127.0.0.1:9/x.png"); }\n')
    src = _input(tmp_path)
    run = cli("build", src, "-o", tmp_path / "out", "-f", "html,pdf", "--css", css)
    assert run.code == 0, run.err
    html = (tmp_path / "out" / "mou.html").read_text("utf-8")
    assert "#123456" in html
    run = cli("build", src, "-o", tmp_path / "x", "--css", tmp_path / "missing.css")
    assert run.code == 2 and "--css" in run.err


@pytest.mark.slow
def test_same_options_give_identical_bytes(cli, tmp_path):
    _png(tmp_path / "seal.png")
    src = _input(tmp_path, contents=True, watermark=True, version="1.0", letterhead="Agency",
                 logo="seal.png", logo_description="Seal", review_checklist=True,
                 audit_trail=True)
    for out in ("a", "b"):
        assert cli("build", src, "-o", tmp_path / out).code == 0
    for ext in ("docx", "pdf", "html", "md"):
        assert (tmp_path / "a" / f"mou.{ext}").read_bytes() == \
            (tmp_path / "b" / f"mou.{ext}").read_bytes(), ext


def test_exhibits_and_forms_start_on_a_new_page(cli, tmp_path):
    src = ROOT / "examples" / "mou-k12-data-sharing.yaml"
    assert cli("build", src, "-o", tmp_path, "-f", "html,docx").code == 0
    html = (tmp_path / "mou-k12-data-sharing.html").read_text("utf-8")
    assert len(re.findall(r'<section[^>]*class="[^"]*new-page', html)) == 4
    body = _docx_xml((tmp_path / "mou-k12-data-sharing.docx").read_bytes(),
                     "word/document.xml")
    assert body.count("<w:pageBreakBefore/>") >= 4
