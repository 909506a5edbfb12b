"""Obligations: declared by clauses, collected by a pass, exported as JSON, CSV and iCalendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import jsonschema
import pytest
import yaml

from plankit import api
from plankit import document as d
from plankit.render.exportschema import export_schema
from plankit.library import load_library
from plankit.library.model import ClauseMeta
from plankit.records import Due, Obligation
from plankit.render.ics import occurrence
from tests.conftest import CHECK_EXAMPLES, EXAMPLES, ROOT

LIB = load_library()
NEVI = ROOT / "examples" / "rfp-nevi-ev-charging.yaml"
TRANSIT = ROOT / "examples" / "rfp-transit-construction-pla.yaml"
PROFILED = sorted((ROOT / "examples" / "three-rivers").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden" / "test_obligations"

_drafts: dict = {}


def draft(path):
    if path not in _drafts:
        _drafts[path] = api.draft(path, LIB)
    return _drafts[path]


def export(path, fmt: str) -> str:
    return api.render(draft(path).document, fmt).decode("utf-8")


# --------------------------------------------------------------------------- every example

FAST = set(CHECK_EXAMPLES) | {NEVI.stem, TRANSIT.stem}
ALL = [pytest.param(p, id=p.stem, marks=() if p.stem in FAST else pytest.mark.slow)
       for p in EXAMPLES if not api.is_batch(api.load(p))] + \
    [pytest.param(p, id=f"three-rivers/{p.stem}") for p in PROFILED]
"""Every example but the batch template (each of its rows is a data-sharing MOU, drafted
like mou-data-sharing; test_batch_rows_export_json builds it)."""


@pytest.mark.parametrize("path", ALL)
def test_every_example_exports_json_that_the_schema_accepts(path):
    dr = draft(path)
    record = json.loads(export(path, "json"))
    jsonschema.Draft202012Validator(export_schema()).validate(record)
    assert record["document"]["input"]["sha256"] == dr.loaded.sha256
    sections = {n.attrs.id: n for n in d.walk(dr.document) if isinstance(n, d.Section)}
    for o in record["obligations"] + record["metrics"]:
        if o["section"]["id"] or o["section"]["number"]:  # each points to a real section
            sec = sections[o["section"]["id"]]
            assert sec.number == o["section"]["number"]
            assert d.inline_text(sec.title) == o["section"]["title"]
    for o in record["obligations"]:
        assert o["section"]["id"], o["id"]
        clause = LIB.get(o["clause"]["id"])
        assert clause.meta.version == o["clause"]["version"]
        assert o["id"].split("@")[0].split("/")[1] in {s.id for s in clause.meta.obligations}
    assert len({o["id"] for o in record["obligations"]}) == len(record["obligations"])


@pytest.mark.slow
def test_batch_rows_export_json(tmp_path, cli):
    import jsonschema as js

    run = cli("-q", "build", ROOT / "examples" / "mou-local-boards-batch.yaml", "-o", tmp_path,
              "-f", "json", "--jobs", "1")
    assert run.code == 0, run.err
    files = sorted(f for f in tmp_path.rglob("*.json") if not f.name.startswith("."))
    assert len(files) >= 2
    for f in files:
        js.Draft202012Validator(export_schema()).validate(json.loads(f.read_text("utf-8")))


def test_schema_is_versioned_and_printed_by_the_cli(cli):
    from plankit.render.record import SCHEMA_VERSION

    schema = export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert SCHEMA_VERSION in schema["$id"]
    run = cli("schema", "export")
    assert run.code == 0 and json.loads(run.out) == schema
    bad = json.loads(export(NEVI, "json"))
    bad["schema_version"] = "0.9.0"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_solicitation_obligations_and_exports_match_their_goldens(update_goldens):
    """The NEVI and transit solicitations' obligation exports and calendars, reviewed."""
    for path in (NEVI, TRANSIT):
        for fmt in ("json", "csv", "ics"):
            text = export(path, fmt).replace(draft(path).loaded.sha256, "<sha256>")
            golden = GOLDEN / f"{path.stem}.{fmt}"
            if update_goldens:
                golden.parent.mkdir(parents=True, exist_ok=True)
                golden.write_bytes(text.encode("utf-8"))
                continue
            assert golden.exists(), f"no golden {golden.name}; create it with --update-goldens"
            assert text == golden.read_bytes().decode("utf-8"), golden.name


