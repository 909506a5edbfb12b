"""The intermediate document model: one tree that every output format renders.

Nodes are frozen dataclasses with no knowledge of any output format. Passes
(``plankit.compose.passes``) return new trees with :func:`dataclasses.replace`.
Each node carries ``attrs`` (id, role and extra key/values) and, where it came
from a clause, a ``source`` naming the clause id, version and line.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Optional, Iterator, Union

__all__ = [
    "Attrs", "Source", "Text", "Strong", "Emph", "LineBreak", "Placeholder", "XRef",
    "Inserted", "Deleted", "Revision", "Paragraph", "ListItem", "BulletList", "OrderedList",
    "TableCell", "TableRow", "Table",
    "Signatory", "SignatureBlock", "Note", "Container", "Section", "Provenance",
    "ClauseUse", "ReviewItem", "LegalCheck", "Document", "Inline", "Block", "NODE_TYPES",
    "walk", "inline_text", "note_label", "note_details", "review_comments",
    "display_date", "running_title",
    "replace",
]


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


# --------------------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Text:
    """Literal text. Never interpreted as markup by any renderer."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Strong emphasis (bold)."""

    children: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class Emph:
    """Emphasis (italic)."""

    children: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a paragraph or cell."""


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A fact the drafter has not supplied yet; rendered visibly as ``[prompt]``."""

    name: str
    """Field path or parameter name, e.g. ``term.breach_notice_hours``."""
    prompt: str
    """What to supply, in the user's words."""
    section: str = ""
    """Number of the section it sits in (filled by the placeholders pass)."""


@dataclass(frozen=True, slots=True)
class XRef:
    """A cross-reference to another part of the document by clause or section id."""

    target: str
    """The id referred to."""
    form: str = "number"
    """``number`` ("Section 4.2"), ``title`` (the section's title) or ``both``."""
    label: str = ""
    """Resolved text such as ``Section 4.2`` (filled by the xrefs pass)."""


@dataclass(frozen=True, slots=True)
class Inserted:
    """Text the newer of two compared documents adds: a tracked insertion in a redline
    (``w:ins`` in Word, ``<ins>`` in HTML and PDF)."""

    children: tuple["Inline", ...]


@dataclass(frozen=True, slots=True)
class Deleted:
    """Text the newer of two compared documents leaves out: a tracked deletion in a redline
    (``w:del`` in Word, ``<del>`` in HTML and PDF)."""

    children: tuple["Inline", ...]


Inline = Union[Text, Strong, Emph, LineBreak, Placeholder, XRef, Inserted, Deleted]


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline content."""

    children: tuple[Inline, ...]
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list; holds blocks (usually one paragraph)."""

    children: tuple["Block", ...]


@dataclass(frozen=True, slots=True)
class BulletList:
    """An unordered list."""

    items: tuple[ListItem, ...]
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class OrderedList:
    """A numbered list; numbering restarts at ``start`` for every list."""

    items: tuple[ListItem, ...]
    start: int = 1
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class TableCell:
    """One cell: inline content, left/right/center alignment or empty for default."""

    children: tuple[Inline, ...]
    align: str = ""


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of cells."""

    cells: tuple[TableCell, ...]
    change: str = ""
    """In a redline: ``ins`` for a row the newer document adds, ``del`` for one it removes
    (the row itself is the revision, not only its text)."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row that repeats on every page."""

    header: TableRow
    """Column header cells (rendered as real header cells with column scope)."""
    rows: tuple[TableRow, ...]
    caption: str = ""
    """Short description, used as caption and as the accessible table summary."""
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class Signatory:
    """A person signing for a party; empty fields render as blank lines to fill."""

    party: str
    name: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """Signature lines for one or more parties."""

    signatories: tuple[Signatory, ...]
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class Note:
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
class Container:
    """A generic block container (pandoc's ``Div``); its meaning lives in ``attrs.role``."""

    children: tuple["Block", ...]
    attrs: Attrs = NO_ATTRS
    source: Source = NO_SOURCE


@dataclass(frozen=True, slots=True)
class Section:
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
class Revision:
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


# --------------------------------------------------------------------------- document

NOTE_LABELS = {"": "Drafter note", "warning": "Warning", "rule": "Rule check",
               "example": "Example"}
"""How each kind of note is introduced when it is shown."""


def note_label(note: "Note") -> str:
    """"Drafter note", "Warning", … or the note's own ``label``."""
    return note.attrs.get("label") or NOTE_LABELS.get(note.attrs.role, "Drafter note")


