"""Collect the obligations the document's clauses declare, and the input's shared metrics.

Each clause section of the finished tree is matched with the clause that made it and the
parameter values it was drafted with (recorded by the composer); each obligation the
clause declares in its front matter whose ``when:`` holds becomes a
:class:`~plankit.records.Obligation` naming that section. Shared metrics
(:class:`~plankit.models.common.Metric` entries under ``metrics``) become
:class:`~plankit.records.SharedMetric` records naming the section that prints them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from plankit import document as d
from plankit.library.obligations import REF, ObligationSpec, when_name
from plankit.records import Due, Obligation, Party, Records, SharedMetric
from plankit.compose.passctx import ComposeContext, uses_context

_DOC_METRICS = re.compile(r"\bdoc\.metric(s|_rows)\b")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() \
            else format(value, "f")
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    return str(value)


class _Values:
    """Where ``{name}`` and ``{doc.path}`` are looked up for one clause use."""

    def __init__(self, model: Any, params: Any, opened: set, base: str) -> None:
        self.model, self.params, self.opened, self.base = model, params, opened, base
        self.open: list[str] = []

    def get(self, name: str) -> Any:
        if name.startswith("doc."):
            value: Any = self.model
            for part in name[4:].split("."):
                value = value.get(part) if isinstance(value, dict) else \
                    getattr(value, part, None)
                if value is None:
                    return None
            return value
        if name in self.opened:
            return None
        return getattr(self.params, name, None) if self.params is not None else None

    def fill(self, text: str) -> str:
        def one(m: re.Match) -> str:
            name = m.group(1)
            value = self.get(name)
            if value is None or value == "" or value == []:
                where = name[4:] if name.startswith("doc.") else f"{self.base}.{name}"
                if where not in self.open:
                    self.open.append(where)
                return "[to be set]"
            return _text(value)
        return REF.sub(one, text)

    def number(self, value: int | str | None) -> int | None:
        if value is None or isinstance(value, int):
            return value
        text = self.fill(value)
        try:
            return int(Decimal(text))
        except (ArithmeticError, ValueError):
            return None

    def date(self, value: str | None) -> str:
        if not value:
            return ""
        text = self.fill(value)
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            return ""

    def holds(self, spec: ObligationSpec) -> bool:
        cond = when_name(spec)
        if cond is None:
            return True
        negated, name, equals = cond
        value = self.get(name)
        held = bool(value) if equals is None else _text(value) == equals
        return not held if negated else held


def _obligation(spec: ObligationSpec, values: _Values, sec: d.Section, key: str,
                clause: Any) -> Obligation:
    due = spec.due
    record_due = Due(frequency=due.frequency, date=values.date(due.date),
                     event=due.event or "", within=values.number(due.within), unit=due.unit,
                     day_of_month=values.number(due.day_of_month),
                     start=values.date(due.start), text=values.fill(due.text))
    return Obligation(
        id=f"{clause.id}/{spec.id}" + (f"@{key}" if key else ""), type=spec.type,
        by=values.fill(spec.by), to=values.fill(spec.to), what=values.fill(spec.what),
        due=record_due, metric=values.fill(spec.metric), target=values.fill(spec.target),
        remedy=values.fill(spec.remedy), section=sec.number,
        section_title=d.inline_text(sec.title), section_id=sec.attrs.id, clause=clause.id,
        clause_version=clause.meta.version, open=tuple(values.open))


def _clause_sections(doc: d.Document) -> list[tuple[d.Section, str]]:
    """The outermost section each clause use made, with its input key (a clause's own
    headings make sections inside it, which carry its source too)."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[d.Section, str]] = []

    def visit(node: object, inside: str) -> None:
        if isinstance(node, d.Section) and node.source.clause \
                and node.source.clause != inside:
            key = (node.source.clause, node.attrs.get("input"))
            if key not in seen:
                seen.add(key)
                out.append((node, key[1]))
            inside = node.source.clause
        for child in d.children_of(node):
            visit(child, inside)

    visit(doc, "")
    return out


@uses_context
def collect_obligations(doc: d.Document, ctx: ComposeContext) -> d.Document:
    used = ctx.used
    model = ctx.model
    values = ctx.values
    found: list[Obligation] = []
    for sec, key in _clause_sections(doc):
        clause = used.get(sec.source.clause)
        if clause is None or not clause.meta.obligations:
            continue
        params, opened, base = values.get(
            (clause.id, key or f"clause_params.{clause.id}"), (None, set(), ""))
        for spec in clause.meta.obligations:
            vals = _Values(model, params, opened, base or f"clause_params.{clause.id}")
            if vals.holds(spec):
                found.append(_obligation(spec, vals, sec, key, clause))
    signers = getattr(model, "signatories", None)
    parties = tuple(Party(party=str(p), name=str(n or ""), title=str(t or ""))
                    for p, n, t in (signers() if signers else ()))
    return d.replace(doc, records=Records(obligations=tuple(found), parties=parties,
                                          metrics=_metrics(doc, model, used)))


def _metrics(doc: d.Document, model: Any, used: dict) -> tuple[SharedMetric, ...]:
    from plankit.models.common import Metric

    items = getattr(model, "metrics", None)
    if not isinstance(items, (list, tuple)):
        return ()
    home: d.Section | None = None
    for sec, _ in _clause_sections(doc):
        clause = used.get(sec.source.clause)
        if clause is not None and _DOC_METRICS.search(clause.body):
            home = sec
            break
    out = []
    for i, m in enumerate(items):
        if not isinstance(m, Metric):
            continue
        out.append(SharedMetric(
            name=m.name, unit=m.unit, definition=m.definition or "",
            baseline=_text(m.baseline), baseline_year=m.baseline_year or "",
            target=_text(m.target), target_year=m.target_year or "", direction=m.direction,
            source=m.source or "", disaggregation=tuple(m.disaggregation),
            frequency=m.frequency or "", field=f"metrics[{i + 1}]",
            section=home.number if home else "",
            section_title=d.inline_text(home.title) if home else "",
            section_id=home.attrs.id if home else ""))
    return tuple(out)
