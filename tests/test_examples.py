"""End to end: every example through the CLI in every format, checked as a reader would.

Goldens (Markdown, and the text extracted from DOCX and PDF) live in tests/golden/; they
change only with ``pytest --update-goldens``. Each example is built once per test run (the
``example_build`` fixture); ``make check`` builds one example per kind
(``CHECK_EXAMPLES`` in conftest.py), ``make test`` all of them.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import compare_golden, CHECK_EXAMPLES, EXAMPLES, ROOT, example_params

GOLDEN = Path(__file__).parent / "golden" / "test_examples"
EXAMPLES = [p for p in EXAMPLES if "\nbatch:" not in p.read_text("utf-8")]  # test_batch.py
PARAMS = example_params(EXAMPLES)


def test_make_check_builds_one_example_of_every_kind():
    import yaml

    from plankit.inputs.kinds import KINDS

    kinds = {}
    for path in EXAMPLES:
        if path.stem in CHECK_EXAMPLES:
            kind = yaml.safe_load(path.read_text("utf-8"))["kind"]
            assert kind not in kinds, f"two check examples of kind {kind}"
            kinds[kind] = path.stem
    assert len(kinds) == len(CHECK_EXAMPLES), "a check example is not in examples/"
    assert set(kinds) == set(KINDS), f"kinds without a check example: {set(KINDS) - set(kinds)}"


@pytest.mark.parametrize("example", PARAMS)
def test_every_example_is_built(example_build, example):
    built = example_build(example)
    for ext in ("docx", "pdf", "html", "md"):
        assert (built / f"{example.stem}.{ext}").stat().st_size > 500


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    lines = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in c.iter() if t.tag.endswith("}t"))
                             for c in row if c.tag.endswith("}tc")]
                    lines.append(" | ".join(cells))
    return "\n".join(lines).strip() + "\n"


def pdf_text(path: Path) -> str:
    """The golden text of a PDF: pypdf's text of each page, read in the same pass as the
    engine comparison's (tests/pdf_reading.py), so each PDF's text is extracted once."""
    from tests.pdf_reading import page_texts

    pages = [re.sub(r"[ \t]+", " ", text).strip() for text in page_texts(path)]
    return "\n\f\n".join(pages) + "\n"


def check_golden(name: str, text: str, update: bool) -> None:
    compare_golden(GOLDEN / name, text, update)


@pytest.mark.parametrize("example", PARAMS)
def test_markdown_golden(example_build, example, update_goldens):
    stem = example.stem
    check_golden(f"{stem}.md", (example_build(example) / f"{stem}.md").read_text("utf-8"),
                 update_goldens)


@pytest.mark.parametrize("example", PARAMS)
def test_docx_opens_and_matches_golden(example_build, example, update_goldens):
    import docx

    stem = example.stem
    path = example_build(example) / f"{stem}.docx"
    document = docx.Document(str(path))
    assert document.core_properties.title
    assert document.core_properties.language
    styles = {p.style.name for p in document.paragraphs}
    assert "Title" in styles and "Heading 1" in styles
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        custom = z.read("docProps/custom.xml").decode("utf-8")
        styles_xml = z.read("word/styles.xml").decode("utf-8")
    if "<w:tbl>" in xml:
        assert "<w:tblHeader" in xml, "table header rows must repeat"
    assert "plankit input sha256" in custom, "audit trail in the custom properties"
    assert "<w:lang " in styles_xml, "the document language is set on the text"
    check_golden(f"{stem}.docx.txt", docx_text(path), update_goldens)


@pytest.mark.parametrize("example", PARAMS)
def test_pdf_has_pages_text_title_language_and_tags(example_build, example, update_goldens):
    from pypdf import PdfReader

    stem = example.stem
    path = example_build(example) / f"{stem}.pdf"
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 2
    root = reader.trailer["/Root"]
    assert root.get("/Lang"), "document language must be set"
    assert "/StructTreeRoot" in root, "PDF must be tagged"
    assert root["/MarkInfo"]["/Marked"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"], "viewers must show the title"
    assert "/Outlines" in root, "bookmarks from the headings"
    assert reader.metadata.get("/PlankitInputSHA256"), "audit trail in the metadata"
    scopes = _header_scopes(root["/StructTreeRoot"])
    assert set(scopes) <= {"/Column", "/Row"} and None not in scopes, "table headers need scope"
    title = reader.metadata.title
    assert title and title.strip()
    text = pdf_text(path)
    assert re.sub(r"\s+", " ", title)[:30] in re.sub(r"\s+", " ", text)
    check_golden(f"{stem}.pdf.txt", text, update_goldens)


def _header_scopes(node, out=None) -> list:
    """The /Scope of every TH element in a PDF structure tree."""
    out = [] if out is None else out
    node = node.get_object()
    if isinstance(node, dict):
        if node.get("/S") == "/TH":
            out.append(node.get("/A", {}).get("/Scope"))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            _header_scopes(kid, out)
    return out


@pytest.mark.parametrize("example", PARAMS)
def test_html_is_standalone_and_accessible(example_build, example):
    html = (example_build(example) / f"{example.stem}.html").read_text("utf-8")
    assert re.search(r'<html lang="en', html)
    assert "<title>" in html
    assert "<script" not in html.lower()
    if "<table" in html:
        assert 'scope="col"' in html


@pytest.mark.slow
def test_docx_converts_in_libreoffice(example_build, soffice, tmp_path):
    docs = [str(example_build(ex) / f"{ex.stem}.docx") for ex in EXAMPLES]
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *docs],
        capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    for ex in EXAMPLES:
        pdf = tmp_path / f"{ex.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("example", PARAMS)
def test_same_input_gives_identical_bytes(example_build, example, tmp_path):
    """A second build of the example gives the same bytes as the first: DOCX, HTML and
    Markdown for every example, and the PDF (whose fixed dates and ids are the engine's, not
    the example's; rendering it again is most of this test's time) for one example of each
    kind (CHECK_EXAMPLES); tests/test_render_typst.py does the same for the Typst engine."""
    from plankit.cli import main

    built = example_build(example)
    formats = ["docx", "html", "md"] + (["pdf"] if example.stem in CHECK_EXAMPLES else [])
    assert main(["-q", "build", str(example), "-o", str(tmp_path), "-f", ",".join(formats)]) \
        == 0
    for ext in formats:
        a = (built / f"{example.stem}.{ext}").read_bytes()
        b = (tmp_path / f"{example.stem}.{ext}").read_bytes()
        assert a == b, f"{example.stem}.{ext} differs between two builds"


@pytest.mark.parametrize("example", PARAMS)
def test_validate_every_example(cli, example):
    run = cli("validate", example)
    assert run.code == 0, run.err
    assert "ok" in run.out


def test_python_dash_m(tmp_path):
    import sys
    result = subprocess.run([sys.executable, "-m", "plankit", "--version"], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0 and "plankit" in result.stdout


@pytest.mark.parametrize("engine", ["weasyprint", "typst"])
@pytest.mark.parametrize("example", PARAMS)
def test_pdf_passes_the_pdfua_checker(example_build, typst_build, example, engine):
    """The machine-checkable subset of PDF/UA-1 and WCAG 2.1 (the pdfua checker): no errors
    and no warnings on any example's PDF, from either engine."""
    from pdfua import validate

    folder = (typst_build if engine == "typst" else example_build)(example)
    report = validate(str(folder / f"{example.stem}.pdf"))
    found = [(f.rule_id, f.severity.name, f.message) for f in report.findings
             if f.severity.name in ("ERROR", "WARNING")]
    assert not found, found[:5]
    assert report.exit_code == 0


