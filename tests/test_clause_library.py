"""The clause library as a whole: coverage of the topics, every clause rendering in every
format with its own example values (and with only the required ones), the list/show/catalog
commands staff use to choose clauses."""

from __future__ import annotations

import io
import json
import re

import pytest

from plankit import document as d
from plankit.api import render
from plankit.library import load_library
from plankit.compose.preview import example_params, preview

LIB = load_library()
IDS = LIB.ids()

TOPICS = {
    "living-wage", "prevailing-wage", "pla", "cba", "apprenticeship", "pre-apprenticeship",
    "local-hire", "safety", "benefits", "scheduling", "worker-voice", "reporting",
    "contract-management", "high-road", "small-business", "supportive-services", "mou-data",
    "sector-partnership",
}
"""Every topic of the library a drafter expects to find."""

THREE_STRENGTHS = ["living-wage", "pla", "cba", "local-hire", "pre-apprenticeship",
                   "supportive-services"]


def _words(doc: d.Document) -> str:
    return " ".join(n.text for n in d.walk(doc) if isinstance(n, d.Text))


def test_the_library_is_large_enough_and_covers_every_topic():
    assert len(IDS) >= 60, f"only {len(IDS)} clauses"
    topics = {LIB.clauses[i].meta.topic for i in IDS}
    assert TOPICS <= topics, f"topics without clauses: {sorted(TOPICS - topics)}"


@pytest.mark.parametrize("topic", THREE_STRENGTHS)
def test_topics_come_in_three_strengths(topic):
    variants = {LIB.clauses[i].meta.variant for i in IDS if LIB.clauses[i].meta.topic == topic}
    assert {"require", "incentivize", "encourage"} <= variants, (topic, variants)


def test_scored_clauses_take_points_and_others_do_not():
    for cid in IDS:
        m = LIB.clauses[cid].meta
        if m.variant in ("incentivize", "record"):
            assert cid.endswith("." + m.variant), cid
            assert "points" in m.params and m.params["points"].required, cid
        elif "procurement" in m.kinds:
            assert "points" not in m.params, cid


def test_package_library_passes_its_own_check(cli):
    run = cli("clauses", "check")
    assert run.code == 0, run.out + run.err
    assert re.search(r"ok: \d+ clause files checked", run.out)


@pytest.mark.parametrize("clause_id", IDS)
def test_every_clause_renders_in_md_html_docx(clause_id):
    clause = LIB.clauses[clause_id]
    full = preview(clause, LIB, "example")
    bare = preview(clause, LIB, "minimal")
    for doc in (full, bare):
        text = _words(doc)
        assert text.strip(), "renders to nothing"
        assert "{{" not in text and "{%" not in text, "template code leaked into the text"
        assert not re.search(r"\bNone\b|\bMissing\(", text), "a missing value printed as None"
        md = render(doc, "md").decode("utf-8")
        assert clause.meta.title in md
        html = render(doc, "html").decode("utf-8")
        assert "<h1" in html and 'lang="en-US"' in html
        import docx
        opened = docx.Document(io.BytesIO(render(doc, "docx")))
        assert opened.paragraphs
    # leaving parameters out can only add blanks, never remove one the example had
    full_blanks = {p.prompt for p in full.placeholders}
    bare_blanks = {p.prompt for p in bare.placeholders}
    assert full_blanks <= bare_blanks


def test_missing_optional_values_show_as_placeholders_not_gaps(tmp_path):
    """An optional parameter without a default that the text prints outside any condition
    on it becomes a visible placeholder naming what to supply when it is left out."""
    from plankit.library import load_library as load

    write = tmp_path / "x.md"
    write.write_text("""---
id: living-wage.require
title: Living wage
topic: living-wage
variant: require
kinds: [procurement]
version: 9.0.0
summary: test
params:
  wage_floor: {type: money, required: true, example: 20, help: floor}
  index_area: {type: text, help: The CPI area, example: West}
notes: [check]
---
The floor is {{ wage_floor | money }}, indexed to {{ index_area }}.
""", encoding="utf-8")
    lib = load([tmp_path])
    bare = preview(lib.clauses["living-wage.require"], lib, "minimal")
    assert [p.name for p in bare.placeholders] == ["clause_params.living-wage.require.index_area"]
    assert "[the CPI area]" in render(bare, "md").decode("utf-8").replace("\\", "")
    checked = 0
    for cid in IDS:
        clause = LIB.clauses[cid]
        printed = {name for name, spec in clause.meta.params.items()
                   if not spec.required and spec.default is None and spec.example is not None
                   and re.search(r"\{\{\s*" + name + r"\s*(\||\}\})", clause.body)
                   and not re.search(r"\{%-?\s*(el)?if[^%]*\b" + name + r"\b", clause.body)}
        if printed:
            names = {p.name for p in preview(clause, LIB, "minimal").placeholders}
            for name in printed:
                assert any(n.endswith(f"{cid}.{name}") for n in names), \
                    f"{cid}: {name} left out shows no placeholder"
            checked += 1
    assert checked, "no library clause prints an optional value unconditionally: the check ran on nothing"


