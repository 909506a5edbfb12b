"""Plausibility checks (each firing and not firing), how findings are settled, labels in
the user's words, the cap on problems and YAML mistakes in plain words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Optional

import pytest
from pydantic import Field

from plankit import document as d
from plankit.checks import settle, with_sentences
from plankit.checks.plausible import field_findings, param_findings
from plankit.errors import InputError
from plankit.library import load_library
from plankit.models.base import Model
from plankit.models.common import Finding, Money, Percent
from plankit.models.open import OpenValue


class Term(Model):
    years: Optional[int] = None
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    renewal: Optional[str] = None


class Sample(Model):
    date: Optional[dt.date] = None
    share: Optional[Percent] = None
    tiny: Optional[Percent] = Field(None, json_schema_extra={"fraction_ok": True})
    wage: Optional[Money] = Field(None, json_schema_extra={"floor_wage": True,
                                                           "zero_voids": "so no wage is set"})
    keep_years: Optional[int] = Field(None, json_schema_extra={"within_term": True})
    as_of: Optional[dt.date] = None
    checked: Optional[dt.date] = Field(None, json_schema_extra={"not_after_document": True})
    work_start: Optional[dt.date] = None
    work_end: Optional[dt.date] = None
    partner_count: Optional[int] = Field(None, json_schema_extra={"count_of": "partners"})
    partners: list[str] = Field(default_factory=list)
    contact: Optional[str] = None
    term: Optional[Term] = None


def rules_of(**values) -> list[str]:
    return sorted(f.rule for f in field_findings(Sample(**values)))


@pytest.mark.parametrize("values, rule", [
    ({"share": "0.74"}, "plausible.percent-fraction"),
    ({"wage": "5.15"}, "plausible.below-federal-minimum-wage"),
    ({"wage": 0}, "plausible.zero"),
    ({"keep_years": 5, "term": {"years": 3, "renewal": "none"}}, "plausible.longer-than-term"),
    ({"keep_years": 5, "term": {"start": "2026-01-01", "end": "2028-12-31", "renewal": "none"}},
     "plausible.longer-than-term"),
    ({"date": "2026-01-15", "as_of": "2026-03-01"}, "plausible.after-document-date"),
    ({"date": "2026-01-15", "checked": "2026-03-01"}, "plausible.after-document-date"),
    ({"work_start": "2026-05-01", "work_end": "2026-04-01"}, "plausible.dates-out-of-order"),
    ({"partner_count": 3, "partners": ["A", "B"]}, "plausible.count"),
    ({"contact": "TBD"}, "plausible.open-in-other-words"),
])
def test_each_check_fires(values, rule):
    assert rule in rules_of(**values)


@pytest.mark.parametrize("values", [
    {"share": 74}, {"share": 0}, {"share": 1}, {"tiny": "0.5"},
    {"wage": "7.25"}, {"wage": 22},
    {"keep_years": 3, "term": {"years": 3, "renewal": "none"}},
    {"keep_years": 5, "term": {"years": 3, "renewal": "by-amendment"}},
    {"keep_years": 5},
    {"date": "2026-01-15", "as_of": "2026-01-15"}, {"as_of": "2030-01-01"},
    {"work_start": "2026-04-01", "work_end": "2026-05-01"},
    {"partner_count": 2, "partners": ["A", "B"]}, {"partner_count": 2},
    {"contact": "open"}, {"contact": "Pat Rivera, TBD by March"},
])
def test_each_check_keeps_quiet_on_plausible_values(values):
    assert rules_of(**values) == []


def test_clause_settings_are_checked_by_their_declared_type():
    lib = load_library()
    clause = lib.clauses["benefits.require"]
    base = ("provisions", 0, "params")
    found = param_findings([(clause, {"employer_share": 0, "dependent_share": "0.74",
                                      "paid_leave_days": 0}, base)])
    assert [(f.path[-1], f.rule) for f in found] == [
        ("employer_share", "plausible.zero"), ("dependent_share", "plausible.percent-fraction")]
    assert "did you mean 74%?" in found[1].fix
    wage = lib.clauses["living-wage.require"]
    assert [f.rule for f in param_findings([(wage, {"wage_floor": 5}, base)])] == [
        "plausible.below-federal-minimum-wage"]
    assert param_findings([(wage, {"wage_floor": 22.5}, base)]) == []
    assert param_findings([(wage, {"wage_floor": OpenValue()}, base)]) == []


def test_the_federal_minimum_wage_warning_names_its_source_plainly():
    f = field_findings(Sample(wage="6"))[0]
    assert f.source == "Fair Labor Standards Act, 29 U.S.C. 206(a)(1)(C)"
    assert "confirm" not in f.message.lower()


def test_a_warning_with_an_unconfirmed_source_is_stated_plainly_with_a_note():
    model = Sample()
    doubt = Finding(("x",), "the law requires a term", source="20 CFR 603.8, not verified")
    plain = Finding(("y",), "another", source="29 U.S.C. 206 (as of June 1, 2026; to be "
                                              "confirmed)")
    out = settle([doubt, plain], model)
    warnings = [f for f in out if f.severity == "warning"]
    notes = [f for f in out if f.severity == "note"]
    assert [w.source for w in warnings] == ["20 CFR 603.8", "29 U.S.C. 206 (as of June 1, 2026)"]
    assert len(notes) == 2 and all("Confirm the source" in n.message for n in notes)
    for w in warnings:
        assert "confirm" not in (w.message + w.source).lower()


def test_no_warning_about_a_fact_left_open():
    model = Sample.model_validate({"wage": OpenValue()})
    out = settle([Finding(("wage",), "has no wage"), Finding(("share",), "kept")], model)
    assert [f.path for f in out] == [("share",)]


def test_a_warning_quotes_the_sentence_its_value_is_in():
    doc = d.Document(title="t", children=(d.Paragraph(children=(
        d.Text("First sentence. The employer pays at least 10% of it. More 0.74% here."),)),))
    f = Finding(("x",), "is 0.74", shown="0.74%")
    zero = Finding(("y",), "is 0", shown="0%")
    got = with_sentences([f, zero], doc)
    assert got[0].message.endswith("“More 0.74% here.”")
    assert got[1].message == "is 0"  # 10% is not 0%


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize("kind, loc, data, want", [
    ("mou-data-sharing", ("data_elements", 0, "frequency"), None,
     "Exhibit A, item 1, Frequency column"),
    ("procurement", ("provisions", 1, "params", "wage_floor"),
     {"provisions": [{}, {"clause": "living-wage", "mode": "require"}]},
     "provision 2, living-wage.require, setting wage floor"),
    ("procurement", ("title",), None, ""),
    ("mou-data-sharing", ("parties", 1, "contact", "name"), None, ""),
    ("unknown-kind", ("a", 0, "b"), None, ""),
])
def test_labels_say_where_a_field_is_in_the_document(kind, loc, data, want):
    from plankit.labels import label

    assert label(kind, loc, data) == want


def test_a_long_list_of_problems_is_cut_with_the_count_of_the_rest():
    err = InputError("the input has 60 problems:", problems=[f"line {i}: x" for i in range(60)])
    text = err.format_message()
    assert "line 49: x" in text and "line 50: x" not in text
    assert "… and 10 more problems" in text


# --------------------------------------------------------------------------- YAML


def test_an_uncommon_yaml_mistake_keeps_the_parsers_words(tmp_path):
    from plankit.inputs import load

    path = tmp_path / "x.yaml"
    path.write_text("kind: procurement\nrefs: *nowhere\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load(path)
    assert "undefined alias" in exc.value.message
    assert exc.value.detail.startswith("the YAML parser says:")


def test_the_parsers_words_show_only_with_verbose(tmp_path, cli):
    path = tmp_path / "x.yaml"
    path.write_text("kind: procurement\nagency:\n\tname: x\n", encoding="utf-8")
    quiet = cli("validate", path)
    loud = cli("--verbose", "validate", path)
    assert quiet.code == loud.code == 1
    assert "details:" not in quiet.err and "details: the YAML parser says" in loud.err
    cli("validate", path)  # --verbose does not stick to later runs
    from plankit.errors import SHOW_DETAIL
    assert SHOW_DETAIL[0] is False


def test_valid_decimal_values_stay_decimal():
    assert Sample(share="12.5").share == Decimal("12.5")
