"""Redlines in Word: Accept All gives the newer document and Reject All the older one.

The property test compares random pairs of document trees, renders the redline as DOCX, and
reads its text back with every tracked change accepted (``w:ins`` unwrapped, ``w:del``
dropped) or rejected (the reverse), checking it against the two documents rendered on
their own. LibreOffice opens every example redline (one run converts them all).
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from plankit import document as d
from plankit.api import render
from plankit.compare import compare_documents
from plankit.compare.accept import accept_all, reject_all
from tests.compare_support import W, document_pairs, resolved_lines

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(document_pairs())
def test_accept_all_gives_new_and_reject_all_gives_old_in_word(pair):
    old, new = pair
    redline = render(compare_documents(old, new).document, "docx")
    assert resolved_lines(redline, "ins") == resolved_lines(render(new, "docx"), "ins")
    assert resolved_lines(redline, "del") == resolved_lines(render(old, "docx"), "del")


@SETTINGS
@given(document_pairs())
def test_accepting_or_rejecting_the_tree_gives_either_text(pair):
    old, new = pair
    merged = compare_documents(old, new).document
    assert render(accept_all(merged), "md") == render(new, "md")
    assert render(reject_all(merged), "md") == render(old, "md")


def _list_at_end(*texts) -> d.Document:
    from tests.test_compare import P, S, doc

    return doc(S("Comments", P("These comments disagree:"),
                 d.BulletList(items=tuple(d.ListItem(children=(P(t),)) for t in texts))))


_KEPT = ("Comment 1, supports the plan", "Comment 2, supports the youth center",
         "Comment 3, asks that small stores may join")
ENDINGS = {
    "added-at-end": (_list_at_end(*_KEPT),
                     _list_at_end(*_KEPT, "Comment 4, asks for evening hours at the library",
                                  "Comment 5, disagrees with the lower training cap")),
    "removed-at-end": (_list_at_end(*_KEPT, "Comment 4, asks for evening hours at the library",
                                    "Comment 5, disagrees with the lower training cap"),
                       _list_at_end(*_KEPT)),
    "replaced-at-end": (_list_at_end(*_KEPT, "Comment 4, asks for evening hours at the library"),
                        _list_at_end(*_KEPT, "Comment 4, disagrees with the lower training cap",
                                     "Comment 5, disagrees with moving the rural site")),
}
"""Redlines that end with list items added, removed or both: the document's last paragraph
mark cannot be tracked."""


@pytest.mark.parametrize("name", sorted(ENDINGS))
def test_a_redline_never_tracks_the_last_paragraph_mark(name):
    old, new = ENDINGS[name]
    redline = render(compare_documents(old, new).document, "docx")
    with zipfile.ZipFile(io.BytesIO(redline)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
    last = body.findall(W + "p")[-1]
    assert last.find(f"{W}pPr/{W}rPr/{W}ins") is None
    assert last.find(f"{W}pPr/{W}rPr/{W}del") is None
    assert "".join(last.itertext())  # no empty paragraph of its own at the end
    assert resolved_lines(redline, "ins") == resolved_lines(render(new, "docx"), "ins")
    assert resolved_lines(redline, "del") == resolved_lines(render(old, "docx"), "del")


@pytest.mark.slow
def test_libreoffice_opens_every_redline_and_accept_all_gives_new_reject_all_old(
        cli, tmp_path, soffice):
    """In one LibreOffice run: every example redline (with its summary page) and amendment is
    opened and printed to PDF with the changes shown; and, for the example pairs, a
    redline with a move and redlines that end with paragraphs added or removed, Edit > Track Changes > Accept All leaves exactly the newer
    document's text and Reject All the older one's."""
    from plankit import api
    from plankit.library import load_library
    from tests.compare_support import PDF, TEXT, libreoffice, text_lines
    from tests.test_compare import MOU, PLAN, P, S, doc

    out = tmp_path / "out"
    assert cli("compare", *PLAN, "-o", out, "-f", "docx").code == 0
    assert cli("compare", *MOU, "-o", out, "-f", "docx").code == 0
    assert cli("compare", *MOU, "-o", out, "-f", "docx", "--as", "amendment").code == 0
    shown = sorted(out.glob("*.docx"))
    assert len(shown) == 3
    library = load_library()
    pairs = {name: (api.draft(a, library).document, api.draft(b, library).document)
             for name, (a, b) in (("plan", PLAN), ("mou", MOU))}
    pairs["moved"] = (doc(S("One", P("alpha beta")), S("Two", P("gamma delta"))),
                      doc(S("Two", P("gamma delta")), S("One", P("alpha beta"))))
    pairs.update(ENDINGS)
    work = tmp_path / "work"
    work.mkdir()
    jobs = [("", f, tmp_path / f"{f.stem}.pdf", PDF) for f in shown]
    for name, (old, new) in pairs.items():
        redline = compare_documents(old, new).document
        if name == "moved":
            assert any(isinstance(n, d.Revision) and n.move for n in d.walk(redline))
        for side, document in (("redline", redline), ("old", old), ("new", new)):
            (work / f"{name}.{side}.docx").write_bytes(render(document, "docx"))
        jobs += [("AcceptAllTrackedChanges", work / f"{name}.redline.docx",
                  work / f"{name}.accepted.txt", TEXT),
                 ("RejectAllTrackedChanges", work / f"{name}.redline.docx",
                  work / f"{name}.rejected.txt", TEXT),
                 ("", work / f"{name}.old.docx", work / f"{name}.old.txt", TEXT),
                 ("", work / f"{name}.new.docx", work / f"{name}.new.txt", TEXT)]
    libreoffice(soffice, tmp_path / "profile", jobs)

    for name in pairs:
        assert text_lines(work / f"{name}.accepted.txt") == text_lines(work / f"{name}.new.txt")
        assert text_lines(work / f"{name}.rejected.txt") == text_lines(work / f"{name}.old.txt")
    text = {f.stem: _pdf_text(tmp_path / f"{f.stem}.pdf") for f in shown}
    assert re.search(r"within ?72 ?24 ?hours", text["mou-data-sharing-2026.redline"])
    assert "Non-credit workforce training records" in text["mou-data-sharing-2026.redline"]
    assert "$21.00" in text["wioa-local-plan-2026.redline"]
    assert "$21.75" in text["wioa-local-plan-2026.redline"]
    assert "Summary of changes" in text["wioa-local-plan-2026.redline"]
    assert "is amended to read as follows" in text["mou-data-sharing-2026.amendment"]


@pytest.mark.slow
def test_the_pdf_redline_is_tagged_and_says_aloud_what_changed(cli, tmp_path):
    from pdfua import validate
    from tests.test_compare import MOU

    assert cli("compare", *MOU, "-o", tmp_path, "-f", "pdf").code == 0
    pdf = tmp_path / "mou-data-sharing-2026.redline.pdf"
    report = validate(str(pdf))
    found = [(f.rule_id, f.message) for f in report.findings
             if f.severity.name in ("ERROR", "WARNING")]
    assert not found, found[:5]
    assert "within [deleted: 72][inserted: 24] hours" in _pdf_text(pdf)


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(str(path)).pages))


@pytest.mark.slow
def test_the_typst_pdf_redline_is_tagged_and_shows_each_change(cli, tmp_path):
    pytest.importorskip("typst")
    from pdfua import validate
    from tests.test_compare import MOU

    run = cli("compare", *MOU, "-o", tmp_path, "-f", "pdf", "--pdf-engine", "typst")
    assert run.code == 0, run.err
    pdf = tmp_path / "mou-data-sharing-2026.redline.pdf"
    report = validate(str(pdf))
    found = [(f.rule_id, f.message) for f in report.findings
             if f.severity.name in ("ERROR", "WARNING")]
    assert not found, found[:5]
    text = _pdf_text(pdf)
    assert "within 7224 hours" in text  # the older figure struck through before the newer
    assert "Non-credit workforce training records" in text
