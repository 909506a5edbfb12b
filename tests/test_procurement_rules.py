"""Procurement domain rules: each rule fires when it should and stays quiet when it should
not; agency rule files change, add and turn off rules; the evaluator never runs code."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml

from plankit.rules import DATA_DIR, RULE_FILES, load_rules
from tests.conftest import procurement_input, ROOT, write


def base(state: str = "GA") -> dict:
    """A valid input that no rule fires on: a services contract with local funds, in a state
    the state prevailing wage table records as having no law."""
    return {
        "kind": "procurement",
        "date": "2026-03-02",
        "agency": {"name": "City of Example"},
        "solicitation": {
            "number": "RFP 1", "title": "Janitorial services", "type": "services",
            "estimated_value": 500000, "funding_sources": ["local"],
            "location": {"state": state, "locality": "City of Example"},
        },
        "provisions": [{"clause": "living-wage.require", "params": {"wage_floor": 22.5}}],
    }


def construction(value=10_000_000, funds=("local",), state="GA", **extra) -> dict:
    data = base(state)
    data["solicitation"].update(type="construction", estimated_value=value,
                                funding_sources=list(funds), **extra)
    return data


def sol(data: dict, **extra) -> dict:
    """The input with these solicitation fields changed."""
    data = copy.deepcopy(data)
    data["solicitation"].update(extra)
    return data


def add(data: dict, *provisions: dict) -> dict:
    data = copy.deepcopy(data)
    data["provisions"].extend(provisions)
    return data


def results(data: dict, book=None) -> dict:
    model = procurement_input(data)
    return {r.rule.id: r for r in model.rule_results_for(book or load_rules())}


def fired(data: dict, book=None) -> set[str]:
    return {rid for rid, r in results(data, book).items() if r.fired}


APPRENTICES_CHOSEN = add(construction(), {"clause": "apprenticeship.registered.require"})
APPRENTICES_CHOSEN["provisions"][0]["params"]["apprentices"] = "registered-rate"
APPRENTICE_12 = {"clause": "apprenticeship.registered.require",
                 "params": {"labor_hour_percent": 12.5}}
IRA = construction(funds=("ira-tax-credit",), construction_start="2024-03-01")

# rule id -> (an input it fires on, inputs it must not fire on)
CASES: dict[str, tuple[dict, list[dict]]] = {
    "pla-federal-construction": (
        construction(40_000_000, federal_acquisition=True),
        [construction(30_000_000, federal_acquisition=True),
         add(construction(40_000_000, federal_acquisition=True),
             {"clause": "pla.require", "params": {"federal": True}}),
         construction(40_000_000)]),
    "pla-federal-far-clauses": (
        add(construction(40_000_000, federal_acquisition=True), {"clause": "pla.require"}),
        [add(construction(40_000_000, federal_acquisition=True),
             {"clause": "pla.require", "params": {"federal": True}}),
         add(construction(40_000_000), {"clause": "pla.require"})]),
    "pla-large-project": (
        construction(40_000_000),
        [add(construction(40_000_000), {"clause": "pla.incentivize", "points": 5}),
         construction(34_999_999), construction(40_000_000, federal_acquisition=True)]),
    "davis-bacon-federal-construction": (
        construction(funds=("iija", "local")),
        [add(construction(funds=("iija",)), {"clause": "prevailing-wage.federal"}),
         construction(funds=("state",)), construction(1500, funds=("iija",)),
         base() | {"solicitation": base()["solicitation"] | {"funding_sources": ["iija"]}}]),
    "ira-apprenticeship-percent": (
        add(IRA, APPRENTICE_12),
        [add(construction(funds=("ira-tax-credit",), construction_start="2023-06-01"),
             APPRENTICE_12),
         add(IRA, {"clause": "apprenticeship.registered.require"}),
         add(construction(construction_start="2024-03-01"), APPRENTICE_12)]),
    "ira-construction-start": (
        construction(funds=("ira-tax-credit",)),
        [IRA, construction()]),
    "ira-apprenticeship-missing": (
        IRA,
        [add(IRA, {"clause": "prevailing-wage.ira"}),
         add(IRA, {"clause": "apprenticeship.registered.incentivize", "points": 5}),
         construction()]),
    "local-hire-federal-funds": (
        add(base() | {"solicitation": base()["solicitation"] | {"funding_sources":
                                                                ["federal-formula"]}},
            {"clause": "local-hire.require", "params": {"labor_hour_percent": 30}}),
        [add(construction(funds=("iija",), dot_grant=True),
             {"clause": "local-hire.require", "params": {"labor_hour_percent": 30}}),
         add(base() | {"solicitation": base()["solicitation"] | {"funding_sources":
                                                                 ["federal-formula"]}},
             {"clause": "local-hire", "mode": "encourage"}),
         add(base(), {"clause": "local-hire.require", "params": {"labor_hour_percent": 30}})]),
    "incentive-points-exceed-total": (
        add(base() | {"solicitation": base()["solicitation"] | {"evaluation_points": 10}},
            {"clause": "benefits.incentivize", "points": 15}),
        [add(base() | {"solicitation": base()["solicitation"] | {"evaluation_points": 100}},
             {"clause": "benefits.incentivize", "points": 15}),
         add(base(), {"clause": "benefits.incentivize", "points": 15})]),
    "living-wage-below-minimum": (
        base() | {"solicitation": base()["solicitation"] | {"minimum_wage": 25}},
        [base() | {"solicitation": base()["solicitation"] | {"minimum_wage": 16}}, base()]),
    "living-wage-below-prevailing": (
        base() | {"solicitation": base()["solicitation"] | {"prevailing_wage": 38}},
        [base() | {"solicitation": base()["solicitation"] | {"prevailing_wage": 20}}, base()]),
    "nevi-qualified-electricians": (
        base() | {"solicitation": base()["solicitation"] | {"program": " nevi "}},
        [base() | {"solicitation": base()["solicitation"] | {"program": "BEAD"}}, base()]),
    "pla-federal-construction-applies": (
        add(construction(40_000_000, federal_acquisition=True),
            {"clause": "pla.require", "params": {"federal": True}}),
        [construction(40_000_000, federal_acquisition=True),
         add(construction(40_000_000), {"clause": "pla.require"}),
         add(construction(30_000_000, federal_acquisition=True), {"clause": "pla.require"})]),
    "davis-bacon-applies": (
        add(construction(funds=("iija",)), {"clause": "prevailing-wage.federal"}),
        [construction(funds=("iija",)),
         add(construction(funds=("state",)), {"clause": "prevailing-wage.federal"}),
         add(construction(1500, funds=("iija",)), {"clause": "prevailing-wage.federal"})]),
    "ira-pwa-applies": (IRA, [construction(), base() | {"solicitation": base()["solicitation"]
                                                        | {"funding_sources": ["ira-tax-credit"]}}]),
    "local-hire-dot-construction": (
        add(construction(funds=("iija",), dot_grant=True),
            {"clause": "local-hire.require", "params": {"labor_hour_percent": 30}}),
        [construction(funds=("iija",), dot_grant=True),
         add(construction(funds=("iija",)),
             {"clause": "local-hire.require", "params": {"labor_hour_percent": 30}}),
         add(base() | {"solicitation": base()["solicitation"] | {"dot_grant": True}},
             {"clause": "local-hire.require", "params": {"labor_hour_percent": 30}})]),
    "pla-dot-prehire": (
        add(construction(funds=("iija",), dot_grant=True), {"clause": "pla.require"}),
        [construction(funds=("iija",), dot_grant=True),
         add(construction(funds=("iija",)), {"clause": "pla.require"})]),
    "district-davis-bacon": (
        construction(state="DC"),
        [add(construction(state="DC"), {"clause": "prevailing-wage.federal"}),
         base("DC"), construction(), construction(state="DC", federal_acquisition=True)]),
    "state-prevailing-wage": (
        construction(state="PA"),
        [construction(), base("PA"), construction(20_000, state="PA"),
         construction(state="PA", federal_acquisition=True),
         construction(state="CO", owner="local"), construction(state="GU")]),
    "state-prevailing-wage-coverage": (
        construction(state="CO"),
        [construction(state="PA"), construction(), construction(state="CO", owner="state"),
         base("PA")]),
    "state-prevailing-wage-provision": (
        construction(state="PA"),
        [add(construction(state="PA"), {"clause": "prevailing-wage.state"}), construction(),
         base("PA")]),
    "state-and-federal-prevailing-wage": (
        construction(funds=("iija",), state="PA"),
        [construction(funds=("iija",), state="OR"), construction(state="PA"),
         construction(funds=("iija",), state="CO", owner="state"),
         construction(funds=("iija",))]),
    "federal-construction-method": (
        construction(funds=("iija",)),
        [construction(funds=("iija",), method="sealed-bid"),
         construction(funds=("iija",), method_authority="the Board's written determination"),
         construction(), sol(base(), funding_sources=["iija"]),
         construction(funds=("iija",), federal_acquisition=True)]),
    "local-hire-residence": (
        add(base(), {"clause": "local-hire.require", "params": {"labor_hour_percent": 30}}),
        [add(base(), {"clause": "local-hire.require",
                      "params": {"labor_hour_percent": 30, "who_counts": "disadvantaged"}}),
         add(base(), {"clause": "local-hire.encourage"}), base()]),
    "living-wage-apprentices": (
        add(construction(), {"clause": "apprenticeship.registered.require"}),
        [construction(), base(), APPRENTICES_CHOSEN]),
    "program-federal-funds": (
        sol(base(), program="BEAD"),
        [sol(base(), program="BEAD", funding_sources=["iija"]),
         sol(base(), program="other"), base()]),
    "federal-nondisplacement-rescinded": (
        add(base(), {"clause": "worker-retention.require", "params": {"prior_months": 6}}),
        [add(base(), {"clause": "worker-retention.require"}) | {"date": "2025-06-01"},
         add(construction(), {"clause": "worker-retention.encourage"}), base()]),
    "bead-2025-restructuring": (
        base() | {"solicitation": base()["solicitation"] | {"program": "BEAD"}},
        [base() | {"date": "2025-01-15",
                   "solicitation": base()["solicitation"] | {"program": "BEAD"}},
         base()]),
}


def test_every_rule_is_tested_both_ways():
    book = load_rules()
    ids = {rule.id for rule, _, _ in book.get("procurement").rules}
    assert ids == set(CASES), "add a fires / does-not-fire case for each rule"


def test_the_base_input_fires_nothing():
    assert fired(base()) == set()


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires(rule_id):
    assert rule_id in fired(CASES[rule_id][0])


@pytest.mark.parametrize("rule_id, n", [(rid, n) for rid, (_, quiet) in sorted(CASES.items())
                                        for n in range(len(quiet))])
def test_rule_does_not_fire(rule_id, n):
    assert rule_id not in fired(CASES[rule_id][1][n])


def test_warnings_name_the_field_and_source():
    model = procurement_input(add(IRA, APPRENTICE_12))
    found = {f.rule: f for f in model.findings()}
    f = found["ira-apprenticeship-percent"]
    assert f.path == ("provisions", 1, "params", "labor_hour_percent")
    assert "12.5%" in f.message and "15%" in f.message and "2024" in f.message
    assert f.source.startswith("26 U.S.C. 45(b)(8)") and "as of June 10, 2025" in f.source
    assert "at least 15%" in f.fix


def test_the_pla_warning_states_its_litigation_status_and_date():
    found = results(construction(48_000_000, federal_acquisition=True))
    r = found["pla-federal-construction"]
    text = r.findings[0].message
    assert "$35,000,000" in text and "$48,000,000" in text
    assert "Status as of June 10, 2025" in text and "MVL USA" in text and "NABTU" in text


def test_notes_are_not_warnings_and_requirements_are_neither():
    model = procurement_input(construction(40_000_000))
    assert model.findings() == []
    assert [f.rule for f in model.review_findings()] == ["pla-large-project"]
    assert {f.severity for f in model.review_findings()} == {"note"}
    nevi = procurement_input(sol(base(), program="NEVI",
                                               funding_sources=["federal-formula"]))
    assert nevi.findings() == [] and nevi.review_findings() == []
    assert [r["title"] for r in nevi.legal_requirements] == [
            "Qualified technicians and electricians on NEVI-funded chargers"]


def test_outcomes_say_what_a_check_found_not_that_a_rule_does_not_apply():
    got = results(construction(funds=("iija",)))
    assert got["davis-bacon-federal-construction"].outcome() == "issue found"
    assert got["davis-bacon-applies"].outcome() == "does not apply"
    assert got["incentive-points-exceed-total"].outcome() == "no issue found"
    got = results(add(construction(funds=("iija",)), {"clause": "prevailing-wage.federal"}))
    assert got["davis-bacon-federal-construction"].outcome() == "no issue found"
    assert got["davis-bacon-applies"].outcome() == "applies"


def test_a_rule_outside_its_effective_dates_is_reported_as_such():
    data = construction(40_000_000, federal_acquisition=True) | {"date": "2023-05-01"}
    r = results(data)["pla-federal-construction"]
    assert not r.in_effect and not r.fired
    assert r.outcome() == "not in effect"


def test_every_rule_has_a_title_and_date_and_volatile_rules_have_a_status():
    book = load_rules()
    for rule, _, as_of in book.get("procurement").rules:
        assert rule.title and isinstance(as_of, dt.date)
        if rule.id.startswith(("pla-federal-construction", "bead-")):
            assert rule.status, rule.id


def test_the_rules_file_ships_inside_the_package():
    path = DATA_DIR / RULE_FILES["procurement"]
    assert path.is_file()
    assert path.resolve().is_relative_to((ROOT / "src" / "plankit").resolve())
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'packages = ["src/plankit"]' in pyproject  # the wheel takes the whole package


# --------------------------------------------------------------------------- overrides


def rules_file(tmp_path: Path, text: str) -> Path:
    return write(tmp_path / "agency-rules.yaml", text)


def test_an_agency_file_turns_off_changes_and_adds_rules(tmp_path):
    f = rules_file(tmp_path, """\
