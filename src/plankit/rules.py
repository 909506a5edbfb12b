"""Domain rules as data: thresholds, percentages and program rules that produce warnings.

Each rule lives in a versioned YAML file (the package's own are in ``plankit/data/``, e.g.
``procurement_rules.yaml``) with its source, the date its status is as of, and optionally
the dates it is in effect. A rule says *when* it applies as plain field comparisons, for
example::

    when:
      all:
        - {field: solicitation.type, equals: construction}
        - {field: solicitation.estimated_value, at_least: {value: threshold}}
        - {not_selected: pla.require}

Nothing in a rule file is run as code: conditions are read as data and checked by the small
evaluator below, which only looks values up in the input and compares them.

An agency can change or add rules without touching code: it writes a file of the same
shape and passes it with ``plankit build --rules FILE`` (or ``validate``). A rule there with
the id of a package rule changes only the keys it gives (``enabled: false`` turns the rule
off; ``values: {threshold: 25000000}`` changes a number); a new id adds a rule. Every
document states the date the rules it was checked against are as of.

Conditions
----------
``all: [...]``, ``any: [...]``, ``none: [...]``
    every, at least one, or none of the conditions listed.
``selected: PATTERN`` / ``not_selected: PATTERN``
    whether a provision whose clause id matches is picked (``pla.*`` matches every PLA
    clause; a list means any of them).
``field: PATH`` with one test
    ``equals``, ``not_equals``, ``one_of`` (a list), ``contains`` and ``contains_any`` (for
    list fields), ``text_equals`` (text, ignoring capitals and spaces at the ends),
    ``at_least``, ``more_than``, ``less_than``, ``at_most`` (numbers or dates), ``is_set``
    (true or false). ``default:`` gives the value to use when the input leaves the field
    out; otherwise a test on a missing field is false (except ``is_set: false``).

A value to compare with is written as it is (``15``, ``construction``, ``2024-01-22``), or
as ``{field: PATH}`` (another field of the input) or ``{value: NAME}`` (one of the rule's
``values`` or ``lookup`` results).

Inside a rule with ``each_provision: PATTERN`` the rule is checked once for each matching
provision, and ``provision.clause``, ``provision.mode``, ``provision.points`` and
``provision.params.NAME`` name that provision's fields.

Messages may show values: ``{solicitation.estimated_value|money}``, ``{threshold|money}``,
``{ira_percent|percent}``, ``{as_of|date}``; the formats are money, percent, number, date,
year and list.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import fnmatch
import functools
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterator, Literal, Optional, Sequence

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from plankit.errors import InputError
from plankit.models._choices import one_or_many
from plankit.models.base import Model
from plankit.models.common import Finding

DATA_DIR = Path(__file__).resolve().parent / "data"
"""Where the package's own rule files are (installed with the package)."""

RULE_FILES: dict[str, str] = {"procurement": "procurement_rules.yaml"}
"""Rule set name -> the package file that holds it."""

_MISSING = object()
_PATH = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z0-9_][a-z0-9_-]*)*$")
_SHOW = re.compile(r"\{([a-z_][a-z0-9_.-]*)(?:\|([a-z0-9]+))?\}")
FORMATS = ("money", "money0", "percent", "number", "date", "year", "list", "text")
"""Ways a message may show a value."""


# --------------------------------------------------------------------------- rule files


TESTS = ("equals", "not_equals", "one_of", "contains", "contains_any", "text_equals",
         "at_least", "more_than", "less_than", "at_most", "is_set")
"""The tests a condition on a field can make."""
FORMS = ("all", "any", "none", "selected", "not_selected", "field")
"""The kinds of condition."""


