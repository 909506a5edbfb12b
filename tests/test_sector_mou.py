"""The mou-sector-partnership kind: input validation with field paths, every domain warning
(finding) firing and staying quiet, and the example built in every format."""

from __future__ import annotations

import re

import zipfile
from pathlib import Path

import pytest
import yaml

from plankit.models import sector_mou_checks
from plankit.models.sector_mou import SectorPartnershipMouInput
from tests.conftest import ROOT, write

EXAMPLE = ROOT / "examples" / "sector-partnership-mou.yaml"


def base() -> dict:
    """A complete input that raises no finding."""
    return {
        "kind": "mou-sector-partnership",
        "partnership_name": "Tri-County Manufacturing Partnership",
        "sector": {"name": "advanced manufacturing", "region": "the Tri-County region",
                   "state": "OH", "occupations": ["CNC machinists", "Welders"]},
        "convener": {"name": "Tri-County Workforce Board", "short_name": "the Board",
                     "signatory": {"name": "Jordan Lee", "title": "Executive Director"}},
        "point_of_contact": {"name": "Casey Morgan", "email": "cm@example.org"},
        "partners": [
            {"name": "Acme Tool and Die", "short_name": "Acme", "role": "industry",
             "commitments": ["Host 10 work-based learning placements a year"],
             "signatory": {"name": "Alex Kim", "title": "President"}},
            {"name": "Tri-County Community College", "short_name": "the College",
             "role": "education-training",
             "commitments": ["Run two machining cohorts a year"],
             "signatory": {"title": "President"}},
            {"name": "Machinists Local 12", "short_name": "Local 12", "role": "labor",
             "commitments": ["Help design the apprenticeship"],
             "signatory": {"name": "Sam Ortiz", "title": "President"}},
        ],
        "vision": "Every manufacturer can hire the skilled workers it needs.",
        "goals": ["Place 100 residents in the target occupations by 2029"],
        "metrics": [
            {"name": "Completers hired", "unit": "count", "baseline": 20, "target": 50,
             "source": "Employer hiring reports", "disaggregation": ["race and ethnicity"],
             "frequency": "quarterly"},
            {"name": "Days to fill", "unit": "days", "baseline": 60, "target": 40,
             "direction": "decrease", "source": "Employer HR systems",
             "disaggregation": ["occupation"], "frequency": "twice a year"},
        ],
        "meetings": {"cadence": "quarterly",
                     "industry_co_chair": {"name": "Alex Kim", "partner": "Acme"},
                     "co_chair": {"name": "Jordan Lee", "partner": "the Board"}},
        "data_sharing": {"shared": ["Expected openings, once a year"]},
        "funding": [{"funder": "the Board", "source": "WIOA Title I Adult funds",
                     "amount": "$150,000", "purpose": "Tuition",
                     "period": {"start": "2026-07-01", "end": "2027-06-30"}}],
        "term": {"start": "2026-07-01", "years": 3, "renewal": "by-amendment",
                 "withdrawal_notice_days": 60},
    }


def model(data: dict) -> SectorPartnershipMouInput:
    return SectorPartnershipMouInput.model_validate(data)


def rules(data: dict) -> list[tuple[str, tuple]]:
    """The domain checks' findings (run on their own, without the rest of the pipeline)."""
    return [(f.rule, f.path) for f in sector_mou_checks.findings(model(data))]


# --------------------------------------------------------------------------- validation


def test_base_input_is_valid_and_quiet():
    m = model(base())
    assert m.findings() == []
    assert m.default_title() == \
        "Memorandum of Understanding for the Tri-County Manufacturing Partnership"
    assert m.author() == "Tri-County Workforce Board"
    assert "Ohio" in m.subject()
    assert [s[0] for s in m.signatories()] == [
        "Tri-County Workforce Board", "Acme Tool and Die", "Tri-County Community College",
        "Machinists Local 12"]
    assert m.signatories()[2] == ("Tri-County Community College", None, "President")


def test_title_without_a_partnership_name():
    data = base()
    del data["partnership_name"]
    assert model(data).default_title() == \
        "Advanced Manufacturing Sector Partnership Memorandum of Understanding"


