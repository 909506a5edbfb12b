"""Bookmarks for the DOCX renderer, so that cross-references become internal links.

Every node with an id, and every numbered section, gets a bookmark on the first paragraph
it produces. A :class:`~plankit.document.XRef` whose target is such an id (or a section
number) becomes a ``w:hyperlink`` to it, which Word, LibreOffice and PDF exports follow.
"""

from __future__ import annotations

import re

from plankit.document import Document, Section, walk

__all__ = ["Bookmarks"]

_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")
_MAX_BASE = 32
"""Word allows 40 characters in a bookmark name; leave room for the prefix and a suffix."""


class Bookmarks:
    """Bookmark names for one document, and the ones waiting for a paragraph."""

    def __init__(self, doc: Document) -> None:
        self._by_node: dict[int, list[str]] = {}
        self._targets: dict[str, str] = {}
        self._pending: list[str] = []
        self._placed: set[str] = set()
        used: set[str] = set()
        for node in walk(doc):
            attrs = getattr(node, "attrs", None)
            if attrs is None:
                continue
            keys = [attrs.id] if attrs.id else []
            if isinstance(node, Section) and node.number:
                keys.append(node.number)
            if not keys:
                continue
            base = _UNSAFE.sub("_", keys[0]).strip("_")[:_MAX_BASE] or "ref"
            name, n = f"plk_{base}", 2
            while name in used:
                name, n = f"plk_{base}_{n}", n + 1
            used.add(name)
            self._by_node.setdefault(id(node), []).append(name)
            for key in keys:
                self._targets.setdefault(key, name)

    def target(self, key: str) -> str:
        """The bookmark a cross-reference to ``key`` links to, or "" if there is none."""
        return self._targets.get(key, "")

    def entering(self, node: object) -> None:
        """``node`` is about to be rendered: its bookmarks wait for the next paragraph."""
        names = self._by_node.get(id(node))
        if names:
            self._pending.extend(names)

    def place(self, paragraph) -> None:
        """Put the waiting bookmarks at the start of ``paragraph`` (a :class:`.wml.Para`
        with no runs yet)."""
        if not self._pending:
            return
        for name in self._pending:
            if name in self._placed:
                continue
            number = len(self._placed)
            self._placed.add(name)
            paragraph.content.append(f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>'
                                     f'<w:bookmarkEnd w:id="{number}"/>')
        self._pending = []
