"""plankit compare: the tree diff, the change summary, the amendment, clause history and the
command's bad input.

Golden summaries of the example pairs in examples/compare/ live in
tests/golden/test_compare/; they change only with ``pytest --update-goldens``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plankit import document as d
from plankit.api import render
from plankit.compare import compare_documents
from plankit.compare.inline import diff_inlines
from plankit.compare.summary import summarize, to_markdown
from plankit.compare.values import value_changes
from tests.compare_support import numbered
from tests.conftest import compare_golden, ROOT, write

GOLDEN = Path(__file__).parent / "golden" / "test_compare"
PAIRS = ROOT / "examples" / "compare"
PLAN = (PAIRS / "wioa-local-plan-2024.yaml", PAIRS / "wioa-local-plan-2026.yaml")
MOU = (PAIRS / "mou-data-sharing-2023.yaml", PAIRS / "mou-data-sharing-2026.yaml")


def P(*inlines) -> d.Paragraph:
    return d.Paragraph(children=tuple(d.Text(x) if isinstance(x, str) else x for x in inlines))


def S(title: str, *children, ident: str = "") -> d.Section:
    return d.Section(title=(d.Text(title),), children=children, attrs=d.Attrs(id=ident))


def doc(*blocks) -> d.Document:
    return d.Document(title="T", children=numbered(blocks), date="2026-04-20")


def table(*rows) -> d.Table:
    def row(cells):
        return d.TableRow(cells=tuple(d.TableCell(children=(d.Text(c),)) for c in cells))
    return d.Table(header=row(("Item", "Hours")), rows=tuple(row(r) for r in rows))


def md(node) -> str:
    return render(node, "md").decode("utf-8")


def check_golden(name: str, text: str, update: bool) -> None:
    compare_golden(GOLDEN / name, text, update)


# --------------------------------------------------------------------------- words


def test_words_that_changed_are_marked_and_the_rest_kept():
    merged, changed = diff_inlines((d.Text("notify within 72 hours of a Breach."),),
                                   (d.Text("notify within 24 hours of a Breach."),))
    assert changed
    assert merged == (d.Text("notify within "), d.Deleted((d.Text("72"),)),
                      d.Inserted((d.Text("24"),)), d.Text(" hours of a Breach."))


def test_an_amount_changes_as_one_word_and_formatting_is_kept():
    merged, _ = diff_inlines((d.Text("a wage of "), d.Strong((d.Text("$21.50"),))),
                             (d.Text("a wage of "), d.Strong((d.Text("$22.75"),))))
    assert merged == (d.Text("a wage of "), d.Deleted((d.Strong((d.Text("$21.50"),)),)),
                      d.Inserted((d.Strong((d.Text("$22.75"),)),)))


def test_text_rewritten_whole_is_one_deletion_and_one_insertion():
    merged, _ = diff_inlines((d.Text("The parties meet each quarter."),),
                             (d.Text("No committee is formed under this plan."),))
    assert [type(n) for n in merged] == [d.Deleted, d.Inserted]


def test_a_renumbered_cross_reference_is_marked_but_is_not_a_change_of_wording():
    old = (d.Text("as "), d.XRef(target="x", label="Section 4"), d.Text(" says"))
    new = (d.Text("as "), d.XRef(target="x", label="Section 5"), d.Text(" says"))
    merged, changed = diff_inlines(old, new)
    assert not changed
    assert d.Deleted((d.XRef(target="x", label="Section 4"),)) in merged


def test_the_same_text_is_no_change():
    text = (d.Text("same "), d.Placeholder("a.b", "a fact", section="3"))
    merged, changed = diff_inlines(text, (d.Text("same "), d.Placeholder("a.b", "a fact",
                                                                         section="4")))
    assert not changed


# --------------------------------------------------------------------------- blocks


def test_sections_added_removed_and_changed_are_recorded():
    old = doc(S("Purpose", P("to measure outcomes")), S("Costs", P("each pays its own")),
              S("Term", P("three years")))
    new = doc(S("Purpose", P("to measure and report outcomes")), S("Term", P("three years")),
              S("Publication", P("with small counts suppressed")))
    c = compare_documents(old, new)
    assert [(s.status, s.old_number, s.new_number, s.title) for s in c.sections] == [
        ("changed", "1", "1", "Purpose"), ("removed", "2", "", "Costs"),
        ("same", "3", "2", "Term"), ("added", "", "3", "Publication")]
    text = md(c.document)
    assert "{++and report ++}" in text
    assert "{--\n\n## 2 Costs" in text
    assert "## {--3 --}{++2 ++}Term" in text  # the number shown changed
    assert "{++\n\n## 3 Publication" in text


def test_the_summary_gives_a_removed_section_the_number_it_had_not_a_new_one():
    old = doc(S("Purpose", P("to measure outcomes")), S("Costs", P("each pays its own")),
              S("Term", P("three years")))
    new = doc(S("Purpose", P("to measure outcomes")), S("Term", P("three years")))
    same = SimpleNamespace(loaded=SimpleNamespace(sha256="same", path=Path("a.yaml")))
    summary = summarize(compare_documents(old, new), same, same)
    [removed] = summary.sections
    assert (removed.change, removed.number, removed.old_number) == ("removed", "", "2")
    assert summary.renumbered == 1  # Term: 3 -> 2
    assert "- Costs: removed (was Section 2)" in to_markdown(summary)


def test_list_items_are_named_and_paired_by_their_commenter_or_section():
    def loaded(data, tag):
        return SimpleNamespace(sha256=tag, data=data, path=Path("missing.yaml"), lines={})
    old = {"public_comments": [{"commenter": "Harbor Lakes Chamber of Commerce",
                                "summary": "Supports the partnership."}],
           "modification": {"changes": [{"section": "Youth activities", "change": "Adds it."}]}}
    new = {"public_comments": [{"commenter": "Harbor Lakes Chamber of Commerce",
                                "summary": "Supports the partnership and asks to join."},
                               {"commenter": "Lakeview Residents Association",
                                "summary": "Disagrees with the move."}],
           "modification": {"changes": [{"section": "Youth activities",
                                         "change": "Adds the youth center."}]}}
    changes = [(c.field, c.old, c.new) for c in value_changes(loaded(old, "a"), loaded(new, "b"))]
    assert changes == [
        ("public_comments[1].summary", "Supports the partnership.",
         "Supports the partnership and asks to join."),
        ("public_comments[2]", "(added)", "Lakeview Residents Association"),
        ("modification.changes[1].change", "Adds it.", "Adds the youth center.")]


def test_a_section_found_by_its_clause_id_even_when_its_title_changed():
    old = doc(S("Breach", P("report within 72 hours"), ident="breach"))
    new = doc(S("Breach notification", P("report within 24 hours"), ident="breach"))
    [change] = compare_documents(old, new).sections
    assert change.status == "changed" and change.direct


def test_table_rows_added_and_removed_are_whole_revisions():
    old = doc(S("Data", table(("wage records", "72"), ("student records", "72"))))
    new = doc(S("Data", table(("wage records", "24"), ("training records", "24"),
                              ("student records", "72"))))
    merged = compare_documents(old, new).document
    rows = [n for n in d.walk(merged) if isinstance(n, d.TableRow)]
    assert [r.change for r in rows] == ["", "", "ins", ""]
    assert d.Deleted((d.Text("72"),)) in rows[1].cells[1].children


def test_list_items_added_and_removed_are_whole_revisions():
    def items(*texts):
        return d.BulletList(items=tuple(d.ListItem(children=(P(t),)) for t in texts))
    old = doc(S("Uses", items("report performance", "evaluate programs")))
    new = doc(S("Uses", items("report performance", "evaluate programs and training",
                              "prepare outcome reports")))
    text = md(compare_documents(old, new).document)
    assert "- evaluate programs{++ and training++}" in text
    assert "- {++prepare outcome reports++}" in text


def test_a_section_moved_unchanged_is_a_move():
    old = doc(S("One", P("alpha beta")), S("Two", P("gamma delta"), ident="two"),
              S("Three", P("epsilon")))
    new = doc(S("Two", P("gamma delta"), ident="two"), S("One", P("alpha beta")),
              S("Three", P("epsilon")))
    c = compare_documents(old, new)
    revisions = [n for n in d.walk(c.document) if isinstance(n, d.Revision)]
    assert {(r.kind, r.move) for r in revisions} == {("ins", "move1"), ("del", "move1")}
    assert [s.status for s in c.sections if s.status != "same"] == ["moved"]
    from tests.compare_support import revision_tags
    assert {"w:moveFrom", "w:moveTo"} <= revision_tags(render(c.document, "docx"))


def test_review_notes_are_not_compared():
    note = d.Note(children=(d.Text("Check this with counsel."),))
    c = compare_documents(doc(S("Term", note, P("three years"))), doc(S("Term", P("three years"))))
    assert not c.changed


def test_identical_documents_have_no_changes():
    c = compare_documents(doc(S("Term", P("three years"))), doc(S("Term", P("three years"))))
    assert not c.changed
    assert [s.status for s in c.sections] == ["same"]


def test_word_revisions_carry_the_author_and_the_newer_documents_date():
    c = compare_documents(doc(S("Term", P("three years"))), doc(S("Term", P("two years"))))
    import io
    import zipfile
    data = render(c.document, "docx")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:author="plankit" w:date="2026-04-20T00:00:00Z"' in xml
    assert "<w:delText>three</w:delText>" in xml
    assert data == render(c.document, "docx")  # the same bytes every time


def test_html_marks_changes_with_more_than_colour():
    c = compare_documents(doc(S("Term", P("three years"), table(("a", "1")))),
                          doc(S("Term", P("two years"), table(("a", "1"), ("b", "2")))))
    html = render(c.document, "html").decode()
    assert "<del>three</del><ins>two</ins>" in html
    assert '<p class="changed">' in html  # the change bar
    assert '<tr class="revision-ins"><td><ins>b</ins></td>' in html
    css = (ROOT / "src" / "plankit" / "assets" / "css" / "plankit.css").read_text()
    for rule in ("text-decoration: underline", "text-decoration: line-through",
                 "border-left: 2.5pt solid", 'content: "[inserted:'):
        assert rule in css


# --------------------------------------------------------------------------- the command


@pytest.mark.parametrize("pair", [PLAN, MOU], ids=["wioa-local-plan", "mou-data-sharing"])
@pytest.mark.parametrize("fmt", ["md", "json"])
def test_golden_summaries_of_the_example_pairs(cli, tmp_path, pair, fmt, update_goldens):
    run = cli("compare", *pair, "-o", tmp_path, "-f", "md", "--summary", fmt)
    assert run.code == 0, run.err
    stem = pair[1].stem
    check_golden(f"{stem}.changes.{fmt}", (tmp_path / f"{stem}.changes.{fmt}").read_text(),
                 update_goldens)


def test_the_mou_renewal_shows_the_new_data_element_and_the_shorter_breach_deadline(cli,
                                                                                      tmp_path):
    run = cli("compare", *MOU, "-o", tmp_path, "-f", "md", "--summary", "json")
    assert run.code == 0, run.err
    summary = json.loads((tmp_path / "mou-data-sharing-2026.changes.json").read_text())
    values = {v["field"]: (v["old"], v["new"]) for v in summary["values"]}
    assert values["safeguards.breach_notice_hours"] == ("72", "24")
    assert values["data_elements[3]"][0] == "(added)"
    redline = (tmp_path / "mou-data-sharing-2026.redline.md").read_text()
    assert "within {--72--}{++24++} hours" in redline
    assert "{++Non-credit workforce training records" in redline
    assert redline.index("Summary of changes") < redline.index("## 1 Parties")


def test_the_plan_modification_fills_a_fact_and_adds_what_changed(cli, tmp_path):
    run = cli("compare", *PLAN, "-o", tmp_path, "-f", "md", "--summary", "json")
    assert run.code == 0, run.err
    summary = json.loads((tmp_path / "wioa-local-plan-2026.changes.json").read_text())
    assert [(f["change"], f["field"]) for f in summary["facts"]] == [
        ("filled", "performance.dislocated_worker.skill_gains")]
    values = {v["field"]: (v["old"], v["new"]) for v in summary["values"]}
    assert values["job_quality.living_wage"] == ("21.00", "21.75")
    added = [s for s in summary["sections"] if s["change"] == "added"]
    assert [s["title"] for s in added] == ["What changed"]  # the modification's own section
    # a section removed has no number in the newer plan: the number it had is shown
    [removed] = [s for s in summary["sections"] if s["change"] == "removed"]
    assert (removed["number"], removed["old_number"]) == ("", "11.1")
    assert [c["id"] for c in summary["clauses"]] == ["wioa-local.modification"]
    redline = (tmp_path / "wioa-local-plan-2026.redline.md").read_text()
    assert "up to {--$7,000--}{++$5,000++} a year" in redline
    assert "| — | The Board's membership, by the category of seat each member fills | " \
        "removed (was Section 11.1) |" in redline


def test_identical_inputs_give_a_redline_that_says_no_changes(cli, tmp_path):
    run = cli("compare", MOU[1], MOU[1], "-o", tmp_path, "-f", "md,docx", "--summary", "md")
    assert run.code == 0, run.err
    assert "changes: no changes" in run.out
    assert "No changes." in (tmp_path / "mou-data-sharing-2026.redline.md").read_text()
    assert "No changes." in (tmp_path / "mou-data-sharing-2026.changes.md").read_text()
    from tests.compare_support import revision_tags
    assert not revision_tags((tmp_path / "mou-data-sharing-2026.redline.docx").read_bytes())


def test_inputs_of_different_kinds_are_refused_naming_both(cli, tmp_path):
    run = cli("compare", MOU[0], ROOT / "examples" / "procurement-rfp.yaml", "-o", tmp_path)
    assert run.code == 1
    assert "is a mou-data-sharing and" in run.err and "is a procurement" in run.err
    assert not tmp_path.exists() or not any(tmp_path.iterdir())


def test_plans_of_different_types_are_different_kinds(cli, tmp_path):
    run = cli("compare", PLAN[0], ROOT / "examples" / "wioa-state-sector-strategy.yaml",
              "-o", tmp_path)
    assert run.code == 1
    assert "plan-section (wioa-local)" in run.err


@pytest.mark.parametrize("args, code, words", [
    (("compare", "missing.yaml", MOU[1]), 1, "file not found"),
    (("compare", MOU[0]), 2, "--old-clauses"),
    (("compare", *PLAN, "--as", "amendment"), 2, "an amendment to an agreement"),
    (("compare", *MOU, "-f", "memo"), 2, "not written as 'memo'"),
    (("compare", *MOU, "-f", "odt"), 2, "there is no 'odt' format"),
    (("compare", ROOT / "examples" / "mou-local-boards-batch.yaml", MOU[1]), 1, "batch"),
])
def test_bad_input_gets_a_message_and_writes_nothing(cli, tmp_path, args, code, words):
    run = cli(*args, "-o", tmp_path / "out")
    assert run.code == code, run.err
    assert words in run.err
    assert "Traceback" not in run.err
    assert not (tmp_path / "out").exists()


def test_an_input_that_is_not_valid_gets_the_usual_error(cli, tmp_path):
    bad = write(tmp_path / "bad.yaml", MOU[1].read_text().replace("breach_notice_hours: 24",
                                                                  "breach_notice_hours: soon"))
    run = cli("compare", MOU[0], bad, "-o", tmp_path / "out")
    assert run.code == 1
    assert "safeguards.breach_notice_hours" in run.err


# --------------------------------------------------------------------------- amendment


def test_the_mou_renewal_as_an_amendment(cli, tmp_path, update_goldens):
    run = cli("compare", *MOU, "-o", tmp_path, "-f", "md,docx", "--as", "amendment")
    assert run.code == 0, run.err
    text = (tmp_path / "mou-data-sharing-2026.amendment.md").read_text()
    check_golden("mou-data-sharing-2026.amendment.md", text, update_goldens)
    assert "Section 12 (Breach notification) is amended to read as follows:" in text
    assert "within 24 hours after discovering it" in text
    assert "Exhibit A: Data element schedule is amended to read as follows:" in text
    assert "authorized to sign this Amendment" in text
    for party in ("Colorado Department of Labor and Employment",
                  "Colorado Community College System"):
        assert f"| {party} |" in text  # the signature table, for the same parties


def test_an_amendment_adds_deletes_and_renumbers_sections():
    from plankit.compare.amendment import amendment_document

    old = doc(S("Purpose", P("to measure")), S("Costs", P("each pays its own")),
              S("Term", S("Length", P("three years")), S("Renewal", P("by amendment"))))
    new = doc(S("Purpose", P("to measure")), S("Publication", P("with small counts")),
              S("Term", S("Length", P("two years")), S("Renewal", P("by amendment"))))
    text = md(amendment_document(compare_documents(old, new)))
    assert "Section 2 (Costs) is deleted." in text
    assert "A new Section 2 (Publication) is added after Section 1 (Purpose)" in text
    assert "Section 3.1 (Length) is amended to read as follows:" in text
    assert "**3.1 Length**" in text and "two years" in text


# --------------------------------------------------------------------------- clause history


def _breach() -> str:
    """The package's breach clause, numbered 1.0.0 whatever its current version."""
    text = (ROOT / "clauses" / "mou-data" / "breach.md").read_text()
    return re.sub(r"^version: .*$", "version: 1.0.0", text, count=1, flags=re.M)