def test_common_other_words_are_accepted():
    data = base()
    data["partners"][0]["role"] = "Employer"
    data["partners"][1]["role"] = "Community College"
    data["partners"][2]["role"] = "union"
    data["partners"][2]["commitments"] = "Help design the apprenticeship"  # no list dash
    data["meetings"]["cadence"] = "Bimonthly"
    data["funding"][0]["contribution"] = "In Kind"
    m = model(data)
    assert [p.role for p in m.partners] == ["industry", "education-training", "labor"]
    assert m.partners[2].commitments == ["Help design the apprenticeship"]
    assert m.meetings.cadence == "bi-monthly"
    assert m.funding[0].contribution == "in-kind"


def problems(cli, tmp_path: Path, data: dict) -> str:
    path = write(tmp_path / "in.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("validate", path)
    assert run.code == 1, run.out
    return run.err


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["partners"][0].update(role="industri"),
     ["partners[1].role: must be one of", "did you mean 'industry'?"]),
    (lambda d: d.update(partnrs=d.pop("partners")), ["partnrs: is not a field",
                                                      "did you mean 'partners'?"]),
    (lambda d: d["partners"][1].update(comitments=["x"]),
     ["partners[2].comitments: is not a field", "did you mean 'commitments'?"]),
    (lambda d: d["meetings"].update(cadence="weekly"), ["meetings.cadence: must be one of"]),
    (lambda d: d["funding"][0].update(amount="lots"),
     ["funding[1].amount:", "'lots' is not an amount of money"]),
    (lambda d: d["metrics"][0].update(unit="percent", target=120),
     ["metrics[1]:", "a percentage must be between 0 and 100"]),
    (lambda d: d["sector"].update(state="Ohioo"), ["sector.state:", "not a US state"]),
    (lambda d: d["term"].update(end="2029-06-30"),
     ["term:", "gives both 'end' and 'years'"]),
    (lambda d: d["term"].update(years=None, start="2026-07-01", end="2025-06-30"),
     ["term:", "before it starts"]),
    (lambda d: d["term"].update(renewal_years=1), ["term:", "only applies to automatic"]),
    (lambda d: d["term"].update(withdrawal_notice_days="sixty"),
     ["term.withdrawal_notice_days:", "not a number of days"]),
    (lambda d: d["funding"][0]["period"].update(end="2025-01-01"),
     ["funding[1].period:", "before it starts"]),
    (lambda d: d.update(partners=d["partners"][:1]),
     ["partners: lists 1 partner", "at least two"]),
    (lambda d: d.update(partners=[]), ["partners: lists no partners"]),
    (lambda d: d["partners"][1].update(short_name="Acme"),
     ["partners:", "partner 1 ('Acme') and partner 2 ('Acme') have the same name"]),
    (lambda d: d["partners"][2].update(name="Tri-County Workforce Board"),
     ["partners:", "the convener ('Tri-County Workforce Board') and partner 3"]),
    (lambda d: d["meetings"]["industry_co_chair"].update(partner="Acme Corp"),
     ["meetings: industry_co_chair.partner: 'Acme Corp' is not the convener or one of the "
      "partners; use one of: 'the Board', 'Acme'"]),
    (lambda d: d["partners"][0].pop("role"),
     ["partners[1].role: is required but missing", "add it: The partner's place"]),
])
def test_bad_values_name_the_field(cli, tmp_path, change, expected):
    data = base()
    change(data)
    err = problems(cli, tmp_path, data)
    for text in expected:
        assert text in err
    assert "Traceback" not in err


def test_schema_has_every_field_described():
    schema = SectorPartnershipMouInput.model_json_schema()
    props = schema["properties"]
    for name in ("sector", "convener", "partners", "point_of_contact", "vision", "goals",
                 "metrics", "meetings", "data_sharing", "funding", "term"):
        assert props[name].get("description"), name
    for definition in ("Partner", "Meetings", "FundingCommitment", "Term", "DataSharing",
                       "Sector", "CoChair", "Convener"):
        for field, spec in schema["$defs"][definition]["properties"].items():
            if definition in ("Partner", "Convener") and field in (
                    "address", "contact", "signatory"):
                continue  # shared Party fields, described in common.py
            assert spec.get("description"), f"{definition}.{field}"


# --------------------------------------------------------------------------- findings


def _no_industry(d):
    d["partners"][0]["role"] = "other"
    d["meetings"]["industry_co_chair"]["partner"] = "the College"


