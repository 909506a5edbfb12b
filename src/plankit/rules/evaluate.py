"""Checking rules against an input: the small evaluator of conditions, the results it
gives, and rule sets and books (see the package notes in :mod:`plankit.rules`)."""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Optional

from plankit.models.common import Finding
from plankit.rules.model import _SHOW, Condition, Lookup, Rule

_MISSING = object()


@dataclass
class RuleResult:
    """One rule checked against one input."""

    rule: Rule
    origin: str
    """The agency rules file the rule (or its last change) came from; "" for the package's."""
    as_of: dt.date
    in_effect: bool
    fired: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return self.rule.severity

    statement: str = ""
    """For a requirement that applies: what the document says, with values filled in."""
    otherwise: str = ""
    """For a requirement that does not apply: what the memo says, with values filled in."""
    row_source: Optional[str] = None
    """For a rule that rests on a row of a data table: the row's citation."""
    row_verified: Optional[bool] = None
    row_evidence: str = ""
    """Where the facts of that row were read (the table's own source column)."""

    @property
    def source(self) -> str:
        """What the rule rests on: its own source, or the row of the table it reads."""
        return self.row_source if self.row_source is not None else (self.rule.source or "")

    @property
    def verified(self) -> bool:
        return self.row_verified if self.row_verified is not None else self.rule.verified

    @property
    def citation(self) -> str:
        """The rule's source with its as-of date, as a warning cites it ("" if it has none)."""
        if not self.source:
            return ""
        flag = "" if self.verified else "; to be confirmed"
        return f"{self.source} (as of {show_date(self.as_of)}{flag})"

    def outcome(self) -> str:
        """What the check found, in the memo's words: a check that found nothing found "no
        issue", it does not make a rule "not apply"."""
        if not self.rule.enabled:
            return "turned off"
        if not self.in_effect:
            return "not in effect"
        if self.rule.kind == "requirement":
            return "applies" if self.fired else "does not apply"
        return "issue found" if self.fired else "no issue found"

    def summary(self) -> dict[str, Any]:
        return {"id": self.rule.id, "title": self.rule.title, "source": self.source,
                "as_of": self.as_of, "verified": self.verified, "kind": self.rule.kind,
                "status": self.rule.status or "", "severity": self.severity,
                "fired": self.fired, "outcome": self.outcome(), "origin": self.origin,
                "statement": self.statement, "otherwise": self.otherwise,
                "messages": [f.message for f in self.findings]}


# --------------------------------------------------------------------------- evaluation


def _number(value: Any) -> Optional[Decimal]:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value.strip().replace(",", "").lstrip("$").rstrip("%"))
        except InvalidOperation:
            return None
    return None


def _comparable(a: Any, b: Any) -> Optional[tuple[Any, Any]]:
    if isinstance(a, dt.date) or isinstance(b, dt.date):
        try:
            da = a if isinstance(a, dt.date) else dt.date.fromisoformat(str(a))
            db = b if isinstance(b, dt.date) else dt.date.fromisoformat(str(b))
        except ValueError:
            return None
        return da, db
    na, nb = _number(a), _number(b)
    if na is None or nb is None:
        return None
    return na, nb


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    pair = _comparable(a, b) if not (isinstance(a, str) and isinstance(b, str)) else None
    if pair is not None:
        return pair[0] == pair[1]
    return a == b


def lookup_path(scope: dict[str, Any], path: str) -> Any:
    """The value at a dotted path in plain data (dicts and lists only), or _MISSING."""
    current: Any = scope
    for part in path.split("."):
        if isinstance(current, dict) and part in current:
            current = current[part]
        else:
            return _MISSING
    return _MISSING if current is None else current


