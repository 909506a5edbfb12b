"""Validating parsed input against a kind's model, with one plain line per problem:
``file:line: field.path: what is wrong``, and a suggestion where one helps."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from plankit.errors import InputError
from plankit.inputs import LoadedInput

_TYPE_TAGS = {"str", "int", "float", "bool", "date", "decimal", "list", "dict", "none"}


def clean_loc(loc: tuple, model: type[BaseModel] | None = None) -> tuple:
    """Drop pydantic's union/validator tags from a location, keep keys and indexes.

    With the ``model``, a field whose name is also a tag (``date``) is kept."""
    out = []
    current: Any = model
    for part in loc:
        fields = current.model_fields if isinstance(current, type) \
            and issubclass(current, BaseModel) else {}
        if isinstance(part, str) and part in fields:
            out.append(part)
            current = _unwrap(fields[part].annotation)
            continue
        if isinstance(part, str) and ("[" in part or part in _TYPE_TAGS
                                      or part.startswith("function-")):
            continue
        out.append(part)
    return tuple(out)


def format_path(loc: tuple) -> str:
    """``("parties", 0, "name")`` -> ``parties[1].name`` (items counted from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(top level)"


def _unwrap(annotation: Any) -> Any:
    """Find the model class inside Optional[...], list[...], dict[str, ...] or Annotated."""
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin is None:
            return annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if not args:
            return annotation
        annotation = args[-1] if origin is dict else args[0]
    return annotation


def model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``loc`` (for key suggestions)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = _unwrap(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _message(err: dict, model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    """(message, suggestion) for one pydantic error."""
    kind = err.get("type", "")
    value = err.get("input")
    msg = str(err.get("msg", "is not valid"))
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        names = sorted(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6) if names else []
        if close:
            return "is not a field plankit knows here", f"did you mean '{close[0]}'?"
        return "is not a field plankit knows here", (
            f"fields allowed here: {', '.join(names)}" if names else "")
    if kind == "missing":
        parent = model_at(model, loc[:-1])
        field = parent.model_fields.get(str(loc[-1])) if parent else None
        desc = field.description if field and field.description else ""
        return "is required but missing", (f"add it: {desc}" if desc else "")
    if kind.startswith("value_error") or kind == "assertion_error":
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, "), ""
    shown = _clip(repr(value)) if isinstance(value, (str, int, float, bool)) else ""
    got = f" (got {shown})" if shown else ""
    friendly = {
        "int_parsing": "must be a whole number",
        "int_type": "must be a whole number",
        "int_from_float": "must be a whole number, without decimals",
        "float_parsing": "must be a number",
        "float_type": "must be a number",
        "decimal_parsing": "must be a number",
        "bool_parsing": "must be true or false",
        "bool_type": "must be true or false",
        "string_type": "must be text (put it in quotes if it looks like a number or date)",
        "list_type": "must be a list (one '- item' per line)",
        "dict_type": "must be a set of 'key: value' lines",
        "model_type": "must be a set of 'key: value' lines",
        "model_attributes_type": "must be a set of 'key: value' lines",
        "date_parsing": "must be a date written YYYY-MM-DD",
        "date_type": "must be a date written YYYY-MM-DD",
        "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
        "date_from_datetime_inexact": "must be a date written YYYY-MM-DD, without a time",
        "greater_than": msg.replace("Input should be", "must be"),
        "greater_than_equal": msg.replace("Input should be", "must be"),
        "less_than": msg.replace("Input should be", "must be"),
        "less_than_equal": msg.replace("Input should be", "must be"),
        "literal_error": msg.replace("Input should be", "must be one of"),
        "enum": msg.replace("Input should be", "must be one of"),
    }
    if kind == "string_too_long":
        return f"is too long (at most {(err.get('ctx') or {}).get('max_length')} characters)", ""
    if kind == "string_too_short":
        return "must not be empty", ""
    if kind in ("too_short", "too_long"):
        ctx = err.get("ctx") or {}
        if isinstance(value, (list, tuple, dict)):
            if kind == "too_short":
                n = ctx.get("min_length", 1)
                return f"needs at least {n} item{'s' if n != 1 else ''}", ""
            return f"has too many items (at most {ctx.get('max_length')})", ""
        if kind == "too_long":
            return f"is too long (at most {ctx.get('max_length')} characters)", ""
        return "must not be empty", ""
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6) \
            if isinstance(value, str) else []
        return friendly[kind] + got, (f"did you mean '{close[0]}'?" if close else "")
    if kind in friendly:
        return friendly[kind] + got, ""
    return msg[:1].lower() + msg[1:], ""


def _clip(text: str, limit: int = 80) -> str:
    """A value quoted in a message, shortened: a message must fit on one screen."""
    return text if len(text) <= limit else f"{text[: limit - 15]}… ({len(text):,} characters)"


def _shorten(message: str, value: Any) -> str:
    """The message without a long input value repeated in full."""
    if isinstance(value, str) and len(value) > 80:
        for text in (value, value.strip()):
            message = message.replace(text, _clip(text))
    return message if len(message) <= 1000 else message[:990] + "…"


def validation_problems(exc: ValidationError, loaded: LoadedInput,
                        model: type[BaseModel], prefix: tuple = ()) -> list[str]:
    """One line per problem, in file order."""
    rows = []
    for err in exc.errors(include_url=False):
        loc = prefix + clean_loc(tuple(err.get("loc", ())), model)
        message, suggestion = _message(err, model, loc[len(prefix):] if prefix else loc)
        line = loaded.line_of(loc)
        where = f"line {line}: " if line else ""
        text = f"{where}{format_path(loc)}: {_shorten(message, err.get('input'))}"
        if suggestion:
            text += f" — {suggestion}"
        rows.append((line, text))
    rows.sort(key=lambda r: r[0])
    seen: set[str] = set()
    out = []
    for _, text in rows:
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def validate_model(loaded: LoadedInput, model: type[BaseModel], data: Any = None,
                   prefix: tuple = (), what: str = "") -> Any:
    """Validate ``data`` (default: the whole file) against ``model``."""
    try:
        return model.model_validate(loaded.data if data is None else data)
    except ValidationError as exc:
        problems = validation_problems(exc, loaded, model, prefix)
        n = len(problems)
        raise InputError(
            f"{what or 'the input'} has {n} problem{'s' if n != 1 else ''}:",
            file=loaded.name, problems=problems,
            hint="fix the lines named above; 'plankit new KIND' shows a complete example",
        ) from None
