"""The model tree as text (``-f tree``): for debugging, bug reports and goldens."""

from __future__ import annotations

from plankit import document as d
from plankit.render.base import Renderer, method_name


def _pretty_node(self, node) -> str:
    lines: list[str] = []
    d._pretty(node, 0, lines)
    return "\n".join(lines)


class TreeRenderer(Renderer):
    name = "tree"
    extension = "tree.txt"

    def render_document(self, doc: d.Document) -> str:
        return doc.pretty()

    # every node renders through the same pretty-printer
    locals().update({method_name(t): _pretty_node for t in d.NODE_TYPES})
