"""Plan types: the registry and its data file, `plankit plans`, a starter for every plan type
that builds, bad plan fields reported at their field path, the domain checks (findings), and
the self-assessment ratings that drive the WIOA state plan section."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml

from plankit.compose.outline import load_outline, outline_clause_ids
from plankit.models.plan import PLAN_TYPES, PlanSectionInput
from plankit.models.plan.registry import PLAN_SPECIFIC_FIELDS, SHARED_FIELDS
from tests.conftest import ROOT, write

EXAMPLES = ROOT / "examples"
NEW_EXAMPLES = ["wioa-state-sector-strategy", "bead-subgrant-round-workforce",
                "nevi-ev-charging-workforce", "cprg-climate-workforce"]


def example(stem: str) -> dict:
    return yaml.safe_load((EXAMPLES / f"{stem}.yaml").read_text("utf-8"))


def dump(tmp_path: Path, data: dict, name: str = "plan.yaml") -> Path:
    return write(tmp_path / name, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def change(data: dict, path: tuple, value=None, *, delete: bool = False) -> dict:
    data = copy.deepcopy(data)
    target = data
    for part in path[:-1]:
        target = target[part]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def build_md(cli, path: Path, out: Path, *extra: str):
    run = cli("build", path, "-o", out, "-f", "md", "--force", *extra)
    return run, (out / f"{path.stem}.md")


# --------------------------------------------------------------------------- registry


def test_the_registry_has_the_seed_plan_types_and_both_wioa_plans():
    assert set(PLAN_TYPES) == {
        "wioa-local", "wioa-state", "bead", "digital-equity", "ev-charging",
        "long-range-transportation", "stip", "climate", "safety-action", "education",
        "housing", "economic-development", "resilience"}
    for p in PLAN_TYPES.values():
        assert p.program and p.agency and p.frequency and p.as_of
        assert p.strategies, f"{p.id} has no strategies of its own"
        assert p.elements, f"{p.id} says nothing about required or recommended elements"


def test_every_element_points_at_a_section_its_outline_has():
    for p in PLAN_TYPES.values():
        ids = set(outline_clause_ids(load_outline(p.outline)))
        for e in p.elements:
            assert e.section in ids, f"{p.id}: {e.id} points at {e.section}"
            assert e.source in p.sources


def test_policy_that_changed_carries_its_date():
    bead = PLAN_TYPES["bead"]
    assert str(bead.as_of) == "2026-02-09"
    assert {e.status for e in bead.elements if "NOFO" in (e.cite or "")} == {"removed"}
    assert [e.id for e in bead.required] == ["labor-law-certification", "legal-compliance"]
    assert all(e.cite.startswith("47 U.S.C. 1702") for e in bead.required)
    state = PLAN_TYPES["wioa-state"]
    assert str(state.as_of) == "2026-01-26"
    assert any("April 30, 2026" in n.text for n in state.notes)
    nevi = PLAN_TYPES["ev-charging"]
    assert [e.has for e in nevi.required] == ["qualified-electricians"]


def test_the_data_file_ships_inside_the_package():
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'packages = ["src/plankit"]' in pyproject
    assert (ROOT / "src" / "plankit" / "data" / "plan_types.yaml").is_file()


def test_family_fields_and_shared_fields_are_input_fields():
    fields = set(PlanSectionInput.model_fields)
    assert PLAN_SPECIFIC_FIELDS <= fields and SHARED_FIELDS <= fields


# --------------------------------------------------------------------------- plans command


def test_plans_lists_every_plan_type(cli):
    run = cli("plans")
    assert run.code == 0
    for key, p in PLAN_TYPES.items():
        assert re.search(rf"^{re.escape(key)}\s+{p.program_status.state}\s+"
                         rf"{re.escape(p.name)} \(as of {p.as_of}\)", run.out, re.MULTILINE), key
    assert re.search(r"^digital-equity\s+terminated\s", run.out, re.MULTILINE)
    flat = " ".join(run.out.split())
    assert "status: terminated since 2025-05-09 (checked 2026-04-14, not verified" in flat
    assert "plankit new plan-section --plan" in run.out


def test_plans_json_is_for_scripts(cli):
    run = cli("plans", "--json")
    assert run.code == 0
    rows = json.loads(run.out)
    assert [r["id"] for r in rows] == list(PLAN_TYPES)
    for r in rows:
        assert set(r) == {"id", "name", "program", "agency", "frequency", "as_of", "status",
                          "status_label", "status_since", "status_what", "status_as_of",
                          "status_source", "status_verified", "status_checked_in"}
        assert r["status"] in ("active", "changed", "suspended", "terminated"), r["id"]
        assert r["status_as_of"] and r["status_source"], r["id"]
    by_id = {r["id"]: r for r in rows}
    assert by_id["bead"]["as_of"] == "2026-02-09"
    assert by_id["bead"]["status"] == "changed" and by_id["bead"]["status_since"] == "2025-06-06"
    assert "BEAD Restructuring Policy Notice" in by_id["bead"]["status_source"]
    de = by_id["digital-equity"]
    assert (de["status"], de["status_since"]) == ("terminated", "2025-05-09")
    assert "termination letters (May 9, 2025)" in de["status_source"]
    assert by_id["ev-charging"]["status_since"] == "2026-01-23"


# --------------------------------------------------------------------------- starters


@pytest.mark.parametrize("plan", list(PLAN_TYPES))
def test_every_plan_type_builds_from_its_starter(cli, tmp_path, plan):
    starter = tmp_path / f"{plan}.yaml"
    run = cli("new", "plan-section", "--plan", plan, "-o", starter)
    assert run.code == 0, run.err
    text = starter.read_text("utf-8")
    assert f"plan: {plan}" in text
    assert ">>>" not in text and "<<<" not in text
    checked = cli("validate", starter)
    assert checked.code == 0, checked.err
    assert "warning" not in checked.out, checked.out  # the starters pass every domain check
    built = cli("build", starter, "-o", tmp_path / "out", "-f", "md,docx,html")
    assert built.code == 0, built.err
    md = (tmp_path / "out" / f"{plan}.md").read_text("utf-8")
    assert "Required and recommended elements" in md
    import yaml
    dated = yaml.safe_load(text)["date"]
    # the status of the elements is stated as of the registry's date, unless that date is
    # after the plan's own (nothing dated after a document is cited in it as fact)
    stated = f"as of {_long(PLAN_TYPES[plan].as_of)}" in md
    assert stated == (PLAN_TYPES[plan].as_of <= dated), (dated, PLAN_TYPES[plan].as_of)
    assert "Shared measures" in md
    assert "{{" not in md and "None" not in md


def test_a_starter_lists_the_plan_types_own_strategies(cli):
    run = cli("new", "plan-section", "--plan", "housing")
    for s in PLAN_TYPES["housing"].strategies:
        assert f"  - {s.id}\n" in run.out
    assert "small-business-capacity" in run.out  # the common ones, as comments
    nevi = cli("new", "plan-section", "--plan", "nevi")  # an alias
    assert "plan: ev-charging" in nevi.out and "tool: qualified-electricians" in nevi.out
    climate = cli("new", "plan-section", "--plan", "cprg")
    assert "climate_plan: ccap" in climate.out
    lrstp = cli("new", "plan-section", "--plan", "long-range-transportation")
    assert "plan_period: 2026-2045" in lrstp.out


def test_new_without_plan_is_unchanged(cli):
    run = cli("new", "plan-section")
    assert run.code == 0
    assert run.out == (ROOT / "src/plankit/starters/plan-section.yaml").read_text("utf-8")


def test_new_plan_mistakes_are_usage_errors(cli):
    run = cli("new", "plan-section", "--plan", "nevvi")
    assert run.code == 2
    assert "'nevvi' is not a plan type" in run.err and "did you mean 'ev-charging'" in run.err
    other = cli("new", "procurement", "--plan", "wioa-state")
    assert other.code == 2 and "--plan applies only to plan-section" in other.err


# --------------------------------------------------------------------------- bad input


def _fails(cli, tmp_path, data, *words):
    path = dump(tmp_path, data)
    run = cli("build", path, "-o", tmp_path / "out", "-f", "md")
    text = run.err + run.out
    assert run.code == 1, text
    assert "Traceback" not in text
    for w in words:
        assert w in text, f"{w!r} not in:\n{text}"
    assert not (tmp_path / "out" / "plan.md").exists()
    return text


BAD_CASES = {
    "unknown plan type": (
        "bead-subgrant-round-workforce", ("plan",), "broadbnd",
        ["plan: 'broadbnd' is not a plan type", "did you mean 'bead'"]),
    "a WIOA field in a BEAD subgrant round": (
        "bead-subgrant-round-workforce", ("performance",), {"program_years": "PY2026"},
        ["performance: is not part of a BEAD subgrant round"]),
    "a climate field in a BEAD subgrant round": (
        "bead-subgrant-round-workforce", ("climate_plan",), "ccap",
        ["climate_plan: is not part of a BEAD subgrant round"]),
    "a variant on a plan type without variants": (
        "bead-subgrant-round-workforce", ("variant",), "perkins",
        ["variant: is not part of a BEAD subgrant round"]),
    "an unknown variant": (
        "perkins-education-workforce", ("variant",), "perkns",
        ["variant: 'perkns' is not a kind of state education plan", "did you mean 'perkins'"]),
    "a subgrant round outside BEAD": (
        "cprg-climate-workforce", ("subgrant_round",), {"name": "Round 1"},
        ["subgrant_round: is not part of a climate action plan"]),
    "missing agency": (
        "nevi-ev-charging-workforce", ("agency",), None,
        ["agency: is required in an EV charging plan"]),
    "missing capabilities": (
        "wioa-state-sector-strategy", ("capabilities",), None,
        ["capabilities: is required in a WIOA state plan"]),
    "bad rating": (
        "wioa-state-sector-strategy", ("capabilities", "policy", "rating"), "establshed",
        ["capabilities.policy.rating: 'establshed' is not a rating",
         "did you mean 'established'"]),
    "missing rating": (
        "wioa-state-sector-strategy", ("capabilities", "industry_data", "rating"), None,
        ["capabilities.industry_data.rating"]),
    "bad administrative policy": (
        "wioa-state-sector-strategy", ("policies_in_place",), ["local-guidance", "grant"],
        ["policies_in_place: 'grant' is not an administrative policy"]),
    "a strategy of another plan type": (
        "bead-subgrant-round-workforce", ("strategies",), ["entry-pathways", "fleet-training"],
        ["strategies: 'fleet-training' is not a strategy of a BEAD subgrant round"]),
    "misspelled strategy": (
        "cprg-climate-workforce", ("strategies",), ["training-gap"],
        ["did you mean 'training-gaps'"]),
    "bad policy tool": (
        "nevi-ev-charging-workforce", ("policy_tools", 1, "tool"), "heat-policy",
        ["policy_tools[2].tool: 'heat-policy' is not a policy tool"]),
    "wage on the wrong tool": (
        "nevi-ev-charging-workforce", ("policy_tools", 1, "wage"), 20,
        ["policy_tools[2]: 'wage' applies only to the living-wage tool"]),
    "bad meeting cadence": (
        "cprg-climate-workforce", ("partnership", "meeting_cadence"), "sometimes",
        ["partnership.meeting_cadence: 'sometimes' is not a meeting cadence"]),
    "percent target over 100": (
        "cprg-climate-workforce", ("metrics", 0, "target"), 120,
        ["metrics[1]: the target is 120, but the unit is percent"]),
    "unknown standard measure": (
        "cprg-climate-workforce", ("metrics", 0, "measure"), "happiness",
        ["metrics[1]: 'happiness' is not a standard measure"]),
    "bad plan period": (
        "cprg-climate-workforce", ("plan_period",), "2026 to soon",
        ["plan_period: '2026 to soon' is not written like a span of years"]),
    "plan period backwards": (
        "nevi-ev-charging-workforce", ("plan_period",), "2030-2026",
        ["plan_period: ends with 2026, before it starts (2030)"]),
    "program for a strategy the plan lacks": (
        "bead-subgrant-round-workforce", ("programs", 0, "strategy"), "fleet-training",
        ["programs: program 1 ('Fiber Optic Technician Pre-Apprenticeship') names strategy "
         "'fleet-training'"]),
    "bad program type": (
        "nevi-ev-charging-workforce", ("programs", 0, "type"), "bootcamp",
        ["programs[1].type: 'bootcamp' is not a program type"]),
    "bad climate plan": (
        "cprg-climate-workforce", ("climate_plan",), "ccp",
        ["climate_plan: 'ccp' is not a kind of climate plan"]),
    "bad partnership quality use": (
        "wioa-state-sector-strategy", ("partnership_quality", "uses"), ["grants"],
        ["partnership_quality.uses: 'grants' is not a use"]),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_plan_fields_are_reported_at_their_path(cli, tmp_path, case):
    stem, path, value, words = BAD_CASES[case]
    data = change(example(stem), path, value, delete=value is None)
    text = _fails(cli, tmp_path, data, *words)
    assert re.search(r"line \d+: ", text) or "missing" in text or "required" in text


def test_the_line_number_points_at_the_field(cli, tmp_path):
    data = example("bead-subgrant-round-workforce")
    data["performance"] = {"program_years": "PY2026"}
    path = dump(tmp_path, data)
    lines = path.read_text("utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("performance:"))
    text = _fails(cli, tmp_path, data)
    assert f"line {line}: performance: is not part of a BEAD subgrant round" in text


# --------------------------------------------------------------------------- findings


def _warnings(cli, path: Path) -> list[str]:
    run = cli("validate", path)
    assert run.code == 0, run.err
    return [line.strip() for line in run.out.splitlines() if line.strip().startswith("warning:")]


@pytest.mark.parametrize("stem", ["wioa-local-plan"] + NEW_EXAMPLES)
def test_the_examples_pass_every_domain_check(cli, stem):
    assert _warnings(cli, EXAMPLES / f"{stem}.yaml") == []


def test_a_missing_required_element_is_a_warning_and_strict_refuses(cli, tmp_path):
    data = example("nevi-ev-charging-workforce")
    data["policy_tools"] = [t for t in data["policy_tools"]
                            if t["tool"] != "qualified-electricians"]
    path = dump(tmp_path, data)
    warnings = _warnings(cli, path)
    assert len(warnings) == 1
    assert re.search(r"line \d+: policy_tools: qualified workforce: .* is required in an EV "
                     r"charging plan as of January 23, 2026", warnings[0]), warnings
    assert "add 'policy_tools' with 'qualified-electricians'" in warnings[0]
    assert "23 CFR 680.106(j)" in warnings[0]
    strict = cli("build", path, "-o", tmp_path / "out", "-f", "md", "--strict")
    assert strict.code == 1 and "--strict" in strict.err
    assert not (tmp_path / "out" / "plan.md").exists()
    run, md = build_md(cli, path, tmp_path / "out")
    assert run.code == 0
    assert "a section that meets this requirement: Qualified workforce" in md.read_text("utf-8")


def test_a_ccap_needs_a_workforce_planning_analysis(cli, tmp_path):
    data = example("cprg-climate-workforce")
    del data["labor_market"]
    warnings = _warnings(cli, dump(tmp_path, data))
    assert any("labor_market: a workforce planning analysis" in w for w in warnings), warnings
    data["climate_plan"] = "pcap"  # a priority plan has no required workforce element
    assert _warnings(cli, dump(tmp_path, data)) == []
    del data["climate_plan"]
    warnings = _warnings(cli, dump(tmp_path, data))
    assert any("climate_plan: does not say which climate plan this is" in w
               for w in warnings), warnings


def test_wioa_local_required_elements(cli, tmp_path):
    data = example("wioa-local-plan")
    del data["performance"]
    del data["strategy"]
    warnings = _warnings(cli, dump(tmp_path, data))
    assert any(re.match(r"warning: (line \d+: )?strategy: strategy to work with the entities "
                        r"that carry out the core programs, and required partners, to align "
                        r"resources to the vision and goals is required in a WIOA local plan as "
                        r"of December 3, 2026", w) for w in warnings), warnings
    assert any("performance: the local levels of performance" in w
               and "WIOA sec. 108(b)(17); 20 CFR 679.560(b)(16)" in w
               for w in warnings), warnings


def test_plan_period_must_fit_the_plan_types_cycle(cli, tmp_path):
    local = change(example("wioa-local-plan"), ("program_years",), "2026-2027")
    warnings = _warnings(cli, dump(tmp_path, local))
    assert any(re.search(r"line \d+: program_years: covers 2 program years \(Program Years "
                         r"2026–2027\), but a WIOA local plan covers 4 program years", w)
               and "modification: true" in w for w in warnings), warnings
    local["modification"] = True  # still accepted: framed as a modification, asks what changed
    warnings = _warnings(cli, dump(tmp_path, local))
    assert len(warnings) == 1 and "modification: says this draft is a modification, but not " \
        "what changed" in warnings[0], warnings
    local["modification"] = {"reason": "The two-year review.", "prior_plan_date": "2024-01-06",
                             "changes": [{"section": "Performance", "change": "New levels."}]}
    assert _warnings(cli, dump(tmp_path, local)) == []
    stip = yaml.safe_load(cli("new", "plan-section", "--plan", "stip").out)
    stip["plan_period"] = "2026-2035"
    warnings = _warnings(cli, dump(tmp_path, stip))
    assert any("plan_period: covers 10 years (2026–2035), but a statewide transportation "
               "improvement program typically covers 4 to 5 years" in w for w in warnings)
    nevi = change(example("nevi-ev-charging-workforce"), ("plan_period",), "2026-2045")
    assert _warnings(cli, dump(tmp_path, nevi)) == []  # no cycle recorded for NEVI plans


def test_metric_checks(cli, tmp_path):
    data = example("cprg-climate-workforce")
    data["metrics"][0]["target"] = 20          # below its baseline of 27, higher is better
    data["metrics"][3]["target"] = 30          # safety incidents: above 14, lower is better
    del data["metrics"][1]["source"]
    warnings = _warnings(cli, dump(tmp_path, data))
    assert any(re.search(r"line \d+: metrics\[1\]\.target: 'Placements at or above the "
                         r"living wage': the target \(20%\) is below the baseline \(27%\)", w)
               for w in warnings), warnings
    assert any("metrics[4].target: 'Safety incidents': the target (30) is above the baseline "
               "(14), but lower is better" in w for w in warnings), warnings
    assert any("metrics[2].source: 'Placements in jobs with benefits' has no data source" in w
               for w in warnings), warnings
    run, md = build_md(cli, dump(tmp_path, data), tmp_path / "out")
    text = md.read_text("utf-8")
    assert "data source for: Placements in jobs with benefits" in text
    assert "is worse than its baseline" in text


# --------------------------------------------------------------------------- the drafts


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from plankit.cli import main

    out = tmp_path_factory.mktemp("plans")
    paths = [str(EXAMPLES / f"{s}.yaml") for s in NEW_EXAMPLES + ["wioa-local-plan"]]
    assert main(["-q", "build", *paths, "-o", str(out), "-f", "md,docx"]) == 0
    return out


def _section(md: str, title: str) -> str:
    start = md.index(title)
    nxt = md.find("\n## ", start + 1)
    return md[start:nxt if nxt > 0 else None]


def test_policy_currency_is_stated_with_sources(built):
    bead = (built / "bead-subgrant-round-workforce.md").read_text("utf-8")
    req = _section(bead, "Required and recommended elements")
    assert "as of February 9, 2026" in req and "No longer required" in req
    assert "BEAD Restructuring Policy Notice (June 6, 2025)" in req
    assert "2 elements are required" in req
    cprg = (built / "cprg-climate-workforce.md").read_text("utf-8")
    req = _section(cprg, "Required and recommended elements")
    assert "| A workforce planning analysis in the comprehensive climate action plan | Required " \
        "by the grant terms | EPA CPRG planning grant guidance (March 1, 2023), deliverables; a " \
        "term of the planning grant, not of 42 U.S.C. 7437 |" in req
    assert "1 element is required by the terms of the program's grants" in req
    assert "(to be confirmed)" not in req  # review talk stays out of the plan's text
    assert "June 2, 2026" not in cprg  # dated after this plan (March 16, 2026): not cited
    state = (built / "wioa-state-sector-strategy.md").read_text("utf-8")
    assert "TEGL 07-25" in _section(state, "Required and recommended elements")


def test_the_metrics_table_is_a_real_table(built):
    import docx

    for stem in NEW_EXAMPLES + ["wioa-local-plan"]:
        document = docx.Document(str(built / f"{stem}.docx"))
        heads = [[c.text for c in t.rows[0].cells] for t in document.tables]
        assert ["Measure", "Baseline", "Target", "Data source", "Broken down by"] in heads, stem
    md = (built / "wioa-local-plan.md").read_text("utf-8")
    assert "| Placements at or above the living wage | 41% (PY2022) | 60% (by PY2027) |" in md
    assert "(WIOA)" in md


def test_wioa_local_tables_show_openings_and_wages(built):
    md = (built / "wioa-local-plan.md").read_text("utf-8")
    assert "| Sector | Jobs in the area | Projected growth | Annual openings in the " \
        "occupations below |" in md
    assert "| Health care | 18,450 | 9.8% | 955 |" in md
    assert "| Registered nurses | 29-1141 | Health care | 410 | $38.20 |" in md


def test_strategies_come_from_the_plan_type_data(built):
    nevi = (built / "nevi-ev-charging-workforce.md").read_text("utf-8")
    for s in PLAN_TYPES["ev-charging"].strategies:
        assert re.search(rf"^### 5\.\d+ {re.escape(s.title)}$", nevi, re.MULTILINE), s.title
    assert "The Department will work with school districts" in nevi
    assert "23 CFR 680.106(j)" in nevi


# --------------------------------------------------------------------------- ratings


def _state_md(cli, tmp_path, data) -> str:
    run, md = build_md(cli, dump(tmp_path, data), tmp_path / "out")
    assert run.code == 0, run.err
    return md.read_text("utf-8")


def test_ratings_drive_the_actions(cli, tmp_path):
    data = example("wioa-state-sector-strategy")
    build_first = "prepare a data package for each region"
    sustain = "turn them into industry diagnostic tools"
    data["capabilities"]["industry_data"]["rating"] = "not-started"
    low = _section(_state_md(cli, tmp_path, data), "Industry data analysis and tools\n")
    assert build_first in low and sustain not in low
    assert "has not started, the state will build its foundations first" in low
    data["capabilities"]["industry_data"]["rating"] = "advanced"
    high = _section(_state_md(cli, tmp_path, data), "Industry data analysis and tools\n")
    assert build_first not in high and sustain in high


def test_the_policy_rating_drives_the_administrative_policies(cli, tmp_path):
    data = example("wioa-state-sector-strategy")
    data["policies_in_place"] = []
    data["capabilities"]["policy"]["rating"] = "not-started"
    low = _section(_state_md(cli, tmp_path, data), "Administrative and legislative policy\n")
    assert "| Competitive grant solicitations that reward forming and strengthening sector " \
        "partnerships | Proposed for this plan period |" in low
    assert "| Braiding funding streams to support partnerships and their training needs | To " \
        "follow once the first policies are in place |" in low
    data["capabilities"]["policy"]["rating"] = "established"
    high = _section(_state_md(cli, tmp_path, data), "Administrative and legislative policy\n")
    assert "To follow once" not in high
    assert "**Braided funding.**" in high
    assert "The state will seek legislation" in high


def test_the_lowest_ratings_are_the_first_priorities(built):
    md = (built / "wioa-state-sector-strategy.md").read_text("utf-8")
    assert "The lowest-rated capability is the state's first priority: Awareness and " \
        "industry outreach." in md


def _long(day) -> str:
    return f"{day:%B} {day.day}, {day.year}"