def test_exports_are_byte_identical_across_builds():
    for fmt in ("json", "csv", "ics"):
        again = api.render(api.draft(NEVI, LIB).document, fmt)
        assert again == export(NEVI, fmt).encode("utf-8")


def test_nevi_records_its_reports_payments_and_notices():
    obligations = draft(NEVI).document.records.obligations
    by_id = {o.id.split("@")[0]: o for o in obligations}
    report = by_id["reporting.workforce-report/workforce-report"]
    assert (report.type, report.by, report.to) == ("report", "Contractor", "Agency")
    assert report.due.frequency == "monthly" and report.due.day_of_month == 10
    assert report.due.start == "2026-08-03"  # solicitation.construction_start
    assert report.section.startswith("3.") and report.clause_version
    notice = by_id["safety.require/serious-incident-notice"]
    assert (notice.due.within, notice.due.unit, notice.due.event) == (24, "hours", "incident")
    assert by_id["prevailing-wage.federal/wages"].type == "payment"
    assert {o.type for o in obligations} >= {"report", "payment", "notice"}


# --------------------------------------------------------------------------- calendar


def test_calendar_parses_and_round_trips_dates():
    icalendar = pytest.importorskip("icalendar")
    text = export(NEVI, "ics")
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cal = icalendar.Calendar.from_ical(text)
    events = list(cal.walk("VEVENT"))
    dated = {o.id: occurrence(o) for o in draft(NEVI).document.records.obligations}
    dated = {k: v for k, v in dated.items() if v is not None}
    assert len(events) == len(dated) >= 3
    uids = set()
    for ev in events:
        uids.add(str(ev["UID"]))
        start = ev.decoded("DTSTART")
        assert isinstance(start, dt.date) and ev.decoded("DTSTAMP").date() == dt.date(2026, 4, 14)
        assert (start, ev.get("RRULE").to_ical().decode() if ev.get("RRULE") else "") \
            in dated.values()
    assert len(uids) == len(events)
    report = [ev for ev in events if "Workforce Report" in str(ev["SUMMARY"])][0]
    assert report.decoded("DTSTART") == dt.date(2026, 9, 10)  # the month after the start
    assert report["RRULE"]["BYMONTHDAY"] == [10]
    title = draft(NEVI).document.title
    assert title in str(report["DESCRIPTION"])
    # an X- property's value is TEXT (RFC 5545 section 3.8.8.2), escaped as such
    assert re.sub(r"\\([,;\\])", r"\1", str(cal["X-WR-CALNAME"])) == title


def _due(**kw) -> Obligation:
    return Obligation(id="x/y", type="report", by="A", to="B", what="w", due=Due(**kw))


