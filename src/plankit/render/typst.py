"""Typst renderer: a document as Typst markup (``-f typ``), which the Typst PDF engine
(:mod:`plankit.render.typst_pdf`) compiles in process.

The source is self-contained: plankit's template (``assets/typst/plankit.typ``, the
PDF's look: page, fonts, headings, tables, drafting aids) followed by the document's
settings and its body, with the logo as bytes in the file. It imports no package and
reads no file. Every piece of text from the document is escaped
(:mod:`plankit.render.typst_markup`), so nothing a user types can become Typst code.

It mirrors the HTML renderer node for node, so the two PDF engines give the same text in
the same order: the title as the level-1 heading, sections as headings below it (the
section number first), tables with a header row that repeats on every page and column
widths shared as a browser shares them, form rows with room to write and sign, signature
blocks, exhibits on new pages, a table of contents with page numbers, and, in the review
copy, review notes as linked end notes (or boxes in the text) and the facts still to
supply linked to where they appear.
"""

from __future__ import annotations

import re
from functools import lru_cache

from plankit.document import (
    DRAFT_MARK, BulletList, Container, Deleted, Document, Emph, Image, Inserted, LineBreak,
    ListItem, Note, OrderedList, Paragraph, Placeholder, Revision, Section, Signatory,
    SignatureBlock, Strong, Table, TableCell, TableRow, Text, XRef, display_date, inline_text,
    note_details, note_label, previous_title_block, review_comments, running_title,
    toc_entries, version_line,
)
from plankit.paths import ASSETS_DIR
from plankit.render.base import TextRenderer, cell_kind, row_kind
from plankit.render.html import HtmlRenderer, assign_ids, html_id
from plankit.render.typst_markup import column_fractions, content, escape, string

__all__ = ["TypstRenderer", "template"]

_ALIGNS = {"right": "right + top", "center": "center + top"}
_ROOM = {"blank": "0.3in", "sign": "0.5in"}
"""Least height of the rows of a form: room to write in, and room to sign in."""
_LANG = re.compile(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2})\b)?")


@lru_cache(maxsize=None)
def template() -> str:
    """plankit's Typst template (the PDF's look), as shipped in the assets."""
    return (ASSETS_DIR / "typst" / "plankit.typ").read_text(encoding="utf-8")


def _language(lang: str) -> tuple[str, str]:
    """``en-US`` -> ("en", "US"): the language and region Typst writes as ``/Lang``."""
    m = _LANG.fullmatch(lang.strip()) or _LANG.match(lang.strip())
    if not m:
        return "en", "US"
    return m.group(1).lower(), (m.group(2) or "").upper()


def image_code(image: Image, height: str) -> str:
    """Typst code that shows ``image`` from its bytes, with its alt text (a picture with
    no description is decoration, kept out of what screen readers read)."""
    data = "(" + ",".join(map(str, image.data)) + ",)"
    shown = f"image(bytes({data}), height: {height}"
    if image.alt.strip():
        return f"{shown}, alt: {string(image.alt)})"
    return f"pdf.artifact({shown}))"


