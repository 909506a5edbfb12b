"""Procurement terms a bidder can price and a reviewer can sign off: sealed bids as well as
proposals, project labor agreements that state their model, findings, parties and referral,
provisions that agree (one payroll schedule, one records period, one name per party,
apprentices under a wage floor), enforceable hour goals, service contracts, local hire with
its legal basis, and a checked federal program."""

from __future__ import annotations

import copy
import re

import pytest
import yaml
from pydantic import ValidationError

from tests.conftest import procurement_input, ROOT, write


def example(name: str) -> dict:
    return yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text("utf-8"))


def rfp(*provisions: dict, **solicitation) -> dict:
    return {
        "kind": "procurement", "date": "2026-03-02",
        "agency": {"name": "City of Example"},
        "solicitation": {"number": "RFP 1", "title": "Library renovation",
                         "type": "construction", "estimated_value": 2_000_000,
                         "funding_sources": ["local"], "evaluation_points": 100,
                         "location": {"state": "GA"}, **solicitation},
        "provisions": list(provisions) or [{"clause": "safety.require"}],
    }


def build(cli, tmp_path, data, name="doc", final=False) -> tuple[str, str]:
    f = write(tmp_path / f"{name}.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("-q", "build", f, "-o", tmp_path / "out", "-f", "md,memo-md", "--force",
              *(["--final"] if final else []))
    assert run.code == 0, run.err
    out = tmp_path / "out"
    return ((out / f"{name}.md").read_text("utf-8"),
            (out / f"{name}.memo.md").read_text("utf-8") if not final else "")


def fails(data: dict, *words: str) -> None:
    with pytest.raises(ValidationError) as exc:
        procurement_input(data)
    for w in words:
        assert w in str(exc.value), str(exc.value)


# --------------------------------------------------------------------------- bids and proposals


def test_the_sealed_bid_example_speaks_of_bids_and_scores_nothing(cli, tmp_path):
    md, _ = build(cli, tmp_path, example("ifb-public-works-sealed-bid"), "ifb", final=True)
    assert not re.search(r"propos|point", md, re.IGNORECASE)
    assert "awarded to the lowest responsive and responsible Bidder" in md
    assert "**“Bid”** means a response to this invitation for bids." in md
    assert "Evaluation of job quality" not in md and "Score sheet" not in md
    assert "Each Bidder shall submit with its Bid" in md


@pytest.mark.parametrize("provision, words", [
    ({"clause": "benefits.incentivize", "points": 5, "params": {"employer_share": 80}},
     ["scored incentive", "sealed-bid", "method: proposals"]),
    ({"clause": "safety.record", "points": 5}, ["past-record criterion", "safety.responsibility"]),
])
def test_a_sealed_bid_invitation_refuses_points(provision, words):
    fails(rfp(provision, method="sealed-bid"), *words)
    procurement_input(rfp(provision, method="proposals"))


@pytest.mark.parametrize("written, method", [("IFB", "sealed-bid"), ("Sealed bids", "sealed-bid"),
                                             ("RFP", "proposals"), (None, "proposals")])
def test_methods_as_people_write_them(written, method):
    data = rfp() if written is None else rfp(method=written)
    assert procurement_input(data).solicitation.method == method


def test_an_unknown_method_is_explained():
    fails(rfp(method="auction"), "solicitation.method", "sealed-bid", "proposals")


def test_proposals_on_federally_funded_construction_state_their_authority(cli, tmp_path):
    data = rfp(funding_sources=["iija"], method="proposals",
               method_authority="the Board's written determination of March 1, 2026")
    md, _ = build(cli, tmp_path, data)
    assert ("awards this construction Contract by competitive proposals, on price and the "
            "other factors the solicitation states, under the Board's written determination"
            in md)


# --------------------------------------------------------------------------- programs


def test_an_unknown_program_is_an_error_with_a_suggestion(cli, tmp_path):
    fails(rfp(program="NEVY"), "solicitation.program", "did you mean 'NEVI'", "other")
    assert procurement_input(rfp(program="other")).solicitation.program == "other"
    model = procurement_input(rfp(program="bead"))
    assert model.solicitation.program == "BEAD"
    f = write(tmp_path / "p.yaml", yaml.safe_dump(rfp(program="CDBG"), sort_keys=False))
    run = cli("validate", f)
    assert run.code == 1 and "solicitation.program" in run.err and "line " in run.err


# --------------------------------------------------------------------------- PLAs


