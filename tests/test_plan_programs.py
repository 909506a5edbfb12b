"""Plan types current in 2026: the program behind each plan type and its status as data, a
suspended or terminated program's plan that still builds and says so, dates held against
the plan's own date, BEAD subgrant rounds that state what federal law still requires apart
from the state's own choices, variants with their own required elements, and commitments
that come only from what the input chooses (with sensitive ones noted for the reviewer)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from plankit import api
from plankit.library import load_library
from plankit.models.plan import PLAN_TYPES, PlanSectionInput
from plankit.models.plan.commitments import commitment_kinds
from plankit.models.plan.registry import COMMITMENT_KINDS
from tests.conftest import ROOT, write

EXAMPLES = ROOT / "examples"
LIB = load_library(())
WORKFORCE = [k for k, p in PLAN_TYPES.items() if p.family == "workforce"]
PLAN_EXAMPLES = {
    "bead": "bead-subgrant-round-workforce", "digital-equity": "digital-equity-plan-workforce",
    "ev-charging": "nevi-ev-charging-workforce", "climate": "cprg-climate-workforce",
    "long-range-transportation": "lrstp-transportation-workforce",
    "stip": "stip-transportation-workforce", "safety-action": "safety-action-workforce",
    "education": "perkins-education-workforce",
    "housing": "housing-consolidated-plan-workforce",
    "economic-development": "ceds-economic-development-workforce",
    "resilience": "resilience-hazard-mitigation-workforce",
}


def example(stem: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"{stem}.yaml").read_text("utf-8"))


def model(data: dict) -> PlanSectionInput:
    return PlanSectionInput.model_validate(data)


def draft(tmp_path: Path, data: dict, name: str = "plan", final: bool = False):
    path = write(tmp_path / f"{name}.yaml", yaml.safe_dump(data, sort_keys=False))
    return api.draft(path, LIB, final=final).document


def md(doc) -> str:
    return api.render(doc, "md").decode("utf-8")


def memo(doc) -> str:
    return api.render(doc, "memo-md").decode("utf-8").replace("\\", "")


# --------------------------------------------------------------------------- the data


def test_every_plan_type_has_its_program_and_status():
    for key, p in PLAN_TYPES.items():
        prog = p.program_status
        assert prog is not None, key
        assert prog.as_of and prog.source in p.sources, key
        for e in prog.events:
            assert e.source in p.sources and e.text.startswith("On "), (key, e)
    assert PLAN_TYPES["digital-equity"].program_status.state == "terminated"
    assert PLAN_TYPES["bead"].program_status.state == "changed"
    nevi = PLAN_TYPES["ev-charging"].program_status
    assert [e.state for e in nevi.events] == ["suspended", "changed", "changed"]
    assert nevi.state_on(__import__("datetime").date(2025, 3, 1)) == "suspended"


def test_every_plan_type_of_the_workforce_family_has_an_example_dated_2026():
    assert set(PLAN_EXAMPLES) == set(WORKFORCE)
    for key, stem in PLAN_EXAMPLES.items():
        data = example(stem)
        assert data["plan"] == key and str(data["date"]).startswith("2026"), stem


def test_every_strategy_declares_the_commitments_its_text_makes():
    seen = set()
    for key in WORKFORCE:
        for s in PLAN_TYPES[key].all_strategies:
            if (s.id, s.common) in seen:
                continue
            seen.add((s.id, s.common))
            assert s.commits, f"{key}: {s.id} declares no commitment"
            assert set(s.commits) <= set(COMMITMENT_KINDS)
            assert commitment_kinds(s.text) == set(s.commits), (key, s.id, s.text)


def test_commitment_kinds_reads_the_verbs():
    assert commitment_kinds("{agency} will invest in data systems and report what they show.") \
        == {"fund", "measure"}
    assert commitment_kinds("{agency} will analyze the needs, and estimate the workers.") \
        == {"analyze"}
    assert commitment_kinds("Workers need to build the network.") == set()


# --------------------------------------------------------------------------- each strategy alone


def _base(plan: str) -> dict:
    return {"kind": "plan-section", "plan": plan, "date": "2026-06-01",
            "agency": {"name": "Example Agency", "short_name": "the Agency"},
            "jurisdiction": {"state": "ND"}, "plan_period": "2026-2030"}


def _commitments(text: str) -> set[str]:
    """Every sentence of a draft that says someone will do something."""
    out = set()
    for para in text.split("\n"):
        for sentence in re.split(r"(?<=[.!?])\s+", para.strip()):
            if re.search(r"\bwill\b", sentence):
                out.add(sentence)
    return out


def _strategy_cases():
    seen, cases = set(), []
    for key in WORKFORCE:
        for s in PLAN_TYPES[key].all_strategies:
            if s.common and s.id in seen:
                continue
            seen.add(s.id) if s.common else None
            cases.append((key, s.id))
    return cases


@pytest.fixture(scope="module")
def baselines(tmp_path_factory):
    out = {}
    tmp = tmp_path_factory.mktemp("base")
    for key in WORKFORCE:
        out[key] = _commitments(md(draft(tmp, _base(key), key)))
    return out


@pytest.mark.parametrize("plan, strategy", _strategy_cases())
def test_each_strategy_alone_adds_only_the_commitments_it_declares(tmp_path, baselines, plan,
                                                                    strategy):
    data = _base(plan) | {"strategies": [strategy]}
    added = _commitments(md(draft(tmp_path, data))) - baselines[plan]
    s = PLAN_TYPES[plan].strategy(strategy)
    text = s.text.format_map({"agency": "the Agency", "place": "North Dakota"})
    expected = {t[:1].upper() + t[1:] for t in re.split(r"(?<=[.!?])\s+", text)}
    assert added == expected, added ^ expected
    assert set().union(*(commitment_kinds(t) for t in added)) == set(s.commits)


def test_leaving_strategies_out_commits_to_none(tmp_path):
    text = md(draft(tmp_path, _base("ev-charging")))
    for s in PLAN_TYPES["ev-charging"].all_strategies:
        assert f"# {s.title}\n" not in text, s.title
        assert s.text.split("{agency} ")[1][:40] not in text, s.id
    assert "the workforce strategies the Plan commits to" in text  # a placeholder, no default


def test_a_measure_appears_only_when_chosen(tmp_path):
    data = example("digital-equity-plan-workforce")
    text = md(draft(tmp_path, data))
    assert "bargaining" not in text and "equity measures" not in text
    data["metrics"].append({"measure": "agreement-coverage", "target": 20,
                            "source": "Grantee reports", "disaggregation": ["county"]})
    text = md(draft(tmp_path, data))
    assert "track the shared measures in Section 8: digital skills certificates earned and " \
        "jobs covered by a bargaining" in text


# --------------------------------------------------------------------------- sensitive commitments


def _notes(doc, rule: str) -> list:
    return [r for r in doc.review if r.kind == "rule" and rule in (r.text + r.source)]


def test_union_commitments_in_a_wioa_funded_plan_are_noted(tmp_path):
    data = example("bead-subgrant-round-workforce")
    doc = draft(tmp_path, data)
    union = [r for r in doc.review if r.kind == "rule" and "181(b)(7)" in r.text]
    assert [r.field for r in union] == ["strategies[4]", "metrics[2]"]
    assert "Partnership with labor unions" in union[0].text
    assert "WIOA § 181(b)(7), 29 U.S.C. 3241(b)(7)" in union[0].source
    assert "181(b)(7)" in memo(doc)
    # no WIOA funds: no note, and the commitments stay in the plan as chosen
    for p in data["programs"]:
        p["funding"] = "state broadband funds"
    doc = draft(tmp_path, data)
    assert not [r for r in doc.review if "181(b)(7)" in r.text]
    assert "involve labor unions" in md(doc)


def test_equity_commitments_are_noted_where_the_program_no_longer_funds_them(tmp_path):
    data = example("safety-action-workforce")
    doc = draft(tmp_path, data)
    notes = [r for r in doc.review if r.kind == "rule" and "no longer scores equity" in r.text]
    assert len(notes) == 1 and "Voice for underrepresented residents" in notes[0].text
    data["date"] = "2025-03-27"  # before the fiscal year 2025 notice: no such rule yet
    doc = draft(tmp_path, data)
    assert not [r for r in doc.review if "no longer scores equity" in r.text]
    nevi = example("nevi-ev-charging-workforce")  # NEVI has no such rule
    assert "mobile-training" in nevi["strategies"]
    assert not [r for r in draft(tmp_path, nevi).review if "equity" in r.text.lower()
                and r.kind == "rule"]


def test_bead_state_terms_are_noted_and_stated_as_the_states_own(tmp_path):
    data = example("bead-subgrant-round-workforce")
    doc = draft(tmp_path, data)
    state = [r for r in doc.review if r.kind == "rule" and "bars requirements on subgrantees"
             in r.text]
    assert [r.field for r in state] == ["policy_tools[1]"]  # incentivized; encouraged is not
    text = md(draft(tmp_path, data, final=True))
    tools = text.split("## 8 ")[1].split("## 9 ")[0]
    assert "the tool is the Office's own choice, not a federal requirement" in tools
    data["policy_tools"] = []
    text = md(draft(tmp_path, data))
    assert "The Office sets no workforce or labor terms of its own for subgrantees" in text
    assert not [r for r in draft(tmp_path, data).review
                if r.kind == "rule" and "bars requirements" in r.text]


# --------------------------------------------------------------------------- status in the plan


def test_a_terminated_programs_plan_builds_says_so_and_the_memo_warns(tmp_path):
    data = example("digital-equity-plan-workforce")
    doc = draft(tmp_path, data, final=True)
    text = md(doc)
    assert "| Program status | Terminated on May 9, 2025 |" in text
    assert "On May 9, 2025, NTIA terminated the State Digital Equity Planning and Capacity " \
        "grants" in text
    assert "it does not seek funds under the program" in text
    assert "The program's grants were terminated before the date of this section" in text
    m = memo(doc)
    assert "Program status: Digital Equity Act grant programs (terminated on this plan's " \
        "date)" in m and "Issue found" in m
    assert "Digital Equity Act grant programs: terminated on May 9, 2025" in m


def test_status_is_stated_only_as_of_the_plans_date(tmp_path):
    data = example("digital-equity-plan-workforce")
    data["date"] = "2025-05-08"
    doc = draft(tmp_path, data)
    text = md(doc)
    assert "Terminated" not in text and "May 9, 2025" not in text
    assert not [r for r in doc.review if r.kind == "rule" and "terminated" in r.text]
    check = next(c for c in doc.checks if c.title.startswith("Program status"))
    assert check.outcome == "recorded"
    assert "After this plan's date (May 9, 2025), not cited" in check.detail
    assert "after this document's date" in check.confirm  # checked April 14, 2026


@pytest.mark.parametrize("day, state, warns", [
    ("2025-02-05", None, False), ("2025-03-01", "Suspended on February 6, 2025", True),
    ("2025-09-01", "Changed on August 11, 2025", False),
    ("2026-03-09", "Changed on January 23, 2026", False),
])
def test_nevi_status_follows_the_plans_date(tmp_path, day, state, warns):
    data = example("nevi-ev-charging-workforce") | {"date": day}
    m = model(data)
    assert m.status_text == (state or "")
    assert m.status_warns == warns
    assert bool([f for f in m.review_findings() if f.rule == "program-status"]) == warns


def test_an_unverified_status_is_not_stated_in_the_plan(tmp_path):
    cprg = model(example("cprg-climate-workforce"))
    assert cprg.status_events == [] and cprg.status_text == ""
    check = next(c for c in cprg.program_checks())
    assert not check["verified"] and "June 1, 2026" in check["detail"]


# --------------------------------------------------------------------------- BEAD


def test_the_bead_example_states_what_was_removed_and_what_remains(tmp_path):
    text = md(draft(tmp_path, example("bead-subgrant-round-workforce"), final=True))
    terms = text.split("## 3 What federal law requires of every subgrant")[1].split("## 4 ")[0]
    assert "as of February 9, 2026" in terms
    assert "certifies that it complies with federal labor and employment laws, in its " \
        "application" in terms
    assert "(47 U.S.C. 1702(h)(1)(A)(iv)(IV))" in terms and "(47 U.S.C. 1702(g)(2)(A)(i))" \
        in terms
    assert "| Prudent cybersecurity and supply chain risk management practices | 47 U.S.C. " \
        "1702(g)(1)(B) |" in terms
    assert "1702(h)(4)(B), (h)(5)(B)" in terms  # the low-cost option remains
    assert "### 3.3 Requirements removed on June 6, 2025" in terms
    assert "| The 2022 NOFO's climate resilience requirements | BEAD Restructuring Policy " \
        "Notice (June 6, 2025) |" in terms
    assert "NTIA) approved the State's Final Proposal on January 27, 2026" in terms
    req = text.split("## 2 ")[1].split("## 3 ")[0]
    assert "| Fair labor practices and labor standards in subgrantee selection" in req
    assert "| No longer required |" in req and "as of February 9, 2026" in req
    assert "Digital equity" not in text and "digital equity plans aim" not in text


def test_a_bead_round_without_the_labor_certification_warns_and_shows_a_blank(tmp_path, cli):
    data = example("bead-subgrant-round-workforce")
    del data["subgrant_round"]["labor_certification"]
    warnings = [f for f in model(data).findings() if f.rule == "required-element"]
    assert [f.path for f in warnings] == [("subgrant_round", "labor_certification")]
    assert "1702(h)(1)(A)(iv)(IV)" in warnings[0].source
    text = md(draft(tmp_path, data))
    assert "how and when each subgrantee certifies compliance with federal labor and " \
        "employment laws" in text
    assert not [f for f in model(example("bead-subgrant-round-workforce")).findings()]


def test_a_bead_round_dated_before_the_notice_cites_none_of_it(tmp_path):
    data = example("bead-subgrant-round-workforce") | {"date": "2025-05-01"}
    data["subgrant_round"] = {"labor_certification": "in its application"}
    text = md(draft(tmp_path, data))
    assert "June 6, 2025" not in text and "Restructuring" not in text
    assert "1702(g)(1)(B)" in text  # the statute itself is not dated


# --------------------------------------------------------------------------- variants


def test_elements_of_one_variant_apply_only_to_it():
    perkins = model(example("perkins-education-workforce"))
    ids = [e.id for e in perkins.elements]
    assert "perkins-consultation" in ids and "essa-coordination" not in ids
    assert perkins.variant_label == "Perkins V state plan"
    essa = model(example("perkins-education-workforce") | {"variant": "essa"})
    assert [e.id for e in essa.elements if e.status == "required"] == ["essa-coordination"]
    other = model(example("perkins-education-workforce") | {"variant": "other"})
    assert not [e for e in other.elements if e.status == "required"]


def test_section_3_is_required_in_a_consolidated_plan(tmp_path):
    data = example("housing-consolidated-plan-workforce")
    assert not model(data).findings()
    data["policy_tools"] = []
    warnings = model(data).findings()
    assert [(f.path, f.rule) for f in warnings] == [(("policy_tools",), "required-element")]
    assert "24 CFR part 75" in warnings[0].source
    data["variant"] = "other"
    assert not model(data).findings()


def test_a_grant_condition_is_called_so_and_warns_when_missing():
    data = example("cprg-climate-workforce")
    del data["labor_market"]
    del data["workforce_needs"]
    found = [f for f in model(data).findings() if f.rule == "grant-condition"]
    assert len(found) == 1 and found[0].path == ("labor_market",)
    assert "is a term of the Climate Pollution Reduction Grants" in found[0].message
    assert "not of 42 U.S.C. 7437" in found[0].source