@pytest.mark.parametrize("due, expected", [
    (dict(date="2026-03-31"), (dt.date(2026, 3, 31), "")),
    (dict(start="2026-01-30", within=10), (dt.date(2026, 2, 9), "")),
    (dict(start="2026-01-30", within=3, unit="business-days"), (dt.date(2026, 2, 4), "")),
    (dict(frequency="monthly", start="2026-01-31", day_of_month=31),
     (dt.date(2026, 2, 28), "FREQ=MONTHLY;BYMONTHDAY=31")),
    (dict(frequency="monthly", start="2026-05-20", event="end-of-month", within=15),
     (dt.date(2026, 6, 15), "FREQ=MONTHLY;BYMONTHDAY=15")),
    (dict(frequency="quarterly", start="2026-05-20", day_of_month=20),
     (dt.date(2026, 7, 20), "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=20")),
    (dict(frequency="weekly", start="2026-08-03", within=7),
     (dt.date(2026, 8, 17), "FREQ=WEEKLY")),
    (dict(frequency="annually", start="2024-02-29"), (dt.date(2025, 2, 28), "FREQ=YEARLY")),
    (dict(frequency="monthly", start="2026-05-20"), None),  # no due day: not dated
    (dict(frequency="per-event", event="incident", within=24, unit="hours"), None),
    (dict(frequency="once", event="award", within=30), None),  # award date unknown
])
def test_when_an_obligation_falls_due(due, expected):
    assert occurrence(_due(**due)) == expected


def test_calendar_text_is_escaped():
    icalendar = pytest.importorskip("icalendar")
    from plankit.records import Records
    from plankit.render.ics import IcsExportRenderer

    what = "Report; with, commas \\ and\na new line, über ünïcödé " * 3
    o = _due(date="2026-01-05")
    o = Obligation(**{**{f: getattr(o, f) for f in o.__slots__}, "what": what})
    doc = d.Document(title="T; x, y", children=(), date="2026-01-01",
                     records=Records(obligations=(o,)))
    text = IcsExportRenderer().render_document(doc)
    ev = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))[0]
    assert str(ev["SUMMARY"]) == "Report: " + what


# --------------------------------------------------------------------------- table


def test_csv_is_a_flat_table_of_obligations_and_metrics():
    rows = list(csv.DictReader(io.StringIO(export(ROOT / "examples" / "sector-partnership-mou"
                                                  ".yaml", "csv"))))
    metrics = [r for r in rows if r["record"] == "metric"]
    assert metrics and metrics[0]["baseline"] and metrics[0]["data_source"]
    assert metrics[0]["section"] and "; " in metrics[0]["disaggregation"]
    rows = list(csv.DictReader(io.StringIO(export(NEVI, "csv"))))
    assert {r["record"] for r in rows} == {"obligation"}
    assert len(rows) == len(draft(NEVI).document.records.obligations)


def test_csv_cells_never_start_a_formula():
    from plankit.render.exports import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM") == "'@SUM" and _cell("plain") == "plain" and _cell(None) == ""


# --------------------------------------------------------------------------- metrics


def test_plan_and_partnership_metrics_are_exported():
    for name in ("wioa-local-plan", "sector-partnership-mou"):
        path = ROOT / "examples" / f"{name}.yaml"
        model = draft(path).model
        record = json.loads(export(path, "json"))
        assert [m["name"] for m in record["metrics"]] == [m.name for m in model.metrics]
        first = record["metrics"][0]
        assert first["section"]["id"] and first["source"] and first["field"] == "metrics[1]"


# --------------------------------------------------------------------------- declarations


def _meta(**obligation) -> dict:
    return {"id": "t.x", "title": "T", "topic": "t", "kinds": ["procurement"],
            "version": "1.0.0", "params": {"days": {"type": "integer"}},
            "obligations": [{"id": "a", "type": "report", "by": "Contractor", "to": "Agency",
                             "what": "A report", **obligation}]}


def test_clause_obligations_are_checked():
    ClauseMeta.model_validate(_meta(due={"within": "{days}", "text": "within {days} days"},
                                    when="days"))
    ClauseMeta.model_validate(_meta(target="{doc.anything.at_all}"))
    for bad, words in [
        (dict(what="within {dayz} days"), "'dayz' is not a parameter"),
        (dict(when="not nope"), "'nope' is not a parameter"),
        (dict(type="promise"), "type"),
        (dict(due={"frequency": "fortnightly"}), "frequency"),
        (dict(due={"event": "whenever"}), "event"),
        (dict(colour="red"), "colour"),
    ]:
        with pytest.raises(ValueError, match=words):
            ClauseMeta.model_validate(_meta(**bad))


