"""Walking and rewriting the tree: the child nodes of any node, every node in document order,
a block or inline rewritten throughout (what passes use), and the sections a table of
contents lists."""

from __future__ import annotations

from dataclasses import is_dataclass, replace
from typing import Iterator

from plankit.document.blocks import (BulletList, Container, ListItem, OrderedList, Revision,
                                     Section, Table, TableRow)
from plankit.document.inlines import Emph, LineBreak, Placeholder, Strong, Text, XRef
from plankit.document.root import Document


def children_of(node: object) -> tuple:
    """The child nodes of any node, in document order."""
    if isinstance(node, Table):
        return (node.header,) + node.rows
    if isinstance(node, Section):
        return node.title + node.children
    for attr in ("children", "items", "cells", "signatories"):
        value = getattr(node, attr, None)
        if value is not None:
            return value
    return ()


def walk(node: object) -> Iterator[object]:
    """Every node below ``node`` (inclusive), depth first, in document order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children_of(current)))


def map_blocks(blocks: tuple, fn) -> tuple:
    """Apply ``fn`` to every block, recursing into containers, sections and lists first."""
    out = []
    for block in blocks:
        if isinstance(block, (Section, Container, Revision)):
            block = replace(block, children=map_blocks(block.children, fn))
        elif isinstance(block, (BulletList, OrderedList)):
            block = replace(block, items=tuple(
                ListItem(children=map_blocks(item.children, fn)) for item in block.items))
        out.append(fn(block))
    return tuple(out)


def map_inlines(node, fn):
    """Return ``node`` with ``fn`` applied to every inline (``fn`` returns an inline)."""
    if isinstance(node, (Text, LineBreak)):
        return fn(node)
    if isinstance(node, (Placeholder, XRef)):
        return fn(node)
    if isinstance(node, (Strong, Emph)):
        return fn(replace(node, children=tuple(map_inlines(c, fn) for c in node.children)))
    if isinstance(node, Table):
        return replace(node, header=map_inlines(node.header, fn),
                       rows=tuple(map_inlines(r, fn) for r in node.rows))
    if isinstance(node, TableRow):
        return replace(node, cells=tuple(map_inlines(c, fn) for c in node.cells))
    if isinstance(node, Section):
        return replace(node, title=tuple(map_inlines(c, fn) for c in node.title),
                       children=tuple(map_inlines(c, fn) for c in node.children))
    if isinstance(node, (BulletList, OrderedList)):
        return replace(node, items=tuple(map_inlines(i, fn) for i in node.items))
    if isinstance(node, Document):
        return replace(node, children=tuple(map_inlines(c, fn) for c in node.children))
    if is_dataclass(node) and hasattr(node, "children"):
        return replace(node, children=tuple(map_inlines(c, fn) for c in node.children))
    return node


def toc_entries(doc: Document, depth: int = 2) -> list[tuple[int, Section]]:
    """The sections a table of contents lists: ``(level, section)`` for titled sections
    down to ``depth`` levels, in document order."""
    out: list[tuple[int, Section]] = []

    def visit(blocks: tuple, level: int) -> None:
        for block in blocks:
            if isinstance(block, Section):
                if block.title and level <= depth:
                    out.append((level, block))
                visit(block.children, level + 1)
            elif isinstance(block, Container) or (isinstance(block, Revision)
                                                  and block.kind == "ins"):
                visit(block.children, level)

    visit(doc.children, 1)
    return out