def test_example_values_are_the_ones_in_the_clause_file():
    clause = LIB.clauses["living-wage.require"]
    params = example_params(clause)
    assert params["wage_floor"] == clause.meta.params["wage_floor"].example
    text = _words(preview(clause, LIB))
    assert "$22.50" in text


@pytest.mark.slow
def test_every_clause_renders_in_pdf(tmp_path):
    """One PDF holding every clause with only its required values (the catalog, tested
    below, holds them all with every example value)."""
    from plankit.compose.passctx import ComposeContext

    from plankit.compose import run_passes
    from plankit.compose.preview import compose_clause
    from tests.conftest import pdf_plain_text

    sections, used = [], {}
    for cid in IDS:
        got, ctx = compose_clause(LIB.clauses[cid], LIB, "minimal")
        sections.extend(got)
        used.update(ctx.used)
    doc = d.Document(title="Every clause", children=tuple(sections), kind="catalog",
                     provenance=d.Provenance(plankit_version="0", input_sha256="0" * 64))
    doc = run_passes(doc, ComposeContext(used=used, library=LIB, standalone=True))
    pdf = tmp_path / "every-clause.pdf"
    pdf.write_bytes(render(doc, "pdf"))
    text = re.sub(r"\s+", " ", pdf_plain_text(pdf))
    for cid in IDS:
        title = re.sub(r"\s+", " ", LIB.clauses[cid].meta.title)
        assert title.split(" (")[0][:30] in text, cid


# ------------------------------------------------------------------ commands


def test_list_filters_by_topic_kind_and_variant(cli):
    run = cli("clauses", "list", "--topic", "living-wage", "--variant", "require")
    assert run.code == 0
    assert "living-wage.require" in run.out and "living-wage.incentivize" not in run.out
    run = cli("clauses", "list", "--kind", "mou-data-sharing")
    assert "mou-data.breach" in run.out and "living-wage" not in run.out


def test_list_with_an_unknown_filter_value_suggests_the_right_one(cli):
    run = cli("clauses", "list", "--topic", "livng-wage")
    assert run.code == 2
    assert "did you mean 'living-wage'" in run.err
    assert "Traceback" not in run.err


def test_list_json_gives_one_object_per_clause(cli):
    run = cli("clauses", "list", "--json")
    assert run.code == 0
    data = json.loads(run.out)
    assert len(data) == len(IDS)
    one = next(x for x in data if x["id"] == "living-wage.require")
    assert {"id", "title", "topic", "variant", "kinds", "version", "params",
            "citations"} <= set(one)
    assert one["params"]["wage_floor"]["type"] == "money"
    assert one["citations"] and {"title", "source", "section", "cite"} <= set(one["citations"][0])


def test_show_prints_params_citations_and_rendered_example(cli):
    run = cli("clauses", "show", "living-wage.require")
    assert run.code == 0
    assert "wage_floor: money, required" in run.out
    assert "citations:" in run.out
    assert "$22.50" in run.out            # the example value, rendered
    assert "{{" not in run.out
    run = cli("clauses", "show", "living-wage.require", "--source")
    assert "{{ wage_floor | money }}" in run.out
    run = cli("clauses", "show", "living-wage.require", "--minimal")
    assert run.code == 0 and "required parameters only" in run.out


def test_show_unknown_clause_suggests(cli):
    run = cli("clauses", "show", "living-wage.requre")
    assert run.code != 0 and "living-wage.require" in run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize("ext", ["md", pytest.param("html", marks=pytest.mark.slow),
                                 pytest.param("docx", marks=pytest.mark.slow)])