def test_when_selects_the_obligations_that_apply():
    """prevailing-wage.state declares one payroll obligation per schedule; only the one the
    input chose is exported."""
    ids = [o.id for o in draft(NEVI).document.records.obligations]
    assert any("certified-payroll-weekly" in i for i in ids)
    assert not any("certified-payroll-biweekly" in i or "certified-payroll-monthly" in i
                   for i in ids)


_KW = re.compile(r"\b(report\w*|notice\w*|notif\w*|pay|pays|paid|payment\w*|destr\w*)\b",
                 re.IGNORECASE)

MONTHLY = ("what it requires is given with the monthly reports that procurement.compliance "
           "declares (monthly-reports): it adds to their content, not a report of its own")
EXEMPT = {
    "apprenticeship.registered.encourage": MONTHLY,
    "local-hire.encourage": MONTHLY,
    "pre-apprenticeship.encourage": MONTHLY,
    "pre-apprenticeship.require": MONTHLY,
    "supportive-services.encourage": MONTHLY,
    "small-business.require": MONTHLY,
    "scheduling.incentivize": MONTHLY + "; the rest is record keeping",
    "labor-management.encourage": MONTHLY,
    "labor-management.incentivize": MONTHLY + "; 'pay' there is a survey topic",
    "mou-data.governance": "sets how notices are given (in writing, by email), not a notice "
                           "that falls due",
    "mou-data.matching": "a rule on how results are described, not a report that falls due",
    "mou-data.measures": "limits what may be computed or reported; no report falls due",
    "mou-data.monitoring": "'notice' is the other party's notice of an inspection; the clause "
                           "requires records and access",
    "mou-data.publication": "a condition on publishing; no report or notice falls due",
    "procurement.intro": "points to the section that sets reporting and remedies "
                         "(procurement.compliance) and to the bid certification",
    "safety.heat": "'report' is what workers are trained to do (how to report symptoms)",
}
"""Clauses whose text says "shall" near a report, notice, payment or destruction but that
create no obligation of their own to export, each with the reason."""


def shall_sentences(clause) -> list[str]:
    """Sentences of the clause text (not its drafter notes) that say a party "shall" do
    something about a report, a notice, a payment or destruction."""
    text = "\n".join(line for line in clause.body.splitlines()
                     if not line.lstrip().startswith(">"))
    return [s for s in re.split(r"(?<=[.;:])\s+|\n\n", text)
            if re.search(r"\bshall\b", s) and _KW.search(s)]


def test_every_clause_that_says_shall_report_notify_pay_or_destroy_declares_it():
    missing = [cid for cid, c in sorted(LIB.clauses.items())
               if shall_sentences(c) and not c.meta.obligations and cid not in EXEMPT]
    assert not missing, ("these clauses say 'shall' about a report, notice, payment or "
                         "destruction but declare no obligation (add 'obligations:' to the "
                         "front matter, or list the clause in EXEMPT with the reason): "
                         + ", ".join(missing))
    for cid, reason in EXEMPT.items():  # the list stays true
        assert reason and cid in LIB.clauses, cid
        assert not LIB.clauses[cid].meta.obligations, f"{cid} declares obligations now"
        assert shall_sentences(LIB.clauses[cid]), f"{cid} no longer needs to be exempt"
    monthly = LIB.get("procurement.compliance").meta.obligations
    assert [o.id for o in monthly] == ["monthly-reports"]


def test_the_check_fires_on_a_clause_without_obligations():
    from plankit.library import Clause

    clause = LIB.get("mou-data.breach")
    assert shall_sentences(clause) and clause.meta.obligations
    bare = yaml.safe_load(clause.path.read_text("utf-8").split("---")[1])
    bare.pop("obligations")
    assert isinstance(clause, Clause) and not ClauseMeta.model_validate(bare).obligations