FINDINGS = [
    ("industry-partner", _no_industry, ("partners",)),
    ("industry-leadership", lambda d: d["meetings"].pop("industry_co_chair"),
     ("meetings", "industry_co_chair")),
    ("industry-leadership",
     lambda d: d["meetings"]["industry_co_chair"].update(partner="Local 12"),
     ("meetings", "industry_co_chair", "partner")),
    ("metric-source", lambda d: d["metrics"][1].pop("source"), ("metrics", 1, "source")),
    ("metric-target", lambda d: d["metrics"][0].update(target=10), ("metrics", 0, "target")),
    ("metric-target", lambda d: d["metrics"][1].update(target=75), ("metrics", 1, "target")),
    ("signatory", lambda d: d["partners"][2].pop("signatory"),
     ("partners", 2, "signatory")),
    ("signatory", lambda d: d["convener"].pop("signatory"), ("convener", "signatory")),
    ("term-end", lambda d: d["term"].pop("years"), ("term",)),
    ("term-end", lambda d: d.pop("term"), ("term",)),
    ("funding-amount", lambda d: d["funding"][0].pop("amount"), ("funding", 0, "amount")),
    ("data-sharing-agreement",
     lambda d: d["data_sharing"].update(individual_records=True),
     ("data_sharing", "agreement")),
]


@pytest.mark.parametrize("rule, change, path", FINDINGS,
                         ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(FINDINGS)])
def test_each_finding_fires_alone(rule, change, path):
    data = base()
    change(data)
    found = rules(data)
    assert found == [(rule, path)], found
    message = model(data).findings()[0]
    assert message.message and message.fix
    for word in ("None", "Decimal", "[", "_"):
        assert word not in message.message, message.message  # written for people


def test_the_model_reports_its_checks_findings():
    data = base()
    data["partners"][2].pop("signatory")
    data["term"].pop("years")
    m = model(data)
    assert m.findings() == sector_mou_checks.findings(m) and len(m.findings()) == 2


def test_what_clauses_read():
    m = model(base())
    assert m.ref_of("Acme Tool and Die") == "Acme" and m.ref_of("State Fund") == "State Fund"
    assert m.party("the college").name == "Tri-County Community College"
    assert m.industry_partners == ["Acme"] and m.industry_co_chair_org == "Acme"
    assert m.names_with("labor", "education-training") == ["the College", "Local 12"]
    assert m.funding_rows[0]["period"] == "July 1, 2026 \N{EN DASH} June 30, 2027"
    assert m.funding_total is None  # one commitment: no total
    row = m.metric_rows[1]
    assert (row["baseline"], row["target"], row["lower_is_better"]) == ("60", "At most 40", True)


def test_findings_stay_quiet_when_fixed():
    data = base()
    data["data_sharing"].update(individual_records=True, agreement="Data Sharing MOU of 2026")
    data["metrics"][0].update(baseline=None)  # no baseline: nothing to compare with
    data["term"] = {"end": "2029-06-30"}
    data["funding"][0].update(contribution="in-kind")
    assert rules(data) == []


def test_target_worse_than_baseline_message_speaks_plainly():
    data = base()
    data["metrics"][1]["target"] = 75
    f = model(data).findings()[0]
    assert "higher than its baseline (60)" in f.message
    assert "lower is better" in f.message
    assert "direction: increase" in f.fix


