"""A chosen clause's settings (``provisions[N].params``), one labelled input each, generated
from the parameters the clause declares: its type, default, help text and choices.

The inputs are named by the settings' field paths (``provisions[3].params.wage_floor``), so
the CLI's messages about a setting link to its input. Each value is read as the CLI reads
the same words in a YAML file (money, percentages, numbers and dates as YAML scalars, for
the clause's parameter model to parse), so the form and the CLI accept and refuse the same
values with the same messages. Settings the clause does not declare (from an opened file)
stay in an "other settings" box, for the check to report; a clause the library does not
have keeps the one box of ``name: value`` lines.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from plankit.web.fields import Field, label_of, name_of

WIDGETS = {"text": "text", "money": "number", "percent": "number", "integer": "number",
           "number": "number", "boolean": "bool", "choice": "choice", "date": "date",
           "list": "lines"}
"""A clause parameter's type -> the widget that edits it."""

OWN_FIELDS = ("points",)
"""Parameters a provision gives in a field of its own, not among its settings."""


def _library():
    from plankit.web import service

    return service.library()


def param_fields(clause_id: Any) -> list[Field] | None:
    """The inputs of a clause's settings, in the clause's order; None when the library has
    no such clause (its settings are then written as ``name: value`` lines)."""
    clause = _library().clauses.get(clause_id) if isinstance(clause_id, str) else None
    if clause is None:
        return None
    out = []
    for key, spec in clause.meta.params.items():
        if key in OWN_FIELDS:
            continue
        widget = WIDGETS.get(spec.type, "text")
        example = () if spec.example is None or isinstance(spec.example, (list, dict)) \
            else (str(spec.example),)
        help_text = spec.help.strip()
        if help_text and not help_text.endswith((".", "?", ")")):
            help_text += "."
        if spec.default is not None and widget not in ("bool", "choice"):
            help_text += f"{' ' if help_text else ''}Left empty: {spec.default}."
        out.append(Field(key=key, label=label_of(key), widget=widget,  # type: ignore[arg-type]
                         help=help_text, required=spec.required, default=spec.default,
                         choices=tuple(spec.choices or ()), examples=example,
                         decimal=spec.type in ("money", "percent", "number")))
    return out


def clause_title(clause_id: Any) -> str:
    clause = _library().clauses.get(clause_id) if isinstance(clause_id, str) else None
    return clause.meta.title if clause is not None else ""


def other_settings(settings: Any, fields: list[Field]) -> Any:
    """The settings in ``settings`` the clause does not declare (None when there are none)."""
    if not isinstance(settings, dict):
        return settings
    known = {f.key for f in fields}
    rest = {k: v for k, v in settings.items() if k not in known}
    return rest or None


def as_text_box(f: Field) -> Field:
    """The settings field as one box of ``name: value`` lines."""
    return replace(f, widget="yaml")


def shown_settings(loc: tuple, data: dict) -> set[str]:
    """The names of the setting inputs a page shows for the settings field at ``loc``."""
    from plankit.web.formdata import value_at

    fields = param_fields(value_at(data, loc[:-1] + ("clause",)))
    return {name_of(loc + (f.key,)) for f in fields or ()}


def read_settings(f: Field, loc: tuple, form) -> Any:
    """The settings a page sends for the clause its item names (None when none is given):
    the other-settings box first, then each declared setting's input. An input drawn for
    another clause (the clause was changed on the page) is left out."""
    from plankit.web.formdata import _yaml_block, read_field

    name = name_of(loc)
    fields = param_fields(form.get(name_of(loc[:-1] + ("clause",))).strip())
    text = form.get(name).replace("\r\n", "\n").replace("\r", "\n")
    out: dict = {}
    if text.strip():
        given = _yaml_block(text)
        if not isinstance(given, dict):
            return given  # not settings at all: the check says so
        out.update(given)
    if fields is None:  # inputs drawn for a clause the library has: kept as they are
        prefix = name + "."
        fields = [Field(key=n[len(prefix):], label="", widget="number") for n in form.names()
                  if n.startswith(prefix) and n[len(prefix):].isidentifier()]
    for field in fields:
        value = read_field(field, loc + (field.key,), form)
        if value is not None:
            out[field.key] = value
    return out or None
