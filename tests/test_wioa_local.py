"""The WIOA local plan: every element of WIOA sec. 108(b) and 20 CFR 679.560 in the registry
with a section of its own, the crosswalk (in the plan and from ``validate --report``), the
regional plan elements, modifications, public comment, and each content check firing and
not firing."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from plankit.compose.outline import load_outline, outline_clause_ids
from plankit.models.plan import PLAN_TYPES, PlanSectionInput
from tests.conftest import write
from tests.test_plans import EXAMPLES, _warnings, build_md, dump, example

LOCAL = PLAN_TYPES["wioa-local"]
STEMS = ["wioa-local-plan", "wioa-local-modification"]

STATUTE = [f"108(b)({n})" for n in range(2, 23)] + \
    [f"108(b)(1)({c})" for c in "ABCDEF"]
"""Every paragraph of WIOA sec. 108(b) a local plan answers."""
REGULATION = [f"679.560(a)({n})" for n in range(1, 7)] + \
    [f"679.560(b)({n})" for n in range(1, 22)] + ["679.560(c)", "679.560(d)", "679.560(e)"]
REGIONAL = [f"679.510(a)(1)({r})" for r in ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")]


def model(data: dict) -> PlanSectionInput:
    return PlanSectionInput.model_validate(data)


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


# --------------------------------------------------------------------------- the registry


def test_every_paragraph_of_108b_and_679_560_has_an_element():
    cites = " | ".join(e.cite or "" for e in LOCAL.elements)
    for para in STATUTE + REGULATION + REGIONAL + ["108(d)(1)", "108(d)(2)", "108(d)(3)",
                                                    "679.550(b)(5)", "679.580(a)",
                                                    "679.580(b)", "38 U.S.C. 4215"]:
        assert re.search(re.escape(para) + r"(?![\d(])", cites) or \
            re.search(re.escape(para), cites), para


def test_every_element_has_a_section_in_the_outline():
    """A registry element without an outline section fails here."""
    ids = set(outline_clause_ids(load_outline(LOCAL.outline)))
    for e in LOCAL.elements:
        assert e.section in ids, f"{e.id} names section {e.section}, which the outline lacks"


def test_elements_carry_sources_dates_and_verified_flags():
    for e in LOCAL.elements:
        for key in (e.source, *e.also):
            assert key in LOCAL.sources
        if e.status == "required":
            assert e.verified and e.checked, e.id
            src = LOCAL.source(e.source)
            assert src.verified and src.checked and src.read_in, e.id
        assert e.group, e.id
    assert LOCAL.source("cfr-679-560").note and "January 2025" in \
        LOCAL.source("cfr-679-560").note


def test_the_cites_pair_the_statute_with_the_regulation_one_paragraph_behind():
    for e in LOCAL.elements:
        m = re.match(r"WIOA sec\. 108\(b\)\((\d+)\)", e.cite or "")
        if m and int(m.group(1)) >= 2:
            n = int(m.group(1))
            expected = "679.560(c)" if n == 22 else f"679.560(b)({n - 1})"
            assert expected in e.cite, e.cite


def test_every_element_clause_cites_its_paragraph_under_its_heading(cli, tmp_path):
    run, md = build_md(cli, EXAMPLES / "wioa-local-plan.yaml", tmp_path)
    assert run.code == 0, run.err
    text = md.read_text("utf-8")
    for e in LOCAL.elements:
        if e.group not in ("strategic", "operational", "comment") or e.status != "required":
            continue
        assert f"*{e.cite}*" in text, e.cite


# --------------------------------------------------------------------------- crosswalk


@pytest.mark.parametrize("stem", STEMS)
def test_the_examples_crosswalks_list_every_element_with_a_section(stem):
    doc = model(example(stem))
    rows = doc.crosswalk
    assert len(rows) == len(LOCAL.elements)
    for r in rows:
        if r["required"]:
            assert r["status"] in ("addressed", "elsewhere", "not-applicable"), r
            assert r["section"] or r["status"] == "not-applicable", r
        assert r["status"] != "placeholder"


def test_validate_report_prints_the_crosswalk(cli):
    run = cli("validate", "--report", EXAMPLES / "wioa-local-modification.yaml")
    assert run.code == 0, run.err
    assert "Crosswalk of required elements" in run.out
    assert "WIOA sec. 108(b)(6)(C); 20 CFR 679.560(b)(5)(iii): section 7.4: Addressed" \
        in run.out
    assert "20 CFR 679.510(a)(1)(ii); WIOA sec. 106(c)(1): section 10: Addressed in the " \
        "Confluence Regional Workforce Plan" in run.out
    assert "WIOA sec. 108(a); 20 CFR 679.580(b): section 2: Addressed" in run.out


def test_an_open_element_is_a_placeholder_naming_its_field(cli, tmp_path):
    data = example("wioa-local-plan")
    data["one_stop"]["partners"] = []
    data["rapid_response"] = None
    path = dump(tmp_path, data)
    warnings = _warnings(cli, path)
    assert any("one_stop.partners: one-stop delivery system: the roles and resource "
               "contributions of the one-stop partners is required" in w for w in warnings)
    run, md = build_md(cli, path, tmp_path / "out")
    text = md.read_text("utf-8")
    assert "\\[one-stop partners' roles and resource contributions — add one\\_stop.partners\\]" \
        in text
    assert "add rapid\\_response\\]" in text
    assert re.search(r"\| WIOA sec\. 108\(b\)\(6\)\(D\); 20 CFR 679\.560\(b\)\(5\)\(iv\) \| "
                     r"Section 6\.5 \| Placeholder \|", text)
    report = cli("validate", "--report", path).out
    assert "section 6.5: Placeholder (add one_stop.partners)" in report
    assert "2 placeholders" in report


# --------------------------------------------------------------------------- the draft check


def _override(tmp_path: Path, clause: str, body: str) -> Path:
    src = (Path(__file__).parent.parent / "clauses" / "wioa-local" / f"{clause}.md")
    text = src.read_text("utf-8")
    head = text[:text.index("\n---\n", 4) + 5]
    return write(tmp_path / "mine" / f"{clause}.md", head + body)


def test_an_element_with_neither_content_nor_placeholder_is_a_warning(cli, tmp_path):
    data = example("wioa-local-plan")
    data["rapid_response"] = None
    path = dump(tmp_path, data)
    quiet = _override(tmp_path, "rapid-response",
                      "{% if doc.rapid_response %}{{ doc.rapid_response }}{% else %}The Board "
                      "works with the state.{% endif %}\n\n> Check it.\n").parent
    run = cli("validate", path, "--clauses", quiet)
    assert "rapid_response: coordination of workforce investment activities with statewide " \
        "rapid response activities: its section shows neither content from the input nor a " \
        "placeholder" in run.out, run.out
    strict = cli("build", path, "--clauses", quiet, "--strict", "-o", tmp_path / "o", "-f", "md")
    assert strict.code == 1
    gone = _override(tmp_path / "b", "rapid-response", "{# nothing #}\n").parent
    run = cli("validate", path, "--clauses", gone)
    assert "no section of the draft answers it" in run.out, run.out
    # the package clause shows a placeholder instead: no such warning
    assert "neither content" not in cli("validate", path).out


# --------------------------------------------------------------------------- checks


def test_a_goal_not_tied_to_an_indicator():
    data = example("wioa-local-plan")
    data["goals"][1] = "Raise credential attainment"
    found = [f for f in model(data).findings() if f.rule == "goal-indicator"]
    assert len(found) == 1 and found[0].path == ("goals", 1)
    assert "goal 2 is not tied to any primary indicator" in found[0].message
    assert not [f for f in model(example("wioa-local-plan")).findings()
                if f.rule == "goal-indicator"]


def test_a_goal_names_known_indicators(cli, tmp_path):
    data = example("wioa-local-plan")
    data["goals"][0]["indicators"] = ["employment-q3"]
    run = cli("validate", dump(tmp_path, data))
    assert run.code == 1
    assert re.search(r"line \d+: goals\[1\]: 'employment-q3' is not a primary indicator of "
                     r"performance plankit knows.*did you mean 'employment-q\d'", run.err)


def test_indicator_definitions_must_fit_the_program():
    data = example("wioa-local-modification")
    ok = model(data)
    assert not [f for f in ok.findings() if f.rule == "indicator-definition"]
    adult, youth = ok.metrics[1], ok.metrics[2]
    assert adult.program == "adult" and "education" not in adult.definition
    assert youth.program == "youth" and "education or training" in youth.definition
    data["metrics"][1]["definition"] = ("share of participants in education or training, or in "
                                        "unsubsidized employment, in the second quarter")
    data["metrics"][2]["definition"] = "share of participants in unsubsidized employment"
    found = [f for f in model(data).findings() if f.rule == "indicator-definition"]
    assert [f.path for f in found] == [("metrics", 1, "definition"),
                                       ("metrics", 2, "definition")]
    assert "defined with the Youth variant" in found[0].message
    assert "116(b)(2)(A)(i)" in found[0].source
    assert "is a Youth indicator but is defined like the Adult one" in found[1].message


def test_totals_in_the_text_must_agree_with_the_tables():
    data = example("wioa-local-plan")
    assert not [f for f in model(data).findings() if f.rule == "text-total"]
    data["workforce_activities"]["capacity"] = ("Programs train about 600 people a year, short "
                                                "of the roughly 1,800 annual openings in them.")
    data["labor_market"]["employer_needs"] = "Employers in all six sectors report shortages."
    found = [f for f in model(data).findings() if f.rule == "text-total"]
    assert [f.path for f in found] == [("labor_market", "employer_needs"),
                                       ("workforce_activities", "capacity")] or \
        {f.path for f in found} == {("labor_market", "employer_needs"),
                                    ("workforce_activities", "capacity")}
    text = " ".join(f.message for f in found)
    assert "1,615 annual openings in all" in text and "5 in-demand sectors" in text


@pytest.mark.parametrize("path, value", [
    (("performance", "adult", "employment_q2"), 0.74),
    (("workforce", "unemployment_rate"), 0.046),
    (("metrics", 0, "target"), 0.6),
])
def test_a_percentage_typed_as_a_fraction(path, value):
    data = copy.deepcopy(example("wioa-local-modification"))
    target = data
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = value
    found = [f for f in model(data).findings() if f.rule == "percent-fraction"]
    assert len(found) == 1 and found[0].path == path
    assert "did you mean" in found[0].message
    assert re.search(r"did you mean (74|4\.6|60)%\?", found[0].message)
    assert not [f for f in model(example("wioa-local-modification")).findings()
                if f.rule == "percent-fraction"]


def test_union_coverage_targets_and_commitments_get_a_review_note(cli, tmp_path):
    data = example("wioa-local-plan")
    assert not [f for f in model(data).review_findings() if f.rule == "union-neutrality"]
    data["metrics"].append({"measure": "agreement-coverage", "baseline": 14, "target": 20,
                            "source": "Employer reports", "disaggregation": ["sector"]})
    data["job_quality"]["commitments"].append("worker-voice")
    notes = [f for f in model(data).review_findings() if f.rule == "union-neutrality"]
    assert [f.path for f in notes] == [("metrics", 5, "target"), ("job_quality", "commitments")]
    assert all(f.severity == "note" and "181(b)(7)" in f.source for f in notes)
    assert "Neutral wording:" in notes[0].message
    assert "181(b)(7)" not in " ".join(_warnings(cli, dump(tmp_path, data)))  # not a warning
    assert cli("build", dump(tmp_path, data), "-o", tmp_path / "o", "-f", "md",
               "--memo").code == 0
    memo = (tmp_path / "o" / "plan.memo.md").read_text("utf-8")
    assert "assist, promote or deter union organizing" in memo
    plan = (tmp_path / "o" / "plan.md").read_text("utf-8")
    assert "Neutral wording" not in plan.split("## Review notes")[0]


def test_priority_of_service_and_veterans_statements():
    data = example("wioa-local-plan")
    assert not [f for f in model(data).findings()
                if f.rule in ("priority-of-service", "veterans-priority")]
    data["priority_of_service"] = {"adult": "Priority applies when funds are limited, and "
                                            "also to Dislocated Worker funds."}
    found = model(data).findings()
    by = {f.rule: f for f in found if f.rule in ("priority-of-service", "veterans-priority")}
    assert by["veterans-priority"].path == ("priority_of_service", "veterans")
    assert "1010.230(b)" in by["veterans-priority"].message
    msgs = [f.message for f in found if f.rule == "priority-of-service"]
    assert any("limited funds" in m for m in msgs)
    assert any("Dislocated Worker or Youth funds" in m for m in msgs)
    del data["priority_of_service"]
    found = [f for f in model(data).findings() if f.rule == "priority-of-service"]
    assert found[0].path == ("priority_of_service", "adult")
    assert "134(c)(3)(E)" in found[0].source


def test_public_comment_period_and_invitees():
    data = example("wioa-local-modification")
    assert not [f for f in model(data).findings()
                if f.rule in ("comment-period", "comment-invitees", "comment-response")]
    data["public_comment"]["closed"] = "2026-03-28"
    data["public_comment"]["invited"] = ["the chambers of commerce", "Harbor Technical College"]
    del data["public_comments"][0]["response"]
    found = {f.rule: f for f in model(data).findings()}
    assert "runs 37 days" in found["comment-period"].message
    assert "no more than a 30-day period" in found["comment-period"].message
    assert "does not name labor organizations" in found["comment-invitees"].message
    assert found["comment-response"].path == ("public_comments", 0, "response")


def test_a_plain_modification_true_still_works_and_asks_what_changed(cli, tmp_path):
    data = example("wioa-local-modification")
    data["modification"] = True
    path = dump(tmp_path, data)
    warnings = _warnings(cli, path)
    assert any("modification: says this draft is a modification, but not what changed" in w
               for w in warnings), warnings
    run, md = build_md(cli, path, tmp_path / "out")
    text = md.read_text("utf-8")
    assert "# Harbor Lakes Local Workforce Plan: Modification for Program Years 2026–2027" in text
    assert "add modification.changes" in text and "add modification.reason" in text
    data["modification"] = False
    assert model(data).modification is None


def test_dates_after_the_plan_are_warnings():
    data = example("wioa-local-modification")
    data["state_guidance"]["issued"] = "2026-04-15"
    data["modification"]["prior_plan_date"] = "2026-04-01"
    rules_ = rules(model(data).findings())
    assert "dated-after" in rules_ and "modification" in rules_


# --------------------------------------------------------------------------- drafting


@pytest.fixture(scope="module")
def mod_md(tmp_path_factory) -> str:
    from plankit.cli import main

    out = tmp_path_factory.mktemp("mod")
    assert main(["-q", "build", str(EXAMPLES / "wioa-local-modification.yaml"), "-o",
                 str(out), "-f", "md"]) == 0
    return (out / "wioa-local-modification.md").read_text("utf-8")


def test_a_modification_says_what_changed(mod_md):
    assert "This is a modification of the Board's local plan for Program Years 2024–2027, " \
        "dated May 6, 2024, under section 108(a)" in mod_md
    changed = mod_md[mod_md.index("## 2 What changed"):mod_md.index("## 3 Definitions")]
    assert "| Local levels of performance | Adds the levels negotiated" in changed
    assert "Workforce Policy Letter 25-04, Two-Year Modification of Local and Regional Plans" \
        in changed and "(December 15, 2025)" in changed
    assert "four-year local plan required" not in mod_md


def test_disagreeing_comments_are_listed_with_the_plan(mod_md):
    appendix = mod_md[mod_md.index("Public comments and responses"):]
    assert "| 2 | Harbor Lakes Central Labor Council (labor organization) | Disagrees with " \
        "the lower cap" in appendix
    assert "comments that express disagreement with the plan are submitted to the Governor " \
        "with it" in appendix
    assert "- Comment 2, Harbor Lakes Central Labor Council (labor organization):" in appendix
    assert "- Comment 3, Lakeview Residents Association (community organization):" in appendix
    comment = mod_md[mod_md.index("Comments received"):]
    assert "2 comments express disagreement" in comment
    four = example("wioa-local-plan")
    assert not any(c.get("disagrees") for c in four["public_comments"])


def test_the_regional_section_answers_each_element_or_names_the_regional_plan(mod_md):
    regional = mod_md[mod_md.index("## 10 Regional planning"):mod_md.index("## 11 ")]
    assert "This element is addressed in the Confluence Regional Workforce Plan" in regional
    assert "They do not pool administrative funds." in regional
    assert "*20 CFR 679.510(a)(1)(viii)*" in regional
    assert "common response in the regional plan" in regional


def test_no_planning_region_makes_the_regional_elements_not_applicable(cli, tmp_path):
    data = example("wioa-local-plan")
    del data["planning_region"]
    doc = model(data)
    rows = [r for r in doc.crosswalk if r["id"].startswith("regional-")]
    assert rows and all(r["status"] == "not-applicable" for r in rows)
    assert all("The plan names no planning region." in r["label"] for r in rows)
    run, md = build_md(cli, dump(tmp_path, data), tmp_path / "out")
    assert "Regional planning\n" not in md.read_text("utf-8").split("crosswalk")[0]


def test_an_open_regional_element_without_a_regional_plan_is_a_placeholder(cli, tmp_path):
    data = example("wioa-local-plan")
    del data["planning_region"]["regional_plan"]
    del data["planning_region"]["performance"]
    warnings = _warnings(cli, dump(tmp_path, data))
    assert any("planning_region.performance" in w for w in warnings), warnings
    run, md = build_md(cli, dump(tmp_path, data), tmp_path / "out")
    assert "add planning\\_region.performance\\]" in md.read_text("utf-8")


def test_comments_can_come_from_a_csv_file(cli, tmp_path):
    data = example("wioa-local-modification")
    write(tmp_path / "comments.csv",
          "commenter_type,commenter,summary,response,change_made,disagrees\n"
          "labor,Central Labor Council,\"Disagrees with the cap, strongly.\",Kept it.,,yes\n"
          "business,,Supports the plan.,Thank you.,,no\n")
    data["public_comments"] = "comments.csv"
    path = dump(tmp_path, data)
    run, md = build_md(cli, path, tmp_path / "out")
    assert run.code == 0, run.err
    text = md.read_text("utf-8")
    assert "- Comment 1, Central Labor Council (labor organization): Disagrees with the cap, " \
        "strongly." in text
    write(tmp_path / "comments.csv", "commenter_type,summary,disagrees\n"
                                     "labor,Too short.,perhaps\n")
    bad = cli("validate", path)
    assert bad.code == 1 and "comments.csv line 2: disagrees:" in bad.err
    write(tmp_path / "comments.csv", "kind,summary\nlabor,x\n")
    bad = cli("validate", path)
    assert bad.code == 1 and "'kind' is not a comment column" in bad.err
    data["public_comments"] = "comments.xlsx"
    bad = cli("validate", dump(tmp_path, data))
    assert bad.code == 1 and "'comments.xlsx' is not a CSV file" in bad.err


@pytest.mark.parametrize("stem", STEMS)
def test_illustrative_figures_are_marked_in_the_input_not_the_plan(stem):
    assert "illustrative" in (EXAMPLES / f"{stem}.yaml").read_text("utf-8")
    from plankit import api
    from plankit.library import load_library

    doc = api.draft(EXAMPLES / f"{stem}.yaml", load_library(()), final=True).document
    text = api.render(doc, "md").decode("utf-8")
    assert "illustrative" not in text.lower()
    assert not re.search(r"comment[^.]*at least 30 days", text)


def test_the_examples_use_the_fictional_state():
    for stem in STEMS:
        assert example(stem)["local_area"]["state"] == "XS"
    assert model(example("wioa-local-plan")).local_area.state_name == "State of Example"
