"""The open value: a fact the user does not have yet, left open on purpose.

Any fact field of any type (text, money, percentage, number, date, yes/no, choice, a list
or a whole section) may be written as::

    wage_floor: [to be set]
    number: "[to be set: assigned when the council approves the RFP]"

One spelling for every type. It cannot be mistaken for a real value: a text field whose
real value is the word "open" or "TBD" is written as it is; only the bracketed words "to
be set" leave a field open. Quotes are optional: YAML reads an unquoted ``[to be set]`` as
a one-item list, and ``[to be set: note]`` as a one-item list holding a one-key mapping;
both shapes are recognised here (and commas in an unquoted note are kept).

What an open value does:

* the input model keeps it as *unknown*: an optional field holds None (so totals,
  comparisons and rule checks that need it skip it), a required text field holds a stand-in
  that reads ``[the prompt]``, and the model remembers which of its fields are open
  (:func:`open_fields`);
* clause text sees it as a named placeholder (:class:`plankit.compose.sandbox.OpenFact`),
  named by the field path as the user writes it, with the field's description as prompt;
* ``plankit validate`` lists it, and the final copy refuses to be made while one remains.

A few fields decide how the document is built (``kind``, ``draft``, ``lang``,
``options``, a choice that is required): those refuse the open value with a message saying
why and what to write instead.
"""

from __future__ import annotations

import re
import typing
from typing import Any, Iterator

WORDS = "to be set"
SPELLING = "[to be set]"
"""How the open value is written in an input file."""
SPELLING_WITH_NOTE = "[to be set: note]"

_PATTERN = re.compile(r"^\s*\[\s*to be set\s*(?::\s*(?P<note>.*?))?\s*\]\s*$",
                      re.IGNORECASE | re.DOTALL)

PATTERN_JSON = r"^\s*\[\s*[Tt][Oo] [Bb][Ee] [Ss][Ee][Tt]\s*(:.*)?\]\s*$"
"""The open value as a JSON Schema pattern (for ``plankit schema``)."""

NEAR_MISSES = frozenset({"tbd", "tba", "to be determined", "to be decided", "to be set",
                         "to be confirmed", "tbc", "?", "??", "???", "xx", "xxx", "unknown",
                         "not known", "not yet known", "pending"})
"""Text that reads as if the user meant to leave the fact open (a did-you-mean)."""


class OpenValue:
    """An explicit open value in the input, with the user's note (may be empty).

    Falsy; equal only to itself, so two open values never count as "listed twice". A value
    worked out from an open one (a total) is an OpenValue too, made by :func:`unknown`, with
    the field it waits for as ``source`` and what it is as ``what``."""

    __slots__ = ("note", "source", "what")

    def __init__(self, note: str = "", source: tuple = (), what: str = "") -> None:
        self.note = note
        self.source = source
        self.what = what

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return f"[{WORDS}: {self.note}]" if self.note else SPELLING

    __str__ = __repr__

    def __reduce__(self):  # picklable, for batch workers
        return (OpenValue, (self.note, self.source, self.what))


def unknown(source: tuple, what: str) -> OpenValue:
    """A derived value that cannot be worked out while field ``source`` (a path, list items
    counted from 0) is open: ``what`` it is, e.g. "total points"."""
    return OpenValue(source=tuple(source), what=what)


class OpenText(str):
    """The stand-in a required text field holds while it is open: ``[prompt]``.

    It reads as a placeholder wherever Python code prints the field (a title, a document
    property) and equals only itself, so two open names are never "the same name"."""

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    def __reduce__(self):
        return (OpenText, (str(self),))


def parse_open(value: Any) -> OpenValue | None:
    """The open value ``value`` spells, or None. Accepts the text ``[to be set]`` /
    ``[to be set: note]`` and the shapes YAML makes of them when they are not quoted."""
    if isinstance(value, OpenValue):
        return value
    if isinstance(value, str):
        m = _PATTERN.match(value)
        return OpenValue((m.group("note") or "").strip()) if m else None
    if isinstance(value, list) and value:
        head, rest = value[0], value[1:]
        if not all(isinstance(r, (str, int, float)) for r in rest):
            return None
        note = ""
        if isinstance(head, str) and head.strip().lower() == WORDS:
            if rest:
                return None
        elif isinstance(head, dict) and len(head) == 1:
            key, text = next(iter(head.items()))
            if not (isinstance(key, str) and key.strip().lower() == WORDS):
                return None
            note = "" if text is None else str(text)
            if rest:
                note = ", ".join([note] + [str(r) for r in rest])
        else:
            return None
        return OpenValue(note.strip())
    return None


def mark_open(data: Any) -> Any:
    """A copy of parsed input data with every open value replaced by :class:`OpenValue`
    (mapping keys are left alone)."""
    found = parse_open(data)
    if found is not None:
        return found
    if isinstance(data, dict):
        return {k: mark_open(v) for k, v in data.items()}
    if isinstance(data, list):
        return [mark_open(v) for v in data]
    return data


def near_miss(text: Any) -> bool:
    """Whether text reads like a fact left open in other words ('TBD', '?')."""
    return isinstance(text, str) and text.strip().lower().rstrip(".") in NEAR_MISSES


# --------------------------------------------------------------------------- models