PLA = {"clause": "pla.require",
       "params": {"parties": ["the county building trades council"],
                  "joint_committee": "a joint committee that meets monthly",
                  "referral": "through the signatory unions' referral procedures",
                  "findings": ["The Project needs many crafts at once."],
                  "adopted_by": "Resolution 12"}}


def pla(model: str, **params) -> dict:
    p = copy.deepcopy(PLA)
    p["params"].update(model=model, **params)
    return p


def test_an_attached_agreement_is_priced_and_accepted_by_letter_of_assent(cli, tmp_path):
    md, _ = build(cli, tmp_path, rfp(pla("attached", agreement="the PLA in Attachment F"),
                                     method="sealed-bid"))
    assert "It is attached to this solicitation as the PLA in Attachment F" in md
    assert "shall price its Bid on the terms of the Project Labor Agreement" in md
    assert "a Letter of Assent signed by an officer" in md and "**“Letter of Assent”**" in md
    assert "The agreement sets up a joint committee that meets monthly" in md
    assert "referred to the Project through the signatory unions' referral procedures" in md
    assert "Findings supporting the requirement" in md and "adopted by Resolution 12" in md
    assert "1. The Project needs many crafts at once." in md
    assert "negotiate or become party" not in md


def test_a_contractor_negotiated_agreement_states_the_terms_bidders_price(cli, tmp_path):
    md, memo = build(cli, tmp_path, rfp(pla("contractor-negotiated",
                                            wage_basis="the area agreements' rates"),
                                        method="sealed-bid"))
    assert "its terms are stated here so that each Bidder can price them" in md
    assert "wages and fringe benefits at the area agreements' rates" in md
    assert "within 30 calendar days after notice of award" in md
    assert "the federal model" in memo  # the drafter is told an attached PLA prices better


def test_the_former_negotiated_by_setting_becomes_the_model():
    old = procurement_input(rfp({"clause": "pla.require",
                                               "params": {"negotiated_by": "agency"}}))
    assert old.provisions[0].params == {"model": "attached"}


def test_federal_pla_citations_are_dated_correctly():
    text = (ROOT / "src/plankit/data/procurement_rules.yaml").read_text("utf-8")
    assert "FAR subpart 22.5 (effective Jan. 22, 2024)" not in text
    assert "75 FR 19168, Apr. 13, 2010" in text and "88 FR 88708" in text
    body = (ROOT / "clauses/pla/require.md").read_text("utf-8")
    assert "Infrastructure Investment and Jobs Act\n    section: § 25019" not in body


def test_local_hire_refers_through_the_pla(cli, tmp_path):
    hire = {"clause": "local-hire.require",
            "params": {"labor_hour_percent": 20, "who_counts": "disadvantaged",
                       "referral_source": "the one-stop center",
                       "disadvantaged_criteria": ["receives public assistance"]}}
    md, _ = build(cli, tmp_path, rfp(pla("attached"), hire, funding_sources=["iija"],
                                     dot_grant=True, method="sealed-bid"))
    assert "Referral through the Project Labor Agreement" in md
    assert "so that the one-stop center can direct Targeted Workers to register" in md
    assert "First referral of job seekers" not in md
    assert "hired through these referral procedures, as that provision sets out" in md


# --------------------------------------------------------------------------- provisions agree


def test_one_payroll_schedule_and_one_records_period(cli, tmp_path):
    data = rfp({"clause": "prevailing-wage.federal"}, {"clause": "prevailing-wage.state",
                                                       "params": {"payroll_frequency": "monthly"}},
               {"clause": "living-wage.require",
                "params": {"wage_floor": 25, "apprentices": "registered-rate"}},
               funding_sources=["iija"], method="sealed-bid")
    model = procurement_input(data)
    assert model.payroll == {"certified": True, "frequency": "weekly", "days": 7,
                             "set_by": "prevailing-wage.federal"}
    md, _ = build(cli, tmp_path, data)
    assert "monthly" not in re.sub(r"monthly (report|workforce)", "", md.split("## Form")[0])\
        .replace("each monthly", "")
    assert "for at least 3 years after all Work is completed" in md
    assert "3 years after all Work is completed, or longer" not in md
    assert "(the federal weekly schedule governs where both apply)" in md
    state_only = procurement_input(rfp({"clause": "prevailing-wage.state",
                                                      "params": {"payroll_frequency": "biweekly"}}))
    assert state_only.payroll["frequency"] == "biweekly"


