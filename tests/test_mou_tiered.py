"""Data-sharing MOUs as counsel reads them: the terms appear in the text with their
citations, and the tiered structure drafts a governance memorandum, a data sharing agreement
per data flow and a data use license per project from one input, written together or not
at all.

Goldens of the linked documents live in tests/golden/test_mou_tiered/ (the governance
memorandum's are with the other examples' in tests/golden/test_examples/).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from plankit import api
from plankit import document as d
from plankit.compose.outline import load_outline, outline_clause_ids
from plankit.library import load_library
from plankit.models.mou_views import PART_CLAUSES
from tests.conftest import compare_golden, ROOT, write
from tests.test_release import FORBIDDEN, filled

EXAMPLES = ROOT / "examples"
TIERED = EXAMPLES / "mou-tiered-partnership.yaml"
GOLDEN = Path(__file__).parent / "golden" / "test_mou_tiered"
LIB = load_library(())
PARTS = ["agreement-1", "agreement-2", "agreement-3", "license-program-outcomes",
         "license-credential-evaluation"]


def md(path: Path, final: bool = False) -> str:
    dr = api.draft(path, LIB, final=final)
    return api.render(dr.document, "md").decode("utf-8")


def check_golden(name: str, text: str, update: bool) -> None:
    compare_golden(GOLDEN / name, text, update)


@pytest.fixture(scope="module")
def tiered():
    return api.draft(TIERED, LIB)


# --------------------------------------------------------------------------- linked documents


def test_one_input_drafts_the_linked_documents(tiered):
    assert tiered.document.title.startswith("Data Governance Memorandum of Understanding among")
    assert [p.part for p in tiered.linked] == PARTS
    titles = [p.document.title for p in tiered.linked]
    assert titles[0] == ("Data Sharing Agreement 1: Kentucky Office of Unemployment Insurance "
                         "to Kentucky Center for Statistics")
    assert titles[3] == "Data Use License 1: Postsecondary program outcomes report"
    governance = api.render(tiered.document, "md").decode("utf-8")
    for title in titles:  # the memorandum lists every linked document by its title
        assert f"| {title} |" in governance


@pytest.mark.parametrize("part", PARTS)
def test_linked_document_golden(tiered, part, update_goldens):
    one = next(p for p in tiered.linked if p.part == part)
    text = api.render(one.document, "md").decode("utf-8")
    assert "cross-reference to" not in text
    check_golden(f"mou-tiered-partnership.{part}.md", text, update_goldens)


def test_each_linked_document_carries_only_its_own_terms(tiered):
    docs = {p.part: api.render(p.document, "md").decode("utf-8") for p in tiered.linked}
    wages, students = docs["agreement-1"], docs["agreement-2"]
    assert "To a public official (20 CFR 603.5(e))" in wages
    assert "KYSTATS pays the UI Office's costs" in wages
    assert "Education records" not in wages and "Council on Postsecondary" not in wages.split(
        "## 2 Definitions")[0].split("| Party |")[1]
    assert "Education records (audit or evaluation)" in students
    assert "CPE designates KYSTATS as its authorized representative" in students
    assert "20 CFR 603.5" not in students
    license_ = docs["license-credential-evaluation"]
    assert "1. Compare completers' earnings before and after completion, by credential" in \
        license_
    assert "the Memorandum's section on re-disclosure" in license_
    governance = api.render(tiered.document, "md").decode("utf-8")
    assert "Exhibit A: Data element schedule" not in governance  # one in each agreement


def test_signatures_of_each_linked_document_are_its_parties(tiered):
    def signers(dr):
        block = api.render(dr.document, "md").decode("utf-8").split("## Signatures")[1]
        return re.findall(r"^\| ([A-Z][^|]+?) \| <br><br>", block, re.M)

    assert signers(tiered) == ["Kentucky Center for Statistics",
                               "Kentucky Office of Unemployment Insurance",
                               "Council on Postsecondary Education"]
    agreement = next(p for p in tiered.linked if p.part == "agreement-3")
    assert signers(agreement) == ["Kentucky Center for Statistics",
                                  "Council on Postsecondary Education"]


def test_findings_go_to_the_document_they_concern(tmp_path):
    data = yaml.safe_load(TIERED.read_text("utf-8"))
    data["data_elements"][1]["fields"][0].pop("need")  # an identifier with no stated need
    path = write(tmp_path / "tiered.yaml", yaml.safe_dump(data, sort_keys=False))
    dr = api.draft(path, LIB)
    assert [f.rule for f in dr.findings] == ["mou.identifier-need"]
    assert not [r for r in dr.document.review if r.kind == "warning"]
    second = next(p for p in dr.linked if p.part == "agreement-2")
    assert [r.field for r in second.document.review if r.kind == "warning"] == [
        "data_elements[2].fields[1].need"]


def test_part_clauses_match_the_outlines():
    for part, clauses in PART_CLAUSES.items():
        assert set(outline_clause_ids(load_outline(f"mou-data-sharing.{part}"))) == clauses


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("mou-*.yaml")), ids=lambda p: p.stem)
def test_no_example_refers_to_a_section_it_lacks(path):
    if "\nbatch:" in path.read_text("utf-8"):
        pytest.skip("built in test_batch.py")
    dr = api.draft(path, LIB)
    for one in [dr] + dr.linked:
        assert not [p for p in one.document.placeholders if p.name.startswith("ref:")], \
            (path.stem, one.part)


@pytest.mark.parametrize("part", PARTS)
def test_linked_final_copies_are_only_the_document(part):
    dr = api.draft(TIERED, LIB, final=True)
    one = next(p for p in dr.linked if p.part == part)
    doc = filled(one.document)
    assert not [n for n in d.walk(doc) if isinstance(n, d.Note)]
    text = api.render(doc, "md").decode("utf-8")
    assert not [line for line in text.splitlines() if FORBIDDEN.search(line)]


# --------------------------------------------------------------------------- the command


def test_build_writes_every_linked_document_beside_the_memorandum(cli, tmp_path):
    run = cli("build", TIERED, "-o", tmp_path, "-f", "md,memo-md")
    assert run.code == 0, run.err
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    stem = TIERED.stem
    expected = [f"{stem}.md", f"{stem}.memo.md"] + [
        f"{stem}.{part}.{ext}" for part in PARTS for ext in ("md", "memo.md")]
    assert names == sorted(expected)
    memo = (tmp_path / f"{stem}.agreement-1.memo.md").read_text("utf-8")
    assert "Review memo: Data Sharing Agreement 1" in memo
    assert "Confidentiality of unemployment compensation information (20 CFR part 603)" in memo


def test_a_failed_linked_document_writes_none_of_them(cli, tmp_path, monkeypatch):
    import plankit.pipeline.run as run_module

    real = run_module.render

    def failing(doc, fmt, **options):
        if doc.title.startswith("Data Use License 2"):
            from plankit.errors import OutputError
            raise OutputError("disk full")
        return real(doc, fmt, **options)

    monkeypatch.setattr(run_module, "render", failing)
    run = cli("build", TIERED, "-o", tmp_path / "out", "-f", "md")
    assert run.code == 1 and "disk full" in run.err
    assert not list((tmp_path / "out").glob("*.md"))


def test_validate_names_each_linked_document(cli):
    run = cli("validate", TIERED)
    assert run.code == 0, run.err
    for part in PARTS:
        assert f"{TIERED} ({part}): ok (mou-data-sharing; complete)" in run.out


def test_a_batch_cannot_use_the_tiered_structure(cli, tmp_path):
    batch = EXAMPLES / "mou-local-boards-batch.yaml"
    text = batch.read_text("utf-8").replace("project_name:", "structure:\n  form: tiered\n"
                                                            "project_name:", 1)
    write(tmp_path / "mou-local-boards.csv", (EXAMPLES / "mou-local-boards.csv").read_text())
    path = write(tmp_path / "boards.yaml", text)
    run = cli("build", path, "-o", tmp_path / "out", "-f", "md")
    assert run.code == 1
    assert "a batch builds one document per row" in run.err
    assert run.err.count("a batch builds one document per row") == 1


# --------------------------------------------------------------------------- what counsel reads


def test_each_uc_flow_states_its_category_and_payment():
    text = md(EXAMPLES / "mou-data-sharing.yaml")
    assert "| 3 | To a public official (20 CFR 603.5(e)) | the E\\&T Division: public " \
           "official" in text
    assert "the E\\&T Division pays the UI Division's costs of this disclosure" in text
    study = md(EXAMPLES / "mou-wage-outcomes-study.yaml")
    assert "HECC pays OED's costs of this disclosure" in study


def test_a_study_with_wage_records_cites_both_authorities():
    for stem, uc in (("mou-k12-data-sharing", "Wage Record Data Sharing Agreement between the "
                                              "Unemployment Insurance Agency"),
                     ("mou-wage-outcomes-study", "OED uses its own UI wage records")):
        text = md(EXAMPLES / f"{stem}.yaml")
        for term in ("34 CFR 99.31(a)(6)(iii)(C)(1) to (4)", "34 CFR 99.31(a)(6)(iv)",
                     "34 CFR 99.32(a)", "34 CFR 99.33(a)(1) and (2)", "34 CFR 99.67(e)",
                     "rest on 20 CFR part 603", uc):
            assert term in text, (stem, term)
        assert "What wage records cover" in text and "military service" in text
        assert "State Wage Interchange System (SWIS)" in text


def test_text_cites_authorities_never_option_names():
    for path in sorted(EXAMPLES.glob("mou-*.yaml")):
        if "\nbatch:" in path.read_text("utf-8"):
            continue
        dr = api.draft(path, LIB)
        for one in [dr] + dr.linked:
            text = api.render(one.document, "md").decode("utf-8")
            memo = api.render(one.document, "memo-md").decode("utf-8")
            memo = memo.split("Clause versions")[0]  # clause ids are named there
            for option in ("ui-confidentiality", "ferpa-studies", "ferpa-audit-evaluation",
                           "wioa-performance", "hipaa or part2", "part2 authority"):
                assert option not in text and option not in memo, (path.stem, option)


def test_publication_waits_for_an_answer_unless_the_parties_agree(tmp_path):
    text = md(EXAMPLES / "mou-corrections.yaml")
    assert "is not taken to have approved the product" in text
    assert "the product may be released" not in text
    data = yaml.safe_load((EXAMPLES / "mou-corrections.yaml").read_text("utf-8"))
    data["safeguards"]["deemed_approval"] = True
    path = write(tmp_path / "deemed.yaml", yaml.safe_dump(data, sort_keys=False))
    assert "If it does not respond within the review period, the product may be released." \
        in md(path)


def test_the_record_of_disclosures_outlives_the_data():
    text = md(EXAMPLES / "mou-corrections.yaml")
    assert "shall keep the record for 5 years after the data are destroyed" in text
    assert "Record of disclosures kept under Section" in text


def test_employer_screening_is_in_the_labor_standards_agreement():
    text = md(EXAMPLES / "mou-labor-standards.yaml")
    assert "only those made within 3 years before the decision" in text
    assert "the employer may respond within 15 days" in text
    assert "| 1 | L\\&I | The state law cited in Section" in text