@pytest.fixture
def clause_versions(tmp_path) -> tuple[Path, Path]:
    """The package's breach clause (as 1.0.0) and an agency's 1.1.0 of it, with the 1.0.0
    text kept in the newer folder's history."""
    v1, v2 = tmp_path / "v1", tmp_path / "v2"
    write(v1 / "breach.md", _breach())
    write(v2 / "history" / "mou-data.breach@1.0.0.md", _breach())
    text = _breach().replace("version: 1.0.0", """version: 1.1.0
changes:
  - version: 1.1.0
    date: 2026-03-02
    what: A Breach is to be reported promptly, within the agreed hours at the latest.
    why: Agencies asked that the agreed hours be an outer limit, not a waiting period.""")
    text = text.replace("reasonably suspects is a Breach, within",
                        "reasonably suspects is a Breach, promptly and in any case within")
    write(v2 / "breach.md", text)
    return v1, v2


def test_clauses_diff_from_an_earlier_version(cli, clause_versions):
    _, v2 = clause_versions
    run = cli("clauses", "diff", "mou-data.breach", "--from", "1.0.0", "--clauses", v2)
    assert run.code == 0, run.err
    assert "Breach, {++promptly and in any case ++}within" in run.out
    assert "Why: Agencies asked that the agreed hours be an outer limit" in run.out
    source = cli("clauses", "diff", "mou-data.breach", "--from", "1.0.0", "--clauses", v2,
                 "--source")
    assert "{++promptly and in any case ++}" in source.out and "{% set hours" in source.out