class TypstRenderer(TextRenderer):
    """Renders a :class:`~plankit.document.Document` as Typst markup (a ``.typ`` file).

    Options are accepted and ignored (``extra_css`` styles HTML and the WeasyPrint PDF,
    ``reference_docx`` the DOCX)."""

    name = "typ"
    extension = "typ"
    binary = False

    def __init__(self, **options: object) -> None:
        super().__init__(**options)
        self._reset()

    def _reset(self) -> None:
        self._depth = 0
        self._node_ids: dict[int, str] = {}
        self._targets: dict[str, str] = {}
        self._end_notes = False
        self._notes: list[tuple[str, str, str]] = []
        """End notes gathered so far: (section number, label, markup of the text)."""
        self._facts: list[tuple[str, str]] = []
        """Placeholders met so far, for the end notes: (anchor, prompt)."""
        self._numbers: list[str] = []
        self._header_row = False
        self._columns = 0
        self._room = ""
        self._row_change = ""
        self._in_change = False

    # ------------------------------------------------------------------ document

    def render_document(self, doc: Document) -> str:
        self._reset()
        self._node_ids, self._targets = assign_ids(doc)
        self._end_notes = review_comments(doc)
        try:
            body = self._blocks(doc.children)
            notes = self._review_notes()
        finally:
            self._reset()
        contents = ""
        if doc.toc and toc_entries(doc):
            contents = "#pk-contents(heading.where(level: 2).or(heading.where(level: 3)))\n\n"
        return (template() + "\n// " + "-" * 66 + " the document\n\n"
                + self._settings(doc) + self._title_block(doc) + contents + body + notes)

    def _settings(self, doc: Document) -> str:
        """Document properties (title, author, subject) and the page furniture."""
        props = [f"title: {string(doc.title)}"]
        if doc.author:
            props.append(f"author: {string(doc.author)}")
        if doc.subject:
            props.append(f"description: {string(doc.subject)}")
        lang, region = _language(doc.lang or "en-US")
        setup = [f"lang: {string(lang)}"]
        if region:
            setup.append(f"region: {string(region)}")
        if doc.draft_mark:
            setup.append(f"mark: {content(DRAFT_MARK)}")
        setup.append(f"running: {content(running_title(doc.title))}")
        if doc.letterhead:
            setup.append(f"letterhead: {content(doc.letterhead)}")
        if doc.logo is not None:
            setup.append(f"logo: {image_code(doc.logo, '0.42in')}")
        if doc.watermark:
            setup.append("watermark: true")
        return (f"#set document({', '.join(props)})\n"
                f"#show: pk-setup.with({', '.join(setup)})\n\n")

    def _title_block(self, doc: Document) -> str:
        before = previous_title_block(doc)  # a redline's older title block, if it changed

        def date_line(x: Document) -> str:
            version = version_line(x)
            if not x.date:
                return version
            shown = display_date(x.date, x.lang)
            return f"{version}, {shown}" if version else shown

        def shown(old: str | None, new: str) -> str:
            """``new`` as content, after ``old`` struck through when a redline changed it."""
            if not (old or new):
                return "none"
            if old is None or old == new:
                return content(new)
            return ("[" + (f"#pk-del({content(old)})" if old else "")
                    + (f"#pk-ins({content(new)})" if new else "") + "]")

        return (f"#pk-title({shown(before and before.title, doc.title)}, "
                f"{shown(before and before.subtitle, doc.subtitle)}, "
                f"{shown(before and date_line(before), date_line(doc))})\n\n")

    def _blocks(self, blocks: tuple) -> str:
        return "".join(self.render(b) for b in blocks)

    def _resolve(self, target: str) -> str:
        return self._targets.get(target) or self._targets.get(html_id(target)) or ""

    def _anchor(self, node: object) -> str:
        """A point that cross-references link to, for a node with an id."""
        ident = self._node_ids.get(id(node), "")
        return f"#metadata(none)#label({string(ident)})" if ident else ""

    # ------------------------------------------------------------------ inlines

    def render_text(self, node: Text) -> str:
        return escape(node.text)

    def render_strong(self, node: Strong) -> str:
        return f"#strong[{self.render_children(node.children)}]"

    def render_emph(self, node: Emph) -> str:
        return f"#emph[{self.render_children(node.children)}]"

    def render_line_break(self, node: LineBreak) -> str:
        return "#linebreak()"

    def render_placeholder(self, node: Placeholder) -> str:
        anchor = ""
        if self._end_notes:
            ident = f"fact-{len(self._facts) + 1}"
            self._facts.append((ident, node.prompt))
            anchor = f"#metadata(none)#label({string(ident)})"
        call = "pk-ph-plain" if self._in_change else "pk-ph"
        return f"{anchor}#{call}({content(f'[{node.prompt}]')})"

    def render_x_ref(self, node: XRef) -> str:
        label = content(node.label or node.target)
        target = self._resolve(node.target)
        if not target:
            return f"#pk-unresolved({label})"
        return f"#pk-xref(label({string(target)}), {label})"

    # ------------------------------------------------------------------ redline marks

    def render_inserted(self, node: Inserted) -> str:
        return f"#pk-ins[{self._change_text(node.children)}]"

    def render_deleted(self, node: Deleted) -> str:
        return f"#pk-del[{self._change_text(node.children)}]"

    def _change_text(self, children: tuple) -> str:
        self._in_change = True
        try:
            return self.render_children(children)
        finally:
            self._in_change = False

    def render_revision(self, node: Revision) -> str:
        kind = "ins" if node.kind == "ins" else "del"
        return f"{self._anchor(node)}#pk-rev({string(kind)})[\n{self._blocks(node.children)}]\n\n"

    # ------------------------------------------------------------------ blocks

    def render_paragraph(self, node: Paragraph) -> str:
        body = self.render_children(node.children)
        if HtmlRenderer._changed(node.children):  # a redline mark: a change bar
            return f"{self._anchor(node)}#pk-bar[{body}]\n\n"
        return f"{self._anchor(node)}{body}\n\n"

    def render_list_item(self, node: ListItem) -> str:
        children = node.children
        if len(children) == 1 and isinstance(children[0], Paragraph):
            return self._anchor(children[0]) + self.render_children(children[0].children)
        return self._blocks(children).strip()

    def _list(self, node: BulletList | OrderedList, call: str) -> str:
        items = ", ".join(f"[{self.render(item)}]" for item in node.items)
        if not items:
            return self._anchor(node)
        return f"{self._anchor(node)}#{call}({items})\n\n"

    def render_bullet_list(self, node: BulletList) -> str:
        return self._list(node, "list")

    def render_ordered_list(self, node: OrderedList) -> str:
        return self._list(node, f"enum.with(start: {int(node.start)})")

    def render_table_cell(self, node: TableCell) -> str:
        if self._room and cell_kind(node):
            body = f"#pk-room({self._room})"  # a blank to fill in by hand
        else:
            if self._row_change:  # a row a redline adds or removes
                body = f"#pk-{self._row_change}[{self._change_text(node.children)}]"
            else:
                body = self.render_children(node.children)
        align = _ALIGNS.get(node.align.lower())
        return f"table.cell(align: {align})[{body}]" if align else f"[{body}]"

    def render_table_row(self, node: TableRow) -> str:
        self._room = "" if self._header_row else _ROOM.get(row_kind(node), "")
        self._row_change = node.change if node.change in ("ins", "del") else ""
        try:
            cells = [self.render(c) for c in node.cells]
        finally:
            self._room = ""
            self._row_change = ""
        cells += ["[]"] * (self._columns - len(cells))  # a short row keeps its place
        return ", ".join(cells)

    def render_table(self, node: Table) -> str:
        widths = column_fractions(node)
        if not widths:  # a table with no cells at all shows only its caption
            caption = f"#strong[{escape(node.caption)}]\n\n" if node.caption else ""
            return self._anchor(node) + caption
        self._columns = len(widths)
        self._header_row = True
        try:
            header = self.render(node.header)
        finally:
            self._header_row = False
        rows = "".join(f",\n  {self.render(r)}" for r in node.rows)
        self._columns = 0
        columns = "(" + ", ".join(f"{w}fr" for w in widths) + ",)"
        table = (f"table(columns: {columns},\n"
                 f"  table.header(repeat: true, {header}, "
                 f"table.hline(stroke: 1.125pt + pk-ink)){rows})")
        if node.caption:
            table = f"figure(kind: table, caption: {content(node.caption)}, {table})"
        return f"{self._anchor(node)}#{table}\n\n"

    def render_signatory(self, node: Signatory) -> str:
        name = content(node.name) if node.name else "none"
        title = content(node.title) if node.title else "none"
        return f"pk-signatory({content(node.party)}, {name}, {title})"

    def render_signature_block(self, node: SignatureBlock) -> str:
        people = ", ".join(self.render(s) for s in node.signatories)
        return f"{self._anchor(node)}#pk-signatures({people})\n\n"

    def render_note(self, node: Note) -> str:
        label = note_label(node)
        text = self.render_children(node.children) + escape(note_details(node))
        if self._end_notes:
            n = len(self._notes) + 1
            self._notes.append((self._numbers[-1] if self._numbers else "", label, text))
            return (f'{self._anchor(node)}#metadata(none)#label("review-note-{n}-ref")'
                    f'#pk-note-ref(label("review-note-{n}"), '
                    f"{content(f'Review note {n}: {label}')})\n\n")
        return f"{self._anchor(node)}#pk-note({content(label)}, [{text}])\n\n"

    def _review_notes(self) -> str:
        """The review copy's end notes: every note, linked both ways, and the facts still
        to supply, linked to where they appear."""
        if not (self._notes or self._facts):
            return ""
        parts = ["#pk-review-notes[\n",
                 "#heading(level: 2, outlined: false, bookmarked: true)[Review notes]\n\n",
                 "For the reviewer: this list and the links to it are left out of the final "
                 "copy\\.\n\n"]
        if self._notes:
            items = []
            for n, (section, label, text) in enumerate(self._notes, start=1):
                where = (f"Section {section}" if section[:1].isdigit()
                         else section or "General")
                items.append(f'[#metadata(none)#label("review-note-{n}")'
                             f'#pk-back(label("review-note-{n}-ref"), {content(where)})\\. '
                             f"#strong[{escape(label)}:] {text}]")
            parts.append("#enum(" + ",\n  ".join(items) + ")\n\n")
        if self._facts:
            parts.append("#heading(level: 3, outlined: false, bookmarked: true)"
                         "[Facts still to supply]\n\n")
            links = [f"[#pk-back(label({string(ident)}), {content(f'[{prompt}]')})]"
                     for ident, prompt in self._facts]
            parts.append("#list(" + ",\n  ".join(links) + ")\n\n")
        parts.append("]\n")
        return "".join(parts)

    def render_container(self, node: Container) -> str:
        return self._anchor(node) + self._blocks(node.children)

    def render_section(self, node: Section) -> str:
        self._depth += 1
        self._numbers.append(node.number or (inline_text(node.title).strip()
                                             if not node.numbered and node.title
                                             else (self._numbers[-1] if self._numbers else "")))
        try:
            level = min(self._depth + 1, 6)
            parts = []
            if node.attrs.get("break-before") == "page":
                parts.append("#pagebreak(weak: true)\n")
            number = (f"#pk-num({content(node.number)}) " if node.numbered and node.number
                      else "")
            title = self.render_children(node.title)
            ident = self._node_ids.get(id(node), "")
            if number or title.strip():
                listed = "" if title.strip() else ", outlined: false, bookmarked: true"
                label = f" #label({string(ident)})" if ident else ""
                parts.append(f"#heading(level: {level}{listed})[{number}{title}]{label}\n\n")
            else:
                parts.append(self._anchor(node))
            parts.append(self._blocks(node.children))
            return "".join(parts)
        finally:
            self._depth -= 1
            self._numbers.pop()

