"""Loading rule files: the package's own, and agency files laid over them; and the rules
in force for the input being built (see the package notes in :mod:`plankit.rules`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Sequence

import yaml
from pydantic import ValidationError

from plankit.errors import InputError
from plankit.rules.evaluate import RuleBook, RuleSet, RuleSource
from plankit.rules.model import Rule, RuleFile

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
"""Where the package's own rule files are (installed with the package)."""

RULE_FILES: dict[str, str] = {"procurement": "procurement_rules.yaml"}
"""Rule set name -> the package file that holds it."""

def _problems(exc: ValidationError, loaded: Any, model: type, prefix: tuple) -> list[str]:
    from plankit.inputs.validation import validation_problems

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
        rs = RuleSet(name=name, programs=dict(head.programs))
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
        rs.programs.update(head.programs)
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

_DEFAULT: list[RuleBook] = []


def default_rules() -> RuleBook:
    """The package's own rules, without overrides (loaded once)."""
    if not _DEFAULT:
        _DEFAULT.append(load_rules())
    return _DEFAULT[0]


def as_book(rules: "RuleBook | Sequence[str | Path] | None" = ()) -> RuleBook:
    """A loaded book as it is; rule files laid over the package's rules; nothing: the
    package's rules."""
    if isinstance(rules, RuleBook):
        return rules
    return load_rules(rules) if rules else default_rules()


def validation_context(model_cls: Any, rules: "RuleBook | Sequence[str | Path] | None" = ()
                       ) -> Optional[dict]:
    """The context a kind's model is validated with: ``{"rules": book}`` for a kind that
    checks domain rules (``uses_rules``), with ``rules`` (a book, or rule files laid over
    the package's rules; none: the package's own); None for the others."""
    if not getattr(model_cls, "uses_rules", False):
        return None
    return {"rules": as_book(rules or ())}