class _Check:
    """Checks one rule against one scope (the input, or the input plus one provision)."""

    def __init__(self, rule: Rule, scope: dict[str, Any], provisions: list[dict[str, Any]]):
        self.rule = rule
        self.scope = scope
        self.provisions = provisions
        self.names = dict(rule.values)
        for name, lk in rule.lookup.items():
            self.names[name] = self._lookup(lk)

    def _lookup(self, lk: Lookup) -> Any:
        date = lookup_path(self.scope, lk.year_of)
        if isinstance(date, dt.date):
            year = date.year
        elif isinstance(date, int) and not isinstance(date, bool):
            year = date
        else:
            return _MISSING
        for row in lk.rows:
            if row.covers(year):
                return row.value
        return _MISSING

    def operand(self, spec: Any) -> Any:
        if isinstance(spec, dict) and len(spec) == 1 and "field" in spec:
            return lookup_path(self.scope, str(spec["field"]))
        if isinstance(spec, dict) and len(spec) == 1 and "value" in spec:
            return self.names.get(str(spec["value"]), _MISSING)
        return spec

    def holds(self, c: Condition) -> bool:
        if c.all is not None:
            return all(self.holds(s) for s in c.all)
        if c.any is not None:
            return any(self.holds(s) for s in c.any)
        if c.none is not None:
            return not any(self.holds(s) for s in c.none)
        if c.selected is not None:
            return self._selected(c.selected)
        if c.not_selected is not None:
            return not self._selected(c.not_selected)
        value = lookup_path(self.scope, c.field or "")
        if value is _MISSING and c.default is not None:
            value = c.default
        name, expected = c.test()
        if name == "is_set":
            present = value is not _MISSING and value not in ("", [], {})
            return present is expected
        if value is _MISSING:
            return False
        if name in ("one_of", "contains_any"):
            expected = [self.operand(e) for e in expected]
        else:
            expected = self.operand(expected)
            if expected is _MISSING:
                return False
        if name == "equals":
            return _same(value, expected)
        if name == "not_equals":
            return not _same(value, expected)
        if name == "one_of":
            return any(_same(value, e) for e in expected)
        if name == "contains":
            return isinstance(value, list) and any(_same(v, expected) for v in value)
        if name == "contains_any":
            return isinstance(value, list) and any(_same(v, e) for v in value for e in expected)
        if name == "text_equals":
            return isinstance(value, str) and value.strip().casefold() == \
                str(expected).strip().casefold()
        pair = _comparable(value, expected)
        if pair is None:
            return False
        a, b = pair
        return {"at_least": a >= b, "more_than": a > b, "less_than": a < b,
                "at_most": a <= b}[name]

    def _selected(self, patterns: list[str]) -> bool:
        return any(fnmatch.fnmatchcase(str(p.get("clause", "")), pat)
                   for p in self.provisions for pat in patterns)

    def text(self, template: str, extra: dict[str, Any]) -> str:
        def show(m: re.Match) -> str:
            name, fmt = m.group(1), m.group(2) or "text"
            if name in extra:
                value = extra[name]
            elif name in self.names:
                value = self.names[name]
            else:
                value = lookup_path(self.scope, name)
            if value is _MISSING or value is None:
                return "[not given]"
            return show_value(value, fmt)

        return _SHOW.sub(show, template).strip()


