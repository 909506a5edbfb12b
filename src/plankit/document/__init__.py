"""The intermediate document model: one tree that every output format renders.

Nodes are frozen dataclasses with no knowledge of any output format. Passes
(``plankit.compose.passes``) return new trees with :func:`dataclasses.replace`.
Each node carries ``attrs`` (id, role and extra key/values) and, where it came
from a clause, a ``source`` naming the clause id, version and line.

The model is split by responsibility; everything is imported from here
(``from plankit import document as d``; ``d.Paragraph``):

- :mod:`~plankit.document.nodes`: the :class:`Node` base class, ``Attrs`` and ``Source``;
- :mod:`~plankit.document.inlines`: inline nodes (text, emphasis, placeholders, references);
- :mod:`~plankit.document.blocks`: block nodes (paragraphs, lists, tables, sections …);
- :mod:`~plankit.document.root`: the :class:`Document` root, what the review copy carries
  and the helpers renderers share for it;
- :mod:`~plankit.document.traverse`: walking and rewriting the tree;
- :mod:`~plankit.document.pretty`: the tree as indented text.
"""

from __future__ import annotations

from dataclasses import replace

from plankit.document.blocks import (Block, BulletList, Container, ListItem, Note, OrderedList,
                                     Paragraph, Revision, Section, Signatory, SignatureBlock,
                                     Table, TableCell, TableRow)
from plankit.document.inlines import (Deleted, Emph, Inline, Inserted, LineBreak, Placeholder,
                                      Strong, Text, XRef, inline_text)
from plankit.document.nodes import (CHILD_FIELDS, NO_ATTRS, NO_SOURCE, Attrs, Node, Source,
                                    node_types)
from plankit.document.pretty import _pretty
from plankit.document.root import (DRAFT_MARK, NOTE_LABELS, RUNNING_TITLE_MAX, ClauseUse,
                                   Document, Image, LegalCheck, Provenance, ReviewItem,
                                   display_date, note_details, note_label,
                                   previous_title_block, review_comments, running_title,
                                   version_line)
from plankit.document.traverse import children_of, map_blocks, map_inlines, toc_entries, walk

__all__ = [
    "Attrs", "Source", "Text", "Strong", "Emph", "LineBreak", "Placeholder", "XRef",
    "Inserted", "Deleted", "Revision", "Paragraph", "ListItem", "BulletList", "OrderedList",
    "TableCell", "TableRow", "Table",
    "Signatory", "SignatureBlock", "Note", "Container", "Section", "Provenance",
    "ClauseUse", "ReviewItem", "LegalCheck", "Document", "Inline", "Block", "NODE_TYPES",
    "walk", "inline_text", "note_label", "note_details", "review_comments",
    "display_date", "running_title",
    "replace",
    # also importable from here
    "Node", "CHILD_FIELDS", "NO_ATTRS", "NO_SOURCE", "NOTE_LABELS", "RUNNING_TITLE_MAX",
    "DRAFT_MARK", "Image", "children_of", "map_blocks", "map_inlines", "toc_entries",
    "version_line", "previous_title_block", "node_types", "_pretty",
]

NODE_TYPES: tuple[type, ...] = node_types()
"""Every node class a renderer must handle: every subclass of :class:`Node`, in the order
defined (derived, never listed by hand)."""