class Condition(Model):
    """One test, or a group of tests (see the module notes)."""

    all: Optional[list["Condition"]] = None
    any: Optional[list["Condition"]] = None
    none: Optional[list["Condition"]] = None
    selected: Optional[list[str]] = None
    not_selected: Optional[list[str]] = None
    field: Optional[str] = None
    default: Any = None
    equals: Any = None
    not_equals: Any = None
    one_of: Optional[list[Any]] = None
    contains: Any = None
    contains_any: Optional[list[Any]] = None
    text_equals: Optional[str] = None
    at_least: Any = None
    more_than: Any = None
    less_than: Any = None
    at_most: Any = None
    is_set: Optional[bool] = None

    @field_validator("selected", "not_selected", mode="before")
    @classmethod
    def _patterns(cls, value: Any) -> Any:
        return one_or_many(value)

    @field_validator("field", mode="after")
    @classmethod
    def _path_shape(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not _PATH.match(value):
            raise ValueError(f"'{value}' is not a field path; write it like "
                             "'solicitation.estimated_value'")
        return value

    @model_validator(mode="after")
    def _one_form(self) -> "Condition":
        forms = [f for f in FORMS if getattr(self, f) is not None]
        tests = [t for t in TESTS if getattr(self, t) is not None]
        if len(forms) != 1:
            raise ValueError("a condition has exactly one of: " + ", ".join(FORMS)
                             + (f" (this one has {', '.join(forms)})" if forms else ""))
        if forms[0] == "field":
            if len(tests) != 1:
                raise ValueError(f"the condition on '{self.field}' needs exactly one test: "
                                 + ", ".join(TESTS))
        elif tests or self.default is not None:
            raise ValueError(f"tests such as {', '.join(tests) or 'default'} go with "
                             "'field:', not with '" + forms[0] + ":'")
        return self

    def test(self) -> tuple[str, Any]:
        name = next(t for t in TESTS if getattr(self, t) is not None)
        return name, getattr(self, name)


class LookupRow(Model):
    """One row of a lookup table: the value for the years it covers."""

    from_year: Optional[int] = None
    through_year: Optional[int] = None
    value: Any

    def covers(self, year: int) -> bool:
        return ((self.from_year is None or year >= self.from_year)
                and (self.through_year is None or year <= self.through_year))


class Lookup(Model):
    """A value that depends on the year of a date in the input (the first row that
    covers the year wins)."""

    year_of: str
    rows: list[LookupRow] = Field(min_length=1)

    @field_validator("year_of", mode="after")
    @classmethod
    def _path_shape(cls, value: str) -> str:
        if not _PATH.match(value):
            raise ValueError(f"'{value}' is not a field path")
        return value


class Rule(Model):
    """One domain rule."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    title: str = Field(min_length=1, max_length=200)
    kind: Literal["requirement", "law", "consistency"] = Field(
        "law", description="requirement: a legal requirement or authority that applies when "
                           "the condition holds, stated in the document; law: a check against "
                           "a law or program rule; consistency: a check of the input against "
                           "itself (never printed in the document)")
    severity: Literal["warning", "note"] = Field(
        "warning", description="warning: printed by validate and build (an error under "
                               "--strict); note: for the reviewer (a review comment and the "
                               "review memo)")
    statement: str = Field("", description="For a requirement: what the document says when it "
                                           "applies, in plain words")
    enabled: bool = True
    as_of: Optional[dt.date] = Field(None, description="Date the rule's status was last "
                                                       "checked; defaults to the file's")
    effective_from: Optional[dt.date] = None
    effective_until: Optional[dt.date] = None
    source: Optional[str] = Field(None, description="The law, rule or document it rests on")
    verified: bool = True
    status: Optional[str] = Field(None, description="Its status on the as-of date, for "
                                                    "rules that changed recently")
    each_provision: list[str] = Field(default_factory=list)
    when: Optional[Condition] = None
    path: Optional[str] = None
    message: str = ""
    fix: str = ""
    values: dict[str, Any] = Field(default_factory=dict)
    lookup: dict[str, Lookup] = Field(default_factory=dict)

    @field_validator("each_provision", mode="before")
    @classmethod
    def _patterns(cls, value: Any) -> Any:
        return one_or_many(value)

    @field_validator("path", mode="after")
    @classmethod
    def _path_shape(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not _PATH.match(value):
            raise ValueError(f"'{value}' is not a field path")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Rule":
        if self.effective_from and self.effective_until \
                and self.effective_until < self.effective_from:
            raise ValueError("effective_until is before effective_from")
        clash = set(self.values) & set(self.lookup)
        if clash:
            raise ValueError(f"{', '.join(sorted(clash))} is both a value and a lookup")
        if self.kind == "requirement" and not self.statement:
            raise ValueError("a requirement needs 'statement:', what the document says when it "
                             "applies")
        if self.kind != "requirement" and not self.message:
            raise ValueError("a check needs 'message:', what the warning says")
        for text in (self.message, self.fix, self.status or "", self.statement):
            for m in _SHOW.finditer(text):
                if m.group(2) and m.group(2) not in FORMATS:
                    raise ValueError(f"'{{{m.group(1)}|{m.group(2)}}}' uses an unknown format; "
                                     f"use one of: {', '.join(FORMATS)}")
        if any(p.startswith("provision.") for p in self._paths()) and not self.each_provision:
            raise ValueError("the rule names provision.… fields, so it needs 'each_provision:' "
                             "saying which provisions it checks")
        return self

    def _paths(self) -> Iterator[str]:
        if self.path:
            yield self.path

        def walk(c: Optional[Condition]) -> Iterator[str]:
            if c is None:
                return
            if c.field:
                yield c.field
            for group in (c.all, c.any, c.none):
                for sub in group or []:
                    yield from walk(sub)

        yield from walk(self.when)


class RuleFile(Model):
    """A rule file: which rule set it belongs to, its version and as-of date, its rules."""

    ruleset: str
    title: Optional[str] = None
    version: Optional[str] = None
    as_of: dt.date
    rules: list[dict[str, Any]] = Field(default_factory=list)


# --------------------------------------------------------------------------- results


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

    @property
    def citation(self) -> str:
        """The rule's source with its as-of date, as a warning cites it ("" if it has none)."""
        if not self.rule.source:
            return ""
        flag = "" if self.rule.verified else "; to be confirmed"
        return f"{self.rule.source} (as of {show_date(self.as_of)}{flag})"

    statement: str = ""
    """For a requirement that applies: what the document says, with values filled in."""

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
        return {"id": self.rule.id, "title": self.rule.title, "source": self.rule.source or "",
                "as_of": self.as_of, "verified": self.rule.verified, "kind": self.rule.kind,
                "status": self.rule.status or "", "severity": self.severity,
                "fired": self.fired, "outcome": self.outcome(), "origin": self.origin,
                "statement": self.statement,
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
            results.append(result)
            if not (rule.enabled and in_effect):
                continue
            extra = {"as_of": as_of, "status": rule.status or "", "title": rule.title,
                     "source": rule.source or ""}
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
        return results

    @property
    def as_of(self) -> Optional[dt.date]:
        """The date of the package's own rules (the first file)."""
        return self.sources[0].as_of if self.sources else None


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

    def basis(self, name: str) -> dict[str, Any]:
        """What a document says about its rules: the files used and their as-of dates."""
        rs = self.get(name)
        return {"as_of": rs.as_of, "sources": [s.__dict__ for s in rs.sources],
                "overridden": any(not s.package for s in rs.sources)}


# --------------------------------------------------------------------------- loading


def _problems(exc: ValidationError, loaded: Any, model: type, prefix: tuple) -> list[str]:
    from plankit.validation import validation_problems

    return validation_problems(exc, loaded, model, prefix)


def _read_package(name: str) -> tuple[RuleFile, list[tuple[Rule, dict]]]:
    path = DATA_DIR / RULE_FILES[name]
    data = yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    head = RuleFile.model_validate(data)
    rules = []
    for raw in head.rules:
        rules.append((Rule.model_validate(raw), raw))
    return head, rules


_PACKAGE: dict[str, tuple[RuleFile, list[tuple[Rule, dict]]]] = {}


def package_rules(name: str) -> tuple[RuleFile, list[tuple[Rule, dict]]]:
    if name not in _PACKAGE:
        _PACKAGE[name] = _read_package(name)
    return _PACKAGE[name]


def load_rules(files: Sequence[str | Path] = ()) -> RuleBook:
    """The package's rules with each file in ``files`` laid over them, in order."""
    from plankit.inputs import load

    sets: dict[str, RuleSet] = {}
    raws: dict[str, dict[str, dict]] = {}
    for name in RULE_FILES:
        head, rules = package_rules(name)
        rs = RuleSet(name=name)
        rs.sources.append(RuleSource(name=f"plankit {name} rules", as_of=head.as_of,
                                     version=head.version or "", title=head.title or ""))
        for rule, _raw in rules:
            rs.rules.append((rule, "", rule.as_of or head.as_of))
        sets[name] = rs
        raws[name] = {rule.id: raw for rule, raw in rules}
    for file in files:
        loaded = load(file)
        try:
            head = RuleFile.model_validate(loaded.data)
        except ValidationError as exc:
            raise InputError("the rules file has problems:", file=loaded.name,
                             problems=_problems(exc, loaded, RuleFile, ()),
                             hint="a rules file has 'ruleset:', 'as_of:' and 'rules:'; see "
                                  "the package's procurement_rules.yaml for the shape") from None
        if head.ruleset not in sets:
            line = loaded.line_of(("ruleset",))
            raise InputError(f"{f'line {line}: ' if line else ''}ruleset: '{head.ruleset}' is "
                             "not a rule set plankit knows", file=loaded.name,
                             hint="rule sets: " + ", ".join(sets))
        rs = sets[head.ruleset]
        known = raws[head.ruleset]
        rs.sources.append(RuleSource(name=Path(file).name, as_of=head.as_of,
                                     version=head.version or "", title=head.title or "",
                                     package=False))
        problems: list[str] = []
        for i, raw in enumerate(head.rules):
            rule_id = raw.get("id")
            if not isinstance(rule_id, str):
                line = loaded.line_of(("rules", i))
                problems.append(f"{f'line {line}: ' if line else ''}rules[{i + 1}]: every rule "
                                "needs an 'id'")
                continue
            merged = {**known[rule_id], **raw} if rule_id in known else dict(raw)
            if "as_of" not in raw:
                merged["as_of"] = head.as_of
            try:
                rule = Rule.model_validate(merged)
            except ValidationError as exc:
                problems.extend(_problems(exc, loaded, Rule, ("rules", i)))
                continue
            known[rule_id] = merged
            entry = (rule, Path(file).name, rule.as_of or head.as_of)
            for n, (old, _, _) in enumerate(rs.rules):
                if old.id == rule_id:
                    rs.rules[n] = entry
                    break
            else:
                rs.rules.append(entry)
        if problems:
            raise InputError(f"the rules file has {len(problems)} problem"
                             f"{'s' if len(problems) != 1 else ''}:", file=loaded.name,
                             problems=problems,
                             hint="fix the lines named above; a rule that changes a package "
                                  "rule gives its 'id' and only the keys it changes")
    return RuleBook(sets)


# --------------------------------------------------------------------------- the active book

_ACTIVE: contextvars.ContextVar[Optional[RuleBook]] = contextvars.ContextVar(
    "plankit_rules", default=None)
_DEFAULT: list[RuleBook] = []
_CURRENT: list[Optional[RuleBook]] = [None]
"""The rules of the innermost :func:`use_rules` block, for threads it starts."""


def default_rules() -> RuleBook:
    """The package's own rules, without overrides (loaded once)."""
    if not _DEFAULT:
        _DEFAULT.append(load_rules())
    return _DEFAULT[0]


def active_rules() -> RuleBook:
    """The rules for the input being built: those of the innermost :func:`use_rules`
    block (in this thread, else in the thread that started it), else the package's own."""
    return _ACTIVE.get() or _CURRENT[0] or default_rules()


def as_book(rules: "RuleBook | Sequence[str | Path] | None" = ()) -> RuleBook:
    """A loaded book as it is; rule files laid over the package's rules; nothing: the
    package's rules."""
    if isinstance(rules, RuleBook):
        return rules
    return load_rules(rules) if rules else default_rules()


@contextmanager
def use_rules(book: "RuleBook | Sequence[str | Path] | None"):
    """Check inputs against ``book`` (or these rule files) inside this block."""
    book = as_book(book)
    token = _ACTIVE.set(book)
    previous = _CURRENT[0]
    _CURRENT[0] = book
    try:
        yield book
    finally:
        _CURRENT[0] = previous
        _ACTIVE.reset(token)


def rules_scope(fn):
    """Decorator: run ``fn`` inside :func:`use_rules` with its ``rules`` keyword argument
    (rule files or a loaded book; none: the package's rules)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        with use_rules(kwargs.get("rules", ())):
            return fn(*args, **kwargs)

    return run
