"""Form fields generated from an input kind's pydantic model, never written by hand per kind.

Each field of the model becomes a :class:`Field` with the model's own description as help,
its examples, its choices (a ``Literal``) and a widget chosen from its type. A nested model
is a group of fields; a list of models is a list of groups the user can add to, remove from
and reorder. Inputs are named by the field path as the CLI's messages print it
(``parties[2].contact.email``), so a message links to its field without a lookup table.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from annotated_types import MaxLen
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

Widget = Literal["text", "textarea", "number", "date", "bool", "choice", "choices", "lines",
                 "yaml", "group", "list", "fixed", "settings"]

MAX_DEPTH = 8
"""Deepest nesting of groups a form shows (the models nest four or five levels)."""


@dataclass
class Field:
    """One field of a form."""

    key: str
    """The field's name in the model and the input file."""
    label: str
    widget: Widget
    help: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    examples: tuple[str, ...] = ()
    decimal: bool = False
    """A number that may have decimals (money, percentages); otherwise a whole number."""
    children: list["Field"] = field(default_factory=list)
    """The fields of a group, or of one item of a list."""
    model: Any = None
    """The model of a group or of a list's items."""

    def walk(self, prefix: tuple = ()) -> typing.Iterator[tuple[tuple, "Field"]]:
        """(path, field) for this field and every field inside it; a list's items are
        given index 0."""
        loc = prefix + (self.key,)
        yield loc, self
        inner = loc + (0,) if self.widget == "list" else loc
        for child in self.children:
            yield from child.walk(inner)


def label_of(key: str) -> str:
    """``short_name`` -> ``Short name``; ``ui_agency`` -> ``UI agency``."""
    words = key.replace("_", " ").split()
    known = {"ui": "UI", "wioa": "WIOA", "ssn": "SSN", "uc": "UC", "id": "ID", "url": "URL",
             "pla": "PLA", "cba": "CBA", "dot": "DOT", "etpl": "ETPL", "tanf": "TANF",
             "pdf": "PDF", "k12": "K-12", "ferpa": "FERPA", "hipaa": "HIPAA"}
    out = [known.get(w.lower(), w) for w in words]
    if out and out[0] == words[0]:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def _strip(annotation: Any) -> tuple[Any, bool, list]:
    """(the type inside Optional[...] and Annotated[...], whether None is allowed, the
    Annotated metadata)."""
    optional = False
    meta: list = []
    for _ in range(10):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation, meta = args[0], meta + list(args[1:])
            continue
        if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) == 1:
                annotation = args[0]
                continue
        break
    return annotation, optional, meta


def _max_len(meta: list) -> int | None:
    for m in meta:
        if isinstance(m, MaxLen):
            return m.max_length
        for inner in getattr(m, "metadata", []) or []:
            if isinstance(inner, MaxLen):
                return inner.max_length
    return None


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _literal(t: Any) -> tuple[str, ...] | None:
    if typing.get_origin(t) is Literal:
        return tuple(str(a) for a in typing.get_args(t))
    return None


def _examples(description: str, info_examples: Any) -> tuple[str, ...]:
    out = [str(e) for e in (info_examples or [])]
    out += re.findall(r"e\.g\. '([^']{1,120})'", description)
    return tuple(dict.fromkeys(out))


def field_for(key: str, info: Any, depth: int = 0) -> Field:
    """The form field for one model field (``info``: pydantic's FieldInfo)."""
    t, optional, meta = _strip(info.annotation)
    meta = meta + list(info.metadata or [])
    help_text = (info.description or "").strip()
    default = None if info.default is PydanticUndefined else info.default
    made = Field(key=key, label=info.title or label_of(key), widget="text", help=help_text,
                 required=info.is_required(), default=default,
                 examples=_examples(help_text, info.examples))
    choices = _literal(t)
    origin = typing.get_origin(t)
    if choices is not None:
        made.choices = choices
        made.widget = "fixed" if len(choices) == 1 and made.required else "choice"
    elif t is bool:
        made.widget = "bool"
    elif t in (int, Decimal, float):
        made.widget, made.decimal = "number", t is not int
    elif t is dt.date:
        made.widget = "date"
    elif t is str:
        made.widget = "text" if (_max_len(meta) or 10_000) <= 500 else "textarea"
    elif _is_model(t):
        if depth >= MAX_DEPTH:
            made.widget = "yaml"
        else:
            made.widget, made.model = "group", t
            made.children = model_fields(t, depth + 1)
    elif origin is list:
        item, _, item_meta = _strip((typing.get_args(t) or (Any,))[0])
        item_choices = _literal(item)
        if item_choices is not None:
            made.widget, made.choices = "choices", item_choices
        elif item is str:
            made.widget = "lines"
        elif _is_model(item) and depth < MAX_DEPTH:
            made.widget, made.model = "list", item
            made.children = model_fields(item, depth + 1)
        else:
            made.widget = "yaml"
    else:
        made.widget = "yaml"  # settings by key (dict), or a value of several shapes
    return made


@lru_cache(maxsize=None)
def _cached(model: type[BaseModel], depth: int) -> tuple[Field, ...]:
    fields = tuple(field_for(key, info, depth) for key, info in model.model_fields.items())
    keys = {f.key for f in fields}
    for f in fields:
        if f.key == "params" and f.widget == "yaml" and "clause" in keys:
            f.widget = "settings"  # a chosen clause's settings: one input each
    return fields


def model_fields(model: type[BaseModel], depth: int = 0) -> list[Field]:
    """The form fields of a model, in the model's order."""
    return list(_cached(model, depth))


@dataclass
class Page:
    """One page of a form: a part of the input."""

    slug: str
    title: str
    fields: list[Field]
    help: str = ""

    @property
    def keys(self) -> list[str]:
        return [f.key for f in self.fields]


GENERAL = "about"
"""The page holding a kind's single-value fields (title, date, draft …)."""


def pages_for(model: type[BaseModel]) -> list[Page]:
    """The pages of a kind's form: one for the single-value fields, then one per part of
    the input (a group of fields or a list of them), in the model's order."""
    fields = model_fields(model)
    general = [f for f in fields if f.widget not in ("group", "list")]
    pages = [Page(GENERAL, "About the document", general)]
    for f in fields:
        if f.widget in ("group", "list"):
            pages.append(Page(f.key.replace("_", "-"), f.label, [f], f.help))
    return pages


def page_of(pages: list[Page], key: str) -> Page:
    """The page that holds top-level field ``key``."""
    for page in pages:
        if key in page.keys:
            return page
    return pages[0]


# ------------------------------------------------------------------ names and ids

def name_of(loc: tuple) -> str:
    """``("parties", 1, "name")`` -> ``parties[2].name``: the path as the CLI prints it."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else ("." if text else "") + str(part)
    return text


_PART = re.compile(r"\[(\d+)\]|\.?([A-Za-z_][A-Za-z0-9_]*)")


def parse_name(name: str) -> tuple | None:
    """``parties[2].name`` -> ``("parties", 1, "name")``; None for a name that is not a
    field path."""
    loc: list = []
    pos = 0
    while pos < len(name):
        m = _PART.match(name, pos)
        if not m or (pos == 0 and m.group(0).startswith(".")):
            return None
        loc.append(int(m.group(1)) - 1 if m.group(1) else m.group(2))
        pos = m.end()
    if not loc or any(isinstance(p, int) and p < 0 for p in loc):
        return None
    return tuple(loc)


def id_of(name: str) -> str:
    """An HTML id for a field path."""
    return "f-" + re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")
