"""Block nodes: paragraphs, lists, tables, signature blocks, notes, containers, sections and
revisions, and the parts they are made of (list items, rows, cells, signatories)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from plankit.document.inlines import Inline
from plankit.document.nodes import NO_ATTRS, NO_SOURCE, Attrs, Node, Source


@dataclass(frozen=True, slots=True)
class Paragraph(Node):
    """A paragraph of inline content."""

    children: tuple[Inline, ...]
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class ListItem(Node):
    """One item of a list; holds blocks (usually one paragraph)."""

    children: tuple["Block", ...]


@dataclass(frozen=True, slots=True)
class BulletList(Node):
    """An unordered list."""

    items: tuple[ListItem, ...]
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class OrderedList(Node):
    """A numbered list; numbering restarts at ``start`` for every list."""

    items: tuple[ListItem, ...]
    start: int = 1
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class TableCell(Node):
    """One cell: inline content, left/right/center alignment or empty for default."""

    children: tuple[Inline, ...]
    align: str = ""


@dataclass(frozen=True, slots=True)
class TableRow(Node):
    """One row of cells."""

    cells: tuple[TableCell, ...]
    change: str = ""
    """In a redline: ``ins`` for a row the newer document adds, ``del`` for one it removes
    (the row itself is the revision, not only its text)."""


@dataclass(frozen=True, slots=True)
class Table(Node):
    """A table with a header row that repeats on every page."""

    header: TableRow
    """Column header cells (rendered as real header cells with column scope)."""
    rows: tuple[TableRow, ...]
    caption: str = ""
    """Short description, used as caption and as the accessible table summary."""
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class Signatory(Node):
    """A person signing for a party; empty fields render as blank lines to fill."""

    party: str
    name: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class SignatureBlock(Node):
    """Signature lines for one or more parties."""

    signatories: tuple[Signatory, ...]
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class Note(Node):
    """A review note: guidance for the reviewer, not part of the document's text.

    ``attrs.role`` says what kind: "" (a drafter note from a clause), ``warning`` (a content
    warning about the input), ``rule`` (a rule check's note) or ``example`` (an example
    from another jurisdiction). ``attrs.extra`` may carry a ``label`` to print before it.
    The review copy shows notes as Word comments or linked end notes (or inline boxes);
    the final copy leaves them out."""

    children: tuple[Inline, ...]
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class Container(Node):
    """A generic block container (pandoc's ``Div``); its meaning lives in ``attrs.role``."""

    children: tuple["Block", ...]
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class Section(Node):
    """A numbered section with a heading; sections nest."""

    title: tuple[Inline, ...]
    children: tuple["Block", ...]
    number: str = ""
    """Filled by the numbering pass: ``3``, ``3.2``; empty for unnumbered sections."""
    numbered: bool = True
    """False for front matter and appendices that carry no number."""
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class Revision(Node):
    """Whole blocks (sections, paragraphs, tables, the content of list items …) that the
    newer of two compared documents adds (``kind="ins"``) or removes (``kind="del"``): in
    Word every paragraph, row and run inside is a tracked insertion or deletion."""

    kind: str
    """``ins`` or ``del``."""
    children: tuple["Block", ...]
    move: str = ""
    """The name of a move, when the same blocks were moved: a deletion and an insertion
    with the same name are the two ends of one move."""
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


Block = Union[Paragraph, BulletList, OrderedList, Table, SignatureBlock, Note, Container, Section,
              Revision]
