"""Validating parsed input against a kind's model, with one plain line per problem:
``file:line: field.path: what is wrong``, and a suggestion where one helps."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from plankit.errors import InputError
from plankit.inputs.files import LoadedInput
from plankit.fieldpath import _unwrap, clean_loc, format_path  # noqa: F401
from plankit.labels import where as in_document
from plankit.models.open import SPELLING, OpenValue, mark_open, near_miss

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


def _annotation_at(model: type[BaseModel], loc: tuple) -> Any:
    """The declared type of the field at ``loc`` (None when the model does not say)."""
    parent = model_at(model, tuple(p for p in loc[:-1]))
    if parent is None or not loc or isinstance(loc[-1], int):
        return None
    field = parent.model_fields.get(str(loc[-1]))
    return field.annotation if field is not None else None


def _refused_open(err: dict, model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    """The message for an open value in a field that cannot be left open."""
    kind = err.get("type", "")
    name = str(loc[-1]) if loc else ""
    raw_annotation = _annotation_at(model, loc)
    annotation = str(raw_annotation)
    if name in ("kind", "draft", "lang", "options", "clause_params") and len(loc) == 1:
        return ("says how plankit builds the document, so it cannot be left open",
                "write its value, or delete the line to use the default")
    if raw_annotation is bool or kind in ("bool_type", "bool_parsing"):
        parent = model_at(model, loc[:-1])
        field = parent.model_fields.get(name) if parent else None
        default = "" if field is None or field.is_required() else \
            f" (leaving it out means {str(field.default).lower()})"
        return ("is a yes/no answer that decides what the document says, so it cannot be "
                "left open", f"write true or false{default}")
    if kind in ("dict_type",) or annotation.startswith("dict"):
        return ("holds settings, so it cannot be left open as a whole",
                f"give the settings; any one of them may be written {SPELLING}")
    if kind in ("literal_error", "enum") or "Literal" in annotation:
        options = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
        return ("is a choice that decides what the document says, so it cannot be left "
                "open", f"choose one of: {', '.join(options)}" if options else
                "choose one of the values it allows")
    if isinstance(loc[-1] if loc else None, int):
        return ("is one item of a list, which cannot be left open on its own",
                f"leave the item out for now, or leave the whole '{format_path(loc[:-1])}' "
                f"open with {SPELLING}")
    if kind in ("list_type", "model_type", "model_attributes_type", "dict_type") \
            or model_at(model, loc) is not None or annotation.startswith("list"):
        return ("holds the parts the document is built from, so it cannot be left open as a "
                "whole", f"fill it in; any fact inside it may be written {SPELLING}")
    parent = loc[:-1]
    why = "plankit needs it to choose the document's text"
    holder = model_at(model, parent[:-1]) if parent and not isinstance(parent[-1], int) \
        else None
    outer = holder.model_fields.get(str(parent[-1])) if holder is not None else None
    if outer is not None and not outer.is_required():
        return (f"cannot be left open on its own: {why}",
                f"write the value, or leave the whole '{format_path(parent)}' open with "
                f"{SPELLING}")
    return f"cannot be left open: {why}", "write the value"


def raw_at(data: Any, loc: tuple) -> Any:
    """The raw input value at a field path (None when the path is not there)."""
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _message(err: dict, model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    """(message, suggestion) for one pydantic error."""
    kind = err.get("type", "")
    value = err.get("input")
    msg = str(err.get("msg", "is not valid"))
    if isinstance(value, OpenValue):
        return _refused_open(err, model, loc)
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
        desc = desc.split(". ")[0].rstrip(".")
        return "is required but missing", (f"add it: {desc}" if desc else "add it") + \
            (f"; or write {SPELLING} to leave it open for now" if field is not None
             and "Literal" not in str(field.annotation) else "")
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
                        model: type[BaseModel], prefix: tuple = (),
                        data: Any = None) -> list[str]:
    """One line per problem, in file order. ``data``: the input as validated (with open
    values marked), to tell a field that cannot be left open."""
    rows = []
    for err in exc.errors(include_url=False):
        inner = clean_loc(tuple(err.get("loc", ())), model)
        loc = prefix + inner
        if data is not None and isinstance(raw_at(data, inner), OpenValue):
            message, suggestion = _refused_open(err, model, inner)
        else:
            message, suggestion = _message(err, model, inner)
            value = err.get("input")
            if isinstance(value, str) and (near_miss(value) or value.strip().lower() == "open") \
                    and err.get("type") != "extra_forbidden":
                suggestion = f"to leave it open for now, write {SPELLING}"
        line = loaded.line_of(loc)
        where = f"line {line}: " if line else ""
        data_ = loaded.data if isinstance(loaded.data, dict) else {}
        text = f"{where}{format_path(loc)}: {_shorten(message, err.get('input'))}"
        if suggestion:
            text += f" — {suggestion}"
        text += in_document(str(data_.get("kind", "")), loc, data_)
        rows.append((line, text))
    rows.sort(key=lambda r: r[0])
    seen: set[str] = set()
    out = []
    for _, text in rows:
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


NAMES_HINT = (" (a field that names another part of the input, such as a party or a partner, "
              f"cannot be left open: write the name it refers to, not {SPELLING})")


def _has_open(data: Any) -> bool:
    if isinstance(data, OpenValue):
        return True
    if isinstance(data, dict):
        return any(_has_open(v) for v in data.values())
    if isinstance(data, list):
        return any(_has_open(v) for v in data)
    return False


def validate_model(loaded: LoadedInput, model: type[BaseModel], data: Any = None,
                   prefix: tuple = (), what: str = "", context: Any = None) -> Any:
    """Validate ``data`` (default: the whole file) against ``model``; ``context`` is passed
    to the model's validators (a kind that checks domain rules gets ``{"rules": book}``)."""
    marked = mark_open(loaded.data if data is None else data)
    try:
        return model.model_validate(marked, context=context)
    except ValidationError as exc:
        problems = validation_problems(exc, loaded, model, prefix, data=marked)
        if _has_open(marked):
            problems = [p + NAMES_HINT if "'[" in p and "]'" in p else p for p in problems]
        n = len(problems)
        raise InputError(
            f"{what or 'the input'} has {n} problem{'s' if n != 1 else ''}:",
            file=loaded.name, problems=problems,
            hint="fix the lines named above; 'plankit new KIND' shows a complete example",
        ) from None
