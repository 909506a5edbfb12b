"""Side by side: every example's DOCX, laid out by LibreOffice, against plankit's own PDF.

The DOCX is what counsel and staff edit, so it should read like the PDF: about as many
pages, no word broken across lines inside a table cell ("nam e", "acknowledgmen t"), and
table header rows shaded. The final copies are compared (the review copy's DOCX carries its
notes as comments, which print nowhere, while its PDF lists them as end notes), with open
placeholders filled as a drafter would. All the DOCX files are converted in one
LibreOffice run.

The final copies' PDFs are also checked here for words that belong only to the review copy
(``FORBIDDEN`` in test_release.py): kept in this file, each PDF is rendered once per run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow

EXAMPLES = [p for p in EXAMPLES if "\nbatch:" not in p.read_text("utf-8")]
IDS = [p.stem for p in EXAMPLES]
PAGE_TOLERANCE = 0.15

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def finals(tmp_path_factory) -> Path:
    """Each example's final copy as DOCX and PDF, made once for the tests of this file."""
    from tests.test_release import final_copy_bytes

    out = tmp_path_factory.mktemp("side-by-side")
    for path in EXAMPLES:
        for fmt in ("docx", "pdf"):
            (out / f"{path.stem}.{fmt}").write_bytes(final_copy_bytes(path, fmt))
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=IDS)
def test_final_copy_pdf_text_is_clean(path, finals):
    from tests.conftest import pdf_plain_text
    from tests.test_release import FORBIDDEN

    text = pdf_plain_text(finals / f"{path.stem}.pdf")
    assert not FORBIDDEN.search(text), FORBIDDEN.search(text)


@pytest.fixture(scope="module")
def pair(finals) -> Path:
    """Each example as plankit's DOCX and PDF, and the DOCX converted by LibreOffice into
    ``lo/``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = finals
    profile = out / "lo-profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out / "lo"),
         *(str(out / f"{stem}.docx") for stem in IDS)],
        capture_output=True, text=True, timeout=300, env=dict(os.environ, HOME=str(out / "home")))
    missing = [stem for stem in IDS if not (out / "lo" / f"{stem}.pdf").exists()]
    assert not missing, (missing, result.stdout, result.stderr)
    return out


def _pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def _docx_words(path: Path) -> set[str]:
    """The words of a DOCX's own text, lowercased (one-letter words other than a and I
    left out: list markers such as "(e)" are not words that can be broken)."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    text = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)).replace("\u200b", "")
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text) if len(w) > 1 or w in "aAI"}


def broken_words(raw_text: str, words: set[str]) -> list[str]:
    """Words split across two lines: the end of one line and the start of the next join
    into one of the document's words, and neither part is a word of the document.

    ``raw_text`` is ``pdftotext -raw`` output, which keeps each table cell's lines together
    in the order they were written.
    """
    found = []
    lines = [line.split() for line in raw_text.splitlines()]
    for before, after in zip(lines, lines[1:]):
        if not before or not after:
            continue
        tail = re.search(r"[A-Za-z]+$", before[-1])
        head = re.match(r"[A-Za-z]+", after[0])
        if not tail or not head:
            continue
        a, b = tail.group(), head.group()
        if (a + b).lower() in words and a.lower() not in words and b.lower() not in words:
            found.append(f"{a}|{b}")
    return found


def test_broken_word_detection_finds_what_users_saw():
    words = {"full", "name", "of", "the", "user", "date", "acknowledgment", "signed", "gov"}
    raw = "Full\nnam\ne of\nthe\nuser\nDate\nacknowledgmen\nt signed\nsecurity@esc.example.go\nv"
    assert broken_words(raw, words) == ["nam|e", "acknowledgmen|t", "go|v"]
    assert broken_words("Full name\nof the user", words) == []


@pytest.mark.parametrize("stem", IDS)
def test_page_counts_are_close(pair, stem):
    ours, theirs = _pages(pair / f"{stem}.pdf"), _pages(pair / "lo" / f"{stem}.pdf")
    assert abs(theirs - ours) <= PAGE_TOLERANCE * ours, (
        f"{stem}: plankit's PDF has {ours} pages, the DOCX in LibreOffice {theirs}")


@pytest.mark.parametrize("stem", IDS)
def test_no_word_is_broken_across_lines(pair, stem):
    raw = _pdftotext(pair / "lo" / f"{stem}.pdf", "-raw")
    assert raw.strip(), "LibreOffice's PDF has text"
    assert broken_words(raw, _docx_words(pair / f"{stem}.docx")) == []


def _header_shading(path: Path) -> list[bool]:
    """For each table of a DOCX: is its header row shaded, by its cells or by its table
    style's first-row formatting (which the table's w:tblLook turns on)?"""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml"))
    shaded_styles = set()
    for style in styles.iter(f"{W}style"):
        for conditional in style.iter(f"{W}tblStylePr"):
            shd = conditional.find(f"{W}tcPr/{W}shd")
            if conditional.get(f"{W}type") == "firstRow" and shd is not None and \
                    shd.get(f"{W}fill", "auto").upper() not in ("AUTO", "FFFFFF"):
                shaded_styles.add(style.get(f"{W}styleId"))
    out = []
    for tbl in body.iter(f"{W}tbl"):
        first = tbl.find(f"{W}tr")
        assert first.find(f"{W}trPr/{W}tblHeader") is not None, "header rows repeat"
        fills = [shd.get(f"{W}fill", "auto").upper() for shd in first.iter(f"{W}shd")]
        by_cells = bool(fills) and all(f not in ("AUTO", "FFFFFF") for f in fills)
        style = tbl.find(f"{W}tblPr/{W}tblStyle")
        look = tbl.find(f"{W}tblPr/{W}tblLook")
        by_style = (style is not None and style.get(f"{W}val") in shaded_styles
                    and look is not None and look.get(f"{W}firstRow") in ("1", "true"))
        out.append(by_cells or by_style)
    return out


@pytest.mark.parametrize("stem", IDS)
def test_table_header_rows_are_shaded(pair, stem):
    shading = _header_shading(pair / f"{stem}.docx")
    assert shading and all(shading), shading