def prompt_for(model_cls: Any, name: str, short: bool = False) -> str:
    """What a placeholder for field ``name`` asks for: the start of its description
    (``short``: without its examples)."""
    field = getattr(model_cls, "model_fields", {}).get(name)
    if field is not None and field.description:
        text = field.description.split(";")[0].split(" (")[0].strip().rstrip(".")
        if short:
            text = re.split(r",? e\.g\.|,? such as |,? for example", text)[0].strip() or text
        return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
    return str(name).replace("_", " ")


def admits_text(annotation: Any) -> bool:
    """Whether a field's type takes plain text (so an open required field can hold a
    stand-in)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return admits_text(typing.get_args(annotation)[0])
    if origin is typing.Union or str(origin) == "types.UnionType":
        return any(admits_text(a) for a in typing.get_args(annotation))
    return annotation is str


def open_mode(model_cls: Any, name: str) -> str:
    """How field ``name`` of ``model_cls`` takes the open value: ``drop`` (it is left out:
    None or its default), ``stand-in`` (a required text field) or ``""`` (refused)."""
    if getattr(model_cls, "__open__", True) is False:
        return ""
    field = model_cls.model_fields[name]
    extra = field.json_schema_extra
    if isinstance(extra, dict) and extra.get("open") is False:
        return ""
    if chooses(field.annotation):
        # a choice or a yes/no answer: open only where leaving it out means "not known"
        return "drop" if not field.is_required() and field.default is None else ""
    if not field.is_required():
        return "drop"
    return "stand-in" if admits_text(field.annotation) else ""


def chooses(annotation: Any) -> bool:
    """Whether a field's type is a choice (a fixed list of words), a yes/no answer, a list
    of choices or a mapping of settings: open, it cannot stand for a fact to fill in."""
    origin = typing.get_origin(annotation)
    if annotation is bool or origin is typing.Literal or origin is dict:
        return True
    return any(chooses(a) for a in typing.get_args(annotation)
               if a is not type(None) and not isinstance(a, (str, int)))


def open_fields(model: Any) -> dict[str, OpenValue]:
    """The fields of one model instance that the input leaves open, by name."""
    private = getattr(model, "__pydantic_private__", None) or {}
    return private.get("_open") or {}


def is_open(model: Any, name: str) -> bool:
    """Whether field ``name`` of ``model`` was left open in the input."""
    return name in open_fields(model)


def walk_open(model: Any, path: tuple = ()) -> Iterator[tuple[tuple, OpenValue, str]]:
    """Every open value in a validated input: (field path, value, prompt), in field order.
    Paths count list items from 0, as pydantic does."""
    from pydantic import BaseModel

    if isinstance(model, BaseModel):
        opened = open_fields(model)
        for name in type(model).model_fields:
            if name in opened:
                yield path + (name,), opened[name], prompt_for(type(model), name)
                continue
            yield from walk_open(getattr(model, name, None), path + (name,))
    elif isinstance(model, dict):
        for key, value in model.items():
            if isinstance(value, OpenValue):
                yield path + (key,), value, str(key).replace("_", " ")
            else:
                yield from walk_open(value, path + (key,))
    elif isinstance(model, (list, tuple)):
        for i, value in enumerate(model):
            if isinstance(value, OpenValue):
                yield path + (i,), value, f"item {i + 1}"
            else:
                yield from walk_open(value, path + (i,))


def unknown_if_open(model: Any, *names: str) -> bool:
    """True when any of the named fields of ``model`` is open (a derived value that needs
    them is unknown)."""
    opened = open_fields(model)
    return any(n in opened for n in names)


# --------------------------------------------------------------------------- JSON Schema


OPEN_SCHEMA: dict = {
    "title": "Open value",
    "description": f"A fact you do not have yet: write {SPELLING} (or {SPELLING_WITH_NOTE}). "
                   "The review copy shows a placeholder named by the field, 'plankit "
                   "validate' lists it, and the final copy is refused until it is filled in. "
                   "Quotes are optional in YAML.",
    "anyOf": [
        {"type": "string", "pattern": PATTERN_JSON},
        {"type": "array", "minItems": 1,
         "prefixItems": [{"anyOf": [{"const": WORDS},
                              {"type": "object", "required": [WORDS], "maxProperties": 1}]}]},
    ],
}
"""How ``plankit schema`` describes the open value (both the quoted and unquoted YAML
shapes, so an editor checking the file against the schema accepts either)."""


def schema_with_open(model_cls: Any) -> dict:
    """The JSON Schema of an input model, with the open value allowed wherever a field can
    be left open (``plankit schema KIND``)."""
    from pydantic import BaseModel

    schema = model_cls.model_json_schema()
    classes: dict[str, Any] = {}

    def collect(cls: Any) -> None:
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            return
        if cls.__name__ in classes:
            return
        classes[cls.__name__] = cls
        for field in cls.model_fields.values():
            for arg in _types_in(field.annotation):
                collect(arg)

    collect(model_cls)
    defs = schema.setdefault("$defs", {})

    def allow(node: dict, cls: Any) -> None:
        for name, prop in (node.get("properties") or {}).items():
            if name in cls.model_fields and open_mode(cls, name):
                node["properties"][name] = {"anyOf": [prop, {"$ref": "#/$defs/OpenValue"}],
                                            **{k: prop[k] for k in ("title", "description",
                                                                    "default") if k in prop}}

    allow(schema, model_cls)
    for name, node in list(defs.items()):
        if name in classes and isinstance(node, dict):
            allow(node, classes[name])
    defs["OpenValue"] = OPEN_SCHEMA
    return schema


def _types_in(annotation: Any) -> Iterator[Any]:
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _types_in(arg)
