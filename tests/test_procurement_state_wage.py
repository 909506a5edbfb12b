"""The state prevailing wage table: every state, DC and the territories with a source and
an as-of date; what it says about one solicitation; how the document and the memo state it;
and `plankit rules list`."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
import yaml

from plankit.models.common import FICTIONAL_STATES, STATES
from plankit.rules.state_wage import load_table
from tests.conftest import procurement_input, ROOT, write

REAL = sorted(set(STATES) - FICTIONAL_STATES)
"""The real states, DC and territories: the table has a row for each."""


def construction(state="PA", value=10_000_000, funds=("local",), **extra) -> dict:
    return {
        "kind": "procurement", "date": "2026-03-02",
        "agency": {"name": "City of Example"},
        "solicitation": {"number": "IFB 1", "title": "Fire station", "type": "construction",
                         "method": "sealed-bid", "estimated_value": value,
                         "funding_sources": list(funds), "location": {"state": state},
                         **extra},
        "provisions": [{"clause": "prevailing-wage.state"}],
    }


def said(data: dict) -> tuple[str, str]:
    model = procurement_input(data)
    facts = model.rule_facts()
    return facts["state_wage"]["applies"], facts["state_wage"]["reason"]


# --------------------------------------------------------------------------- the table


def test_the_table_has_a_row_for_every_state_dc_and_territory_with_source_and_date():
    table = load_table()
    assert sorted(r.code for r in table.states) == REAL
    for row in table.states:
        assert row.source.strip() and isinstance(row.as_of, dt.date), row.code
        assert row.verified == (row.status == "confirmed"), row.code
        if row.law == "yes":
            assert row.title and row.cite and row.agency, row.code


@pytest.mark.parametrize("code, check", [
    ("WY", lambda r: r.threshold.amount == 100000 and r.threshold.test == "at_least"
     and "27-4-401" in r.cite and r.owners == ["state"]),
    ("DC", lambda r: r.law == "no" and r.davis_bacon_direct and "3142(a)" in r.summary
     and "Living Wage Act" in r.note),
    ("TN", lambda r: r.limited and "highway" in r.limited and r.owners == ["state"]),
    ("VA", lambda r: r.owners == ["state"] and r.local_by_ordinance),
    ("NJ", lambda r: r.threshold_high.amount == 19375 and "July 1, 2024" in r.threshold_text),
    ("WV", lambda r: r.law == "repealed" and r.repealed == 2016 and "H.B. 4005" in r.cite),
    ("AR", lambda r: r.law == "repealed" and "Act 1068 of 2017" in r.cite),
    ("OK", lambda r: r.law == "no" and "918 P.2d 26" in r.summary),
    ("CO", lambda r: r.effective_from == dt.date(2021, 7, 1) and r.owners == ["state"]),
    ("NY", lambda r: "220-j" in r.payroll and "electronically" in r.payroll),
    ("WA", lambda r: "39.12.120" in r.payroll and "online" in r.payroll),
    ("PA", lambda r: r.cite == "43 P.S. 165-1 et seq." and r.threshold.amount == 25000
     and r.threshold.test == "more_than" and r.verified),
    ("MI", lambda r: r.law == "yes" and "2023 PA 10" in r.title),
    ("OR", lambda r: r.federal == "higher-of" and "137-049-0860(2)(e)" in r.federal_text),
    ("GU", lambda r: r.law == "not-verified" and not r.verified),
])
def test_rows_carry_the_researched_facts(code, check):
    assert check(load_table().get(code)), code


# --------------------------------------------------------------------------- one solicitation


@pytest.mark.parametrize("data, applies, words", [
    (construction("PA"), "yes", "over $25,000"),
    (construction("PA", 20_000), "no", "estimated at $20,000"),
    (construction("WA", 5000), "yes", "whatever their cost"),
    (construction("OK"), "no", "held unconstitutional"),
    (construction("AR"), "no", "repealed"),
    (construction("CO", 600_000, owner="local"), "no", "covers only state agencies"),
    (construction("CO", 600_000), "maybe", "does not say whether the Agency is one"),
    (construction("CO", 600_000, ("iija", "state"), owner="state"), "no", "federal funds"),
    (construction("VA", 300_000, ("state",), owner="local"), "maybe", "ordinance"),
    (construction("MN", 50_000, ("local",)), "no", "state funds"),
    (construction("MN", 50_000, ("state",)), "yes", "paid for in part with state funds"),
    (construction("MN", 10_000, ("state",)), "maybe", "different thresholds"),
    (construction("TN", owner="state"), "maybe", "state highway construction only"),
    (construction("GU"), "maybe", "not known"),
    (construction("PA", federal_acquisition=True), "no", "federal agency"),
    (construction("MI") | {"date": "2023-06-01"}, "no", "from February 13, 2024"),
])
def test_what_the_table_says_about_a_solicitation(data, applies, words):
    got, reason = said(data)
    assert got == applies and words in reason, reason


def test_service_contracts_are_noted_only_where_the_law_reaches_services():
    data = construction("WA")
    data["solicitation"]["type"] = "services"
    data["solicitation"]["method"] = "proposals"
    data["provisions"] = [{"clause": "living-wage.require", "params": {"wage_floor": 22}}]
    applies, reason = said(data)
    assert applies == "maybe" and "service contracts" in reason
    data["solicitation"]["location"]["state"] = "PA"
    assert said(data)[0] == "no"


def test_the_stricter_rate_is_stated_only_where_a_source_says_so():
    oregon = procurement_input(construction("OR", funds=("iija", "local")))
    [req] = [r for r in oregon.legal_requirements if r["title"] == "State prevailing wage law"]
    assert "higher of the two rates (OAR 137-049-0860(2)(e))" in req["statement"]
    assert req["source"] == "ORS 279C.800-279C.870"
    penn = procurement_input(construction("PA", funds=("iija", "local")))
    [req] = [r for r in penn.legal_requirements if r["title"] == "State prevailing wage law"]
    assert "higher" not in req["statement"]
    notes = {f.rule: f for f in penn.review_findings()}
    assert "ask counsel" in notes["state-and-federal-prevailing-wage"].message.lower()


def test_a_row_recorded_after_the_document_is_not_stated_as_fact():
    wyoming = construction("WY", 500_000, ("state",), owner="state")  # row read Dec. 3, 2026
    model = procurement_input(wyoming)
    assert "State prevailing wage law" not in [r["title"] for r in model.legal_requirements]
    later = procurement_input(wyoming | {"date": "2027-01-04"})
    assert "State prevailing wage law" in [r["title"] for r in later.legal_requirements]


# --------------------------------------------------------------------------- documents


def build(cli, tmp_path, data, name="ifb", formats="md,memo-md", final=False):
    f = write(tmp_path / f"{name}.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("-q", "build", f, "-o", tmp_path / "out", "-f", formats, "--force",
              *(["--final"] if final else []))
    assert run.code == 0, run.err
    md = (tmp_path / "out" / f"{name}.md").read_text("utf-8")
    memo_file = tmp_path / "out" / f"{name}.memo.md"
    return md, memo_file.read_text("utf-8") if memo_file.exists() else ""


def test_a_state_without_a_law_says_so_in_the_memo_and_not_in_the_document(cli, tmp_path):
    data = construction("OK")
    data["provisions"] = [{"clause": "safety.require"}]
    md, memo = build(cli, tmp_path, data)
    assert "prevailing wage" not in md.split("## Form")[0].lower()
    row = next(line for line in memo.splitlines() if line.startswith("| State prevailing wage law |"))
    assert "Does not apply" in row and "held unconstitutional" in row and "918 P.2d 26" in row


def test_a_state_law_is_cited_beside_davis_bacon_with_its_agency(cli, tmp_path):
    data = construction("PA", 48_000_000, ("iija", "local"), method="proposals",
                        method_authority="the Board's written determination")
    data["provisions"] = [{"clause": "prevailing-wage.federal"},
                          {"clause": "prevailing-wage.state"}]
    md, memo = build(cli, tmp_path, data)
    legal = md[md.index("Legal requirements that apply"):]
    assert "**Federal prevailing wage (Davis-Bacon)" in legal
    assert "The Pennsylvania Prevailing Wage Act applies to the Work" in legal
    assert "(43 P.S. 165-1 et seq.)" in legal
    assert "subject to the prevailing wage law of Pennsylvania: the Pennsylvania Prevailing " \
           "Wage Act, 43 P.S. 165-1 et seq." in md
    assert "Pennsylvania Department of Labor \\& Industry" in md
    assert "Read in: PA L\\&I, Prevailing Wage FAQs" in memo


@pytest.mark.parametrize("name", ["procurement-rfp", "rfp-transit-construction-pla",
                                  "rfp-nevi-ev-charging", "ifb-public-works-sealed-bid"])
def test_every_construction_example_cites_its_states_law(name):
    data = yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text("utf-8"))
    model = procurement_input(data)
    row = load_table().get(model.solicitation.location.state)
    assert model.solicitation.type == "construction" and row.law == "yes"
    assert model.selected("prevailing-wage.state")
    [req] = [r for r in model.legal_requirements if r["title"] == "State prevailing wage law"]
    assert req["source"] == row.cite


def test_every_construction_example_is_listed_above():
    names = set()
    for path in (ROOT / "examples").glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        if data.get("kind") == "procurement" and data["solicitation"]["type"] == "construction":
            names.add(path.stem)
    assert names == {"procurement-rfp", "rfp-transit-construction-pla",
                     "rfp-nevi-ev-charging", "ifb-public-works-sealed-bid"}


# --------------------------------------------------------------------------- rules list


def test_rules_list_shows_the_rules_and_the_table(cli):
    run = cli("rules", "list")
    assert run.code == 0, run.err
    assert "state-prevailing-wage: requirement; State prevailing wage law" in run.out
    assert "PA Pennsylvania: law; 43 P.S. 165-1 et seq.; over $25,000; as of January 1, 2023" \
        in run.out
    assert "OK Oklahoma: no law" in run.out and "WV West Virginia: repealed 2016" in run.out
    one = cli("rules", "list", "--state", "wa")
    assert one.out.startswith("WA Washington") and "source: " in one.out
    data = json.loads(cli("rules", "list", "--json").out)
    rows = data["state_prevailing_wage"]["states"]
    assert len(rows) == len(REAL) and all(r["source"] and r["as_of"] for r in rows)
    assert {r["id"] for r in data["procurement_rules"]["rules"]} >= {"state-prevailing-wage"}
    assert data["procurement_rules"]["programs"]["NEVI"].startswith("National Electric")
    bad = cli("rules", "list", "--state", "XY")
    assert bad.code == 2 and "not a state" in bad.err


def test_an_agency_rules_file_can_add_a_program(cli, tmp_path):
    rules = write(tmp_path / "r.yaml", "ruleset: procurement\nas_of: 2026-01-01\n"
                  "programs: {CFI: Charging and Fueling Infrastructure grants}\nrules: []\n")
    data = copy.deepcopy(construction("PA"))
    data["solicitation"]["program"] = "CFI"
    f = write(tmp_path / "in.yaml", yaml.safe_dump(data, sort_keys=False))
    assert cli("validate", f).code == 1
    assert cli("validate", f, "--rules", rules).code == 0