def show_date(value: dt.date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def show_value(value: Any, fmt: str = "text") -> str:
    """A value as a message shows it."""
    if fmt in ("money", "money0"):
        n = _number(value)
        if n is None:
            return str(value)
        cents = 0 if fmt == "money0" or (n == n.to_integral() and n >= 1000) else 2
        return f"${n:,.{cents}f}"
    if fmt == "percent":
        n = _number(value)
        if n is None:
            return str(value)
        return (f"{int(n)}" if n == n.to_integral() else f"{n.normalize():f}") + "%"
    if fmt == "number":
        n = _number(value)
        return str(value) if n is None else (f"{int(n):,}" if n == n.to_integral()
                                             else f"{n.normalize():,f}")
    if fmt == "date" and isinstance(value, dt.date):
        return show_date(value)
    if fmt == "year" and isinstance(value, dt.date):
        return str(value.year)
    if isinstance(value, list):
        items = [str(v) for v in value]
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] \
            if items else ""
    if isinstance(value, dt.date):
        return show_date(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value != value.to_integral() else f"{int(value)}"
    return str(value)


def _finding_path(rule: Rule, index: Optional[int], key: str) -> tuple:
    if not rule.path:
        return (key, index) if index is not None else ()
    parts = rule.path.split(".")
    if parts[0] == "provision":
        return (key, index, *parts[1:]) if index is not None else tuple(parts[1:])
    return tuple(parts)


# --------------------------------------------------------------------------- rule sets


@dataclass
class RuleSource:
    """One file that contributed rules: its label, version and as-of date."""

    name: str
    as_of: dt.date
    version: str = ""
    title: str = ""
    package: bool = True


@dataclass
class RuleSet:
    """The rules of one name (e.g. procurement) after every override is applied."""

    name: str
    rules: list[tuple[Rule, str, dt.date]] = field(default_factory=list)
    sources: list[RuleSource] = field(default_factory=list)
    programs: dict[str, str] = field(default_factory=dict)
    """Programs the rules know, by short name, with their full names."""

    def evaluate(self, facts: dict[str, Any], provisions_key: str = "provisions",
                 on: Optional[dt.date] = None) -> list[RuleResult]:
        provisions = [p for p in facts.get(provisions_key) or [] if isinstance(p, dict)]
        results = []
        for rule, origin, as_of in self.rules:
            in_effect = ((rule.effective_from is None or on is None or on >= rule.effective_from)
                         and (rule.effective_until is None or on is None
                              or on <= rule.effective_until))
            result = RuleResult(rule=rule, origin=origin, as_of=as_of, in_effect=in_effect,
                                fired=False)
            if rule.row:
                _take_row(result, lookup_path(facts, rule.row))
            results.append(result)
            if not (rule.enabled and in_effect):
                continue
            extra = {"as_of": result.as_of, "status": rule.status or "", "title": rule.title,
                     "source": result.source}
            scopes: list[tuple[Optional[int], dict[str, Any]]]
            if rule.each_provision:
                scopes = [(i, {**facts, "provision": p}) for i, p in enumerate(provisions)
                          if any(fnmatch.fnmatchcase(str(p.get("clause", "")), pat)
                                 for pat in rule.each_provision)]
            else:
                scopes = [(None, facts)]
            for index, scope in scopes:
                check = _Check(rule, scope, provisions)
                if rule.when is not None and not check.holds(rule.when):
                    continue
                result.fired = True
                if rule.kind == "requirement":
                    result.statement = check.text(rule.statement, extra)
                    continue
                result.findings.append(Finding(
                    path=_finding_path(rule, index, provisions_key),
                    message=check.text(rule.message, extra),
                    fix=check.text(rule.fix, extra), rule=rule.id, source=result.citation))
            if rule.kind == "requirement" and not result.fired and rule.otherwise:
                result.otherwise = _Check(rule, facts, provisions).text(rule.otherwise, extra)
        return results

    @property
    def as_of(self) -> Optional[dt.date]:
        """The date of the package's own rules (the first file)."""
        return self.sources[0].as_of if self.sources else None


def _take_row(result: RuleResult, row: Any) -> None:
    """A rule that rests on a row of a table takes the row's citation, date and flag."""
    if not isinstance(row, dict):
        return
    if isinstance(row.get("source"), str):
        result.row_source = row["source"]
    if isinstance(row.get("as_of"), dt.date):
        result.as_of = row["as_of"]
    if isinstance(row.get("verified"), bool):
        result.row_verified = row["verified"]
    if isinstance(row.get("evidence"), str):
        result.row_evidence = row["evidence"]


class RuleBook:
    """Every rule set plankit knows, with the overrides given for this run."""

    def __init__(self, sets: dict[str, RuleSet]) -> None:
        self.sets = sets

    def get(self, name: str) -> RuleSet:
        return self.sets.get(name) or RuleSet(name=name)

    def evaluate(self, name: str, model: Any) -> list[RuleResult]:
        """Check rule set ``name`` against an input model that provides ``rule_facts()``."""
        facts = model.rule_facts() if hasattr(model, "rule_facts") else \
            model.model_dump(mode="python")
        on = facts.get("date") if isinstance(facts.get("date"), dt.date) else None
        return self.get(name).evaluate(facts, on=on)

    def state_wage(self, facts: dict[str, Any]) -> dict[str, Any]:
        """What the state prevailing wage table says about a solicitation's facts (see
        :func:`plankit.rules.state_wage.assess`)."""
        from plankit.rules.state_wage import assess

        return assess(facts)

    def basis(self, name: str) -> dict[str, Any]:
        """What a document says about its rules: the files used and their as-of dates."""
        rs = self.get(name)
        return {"as_of": rs.as_of, "sources": [s.__dict__ for s in rs.sources],
                "overridden": any(not s.package for s in rs.sources)}
