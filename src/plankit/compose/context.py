"""The read-only view of the input that clause bodies see as ``doc``.

Values the user left out (``None``) become :class:`Missing`, so printing them shows a
visible placeholder whose prompt is the field's description.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from plankit.compose.sandbox import Missing


def _prompt(model: BaseModel, name: str) -> str:
    field = type(model).model_fields.get(name)
    if field is not None and field.description:
        text = field.description.split(";")[0].split(" (")[0].strip().rstrip(".")
        return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
    return name.replace("_", " ")


class Record(Mapping):
    """A model (or mapping) as attribute- and key-accessible data, with Missing for None."""

    __slots__ = ("_model", "_path", "_cache")

    def __init__(self, model: BaseModel | Mapping, path: str) -> None:
        self._model = model
        self._path = path
        self._cache: dict[str, Any] = {}

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
                    value = wrap(getattr(self._model, name), f"{self._path}.{name}")
                    self._cache[name] = value
                    return value
                if callable(prop) and not hasattr(BaseModel, name) and not name.startswith("_"):
                    # a plain method the input model defines for clauses, e.g. describe()
                    method = getattr(self._model, name)
                    path = f"{self._path}.{name}()"
                    return lambda *a, **k: wrap(method(*a, **k), path)
                raise KeyError(name)
            raw = getattr(self._model, name)
            path = f"{self._path}.{name}" if self._path else name
            value = Missing(path, _prompt(self._model, name)) if raw is None else wrap(raw, path)
        else:
            raw = self._model[name]
            path = f"{self._path}.{name}" if self._path else str(name)
            value = Missing(path, str(name).replace("_", " ")) if raw is None else wrap(raw, path)
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


def wrap(value: Any, path: str) -> Any:
    if isinstance(value, (BaseModel, Mapping)) and not isinstance(value, Record):
        return Record(value, path)
    if isinstance(value, (list, tuple)):
        return [wrap(v, f"{path}[{i + 1}]") for i, v in enumerate(value)]
    return value
