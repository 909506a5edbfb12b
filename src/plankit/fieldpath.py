"""Field paths: where a value sits in an input (``("parties", 0, "name")``) and how
messages write it (``parties[1].name``, items counted from 1)."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

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