ruleset: procurement
as_of: 2026-02-01
rules:
  - id: davis-bacon-federal-construction
    enabled: false
  - id: pla-large-project
    values: {threshold: 5000000}
  - id: city-minimum-points
    title: Job quality worth at least 20 points
    source: City procurement policy 4.2
    when: {field: incentive_points, less_than: 20}
    path: provisions
    message: "Job quality incentives add up to {incentive_points} points; City policy asks for 20."
""")
    book = load_rules([f])
    data = construction(funds=("iija",))  # $10 million: below the package threshold
    got = results(data, book)
    assert not got["davis-bacon-federal-construction"].fired
    assert got["davis-bacon-federal-construction"].outcome() == "turned off"
    assert got["pla-large-project"].fired and got["pla-large-project"].origin == f.name
    assert got["pla-large-project"].as_of == dt.date(2026, 2, 1)
    assert got["city-minimum-points"].fired
    assert "0 points" in got["city-minimum-points"].findings[0].message
    basis = book.basis("procurement")
    assert basis["overridden"] and basis["sources"][1]["name"] == "agency-rules.yaml"
    # the package rules are untouched for the next run
    assert "davis-bacon-federal-construction" in fired(data)


@pytest.mark.parametrize("text, words", [
    ("ruleset: procurement\nrules: []\n", ["as_of", "required"]),
    ("ruleset: payroll\nas_of: 2026-01-01\nrules: []\n", ["line 1", "ruleset", "procurement"]),
    ("ruleset: procurement\nas_of: 2026-01-01\nrules:\n  - id: new-rule\n    title: x\n",
     ["line 4", "rules[1]", "message"]),
    ("ruleset: procurement\nas_of: 2026-01-01\nrules:\n  - id: x\n    title: x\n"
     "    message: m\n    when: {field: a.b, equals: 1, less_than: 2}\n",
     ["rules[1].when", "exactly one test"]),
    ("ruleset: procurement\nas_of: 2026-01-01\nrules:\n  - id: x\n    title: x\n"
     "    message: m\n    when: {feild: a.b, equals: 1}\n", ["feild", "did you mean 'field'"]),
    ("ruleset: procurement\nas_of: 2026-01-01\nrules:\n  - id: x\n    title: x\n"
     "    message: m\n    when: {field: \"a.b; import os\", equals: 1}\n",
     ["rules[1].when.field", "not a field path"]),
    ("ruleset: procurement\nas_of: 2026-01-01\nrules:\n  - id: x\n    title: x\n"
     "    message: \"{a|shout}\"\n", ["unknown format"]),
    ("ruleset: procurement\nas_of: 2026-01-01\nrules:\n  - title: no id\n", ["rules[1]", "id"]),
])
def test_a_bad_rules_file_is_refused_with_the_line_and_field(tmp_path, text, words):
    from plankit.errors import InputError

    f = rules_file(tmp_path, text)
    with pytest.raises(InputError) as exc:
        load_rules([f])
    shown = exc.value.format_message()
    for w in words:
        assert w in shown, shown


def test_the_evaluator_reads_data_only(tmp_path):
    f = rules_file(tmp_path, """\
