"""The procurement kind: provision modes, selectable outputs, the evaluation table whose
totals must add up, the exhibit and forms, and field-path errors for bad input."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from plankit.models.procurement import COMPLIANCE_DEFAULTS
from tests.conftest import procurement_input, ROOT, write

EXAMPLES = ["rfp-nevi-ev-charging", "rfp-bead-broadband-subgrant",
            "rfp-transit-construction-pla", "rfp-workforce-training-services", "procurement-rfp",
            "rfp-custodial-services", "ifb-public-works-sealed-bid"]


def example(name: str) -> dict:
    return yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text("utf-8"))


def base(**solicitation) -> dict:
    return {
        "kind": "procurement", "date": "2026-03-02",
        "agency": {"name": "City of Example"},
        "solicitation": {"number": "RFP 1", "title": "Janitorial services", "type": "services",
                         "funding_sources": ["local"], "evaluation_points": 100,
                         "location": {"state": "CA", "locality": "City of Example"},
                         **solicitation},
        "provisions": [
            {"clause": "living-wage", "mode": "require", "params": {"wage_floor": 22.5}},
            {"clause": "benefits", "mode": "incentivize", "points": 10,
             "params": {"employer_share": 80, "paid_leave_days": 12}},
            {"clause": "scheduling.incentivize", "points": 5, "params": {"notice_days": 14}},
            {"clause": "supportive-services", "mode": "encourage"},
        ],
    }


def build_md(cli, tmp_path: Path, data: dict, name: str = "rfp") -> str:
    f = write(tmp_path / f"{name}.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("-q", "build", f, "-o", tmp_path / "out", "-f", "md", "--force")
    assert run.code == 0, run.err
    return (tmp_path / "out" / f"{name}.md").read_text("utf-8")


# --------------------------------------------------------------------------- modes


def test_topic_and_mode_name_the_same_clause_as_the_full_id():
    m = procurement_input(base())
    assert [p.clause for p in m.provisions] == [
        "living-wage.require", "benefits.incentivize", "scheduling.incentivize",
        "supportive-services.encourage"]
    assert [p.how for p in m.provisions] == ["require", "incentivize", "incentivize",
                                             "encourage"]
    assert [p.clause for p in m.requirements] == ["living-wage.require"]
    assert [p.clause for p in m.encouraged] == ["supportive-services.encourage"]
    assert m.total_points == 15


@pytest.mark.parametrize("provision, words", [
    ({"clause": "living-wage.require", "mode": "incentivize", "points": 5},
     ["provisions.0.mode", "'require' version", "clause: living-wage"]),
    ({"clause": "living-wage"}, ["provisions.0.clause", "is a topic", "mode: require"]),
    ({"clause": "living-wage", "mode": "encourage", "points": 5},
     ["encouraged", "earns no points"]),
    ({"clause": "living-wage", "mode": "incentivize", "params": {"wage_floor": 24}},
     ["needs 'points:'"]),
    ({"clause": "living-wage", "mode": "incentivise", "points": 5}, ["provisions.0.mode"]),
])
def test_mode_mistakes_are_explained(provision, words):
    data = base()
    data["provisions"] = [provision]
    with pytest.raises(ValidationError) as exc:
        procurement_input(data)
    text = str(exc.value)
    for w in words:
        assert w in text, text


def test_a_topic_without_that_mode_lists_the_modes_it_has(cli, tmp_path):
    data = base()
    data["provisions"][1] = {"clause": "misclassification", "mode": "encourage"}
    f = write(tmp_path / "rfp.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("validate", f)
    assert run.code == 1
    assert "provisions[2].clause: there is no clause 'misclassification.encourage'" in run.err
    assert "'misclassification' comes as: require" in run.err
    assert "Traceback" not in run.err


def test_a_clause_without_modes_given_a_mode_is_pointed_back(cli, tmp_path):
    data = base(type="construction", funding_sources=["iija"])
    data["provisions"].append({"clause": "prevailing-wage.federal", "mode": "require"})
    f = write(tmp_path / "rfp.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("validate", f)
    assert run.code == 1
    assert "'prevailing-wage.federal' is a clause of its own: use it without a mode" in run.err


def test_encouraged_practices_are_explained_and_earn_no_points(cli, tmp_path):
    md = build_md(cli, tmp_path, base())
    assert "It contains three kinds of provisions:" in md
    assert "**Encouraged practices.**" in md and "earn no evaluation points" in md
    assert re.search(r"The encouraged practices in Section 3\.4 earn no points", md)
    assert "| Section 3.4 | Supportive services (encouraged) | Encouraged; not binding |" in md


# --------------------------------------------------------------------------- outputs


def headings(md: str) -> list[str]:
    return re.findall(r"^## (.+)$", md, re.MULTILINE)


def test_by_default_every_part_that_applies_is_produced(cli, tmp_path):
    hs = headings(build_md(cli, tmp_path, base()))
    assert hs == ["1 Purpose of this section", "2 Definitions", "3 Job quality provisions",
                  "4 Evaluation of job quality commitments",
                  "5 Reporting, records and remedies", "Form: Job quality certification",
                  "Exhibit: Job quality obligations of the Contract",
                  "Form: Monthly workforce compliance report", "Review notes"]


def test_no_evaluation_part_without_a_scored_provision(cli, tmp_path):
    data = base()
    data["provisions"] = [data["provisions"][0]]
    md = build_md(cli, tmp_path, data)
    assert "Evaluation of job quality commitments" not in md
    assert "Scored commitments" not in md


def test_only_the_parts_listed_are_produced(cli, tmp_path):
    data = base()
    data["outputs"] = ["rfp-section", "certification"]
    hs = headings(build_md(cli, tmp_path, data))
    assert "Form: Job quality certification" in hs
    assert not any(h.startswith(("4 Evaluation", "Exhibit", "Form: Monthly")) for h in hs)


def test_forms_alone_make_a_forms_document(cli, tmp_path):
    data = base()
    data["outputs"] = "workforce-report"
    md = build_md(cli, tmp_path, data)
    assert "# RFP 1 Janitorial services: Job Quality Forms\n" in md
    assert headings(md) == ["Form: Monthly workforce compliance report", "Review notes"]
    assert "[cross-reference" not in md


def test_the_contract_exhibit_alone_carries_the_provisions(cli, tmp_path):
    data = base()
    data["outputs"] = ["contract-exhibit"]
    md = build_md(cli, tmp_path, data)
    hs = headings(md)
    assert "3 Job quality provisions" not in hs and "2 Job quality provisions" in hs
    assert "Purpose of this section" not in md
    assert "[cross-reference" not in md


@pytest.mark.parametrize("outputs, words", [
    (["rfp-sections"], ["outputs.0", "'rfp-section'"]),
    (["evaluation", "rfp-section", "evaluation"], ["listed twice"]),
    (["certification"], ["'rfp-section' or 'contract-exhibit'"]),
])
def test_output_mistakes(outputs, words):
    data = base()
    data["outputs"] = outputs
    with pytest.raises(ValidationError) as exc:
        procurement_input(data)
    for w in words:
        assert w in str(exc.value), str(exc.value)


def test_evaluation_needs_a_scored_provision():
    data = base()
    data["provisions"] = [data["provisions"][0]]
    data["outputs"] = ["rfp-section", "evaluation"]
    with pytest.raises(ValidationError, match="no provision is scored"):
        procurement_input(data)


# --------------------------------------------------------------------------- the rubric


def is_blank(cell: str) -> bool:
    """A fill-in cell: empty, or only line breaks (a taller box to sign in)."""
    return cell.replace("<br>", "").strip() == ""


def table_after(md: str, header: str) -> list[list[str]]:
    """The body rows of the first Markdown table whose header row starts with ``header``."""
    lines = md.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip().strip("*").strip() for c in line.strip("|").split("|")])
    return rows


SCORED = [n for n in EXAMPLES if n not in ("procurement-rfp", "ifb-public-works-sealed-bid")]


@pytest.mark.parametrize("name", SCORED + ["base"])
def test_the_rubric_totals_add_up(cli, tmp_path, name):
    data = base() if name == "base" else example(name)
    model = procurement_input(data)
    md = build_md(cli, tmp_path, data, name)
    criteria = table_after(md, "| Provision | Scored commitment | Maximum points |")
    *rows, total = criteria
    assert total[0] == "Total"
    points = [int(r[2].replace(",", "")) for r in rows]
    assert points == [p.points for p in model.incentives]
    assert sum(points) == int(total[2].replace(",", "")) == model.commitment_points
    # a past record is a separate, so-named criterion, never a commitment
    record = table_after(md, "| Provision | Past-record criterion | Maximum points |") \
        if model.records else []
    assert [int(r[2]) for r in record[:-1]] == [p.points for p in model.records]
    assert model.commitment_points + model.record_points == model.total_points
    # the evaluators' score sheet lists the same maximums and the grand total
    sheet = table_after(md, "| Provision | Criterion | Maximum points | Points awarded |")
    assert [r[2] for r in sheet[:-1]] == [r[2] for r in rows + record[:-1]]
    assert int(sheet[-1][2]) == model.total_points
    assert all(is_blank(r[3]) and is_blank(r[4]) for r in sheet[:-1])  # for the evaluator
    # the share of the whole evaluation is stated correctly
    total_points = model.evaluation_points
    share = (Decimal(model.total_points) * 100 / total_points).quantize(Decimal("0.1"))
    text = f"{share.normalize():f}" if share != share.to_integral() else f"{int(share)}"
    assert (f"worth up to {model.total_points} points of the {total_points} points available "
            f"in the whole evaluation ({text}%)") in md
    # each scored incentive is named by its clause's own title
    from plankit.library import load_library

    lib = load_library()
    assert [r[1] for r in rows] == [lib.get(p.clause).meta.title for p in model.incentives]
    assert [r[1] for r in record[:-1]] == [lib.get(p.clause).meta.title for p in model.records]


def test_points_over_the_evaluation_total_are_flagged_in_the_draft(cli, tmp_path):
    data = base(evaluation_points=12)
    md = build_md(cli, tmp_path, data)
    assert "The job quality points (15) are more than the total points" in md
    assert "worth up to 15 points of the 12" not in md


# --------------------------------------------------------------------------- forms


def test_the_report_form_has_blank_rows_for_each_part(cli, tmp_path):
    data = base()
    data["provisions"] += [{"clause": "local-hire.encourage"}, {"clause": "safety.require"}]
    data["provisions"][-2]["clause"] = "local-hire.require"
    data["provisions"][-2]["params"] = {"labor_hour_percent": 20, "who_counts": "disadvantaged",
                                        "authority": "City Ordinance 12"}
    data["clause_params"] = {"procurement.workforce-report": {"rows": 5}}
    md = build_md(cli, tmp_path, data)
    form = md[md.index("## Form: Monthly workforce compliance report"):]
    hours = table_after(form, "| Employer (tier) |")
    blank = [r for r in hours if all(is_blank(c) for c in r)]
    assert len(blank) == 5 and [r[0] for r in hours[5:]] == ["Total this month",
                                                            "Total to date"]
    assert len(hours[0]) == 6  # no apprentice column: no apprenticeship provision
    for header in ("| Employer | Job title | Required wage |",
                   "| Employer | Job title | Local hires |",
                   "| Date | Employer | Job title | What happened |",
                   "| Signature of an officer of the Contractor |"):
        rows = table_after(form, header)
        assert rows and all(all(is_blank(c) for c in r) for r in rows), header
    assert "by the 10th day of the following month" in form


def test_the_certification_has_a_statement_per_provision_and_a_signature(cli, tmp_path):
    md = build_md(cli, tmp_path, base())
    form = md[md.index("## Form: Job quality certification"):md.index("## Exhibit")]
    assert table_after(form, "| Provision | Requirement |") == [
        ["Section 3.1", "Living wage", ""]]
    scored = table_after(form, "| Provision | Scored incentive |")
    assert [r[:3] for r in scored] == [
        ["Section 3.2", "Health coverage and paid leave commitment (scored)", "10"],
        ["Section 3.3", "Predictable schedules commitment (scored)", "5"]]
    assert [r[:2] for r in table_after(form, "| Provision | Encouraged practice |")] == [
        ["Section 3.4", "Supportive services (encouraged)"]]
    sig = table_after(form, "| Signature | Printed name and title | Date |")
    assert len(sig) == 1 and len(sig[0]) == 3 and all(is_blank(c) for c in sig[0])
    assert sig[0][0].count("<br>") == 2  # a taller box to sign in


def test_the_exhibit_lists_every_provision_with_its_status(cli, tmp_path):
    data = base()
    data["clause_params"] = {"procurement.compliance": {"report_day": 15, "cure_days": 10}}
    md = build_md(cli, tmp_path, data)
    ex = md[md.index("## Exhibit"):md.index("## Form: Monthly")]
    rows = table_after(ex, "| Provision | Title | Status under the Contract |")
    assert [r[2] for r in rows] == ["Requirement; binding",
                                    "Binding to the extent of the Contractor's commitment",
                                    "Binding to the extent of the Contractor's commitment",
                                    "Encouraged; not binding"]
    assert "Each month, by the 15th day" in ex and "Within 10 calendar days" in ex


def test_compliance_defaults_match_the_clause():
    from plankit.library import load_library

    meta = load_library().get("procurement.compliance").meta
    assert {k: meta.params[k].default for k in COMPLIANCE_DEFAULTS} == COMPLIANCE_DEFAULTS


# --------------------------------------------------------------------------- dates of rules


@pytest.mark.parametrize("name", EXAMPLES)
def test_rule_checks_go_to_the_memo_and_the_document_states_only_law_that_applies(
        cli, tmp_path, name):
    f = write(tmp_path / f"{name}.yaml", yaml.safe_dump(example(name), sort_keys=False))
    run = cli("-q", "build", f, "-o", tmp_path / "out", "-f", "md,memo-md")
    assert run.code == 0, run.err
    md = (tmp_path / "out" / f"{name}.md").read_text("utf-8")
    memo = (tmp_path / "out" / f"{name}.memo.md").read_text("utf-8")
    for words in ("Does not apply", "Result for this solicitation", "plankit",
                  "Consistency of the input", "Job quality points within the evaluation total"):
        assert words not in md, words
    assert "| Job quality points within the evaluation total | No issue found |" in memo
    assert "| June 10, 2025 |" in memo
    assert "Does not apply to this solicitation" not in memo


def test_a_final_document_carries_no_review_material(cli, tmp_path):
    data = base()
    data["draft"] = False
    data["agency"]["contact"] = {"name": "Pat Rivera", "email": "labor@example.gov"}
    md = build_md(cli, tmp_path, data)
    for words in ("Review note", "Draft", "June 10, 2025", "Result for this solicitation",
                  "plankit"):
        assert words not in md, words


def test_program_rules_are_stated_as_law_that_applies(cli, tmp_path):
    md = build_md(cli, tmp_path, example("rfp-bead-broadband-subgrant"), "bead")
    legal = md[md.index("Legal requirements that apply"):]
    assert "requirements of the Agency, not of the BEAD program" in legal
    assert "(NTIA, BEAD Restructuring Policy Notice (June 6, 2025))" in legal
    md = build_md(cli, tmp_path, example("rfp-nevi-ev-charging"), "nevi")
    legal = md[md.index("Legal requirements that apply"):]
    assert "each electrician who does that work must hold Electric Vehicle" in legal
    assert "installed, operated and maintained by qualified technicians" in legal
    assert "(23 CFR 680.106(j)" in legal


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("path, value, words", [
    (("solicitation", "evaluation_points"), "many", ["solicitation.evaluation_points",
                                                     "line "]),
    (("solicitation", "minimum_wage"), "cheap", ["solicitation.minimum_wage", "money"]),
    (("solicitation", "type"), "subaward", None),
    (("solicitation", "type"), "consulting", ["solicitation.type", "construction"]),
    (("provisions", 1, "mode"), "scored", ["provisions[2].mode", "incentivize"]),
    (("outputs",), ["exhibit"], ["outputs[1]", "contract-exhibit"]),
])
def test_bad_input_names_the_field(cli, tmp_path, path, value, words):
    data = copy.deepcopy(base())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    f = write(tmp_path / "rfp.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("validate", f)
    if words is None:
        assert run.code == 0, run.err
        return
    assert run.code == 1, run.out
    for w in words:
        assert w in run.err, run.err
    assert "Traceback" not in run.err