def note_details(note: "Note") -> str:
    """What a note says besides its text: the field it concerns, the fix and the source,
    e.g. " (field: parties[2].name) Fix: add … Source: 20 CFR 603.8"."""
    a = note.attrs
    parts = []
    if a.get("field"):
        parts.append(f"(field: {a.get('field')})")
    if a.get("fix"):
        parts.append(f"Fix: {a.get('fix')}.".replace("..", "."))
    if a.get("source"):
        parts.append(f"Source: {a.get('source')}.".replace("..", "."))
    return (" " + " ".join(parts)) if parts else ""


def review_comments(doc: "Document") -> bool:
    """Whether review notes are shown as comments or linked end notes (else inline)."""
    return not doc.final and doc.review_notes == "comments"


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One thing a reviewer must act on before the document is final: a fact to supply
    (placeholder), a drafter note, a content warning, a rule check's note, or an example
    from another jurisdiction. Collected by a pass; the review checklist, the review memo
    and ``plankit validate --report`` list them, and the DOCX review copy carries each as a
    comment."""

    kind: str
    """``placeholder``, ``note``, ``warning``, ``rule`` or ``example``."""
    text: str
    section: str = ""
    """Number of the section it concerns; "" for the document as a whole."""
    field: str = ""
    """The input field it concerns, as the user writes it (placeholders and warnings)."""
    source: str = ""
    """The law, rule or guidance it rests on, where there is one."""
    fix: str = ""
    """What to do about it (warnings)."""


@dataclass(frozen=True, slots=True)
class LegalCheck:
    """A legal rule or dated source checked for this document, for the review memo: a
    requirement that applies (stated in the document), a check that found an issue or
    none, or a source whose date needs confirming."""

    title: str
    outcome: str
    """``applies``, ``does not apply``, ``issue found``, ``no issue found``, ``not in
    effect``, ``turned off`` or ``recorded``."""
    source: str = ""
    as_of: str = ""
    """ISO date its status was last confirmed."""
    verified: bool = True
    detail: str = ""
    kind: str = "law"
    """``law`` (a legal requirement or program rule), ``consistency`` (a check of the input
    against itself, never printed in the document) or ``source`` (a dated source)."""
    confirm: str = ""
    """Set when the reviewer must confirm its status (stale, or dated after the document)."""


@dataclass(frozen=True, slots=True)
class ClauseUse:
    """One clause used in the document, for the audit trail."""

    id: str
    version: str
    origin: str
    """``package`` or the user clause directory that supplied it."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """What the document was made from."""

    plankit_version: str = ""
    input_sha256: str = ""
    input_name: str = ""
    clauses: tuple[ClauseUse, ...] = ()


@dataclass(frozen=True, slots=True)
class Image:
    """A picture the input supplies (an agency logo): PNG or JPEG bytes and its alt text."""

    data: bytes
    mime: str
    alt: str
    name: str = "logo"

    def __repr__(self) -> str:  # keep tree dumps short
        return f"Image({self.name!r}, {self.mime}, {len(self.data)} bytes, alt={self.alt!r})"


@dataclass(frozen=True, slots=True)
class Document:
    """The root: metadata plus the block tree."""

    title: str
    children: tuple[Block, ...]
    subtitle: str = ""
    lang: str = "en-US"
    kind: str = ""
    """Document kind id, e.g. ``mou-data-sharing``."""
    subject: str = ""
    author: str = ""
    """Issuing agency, for document properties."""
    date: str = ""
    """Display date of the draft (ISO ``YYYY-MM-DD``)."""
    provenance: Provenance = Provenance()
    placeholders: tuple[Placeholder, ...] = ()
    """Every placeholder still open, with its section (filled by a pass)."""
    review: tuple[ReviewItem, ...] = ()
    """Everything a reviewer must act on, in document order (filled by a pass)."""
    checks: tuple[LegalCheck, ...] = ()
    """The legal rules and dated sources checked for this document, for the review memo."""
    final: bool = False
    """The final copy: only the document, no review notes, marks or appendices."""
    review_notes: str = "comments"
    """How the review copy shows notes: ``comments`` (Word comments, linked end notes in
    HTML, PDF and Markdown) or ``inline`` (boxes in the text)."""
    jurisdiction: str = ""
    """Two-letter code of the state the document is for ("" if none)."""
    toc: bool = False
    """Print a table of contents after the title block."""
    draft_mark: bool = False
    """Mark every page "Draft — not for signature"."""
    watermark: bool = False
    """Show a large DRAFT watermark on every page."""
    version: str = ""
    """The draft's version label, printed with the date under the title, e.g. "0.3"."""
    letterhead: str = ""
    """The issuing agency's name for the page header."""
    logo: Optional[Image] = None
    """The agency's logo for the page header."""
    previous: tuple[tuple[str, str], ...] = ()
    """In a redline: ``(field, older value)`` for each part of the title block (``title``,
    ``subtitle``, ``date``, ``version``) that the newer document changed; renderers show
    the older value deleted before the newer one."""
    pdf_engine: str = ""
    """The PDF engine the input asks for (``weasyprint`` or ``typst``); "" for the
    default. ``--pdf-engine`` overrides it."""
    records: object = None
    """What the document commits its parties to and the metrics it shares
    (:class:`plankit.records.Records`): filled by a pass, rendered by the exports."""

    @property
    def notes(self) -> tuple[tuple[str, str], ...]:
        """Drafter notes as (section number, text)."""
        return tuple((r.section, r.text) for r in self.review if r.kind in ("note", "example"))

    @property
    def findings(self) -> tuple["ReviewItem", ...]:
        """Content warnings and rule checks' notes."""
        return tuple(r for r in self.review if r.kind in ("warning", "rule"))

    def pretty(self) -> str:
        """An indented, stable text view of the tree, for debugging and goldens."""
        lines = [f"Document title={self.title!r} kind={self.kind!r} lang={self.lang!r}"]
        for child in self.children:
            _pretty(child, 1, lines)
        return "\n".join(lines) + "\n"