def test_validate_prints_findings_with_lines(cli, tmp_path):
    data = base()
    data["partners"][2].pop("signatory")
    path = write(tmp_path / "in.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("validate", path)
    assert run.code == 0
    assert "partners[3].signatory: no one is named to sign for Machinists Local 12" in run.out
    strict = cli("validate", "--strict", path)
    assert strict.code == 1


# --------------------------------------------------------------------------- drafting


def build_md(cli, tmp_path: Path, data: dict) -> str:
    path = write(tmp_path / "in.yaml", yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "out"
    run = cli("-q", "build", path, "-o", out, "-f", "md")
    assert run.code == 0, run.err
    return (out / "in.md").read_text("utf-8")


def test_tables_and_sections(cli, tmp_path):
    md = build_md(cli, tmp_path, base())
    assert "| Party | Referred to as | Role in the Partnership |" in md
    assert "| Acme Tool and Die | Acme | Industry (employer) |" in md
    assert "| Partner | Role | Commitments |" in md
    assert "| Metric | Baseline | Target | How often reported |" in md
    assert "| Days to fill | 60 | At most 40 | Twice a year |" in md
    assert "| Metric | Data source | Broken down by |" in md
    assert "| The Board | WIOA Title I Adult funds | $150,000 | Tuition |" in md
    assert "Alex Kim, of Acme, and Jordan Lee, of the Board" in md
    assert "statement of the Parties' shared intent" in md
    assert "governed by the law of Ohio" in md
    assert not re.search(r"\*\*\\\[", md)  # no placeholders (review-note markers aside)


def test_missing_facts_show_as_placeholders(cli, tmp_path):
    data = base()
    data["metrics"][0].pop("source")
    data["metrics"][1].pop("frequency")
    data["funding"][0].pop("amount")
    data["meetings"] = {}
    data["term"] = {}
    data["partners"][1]["commitments"] = []
    data.pop("point_of_contact")
    md = build_md(cli, tmp_path, data)
    for prompt in ("data source for Completers hired", "how often it is reported",
                   "amount from the Board", "how often the partnership meets",
                   "the industry co-chair: name, title and employer",
                   "the date the memorandum ends", "commitments of the College",
                   "point of contact for the partnership",
                   "how the memorandum is renewed"):
        assert prompt in md, prompt
    assert "No industry co-chair is named" in md


def test_binding_choice_changes_the_nature_clause(cli, tmp_path):
    data = base()
    data["clause_params"] = {"sector-partnership.nature": {"binding": "funding-binding"}}
    md = build_md(cli, tmp_path, data)
    assert "Each funder named in that table is bound" in md
    data["clause_params"] = {"sector-partnership.nature": {"binding": "binding"}}
    md = build_md(cli, tmp_path / "b", data)
    assert "The Parties intend this Memorandum to bind them." in md
    data["clause_params"] = {"sector-partnership.nature": {"binding": "maybe"}}
    path = write(tmp_path / "c.yaml", yaml.safe_dump(data, sort_keys=False))
    run = cli("validate", path)
    assert run.code == 1
    assert "clause_params.sector-partnership.nature.binding" in run.err


def test_user_text_stays_text(cli, tmp_path):
    data = base()
    data["partners"][1]["name"] = "A.B. *Tech* [College] #1"
    data["partners"][1]["short_name"] = "A.B. Tech"
    data["partners"][1]["role"] = "community"
    data["meetings"]["industry_co_chair"]["name"] = "{{ 7*7 }}"
    md = build_md(cli, tmp_path, data)
    assert "The community organizations (A.B. Tech)" in md  # escaped once, not twice
    assert "| A.B. \\*Tech\\* \\[College\\] #1 | A.B. Tech |" in md
    assert "co-chaired by {{ 7\\*7 }}, of Acme" in md
    assert "49" not in md


def test_starter_and_example_validate(cli, tmp_path):
    starter = tmp_path / "starter.yaml"
    assert cli("new", "mou-sector-partnership", "-o", starter).code == 0
    data = yaml.safe_load(starter.read_text("utf-8"))
    assert model(data).findings() == []
    run = cli("validate", starter)
    assert run.code == 0, run.err
    example = model(yaml.safe_load(EXAMPLE.read_text("utf-8")))
    assert 6 <= len(example.partners) <= 9
    assert {"labor", "community", "industry"} <= {p.role for p in example.partners}
    assert 4 <= len(example.metrics) <= 6
    assert len(example.funding) >= 3
    # the one gap the example leaves on purpose
    assert [(f.rule, f.path) for f in example.findings()] == \
        [("funding-amount", ("funding", 4, "amount"))]


@pytest.mark.slow
def test_example_builds_in_every_format(cli, tmp_path):
    import docx
    from pypdf import PdfReader

    run = cli("-q", "build", EXAMPLE, "-o", tmp_path, "-f", "docx,pdf,html,md")
    assert run.code == 0, run.err
    stem = EXAMPLE.stem
    for ext in ("docx", "pdf", "html", "md"):
        assert (tmp_path / f"{stem}.{ext}").stat().st_size > 1000
    document = docx.Document(str(tmp_path / f"{stem}.docx"))
    assert document.core_properties.title.startswith("Memorandum of Understanding for the")
    assert document.core_properties.author == "North Valley Workforce Development Board"
    with zipfile.ZipFile(tmp_path / f"{stem}.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert xml.count("<w:tbl>") >= 5 and "<w:tblHeader" in xml
    reader = PdfReader(str(tmp_path / f"{stem}.pdf"))
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    assert "North Valley Healthcare Workforce Partnership" in text
    assert "Braided funding" in text
    html = (tmp_path / f"{stem}.html").read_text("utf-8")
    assert '<html lang="en' in html and "<script" not in html.lower()

