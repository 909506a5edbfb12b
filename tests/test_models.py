"""Shared input types and the kind models' own checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import yaml
from pydantic import ValidationError

from plankit.inputs.kinds import KINDS
from plankit.models.common import DateRange, Jurisdiction, Party
from plankit.models.base import Model
from plankit.models.common import Money, Percent
from tests.conftest import ROOT


class _M(Model):
    money: Money | None = None
    pct: Percent | None = None


@pytest.mark.parametrize("raw, expected", [
    (22.5, Decimal("22.50")), ("$1,250,000", Decimal("1250000.00")), ("48000000", Decimal("48000000.00")),
    (0, Decimal("0.00")),
])
def test_money_accepts_what_people_type(raw, expected):
    assert _M(money=raw).money == expected


@pytest.mark.parametrize("raw, words", [(-1, "negative"), ("lots", "not an amount"),
                                        (True, "true/false"), ("1e20", "zeros")])
def test_money_rejects(raw, words):
    with pytest.raises(ValidationError, match=words):
        _M(money=raw)


@pytest.mark.parametrize("raw, expected", [(15, Decimal("15")), ("12.5%", Decimal("12.5")), (0, Decimal("0"))])
def test_percent(raw, expected):
    assert _M(pct=raw).pct == expected


@pytest.mark.parametrize("raw", [101, -0.5, "half"])
def test_percent_rejects(raw):
    with pytest.raises(ValidationError):
        _M(pct=raw)


def test_jurisdiction_codes_and_names():
    assert Jurisdiction(state="ca").state == "CA"
    assert Jurisdiction(state="Puerto Rico").state == "PR"
    assert Jurisdiction(state="GU").state_name == "Guam"
    with pytest.raises(ValidationError, match="postal code"):
        Jurisdiction(state="Calif")


def test_date_range_order():
    DateRange(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    with pytest.raises(ValidationError, match="before it starts"):
        DateRange(start=dt.date(2026, 1, 1), end=dt.date(2025, 12, 31))


def test_text_is_trimmed_and_control_characters_rejected():
    assert Party(name="  Board  ").name == "Board"
    with pytest.raises(ValidationError, match="control character"):
        Party(name="Board\x00")
    with pytest.raises(ValidationError, match="extra"):
        Party(name="Board", nmae="x")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_has_an_example_that_validates(kind):
    examples = [p for p in (ROOT / "examples").glob("*.yaml")
                if yaml.safe_load(p.read_text("utf-8")).get("kind") == kind
                and "\nbatch:" not in p.read_text("utf-8")]  # batch inputs: test_batch.py
    assert examples, f"no example for {kind}"
    from plankit.pipeline import rule_book

    model = KINDS[kind].load_model()
    for path in examples:
        instance = model.model_validate(yaml.safe_load(path.read_text("utf-8")),
                                        context={"rules": rule_book()})
        assert instance.default_title()
        assert instance.outline_id()