ruleset: procurement
as_of: 2026-01-01
rules:
  - id: probe
    title: probe
    message: "{agency.name.__class__} {agency.__dict__} {solicitation.title}"
""")
    got = results(base(), load_rules([f]))["probe"]
    assert got.findings[0].message == "[not given] [not given] Janitorial services"


# --------------------------------------------------------------------------- command line


def test_rules_option_on_validate_and_build(cli, tmp_path):
    f = rules_file(tmp_path, """\
ruleset: procurement
as_of: 2026-02-01
rules:
  - id: living-wage-floor-city
    title: City living wage floor
    each_provision: "living-wage.*"
    when: {field: provision.params.wage_floor, less_than: 23}
    path: provision.params.wage_floor
    message: "{provision.clause} sets {provision.params.wage_floor|money}, below the City's $23.00."
""")
    data = base()
    inp = write(tmp_path / "rfp.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("validate", inp, "--rules", f)
    assert run.code == 0, run.err
    assert "provisions[1].params.wage_floor: living-wage.require sets $22.50" in run.out
    assert cli("validate", inp).out.count("warning") == 0
    run = cli("-q", "build", inp, "--rules", f, "-o", tmp_path / "out", "-f", "md,memo-md")
    assert run.code == 0, run.err
    md = (tmp_path / "out" / "rfp.md").read_text("utf-8")
    assert "agency-rules.yaml" not in md  # rule files are the memo's business
    memo = (tmp_path / "out" / "rfp.memo.md").read_text("utf-8")
    assert "| City living wage floor | (changed by agency-rules.yaml) | February 1, 2026 | " \
           "Issue found |" in memo
    assert "| June 10, 2025 |" in memo
    assert cli("validate", inp, "--rules", f, "--strict").code == 1


def test_a_missing_rules_file_is_an_input_error(cli, tmp_path):
    inp = write(tmp_path / "rfp.yaml", yaml.safe_dump(base(), sort_keys=False))
    run = cli("build", inp, "--rules", tmp_path / "nope.yaml", "-o", tmp_path / "out")
    assert run.code == 1 and "nope.yaml" in run.err and "Traceback" not in run.err
    assert not (tmp_path / "out").exists()


def test_examples_are_clean_under_the_rules():
    for name in ("rfp-nevi-ev-charging", "rfp-bead-broadband-subgrant",
                 "rfp-transit-construction-pla", "rfp-workforce-training-services",
                 "procurement-rfp", "rfp-custodial-services", "ifb-public-works-sealed-bid"):
        data = yaml.safe_load((ROOT / "examples" / f"{name}.yaml").read_text("utf-8"))
        assert procurement_input(data).findings() == [], name