def test_clauses_diff_between_two_folders_and_to_a_file(cli, clause_versions, tmp_path):
    v1, v2 = clause_versions
    out = tmp_path / "breach.docx"
    run = cli("clauses", "diff", "mou-data.breach", "--old-clauses", v1, "--clauses", v2,
              "-o", out)
    assert run.code == 0, run.err
    from tests.compare_support import revision_tags
    assert revision_tags(out.read_bytes()) == {"w:ins"}


@pytest.mark.parametrize("args, code, words", [
    (("--from", "0.9.0"), 1, "no version 0.9.0 of 'mou-data.breach'"),
    ((), 2, "--from VERSION or --old-clauses DIR"),
])
def test_clauses_diff_bad_input(cli, clause_versions, args, code, words):
    run = cli("clauses", "diff", "mou-data.breach", *args, "--clauses", clause_versions[1])
    assert run.code == code
    assert words in run.err


def test_the_library_skips_its_history_folder(clause_versions):
    from plankit.library import load_library
    lib = load_library([clause_versions[1]])
    assert lib.clauses["mou-data.breach"].meta.version == "1.1.0"
    assert not lib.broken


def test_one_input_with_two_clause_folders(cli, clause_versions, tmp_path):
    v1, v2 = clause_versions
    run = cli("compare", MOU[1], "--old-clauses", v1, "--clauses", v2, "-o", tmp_path / "out",
              "-f", "md", "--summary", "json")
    assert run.code == 0, run.err
    summary = json.loads((tmp_path / "out" / "mou-data-sharing-2026.changes.json").read_text())
    [clause] = summary["clauses"]
    assert (clause["id"], clause["old_version"], clause["new_version"]) == \
        ("mou-data.breach", "1.0.0", "1.1.0")
    assert clause["notes"][0]["why"].startswith("Agencies asked")
    assert "with the clauses in" in summary["old_name"]
    assert [s["title"] for s in summary["sections"]] == ["Breach notification"]