# --------------------------------------------------------------------------- the two PDF engines


@pytest.fixture(scope="session")
def typst_build(tmp_path_factory):
    """``typst_build(path) -> folder`` with the example's PDF made by the Typst engine (the
    WeasyPrint one is in ``example_build``'s folder); each built once per run and worker."""
    from plankit.cli import main

    folders: dict[str, Path] = {}

    def build(path: Path) -> Path:
        if path.stem not in folders:
            out = tmp_path_factory.mktemp(f"typst-{path.stem}")
            assert main(["-q", "build", str(path), "-o", str(out), "-f", "pdf",
                         "--pdf-engine", "typst"]) == 0
            folders[path.stem] = out
        return folders[path.stem]

    return build


def _header_rows(stem: str) -> set[str]:
    """Each table's header row as one string without white space (it repeats on every
    page a table spans, and tables break at different places in the two engines)."""
    from plankit import api, document as d
    from plankit.library import load_library

    doc = api.draft(ROOT / "examples" / f"{stem}.yaml", load_library()).document
    return {re.sub(r"\s+", "", "".join(d.inline_text(c.children) for c in node.header.cells))
            for node in d.walk(doc) if isinstance(node, d.Table)}


@pytest.mark.slow
@pytest.mark.parametrize("example", PARAMS)
def test_both_pdf_engines_give_the_same_document(example_build, typst_build, example):
    """The same text in the same order, the same headings as bookmarks, the same tables
    with the same header cells (with column scope), and page counts within 15%."""
    from tests import pdf_reading as r

    stem = example.stem
    weasy = example_build(example) / f"{stem}.pdf"
    typst = typst_build(example) / f"{stem}.pdf"
    drop = _header_rows(stem)
    a = r.comparable(r.body_text(weasy), drop)
    b = r.comparable(r.body_text(typst), drop)
    assert a == b, r.first_difference(a, b)
    assert r.bookmarks(weasy) == r.bookmarks(typst)
    tables = r.table_headers(weasy)
    assert tables and tables == r.table_headers(typst)
    assert all(set(scopes) == {"/Column"} for _, scopes in tables)
    pages = r.page_count(weasy), r.page_count(typst)
    assert abs(pages[1] - pages[0]) <= 0.15 * pages[0], pages
