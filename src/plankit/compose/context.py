"""The read-only view of the input that clause bodies see as ``doc``.

Values the user left out (``None``) become :class:`Missing`, so printing them shows a
visible placeholder whose prompt is the field's description. Values the user left open on
purpose (``[to be set]``) become :class:`OpenFact`: a placeholder named by the field path as
the user writes it, on which no arithmetic is done.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from plankit.compose.sandbox import Missing, OpenFact
from plankit.models.open import OpenValue, open_fields, prompt_for


def _prompt(model: BaseModel, name: str) -> str:
    return prompt_for(type(model), name)


def _chooses(model: BaseModel, name: str) -> bool:
    """Whether a field is a choice or a yes/no answer: open, it reads as if left out (its
    default wording), since no placeholder can stand for wording not yet chosen."""
    field = type(model).model_fields.get(name)
    text = str(field.annotation) if field is not None else ""
    return "Literal" in text or "bool" in text


def _first_open(args: tuple, kwargs: dict) -> OpenFact | None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, OpenFact):
            return value
    return None


class Record(Mapping):
    """A model (or mapping) as attribute- and key-accessible data, with Missing for None."""

    __slots__ = ("_model", "_path", "_cache", "_index")

    def __init__(self, model: BaseModel | Mapping, path: str,
                 index: dict | None = None) -> None:
        self._model = model
        self._path = path
        self._cache: dict[str, Any] = {}
        self._index = open_index(model) if index is None else index
        """(id of a model in the input, field name) -> the field's path as the user writes
        it, for every open field: a model reached through a property (``doc.incentives``)
        still names its open fields by where they are in the input."""

    def _names(self) -> list[str]:
        if isinstance(self._model, BaseModel):
            return list(type(self._model).model_fields)
        return list(self._model)

    def __getitem__(self, name: str) -> Any:
        if name in self._cache:
            return self._cache[name]
        if isinstance(self._model, BaseModel):
            if name not in type(self._model).model_fields:
                prop = getattr(type(self._model), name, None)
                if isinstance(prop, property):
                    value = wrap(getattr(self._model, name), _join(self._path, name),
                                 self._index)
                    self._cache[name] = value
                    return value
                if callable(prop) and not hasattr(BaseModel, name) and not name.startswith("_"):
                    # a plain method the input model defines for clauses, e.g. describe()
                    method = getattr(self._model, name)
                    path = f"{self._path}.{name}()"

                    def call(*a: Any, **k: Any) -> Any:
                        opened = _first_open(a, k)  # nothing is looked up by an open value
                        return opened.derived("part of") if opened is not None \
                            else wrap(method(*a, **k), path, self._index)
                    return call
                raise KeyError(name)
            raw = getattr(self._model, name)
            path = _join(self._path, name)
            opened = open_fields(self._model).get(name)
            if opened is not None and not _chooses(self._model, name):
                path = self._index.get((id(self._model), name), path)
                value = OpenFact(path, prompt_for(type(self._model), name, short=True),
                                 opened.note)
            else:
                value = Missing(path, _prompt(self._model, name)) if raw is None \
                    else wrap(raw, path, self._index)
        else:
            raw = self._model[name]
            path = _join(self._path, str(name))
            if isinstance(raw, OpenValue) and not raw.source:  # named where the user wrote it
                path = self._index.get((id(self._model), name), path)
            value = Missing(path, str(name).replace("_", " ")) if raw is None \
                else wrap(raw, path, self._index)
        self._cache[name] = value
        return value

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __iter__(self):
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"Record({self._path or 'doc'})"


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def open_index(model: Any) -> dict:
    """(id of a model, field name) -> path as the user writes it, for every open field."""
    from plankit.inputs.validation import format_path

    index: dict = {}

    def walk(value: Any, loc: tuple) -> None:
        if isinstance(value, BaseModel):
            opened = open_fields(value)
            for name in type(value).model_fields:
                if name in opened:
                    index[(id(value), name)] = format_path(loc + (name,))
                else:
                    walk(getattr(value, name, None), loc + (name,))
        elif isinstance(value, Mapping):  # e.g. a provision's params: open values in a dict
            for key, item in value.items():
                if isinstance(item, OpenValue):
                    index[(id(value), key)] = format_path(loc + (key,))
                else:
                    walk(item, loc + (key,))
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                walk(item, loc + (i,))

    if isinstance(model, BaseModel):
        walk(model, ())
    return index


def wrap(value: Any, path: str, index: dict | None = None) -> Any:
    if isinstance(value, OpenValue):
        if value.source:  # worked out from an open fact: named by that fact
            from plankit.inputs.validation import format_path
            return OpenFact(format_path(value.source), f"{value.what}, worked out once "
                            f"{format_path(value.source)} is set", value.note)
        return OpenFact(path, path.rsplit(".", 1)[-1].replace("_", " "), value.note)
    if isinstance(value, (BaseModel, Mapping)) and not isinstance(value, Record):
        return Record(value, path, {} if index is None else index)
    if isinstance(value, (list, tuple)):
        return [wrap(v, f"{path}[{i + 1}]", index) for i, v in enumerate(value)]
    return value
