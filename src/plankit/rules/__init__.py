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
evaluator in :mod:`plankit.rules.evaluate`, which only looks values up in the input and
compares them.

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

from plankit.rules.evaluate import (RuleBook, RuleResult, RuleSet, RuleSource, lookup_path,
                                    show_date, show_value)
from plankit.rules.loading import (DATA_DIR, RULE_FILES, as_book, default_rules,
                                   load_rules, package_rules, validation_context)
from plankit.rules.model import (FORMATS, FORMS, TESTS, Condition, Lookup, LookupRow, Rule,
                                 RuleFile)

__all__ = ["DATA_DIR", "FORMATS", "FORMS", "RULE_FILES", "TESTS", "Condition", "Lookup",
           "LookupRow", "Rule", "RuleBook", "RuleFile", "RuleResult", "RuleSet", "RuleSource",
           "as_book", "default_rules", "load_rules", "lookup_path",
           "package_rules", "show_date", "show_value",
           "validation_context"]
