"""DOCX renderer: the document model written into a Word file.

The renderer only names styles (the built-in "Title", "Heading 1".."Heading 9",
"List Bullet", "List Number", "Caption", "Table Grid", and plankit's "Placeholder",
"Drafter Note", "Recital", "Signature", "Document Date" and "Table Text"); how they look
comes from the starting document, which is plankit's reference document
(``templates/docx/reference.docx``, built by :mod:`.reference`) or one given with
``reference_docx``.

python-docx provides the package: the starting document, styles, numbering, headers,
footers and properties. The body is written as WordprocessingML text (:mod:`.wml`) and put
into the document in one step, which is several times faster than building it through
python-docx's objects and gives the same file. Block methods append paragraphs and tables
to the body being built; inline methods add runs to the current paragraph, bold or italic
as the enclosing :class:`~plankit.document.Strong` and :class:`~plankit.document.Emph` say.

The helpers live beside this module:

* :mod:`.wml` -- paragraphs, runs and links as WordprocessingML text;
* :mod:`.styles` -- plankit's styles, stand-ins for missing built-ins, the document language,
  and style lookups that do not scan every style;
* :mod:`.numbering` -- ordered lists that each restart at their own ``start``;
* :mod:`.forms` -- the methods for tables and signature blocks;
* :mod:`.tables` -- repeating header rows, fixed column widths and table descriptions;
* :mod:`.columns` -- column widths that keep every word whole, measured with
  :mod:`.metrics` (the widths of the DejaVu Serif letters);
* :mod:`.page` -- "Page X of Y" footers, the running title and the date line;
* :mod:`.bookmarks` -- bookmarks that cross-references link to;
* :mod:`.package` -- the starting document (prepared once per process), properties and
  the reproducible zip.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from docx.shared import Pt, Twips

from plankit.document import (
    BulletList, Container, Document, Emph, LineBreak, ListItem, Note, OrderedList, Paragraph,
    Placeholder, Revision, Section, Strong, Text, XRef, display_date, inline_text,
    note_details, note_label, previous_title_block, review_comments, running_title,
    version_line,
)
from plankit.render.base import Renderer
from plankit.render.docx import (columns, comments, marks, numbering, package, page,
                                 revisions, styles, wml)
from plankit.render.docx.bookmarks import Bookmarks
from plankit.render.docx.forms import FormMethods
from plankit.render.docx.revisions import RevisionMethods

__all__ = ["DocxRenderer"]

_AFTER_TABLE = Pt(10).twips
"""Room between a table and the paragraph after it (styles put their room below)."""
_AFTER_LIST = Pt(4).twips
"""Added to the last list item's 3 pt below it: the 7 pt below a paragraph, as in the PDF."""
_PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


@dataclass(frozen=True)
class _ListFrame:
    """One list being rendered: the style of its items and the numbering they carry."""

    style: str
    level: int
    num: tuple[int, int] | None
    """``(numId, ilvl)`` to set on each item paragraph, or None to use the style's own."""


