"""Release-ready documents: one input gives a clean final copy, a review copy whose DOCX
carries every note, missing fact and warning as a Word comment, and a review memo that lists
the same items; nothing dated after a document is cited in it as fact.

The examples that keep placeholders on purpose are built as final copies with every
placeholder filled at the document level (the CLI refuses a final copy with open facts,
which is tested separately).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from plankit import api
from plankit import document as d
from plankit.library import load_library
from tests.conftest import compare_golden, EXAMPLES, example_params, write
from tests.test_examples import docx_text

GOLDEN = Path(__file__).parent / "golden" / "test_release"
SINGLE = [p for p in EXAMPLES if "\nbatch:" not in p.read_text("utf-8")]
PARAMS = example_params(SINGLE)  # make check: one example per kind
LIB = load_library(())

FORBIDDEN = re.compile(r"Drafter note|Review note|plankit|Does not apply|procurement_rules|"
                       r"rules file|\.yaml\b|\bDraft\b|[Tt]o be confirmed|[Nn]ot verified")
"""Words that belong to the review copy, the memo or the tool, never to a final copy."""


def check_golden(name: str, text: str, update: bool) -> None:
    compare_golden(GOLDEN / name, text, update)


def filled(doc: d.Document) -> d.Document:
    """``doc`` with each open placeholder replaced by a sample value, as a drafter would."""
    return d.map_inlines(doc, lambda n: d.Text("Supplied value") if isinstance(n, d.Placeholder)
                         else n)


@lru_cache(maxsize=None)
@lru_cache(maxsize=None)
def final_copy(path: Path) -> d.Document:
    """The example's final copy with its open facts filled, drafted once per test process
    (the tree is immutable)."""
    return filled(api.draft(path, LIB, final=True).document)


@lru_cache(maxsize=None)
def final_copy_bytes(path: Path, fmt: str) -> bytes:
    """``final_copy(path)`` rendered, made once per test process."""
    return api.render(final_copy(path), fmt)


@pytest.mark.parametrize("path", PARAMS)
def test_final_copy_is_only_the_document(path, update_goldens, tmp_path):
    doc = final_copy(path)
    assert doc.final and not doc.draft_mark and not doc.subtitle
    assert not [n for n in d.walk(doc) if isinstance(n, d.Note)]
    for fmt in ("md", "html"):
        text = api.render(doc, fmt).decode("utf-8")
        if fmt == "html":  # the text a reader sees, not the markup's class names
            text = re.sub(r"<(style|head)>.*?</\1>", "", text, flags=re.S)
            text = re.sub(r"<[^>]+>", "", text)
        hits = [line for line in text.splitlines() if FORBIDDEN.search(line)]
        assert not hits, (fmt, hits[:5])
    docx = final_copy_bytes(path, "docx")
    names = zipfile.ZipFile(io.BytesIO(docx)).namelist()
    assert "word/comments.xml" not in names
    tmp = tmp_path / "final.docx"
    tmp.write_bytes(docx)
    text = docx_text(tmp)
    assert not FORBIDDEN.search(text), FORBIDDEN.search(text)
    # every section of the final copy still has something in it
    for node in d.walk(doc):
        if isinstance(node, d.Section):
            assert node.children, d.inline_text(node.title)
    check_golden(f"{path.stem}.final.md", api.render(doc, "md").decode("utf-8"), update_goldens)


# The text of each final copy's PDF is checked against FORBIDDEN in
# tests/test_docx_side_by_side.py, which lays the same PDFs beside the DOCX files: a test file
# runs whole in one test process, so each PDF is rendered once.


@pytest.mark.parametrize("path", PARAMS)
def test_review_copy_comments_and_memo_list_the_same_items(path, update_goldens):
    import docx

    doc = api.draft(path, LIB).document
    assert not doc.final and doc.review_notes == "comments"
    opened = docx.Document(io.BytesIO(api.render(doc, "docx")))
    comments = [c.text for c in opened.comments]
    notes = [r for r in doc.review if r.kind != "placeholder"]
    occurrences = [n for n in d.walk(doc) if isinstance(n, d.Placeholder)]
    assert len(comments) == len(notes) + len(occurrences)
    assert sum(c.startswith("Missing fact:") for c in comments) == len(occurrences)
    memo = api.render(doc, "memo-md").decode("utf-8")
    plain = memo.replace("\\", "")
    for r in doc.review:
        assert r.text[:60] in plain, r.text
        if r.kind != "placeholder":
            assert any(r.text[:60] in c for c in comments), r.text
    # the memo is a document of its own, with real tables and no review notes of its own
    memo_docx = docx.Document(io.BytesIO(api.render(doc, "memo")))
    assert memo_docx.tables and not list(memo_docx.comments)
    check_golden(f"{path.stem}.memo.md", memo, update_goldens)


def test_a_memo_of_a_final_copy_still_lists_the_review_items():
    path = next(p for p in SINGLE if p.stem == "rfp-transit-construction-pla")
    doc = api.draft(path, LIB, final=True).document
    memo = api.render(doc, "memo-md").decode("utf-8")
    assert "the final copy" in memo and "Drafter notes" in memo


# --------------------------------------------------------------------------- command line


def test_final_refuses_open_facts_and_writes_nothing(cli, tmp_path):
    path = next(p for p in SINGLE if p.stem == "wioa-local-plan")
    run = cli("build", path, "--final", "-o", tmp_path / "out", "-f", "md,docx")
    assert run.code == 1
    assert "the final copy cannot be made: 1 fact is still missing" in run.err
    assert "section 3.1.2: [median hourly wage in the area] — " \
           "labor_market.occupations[8].median_wage" in run.err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    data = yaml.safe_load(path.read_text("utf-8"))
    data["draft"] = False
    inp = write(tmp_path / "plan.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("build", inp, "-o", tmp_path / "out", "-f", "md")
    assert run.code == 1 and "final copy cannot be made" in run.err


def test_memo_option_writes_the_memo_beside_the_document(cli, tmp_path):
    path = next(p for p in SINGLE if p.stem == "rfp-nevi-ev-charging")
    run = cli("-q", "build", path, "--memo", "-o", tmp_path, "-f", "md")
    assert run.code == 0, run.err
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == ["rfp-nevi-ev-charging.md", "rfp-nevi-ev-charging.memo.docx",
                     "rfp-nevi-ev-charging.memo.md"]


def test_an_edited_document_is_kept_and_the_hint_says_where_edits_belong(cli, tmp_path):
    path = next(p for p in SINGLE if p.stem == "rfp-nevi-ev-charging")
    assert cli("-q", "build", path, "-o", tmp_path, "-f", "docx").code == 0
    target = tmp_path / "rfp-nevi-ev-charging.docx"
    target.write_bytes(target.read_bytes() + b"edited")
    run = cli("build", path, "-o", tmp_path, "-f", "docx")
    assert run.code == 1 and "was changed after plankit wrote it" in run.err
    assert "--force" in run.err and "in the input file" in run.err and "--clauses" in run.err


# --------------------------------------------------------------------------- dates


def _rules_dates() -> list[tuple[str, dt.date]]:
    from plankit.rules import load_rules

    return sorted({(r.id, as_of) for r, _, as_of in load_rules().get("procurement").rules
                   if r.kind != "consistency"}, key=lambda x: x[1])[:1]


def _procurement(day: dt.date, tmp_path: Path) -> d.Document:
    path = next(p for p in SINGLE if p.stem == "rfp-transit-construction-pla")
    data = yaml.safe_load(path.read_text("utf-8"))
    data["date"] = day.isoformat()
    return api.draft(write(tmp_path / f"rfp-{day}.yaml", yaml.safe_dump(data)), LIB).document


@pytest.mark.parametrize("offset, expect", [
    (-1, "after this document's date"), (0, ""), (1, ""), (366, "more than 12 months"),
])
def test_rule_dates_are_held_against_the_document_date(tmp_path, offset, expect):
    (_, as_of), = _rules_dates()
    doc = _procurement(as_of + dt.timedelta(days=offset), tmp_path)
    law = [c for c in doc.checks if c.kind == "law" and c.as_of == as_of.isoformat()]
    assert law
    for c in law:
        if expect:
            assert expect in c.confirm, c
        else:
            assert c.confirm == "", c
    memo = api.render(doc, "memo-md").decode("utf-8")
    assert ("To confirm before release" in memo) == bool(expect) or \
        any(not c.verified for c in doc.checks)


def _plan_with_date(stem: str, day: dt.date, tmp_path: Path, final: bool) -> d.Document:
    path = next(p for p in SINGLE if p.stem == stem)
    data = yaml.safe_load(path.read_text("utf-8"))
    data["date"] = day.isoformat()
    f = write(tmp_path / f"{stem}-{day}.yaml", yaml.safe_dump(data))
    return api.draft(f, LIB, final=final).document


def _dated_sources():
    from plankit.models.plan.registry import PLAN_TYPES

    out = []
    for stem, plan in (("wioa-local-plan", "wioa-local"), ("cprg-climate-workforce", "climate"),
                       ("wioa-state-sector-strategy", "wioa-state")):
        for n in PLAN_TYPES[plan].notes:
            src = PLAN_TYPES[plan].source(n.source)
            if n.as_of:
                out.append((stem, n.as_of, src.title))
    return out


@pytest.mark.parametrize("stem, as_of, title", _dated_sources(),
                         ids=lambda v: str(v)[:30])
@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_a_plan_cites_no_source_dated_after_it(tmp_path, stem, as_of, title, offset):
    day = as_of + dt.timedelta(days=offset)
    doc = _plan_with_date(stem, day, tmp_path, final=False)
    text = api.render(filled(_plan_with_date(stem, day, tmp_path, final=True)),
                      "md").decode("utf-8")
    shown = d.display_date(as_of.isoformat())
    if offset < 0:
        assert f"as of {shown}" not in text, (title, day)
        assert any(title == c.title and "after this document" in c.confirm for c in doc.checks)
    else:
        assert not any(title == c.title and "after this document" in c.confirm
                       for c in doc.checks)