def _pretty(node: object, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    name = type(node).__name__
    if isinstance(node, Text):
        out.append(f"{pad}Text {node.text!r}")
        return
    parts = []
    for f in fields(node):  # type: ignore[arg-type]
        value = getattr(node, f.name)
        if f.name in ("children", "items", "cells", "rows", "header", "title", "signatories"):
            continue
        if f.name == "attrs" and value == NO_ATTRS:
            continue
        if f.name == "source":
            if value.clause:
                parts.append(f"source={value.clause}@{value.version}")
            continue
        if f.name == "attrs":
            if value.id:
                parts.append(f"id={value.id}")
            if value.role:
                parts.append(f"role={value.role}")
            continue
        if value in ("", None, ()) or (f.name == "numbered" and value is True):
            continue
        parts.append(f"{f.name}={value!r}")
    out.append(f"{pad}{name}" + (" " + " ".join(parts) if parts else ""))
    if isinstance(node, Section):
        out.append(f"{pad}  title: {inline_text(node.title)!r}")
    if isinstance(node, Table):
        _pretty(node.header, depth + 1, out)
    for attr in ("children", "items", "cells", "rows", "signatories"):
        for child in getattr(node, attr, ()) or ():
            _pretty(child, depth + 1, out)


NODE_TYPES: tuple[type, ...] = (
    Text, Strong, Emph, LineBreak, Placeholder, XRef, Inserted, Deleted,
    Paragraph, ListItem, BulletList, OrderedList, TableCell, TableRow, Table,
    Signatory, SignatureBlock, Note, Container, Section, Revision,
)
"""Every node class a renderer must handle."""


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


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def display_date(value: str, lang: str = "en-US") -> str:
    """``2024-03-01`` as ``March 1, 2024`` in English documents and as the ISO date in
    others; text that is not an ISO date is returned as given."""
    import datetime as _dt

    try:
        parsed = _dt.date.fromisoformat(value)
    except ValueError:
        return value
    if not lang.lower().startswith("en"):
        return parsed.isoformat()
    return f"{_MONTHS[parsed.month - 1]} {parsed.day}, {parsed.year}"


RUNNING_TITLE_MAX = 70
"""Longest title shown in a page header (one line)."""


def running_title(title: str, limit: int = RUNNING_TITLE_MAX) -> str:
    """``title`` cut at a word boundary to fit one header line, ending in an ellipsis."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "\u2026"


def inline_text(inlines: tuple) -> str:
    """Plain text of inline content (placeholders as ``[prompt]``; in a redline, the text as
    it reads with the changes made: insertions in, deletions out)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, (Strong, Emph, Inserted)):
            parts.append(inline_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, Placeholder):
            parts.append(f"[{node.prompt}]")
        elif isinstance(node, XRef):
            parts.append(node.label or node.target)
    return "".join(parts)


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


DRAFT_MARK = "Draft — not for signature"
"""What every page of a draft says in its header."""


def version_line(doc: Document) -> str:
    """"Version 0.3" for the line under the title (the date follows it), or ""."""
    return f"Version {doc.version}" if doc.version else ""


def previous_title_block(doc: Document) -> Optional[Document]:
    """In a redline whose title block changed: the document with the older title, subtitle,
    date and version (for renderers to show them deleted); else None."""
    if not doc.previous:
        return None
    return replace(doc, previous=(), **dict(doc.previous))
