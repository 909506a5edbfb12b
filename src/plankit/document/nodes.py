"""The base class of every node of the document tree, and the attributes a node carries.

Every node class subclasses :class:`Node`; defining one registers it, so
:data:`plankit.document.NODE_TYPES` (the node types every renderer must handle) is derived
from the classes themselves and a node class added later is covered without editing a list.
"""

from __future__ import annotations

from dataclasses import dataclass

_NODES: dict[str, type] = {}
"""Every node class, by module and class name, in the order the classes are defined."""


class Node:
    """Base of every node class (frozen dataclasses with no knowledge of any output format).

    It holds no data and adds no slots; subclassing it registers the class."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # ``@dataclass(slots=True)`` makes a new class from the one defined (setting its
        # qualified name only afterwards): the new one takes the first one's place in the
        # registry, keeping its position.
        _NODES[f"{cls.__module__}.{cls.__name__}"] = cls


def node_types() -> tuple[type, ...]:
    """Every node class defined so far, in the order defined."""
    return tuple(_NODES.values())


CHILD_FIELDS = ("children", "items", "cells", "rows", "header", "title", "signatories")
"""The fields of a node that hold other nodes (a section's title holds inlines); the other
fields are the node's own data."""


@dataclass(frozen=True, slots=True)
class Attrs:
    """Attributes any node may carry (pandoc's ``Attr``)."""

    id: str = ""
    """Stable identifier, e.g. a clause id; the target of cross-references."""
    role: str = ""
    """What the node is for, e.g. ``recital``, ``incentive``, ``definitions``.
    Renderers map roles to styles and classes; they never need a new node type."""
    extra: tuple[tuple[str, str], ...] = ()
    """Further key/value pairs, sorted, so nodes stay hashable and deterministic."""

    def get(self, key: str, default: str = "") -> str:
        for k, v in self.extra:
            if k == key:
                return v
        return default


NO_ATTRS = Attrs()


@dataclass(frozen=True, slots=True)
class Source:
    """Where a node came from (markdown-it-py's ``Token.map``)."""

    clause: str = ""
    """Clause id, or empty for text plankit wrote itself."""
    version: str = ""
    """Clause version used."""
    line: int = 0
    """1-based line in the clause body, or 0 when unknown."""


NO_SOURCE = Source()