@pytest.mark.parametrize("changes, problem", [
    ("  - {version: 1.2.0, date: 2026-03-02, what: x}", "is later than the clause's own"),
    ("  - {version: 1.0.0, date: 2026-03-02, what: x}", "no entry for the clause's current"),
    ("  - {version: 1.1.0, date: 2026-03-02, what: x}\n  - {version: 1.1.0, date: 2026-03-03, "
     "what: y}", "is listed twice"),
])
def test_the_linter_checks_a_clause_history(cli, tmp_path, changes, problem):
    source = _breach()
    write(tmp_path / "c" / "breach.md",
          source.replace("version: 1.0.0", f"version: 1.1.0\nchanges:\n{changes}"))
    run = cli("clauses", "check", tmp_path / "c")
    assert run.code == 1
    assert problem in run.out


def test_the_catalog_lists_the_clauses_changed_since_a_date(cli, clause_versions, tmp_path):
    out = tmp_path / "changed.md"
    run = cli("clauses", "catalog", "-o", out, "--changed-since", "2026-01-01", "--clauses",
              clause_versions[1])
    assert run.code == 0, run.err
    text = out.read_text()
    assert "Changes since January 1, 2026" in text
    assert "| mou-data.breach | 1.1.0 | 2026-03-02 |" in text
    assert "Living wage" not in text  # only the clauses that changed
    from plankit.library import load_library

    latest = max(c.date for clause in load_library().clauses.values()
                 for c in clause.meta.changes)  # the package's own newest change
    later = cli("clauses", "catalog", "-o", tmp_path / "none.md", "--changed-since",
                (latest + dt.timedelta(days=1)).isoformat(), "--clauses", clause_versions[1])
    assert "No clause's wording has changed" in (tmp_path / "none.md").read_text()
    assert later.code == 0



@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_any_two_texts_give_back_either_text(old, new):
    from plankit.compare.accept import accept_all, reject_all

    merged, _ = diff_inlines((d.Text(old),), (d.Text(new),))
    para = d.Paragraph(children=merged)
    assert d.inline_text(accept_all(para).children) == new
    assert d.inline_text(reject_all(para).children) == old


def test_a_changed_title_and_date_are_marked_too():
    from tests.compare_support import resolved_lines

    old = d.replace(doc(S("Term", P("three years"))), title="Old title", date="2023-05-15")
    new = doc(S("Term", P("three years")))
    merged = compare_documents(old, new).document
    text = md(merged)
    assert text.startswith("# {--Old title--}{++T++}\n\n*{--May 15, 2023--}{++April 20, 2026++}*")
    html = render(merged, "html").decode()
    assert "<del>May 15, 2023</del><ins>April 20, 2026</ins>" in html
    redline = render(merged, "docx")
    assert resolved_lines(redline, "ins") == resolved_lines(render(new, "docx"), "ins")
    assert resolved_lines(redline, "del") == resolved_lines(render(old, "docx"), "del")