def test_services_need_no_certified_payroll_or_apprentice_terms(cli, tmp_path):
    md, _ = build(cli, tmp_path, example("rfp-custodial-services"), "custodial", final=True)
    for word in ("Certified Payroll", "Apprentice", "Davis-Bacon", "Labor Hours"):
        assert word not in md, word
    assert "### 3.1 Worker retention" in md
    assert "offer employment in writing to each covered worker" in md
    assert "Local and targeted hires" not in md and "Safety incidents" not in md


@pytest.mark.parametrize("choice, words", [
    ("registered-rate", "instead of the Wage Floor"),
    ("covered", "The Wage Floor applies to Apprentices as to every other Covered Worker"),
    (None, "[whether registered apprentices are paid the Wage Floor"),
])
def test_apprentices_under_a_wage_floor_are_an_explicit_choice(cli, tmp_path, choice, words):
    params = {"wage_floor": 25, **({"apprentices": choice} if choice else {})}
    md, _ = build(cli, tmp_path, rfp({"clause": "living-wage.require", "params": params},
                                     {"clause": "apprenticeship.registered.require",
                                      "params": {"labor_hour_percent": 15}},
                                     method="sealed-bid"))
    assert words in md.replace("\\", "")


def test_a_past_safety_record_is_its_own_criterion(cli, tmp_path):
    data = rfp({"clause": "safety.incentivize", "points": 5},
               {"clause": "safety.record", "points": 5, "params": {"years": 3}},
               method="proposals")
    md, _ = build(cli, tmp_path, data)
    plan = md[md.index("Site-specific safety plan commitment"):md.index("Past safety record")]
    assert "years before" not in plan and "a description of the Proposer's past record earns " \
                                            "no points here" in plan
    assert "| Provision | Past-record criterion | Maximum points |" in md
    assert "Part A. Scored commitments" in md and "Part B. Past record" in md
    assert "descriptions of past practice and commitments with conditions attached earn no " \
           "points under a commitment" in md


@pytest.mark.parametrize("short, fires", [("the Authority", True), ("the Agency", False),
                                          (None, False)])
def test_a_party_has_one_name(short, fires):
    data = rfp({"clause": "reporting.workforce-report",
                "params": {"submission_method": "the Authority's portal"}})
    if short:
        data["agency"]["short_name"] = short
    found = [f for f in procurement_input(data).findings()
             if f.rule == "party-names"]
    assert bool(found) == fires
    if fires:
        assert found[0].path == ("provisions", 0, "params", "submission_method")
        assert "write 'the Agency'" in found[0].fix


# --------------------------------------------------------------------------- goals


def test_hour_goals_have_milestones_a_corrective_plan_and_damages(cli, tmp_path):
    data = rfp({"clause": "apprenticeship.registered.require",
                "params": {"labor_hour_percent": 15}}, method="sealed-bid")
    data["clause_params"] = {"procurement.goals": {"milestone_share": 80,
                                                   "damages_per_hour": 40}}
    md, _ = build(cli, tmp_path, data)
    goals = md[md.index("Progress toward hour goals"):]
    assert "| Section 3.1 | 12% | 12% | 12% | 15% |" in goals
    assert "Corrective action plan" in goals and "$40.00 for each hour" in goals
    assert "progress is measured at the milestones in Section 4" in md
    form = md[md.index("## Form: Monthly workforce compliance report"):]
    assert "Progress toward hour goals" in form and "| Apprentice or other |" in form
    assert "Local and targeted hires" not in form


def test_no_goals_section_without_an_hour_goal(cli, tmp_path):
    md, _ = build(cli, tmp_path, rfp())
    assert "Progress toward hour goals" not in md


# --------------------------------------------------------------------------- local hire


def test_local_hire_states_its_legal_basis(cli, tmp_path):
    hire = {"clause": "local-hire.require", "params": {"labor_hour_percent": 20}}
    md, memo = build(cli, tmp_path, rfp(hire, method="sealed-bid"))
    assert "adopted under **[the state or local law, ordinance or policy" in md.replace("\\", "")
    memo = memo.replace("\\", "")
    assert "465 U.S. 208 (1984)" in memo and "who_counts: disadvantaged" in memo
    md, _ = build(cli, tmp_path, rfp(hire, funding_sources=["iija"], dot_grant=True,
                                     method="sealed-bid"))
    assert "This preference is used under section 25019(a)" in md
    hire["params"]["authority"] = "City Ordinance 7"
    md, _ = build(cli, tmp_path, rfp(hire, method="sealed-bid"))
    assert "This preference is adopted under City Ordinance 7." in md