class DocxRenderer(FormMethods, RevisionMethods, Renderer):
    """Renders a :class:`~plankit.document.Document` as the bytes of a ``.docx`` file.

    Options (keyword arguments, all optional):

    ``source_date_epoch``
        Seconds since 1970 written as the created, modified and printed dates, and as the
        date of every zip entry. Default: the ``SOURCE_DATE_EPOCH`` environment variable,
        else 2024-01-01. The same document always gives the same bytes.
    ``reference_docx``
        A Word file whose styles, numbering and page setup to start from, instead of
        plankit's own. Its body is replaced; its header and footer are kept if they show
        anything.
    """

    name = "docx"
    extension = "docx"
    binary = True

    def __init__(self, *, source_date_epoch: int | str | None = None,
                 reference_docx: str | os.PathLike | None = None, **options: Any) -> None:
        super().__init__(source_date_epoch=source_date_epoch, reference_docx=reference_docx,
                         **options)
        self.source_date_epoch = source_date_epoch
        self.reference_docx = reference_docx or None
        self._reset()

    # ------------------------------------------------------------------ per-render state

    def _reset(self) -> None:
        self._docx: Any = None
        self._book: styles.StyleBook | None = None
        self._numbering: numbering.ListNumbering | None = None
        self._blocks: list = []
        """The body being built: :class:`.wml.Para` objects and XML strings, in order."""
        self._last_is_table = False
        self._paragraph: wml.Para | None = None
        """The paragraph inline methods add runs to."""
        self._link: wml.Link | None = None
        """A hyperlink the next runs go into (while rendering a cross-reference)."""
        self._bold = 0
        self._italic = 0
        self._depth = 0
        self._lists: list[_ListFrame] = []
        self._items: list[int] = []
        """Levels of the list items being rendered, innermost last."""
        self._pending_item: _ListFrame | None = None
        """Set while the first paragraph of a list item is due: it carries the number."""
        self._roles: list[str] = []
        """Paragraph styles from enclosing containers' roles ("" for none)."""
        self._row: list[wml.Para] | None = None
        self._cell: wml.Para | None = None
        self._after_table = False
        """True until the first paragraph after a table, which gets room above it."""
        self._after_list = False
        """True until the first paragraph after a list, which gets room above it."""
        self._bookmarks: Bookmarks | None = None
        self._text_width: int | None = None
        self._table_facts: dict[tuple, tuple[float, int]] = {}
        """(table style id, cell style id) -> (text size in points, cell margins in twips)."""
        self._run_size: int | None = None
        """Half-points for runs in a table that was shrunk to keep its words whole."""
        self._soften: tuple[str, ...] = ()
        """Addresses in the table being rendered that may break after "@" or before "."."""
        self._comments: comments.Comments | None = None
        """The review copy's comments (None: notes are drawn inline, or this is final)."""
        self._anchor: wml.Para | None = None
        """The last body paragraph started: what a note that follows it is about."""
        self._revisions: revisions.Revisions | None = None
        """A redline's tracked changes (see :mod:`.revisions`)."""
        self._changes: list[str] = []
        """The revision runs are added as ("ins", "del", "move-to", "move-from"), innermost
        last; empty outside a redline's marks."""
        self._block_changes: list[str] = []
        """The revision new paragraphs and table rows are marked with, innermost last."""

    def render(self, node: Any) -> Any:
        """Dispatch ``node``; bookmarks for its id go on the next paragraph it starts."""
        if self._bookmarks is not None:
            self._bookmarks.entering(node)
        return super().render(node)

    # ------------------------------------------------------------------ document

    def render_document(self, doc: Document) -> bytes:
        seconds = package.epoch_seconds(self.source_date_epoch)
        self._reset()
        try:
            # 1. Starting point: plankit's or the user's reference document, with
            # a numbering part and plankit's own styles (prepared once, copied per render).
            document, index = package.starting_document(self.reference_docx, _prepare)
            self._docx = document
            self._book = styles.StyleBook(document, index)
            self._numbering = numbering.ListNumbering(document)
            self._bookmarks = Bookmarks(doc)
            self._comments = comments.Comments(seconds) if review_comments(doc) else None
            self._revisions = revisions.Revisions(revisions.revision_date(doc.date, seconds))

            # 2. The language of all text.
            styles.set_document_language(document, package.clean_text(doc.lang or "en-US"))

            # 3. Title block, contents, then the body, written into the document at once.
            self._title_block(doc)
            if doc.toc:
                marks.add_toc(self, doc, "TOC Heading" if self._has_style("TOC Heading")
                              else "Subtitle")
                marks.request_update(document)
            for block in doc.children:
                self.render(block)
            revisions.settle_last_mark(self._blocks)
            self._write_body()
            if self._comments is not None:
                self._comments.write(document)

            # 4. Page furniture and document properties. A reference document's own
            # header and footer are kept.
            if not (self.reference_docx and page.reference_furniture(document)):
                header_style = self._story_style("Header")
                page.set_page_furniture(
                    document,
                    running_title=running_title(package.clean_text(doc.title))
                    if (doc.subtitle or doc.kind) else "",
                    header_style=header_style,
                    footer_style=self._story_style("Footer"),
                    marks=self._marks(doc, header_style),
                )
            package.set_core_properties(document, doc, seconds)
            package.set_custom_properties(document, doc)

            # 5. Save with fixed zip entries.
            return package.save(document, seconds)
        finally:
            self._reset()

    def _story_style(self, name: str) -> page.StoryStyle | None:
        """Paragraph style ``name`` for headers and footers (None if there is none)."""
        if self._book.paragraph(name) is None:
            return None
        return page.StoryStyle(self._style_id("p", name))

    def _has_style(self, name: str) -> bool:
        return self._book.has_paragraph(name)

    def _write_body(self) -> None:
        """Put the body built so far into the document, before its section properties."""
        if not self._blocks:
            return
        xml = "".join(b if type(b) is str else b.xml() for b in self._blocks)
        self._blocks = []
        body = self._docx.element.body
        sect_pr = body.sectPr
        elements = wml.parse_body(xml)
        if sect_pr is not None:
            for element in elements:
                sect_pr.addprevious(element)
        else:
            body.extend(elements)

    def _marks(self, doc: Document, style):
        """What goes into each page header besides the running title, or None."""
        if not (doc.letterhead or doc.logo or doc.draft_mark or doc.watermark):
            return None
        shapes = iter(range(1, 100))

        def add(story, title: str) -> bool:
            mark = doc.draft_mark
            if doc.letterhead or doc.logo:  # the draft mark goes at the right of its line
                marks.add_letterhead(story, style, package.clean_text(doc.letterhead),
                                     doc.logo, mark=mark, width=Twips(self._text_width_twips()))
                mark = False
            if mark:
                marks.add_draft_line(story, style, title)
            elif title:
                marks.add_title_line(story, style, title)
            if doc.watermark:
                if not story.paragraphs:
                    page.add_paragraph(story, style)
                marks.add_watermark(story.paragraphs[0], shape_id=next(shapes))
            return bool(story.paragraphs)
        return add

    def _title_block(self, doc: Document) -> None:
        before = previous_title_block(doc)  # a redline's older title block, if it changed
        for style, new, old in (
                ("Title", doc.title, before.title if before else None),
                ("Subtitle", doc.subtitle, before.subtitle if before else None),
                (styles.DOCUMENT_DATE, _date_line(doc), _date_line(before) if before else None)):
            if new or old:
                self._new_paragraph(style)
                self._changed_runs(old, new)
        self._paragraph = None

    # ------------------------------------------------------------------ building blocks

    def _new_paragraph(self, style_name: str) -> wml.Para:
        """Start a paragraph in ``style_name`` at the end of the body; inlines go into it."""
        paragraph = wml.Para(self._style_id("p", style_name))
        self._blocks.append(paragraph)
        self._last_is_table = False
        if self._after_table or self._after_list:
            if not style_name.startswith("Heading"):
                paragraph.space_before = _AFTER_TABLE if self._after_table else _AFTER_LIST
            self._after_table = self._after_list = False
        self._bookmarks.place(paragraph)
        if self._block_changes:  # a paragraph a redline adds or removes: its mark too
            paragraph.mark = self._revisions.mark(self._block_changes[-1])
        self._paragraph = paragraph
        self._anchor = paragraph
        return paragraph

    def _page_break(self) -> None:
        """A paragraph holding only a page break."""
        self._blocks.append(_PAGE_BREAK)
        self._last_is_table = False

    def _style_id(self, kind: str, name: str) -> str | None:
        """The id to write for a paragraph ("p"), character ("c") or table ("t") style;
        None for the default style, which Word applies when no style is named."""
        return self._book.style_id(kind, name)

    def _add_run(self, text: str, *, style: str = "", bold: bool = False,
                 line_break: bool = False, comment: int | None = None) -> None:
        """Add ``text`` as a run with the current bold/italic state (marked as what review
        comment ``comment`` is about, if given)."""
        if self._paragraph is None:
            self._new_paragraph(self._block_style(None))
        text = package.clean_text(text)
        for address in self._soften:
            if address in text:
                text = text.replace(address, columns.soften(address))
        xml = wml.run(text, bold=bool(bold or self._bold), italic=bool(self._italic),
                      style=self._style_id("c", style) if style else None,
                      line_break=line_break, half_points=self._run_size)
        if comment is not None:
            xml = self._comments.around(xml, comment)
        if self._changes:
            xml = self._revisions.run(xml, self._changes[-1])
        if self._link is not None:
            self._link.content.append(xml)
        else:
            self._paragraph.content.append(xml)

    def _inlines(self, nodes: tuple) -> None:
        for node in nodes:
            self.render(node)

    def _block_style(self, attrs: Any) -> str:
        """The style of a plain paragraph: its own role, else the list item it continues,
        else its container's role, else "Normal"."""
        if attrs is not None and (attrs.role or attrs.extra):
            named = self._book.role(attrs.role, attrs.get("custom-style"))
            if named:
                return named
        if self._items:
            level = min(self._items[-1], 3)
            return "List Continue" if level == 1 else f"List Continue {level}"
        for role in reversed(self._roles):
            if role:
                return role
        return "Normal"

    @contextmanager
    def _formatting(self, *, bold: int = 0, italic: int = 0) -> Iterator[None]:
        self._bold += bold
        self._italic += italic
        try:
            yield
        finally:
            self._bold -= bold
            self._italic -= italic

    # ------------------------------------------------------------------ inlines

    def render_text(self, node: Text) -> None:
        if node.text:
            self._add_run(node.text)

    def render_strong(self, node: Strong) -> None:
        with self._formatting(bold=1):
            self._inlines(node.children)

    def render_emph(self, node: Emph) -> None:
        with self._formatting(italic=1):
            self._inlines(node.children)

    def render_line_break(self, node: LineBreak) -> None:
        self._add_run("", line_break=True)

    def render_placeholder(self, node: Placeholder) -> None:
        cid = None
        if self._comments is not None and self._link is None:
            field = f" (field: {node.name})" if node.name and node.name != node.prompt else ""
            cid = self._comments.add("Missing fact", f"Supply {node.prompt}{field}.")
        self._add_run(f"[{node.prompt}]", style=styles.PLACEHOLDER, comment=cid)

    def render_x_ref(self, node: XRef) -> None:
        label = node.label or node.target
        anchor = self._bookmarks.target(node.target) if self._bookmarks else ""
        if not anchor:
            self._add_run(label)
            return
        if self._paragraph is None:
            self._new_paragraph(self._block_style(None))
        link = wml.Link(anchor)
        self._paragraph.content.append(link)
        self._link = link
        try:
            self._add_run(label)
        finally:
            self._link = None

    # ------------------------------------------------------------------ blocks

    def render_paragraph(self, node: Paragraph) -> None:
        frame, self._pending_item = self._pending_item, None
        if frame is not None:
            self._list_paragraph(frame)
        else:
            self._new_paragraph(self._block_style(node.attrs))
        self._inlines(node.children)
        self._paragraph = None

    def _list_paragraph(self, frame: _ListFrame) -> wml.Para:
        paragraph = self._new_paragraph(frame.style)
        if frame.num is not None:
            paragraph.num = frame.num
        return paragraph

    def render_list_item(self, node: ListItem) -> None:
        frame = self._lists[-1] if self._lists else _ListFrame("List Bullet", 1, None)
        first = node.children[0] if node.children else None
        if isinstance(first, Revision) and first.children:  # an item a redline adds or removes
            first = first.children[0]
        if isinstance(first, Paragraph):
            self._pending_item = frame
        else:
            # The number needs a paragraph of its own when the item starts with another block.
            self._list_paragraph(frame)
            self._paragraph = None
        self._items.append(frame.level)
        try:
            for child in node.children:
                self.render(child)
        finally:
            self._items.pop()
            self._pending_item = None

    def _render_list(self, items: tuple, frame: _ListFrame) -> None:
        self._lists.append(frame)
        try:
            for item in items:
                self.render(item)
        finally:
            self._lists.pop()
        self._after_list = not self._lists

    def render_bullet_list(self, node: BulletList) -> None:
        level = len(self._lists) + 1
        name = "List Bullet" if level == 1 else f"List Bullet {min(level, 3)}"
        style = self._book.paragraph(name)
        self._render_list(node.items, _ListFrame(name, level, self._numbering.bullet(style, level)))

    def render_ordered_list(self, node: OrderedList) -> None:
        level = len(self._lists) + 1
        name = "List Number" if level == 1 else f"List Number {min(level, 3)}"
        style = self._book.paragraph(name)
        num = self._numbering.ordered(style, node.start, level)
        self._render_list(node.items, _ListFrame(name, level, num))

    def render_note(self, node: Note) -> None:
        label = note_label(node)
        if self._comments is not None:
            text = package.clean_text(inline_text(node.children) + note_details(node))
            cid = self._comments.add(label, text)
            anchor = self._anchor
            if anchor is None:
                anchor = self._new_paragraph("Normal")
                self._paragraph = None
            self._comments.anchor_paragraph(anchor, cid)
            return
        self._new_paragraph(styles.DRAFTER_NOTE)
        self._add_run(f"{label}: ", bold=True)
        self._inlines(node.children)
        if note_details(node):
            self._add_run(note_details(node))
        self._paragraph = None

    def render_container(self, node: Container) -> None:
        role = self._book.role(node.attrs.role, node.attrs.get("custom-style"))
        self._roles.append(role)
        try:
            for child in node.children:
                self.render(child)
        finally:
            self._roles.pop()

    def render_section(self, node: Section) -> None:
        self._depth += 1
        try:
            heading = self._new_paragraph(f"Heading {min(self._depth, 9)}")
            if node.attrs.get("break-before") == "page":  # exhibits and forms
                heading.page_break_before = True
            if node.numbered and node.number:
                self._add_run(f"{node.number} ")
            self._inlines(node.title)
            self._paragraph = None
            for child in node.children:
                self.render(child)
        finally:
            self._depth -= 1


def _date_line(doc: Document) -> str:
    """"Version 0.3, March 1, 2026" under the title."""
    shown = display_date(doc.date, doc.lang) if doc.date else ""
    return ", ".join(x for x in (version_line(doc), shown) if x)


def _prepare(document) -> styles.StyleIndex:
    """What every render starts from, done once per starting document: a numbering part
    and plankit's own styles. Returns the index of the document's styles."""
    numbering.ensure_part(document)
    styles.ensure_styles(document)
    comments.ensure_comment_styles(document)
    return styles.StyleIndex(document)
