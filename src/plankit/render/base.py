"""Renderer base class: one ``render_<node>`` method per node type, dispatched by class.

As in mistletoe, the dispatch map is built when a renderer class is defined, from its
``render_<snake_case_node_name>`` methods. ``tests/test_render_coverage.py`` fails if any
renderer lacks a method for any node type in :data:`plankit.document.NODE_TYPES`.

:func:`cell_kind` and :func:`row_kind` tell every renderer which table rows are a form to
fill in by hand (blank cells, or a tall blank cell to sign in), so each can give them room.
"""

from __future__ import annotations

import re
from typing import Any, Callable, ClassVar

from plankit.document import NODE_TYPES, Document, TableCell, TableRow, inline_text

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def method_name(node_type: type) -> str:
    """``TableCell`` -> ``render_table_cell``."""
    return "render_" + _CAMEL.sub("_", node_type.__name__).lower()


class Renderer:
    """Base of all format renderers. Configuration lives on the instance."""

    name: ClassVar[str] = ""
    extension: ClassVar[str] = ""
    binary: ClassVar[bool] = False
    render_map: ClassVar[dict[type, str]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.render_map = {
            t: method_name(t) for t in NODE_TYPES if callable(getattr(cls, method_name(t), None))
        }

    def __init__(self, **options: Any) -> None:
        self.options = options

    def render(self, node: Any) -> Any:
        """Render one node by dispatching on its class."""
        try:
            name = self.render_map[type(node)]
        except KeyError:
            raise TypeError(f"{type(self).__name__} cannot render {type(node).__name__}") from None
        method: Callable[[Any], Any] = getattr(self, name)
        return method(node)

    def render_document(self, doc: Document) -> str | bytes:  # pragma: no cover - abstract
        raise NotImplementedError


class TextRenderer(Renderer):
    """A renderer whose node methods return strings."""

    def render_children(self, nodes: tuple, sep: str = "") -> str:
        return sep.join(self.render(n) for n in nodes)


def cell_kind(cell: TableCell) -> str:
    """What a table cell is for: "blank" when it is left empty to be filled in by hand
    (nothing in it but spaces), "sign" when it is left tall for a signature (nothing in it
    but line breaks), "" when it holds text."""
    text = inline_text(cell.children)
    if text.strip():
        return ""
    return "sign" if "\n" in text else "blank"


def row_kind(row: TableRow) -> str:
    """"sign" for a form row with a space to sign, "blank" for a form row with a cell to
    fill in, "" for a row of text."""
    kinds = {cell_kind(cell) for cell in row.cells}
    return "sign" if "sign" in kinds else "blank" if "blank" in kinds else ""