def test_catalog_groups_clauses_by_topic(cli, tmp_path, ext):
    out = tmp_path / f"catalog.{ext}"
    run = cli("clauses", "catalog", "-o", out)
    assert run.code == 0, run.err
    data = out.read_bytes()
    if ext == "docx":
        import docx
        doc = docx.Document(io.BytesIO(data))
        heads = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
        text = "\n".join(p.text for p in doc.paragraphs)
    else:
        text = data.decode("utf-8")
        heads = re.findall(r"^## (.+)$", text, re.M) if ext == "md" else \
            re.findall(r"<h2[^>]*>(.*?)</h2>", text)
    joined = " ".join(heads)
    assert "Living wage" in joined and "Data sharing" in joined
    for cid in ("living-wage.require", "mou-data.breach"):
        assert cid in text


@pytest.mark.slow
def test_catalog_has_every_clause_and_a_topic_of_it_makes_a_pdf(cli, tmp_path):
    """The whole catalog (about 360 pages as a PDF, half a minute to typeset) is checked as
    HTML, the document the PDF is typeset from; one topic of it is typeset as a PDF."""
    from tests.conftest import pdf_plain_text

    out = tmp_path / "catalog.html"
    run = cli("clauses", "catalog", "-o", out)
    assert run.code == 0, run.err
    text = out.read_text("utf-8")
    missing = [cid for cid in IDS if cid not in text]
    assert not missing
    pdf = tmp_path / "catalog.pdf"
    run = cli("clauses", "catalog", "-o", pdf, "--topic", "mou-data")
    assert run.code == 0, run.err
    text = pdf_plain_text(pdf).replace("\n", "")
    topic = [cid for cid in IDS if cid.startswith("mou-data.")]
    assert topic and all(cid in text for cid in topic)


def test_catalog_can_be_limited_and_refuses_unknown_endings(cli, tmp_path):
    out = tmp_path / "lw.md"
    run = cli("clauses", "catalog", "-o", out, "--topic", "living-wage")
    assert run.code == 0
    text = out.read_text("utf-8")
    assert "living-wage.require" in text and "mou-data.breach" not in text
    run = cli("clauses", "catalog", "-o", tmp_path / "catalog.txt")
    assert run.code == 2 and ".docx, .pdf, .html or .md" in run.err
    assert not (tmp_path / "catalog.txt").exists()


def test_check_catches_a_term_defined_two_ways_in_one_kind(cli, tmp_path):
    (tmp_path / "mine.md").write_text("""---
id: agency.wage
title: Agency wage
topic: living-wage
variant: require
kinds: [procurement]
version: 1.0.0
summary: A wage clause with its own idea of a covered worker.
defines:
  Covered Worker: anyone at all who walks onto the site.
notes: [Check the definition.]
---
Every Covered Worker is paid.
""", encoding="utf-8")
    run = cli("clauses", "check", tmp_path)
    assert run.code == 1
    assert "'Covered Worker' is defined in 2 different ways" in run.out


def _wording_digest(clause) -> str:
    import hashlib
    return hashlib.sha256(clause.body.encode("utf-8")).hexdigest()[:16]


def test_changed_wording_has_a_new_version(update_goldens):
    """The audit trail names clause versions, so a clause whose text changes must get a new
    version: tests/golden/clause_versions.txt records each clause's version and a digest of
    its text (rewrite it with --update-goldens once the versions are bumped)."""
    from conftest import ROOT

    path = ROOT / "tests" / "golden" / "clause_versions.txt"
    now = {cid: (LIB.clauses[cid].meta.version, _wording_digest(LIB.clauses[cid]))
           for cid in IDS}
    if update_goldens:
        path.write_text("".join(f"{cid} {v} {h}\n" for cid, (v, h) in sorted(now.items())),
                        encoding="utf-8")
        return
    recorded = {}
    for line in path.read_text("utf-8").splitlines():
        cid, version, digest = line.split()
        recorded[cid] = (version, digest)
    unbumped = [cid for cid, (version, digest) in now.items()
                if cid in recorded and recorded[cid][0] == version and recorded[cid][1] != digest]
    assert not unbumped, ("the text of these clauses changed but their version did not; bump "
                          "'version' in each, then rerun with --update-goldens: "
                          + ", ".join(unbumped))
    assert now == {cid: recorded.get(cid) for cid in now}, (
        "clause versions or texts changed (or clauses were added); rerun with "
        "--update-goldens and review tests/golden/clause_versions.txt")
