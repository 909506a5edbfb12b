"""Renderer base class: one ``render_<node>`` method per node type, dispatched by class.

As in mistletoe, the dispatch map is built when a renderer class is defined, from its
``render_<snake_case_node_name>`` methods. ``tests/test_render_coverage.py`` fails if any
renderer lacks a method for any node type in :data:`plankit.document.NODE_TYPES`.
"""

from __future__ import annotations

import re
from typing import Any, Callable, ClassVar

from plankit.document import NODE_TYPES, Document

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
