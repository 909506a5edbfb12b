"""HTML renderer: a standalone, semantic HTML5 page for every document.

All text from the document is escaped; nothing a user types can become markup, a link or an
include. Output is deterministic: the same document always gives the same page.

The PDF renderer (:mod:`plankit.render.pdf`) subclasses this one, so any fix here reaches the
PDF too.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache

from markupsafe import escape

from plankit.document import (
    DRAFT_MARK, BulletList, Container, Deleted, Document, Emph, Image, Inserted, LineBreak,
    ListItem, Note, OrderedList, Paragraph, Placeholder, Revision, Section, Signatory,
    SignatureBlock, Strong, Table, TableCell, TableRow, Text, XRef, display_date, inline_text,
    note_details, note_label, previous_title_block, review_comments, running_title, toc_entries,
    version_line, walk,
)
from plankit.paths import ASSETS_DIR
from plankit.render.base import TextRenderer, row_kind

__all__ = ["HtmlRenderer", "assign_ids", "html_id", "read_css"]

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._:-]+")
_CLASS_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_ALIGNS = {"left", "right", "center"}


def html_id(raw: str) -> str:
    """A valid, link-safe HTML id made from ``raw`` (a clause id or section number).

    Characters outside ``A-Z a-z 0-9 . _ : -`` become ``-``; the result never starts with a
    digit or punctuation, so it also works as a CSS selector and a PDF destination name.
    """
    value = _ID_UNSAFE.sub("-", raw.strip()).strip("-")
    if not value:
        return ""
    if not value[0].isalpha():
        value = "id-" + value
    return value


def assign_ids(doc: Document) -> tuple[dict[int, str], dict[str, str]]:
    """A unique, link-safe id for every section and every node with ``attrs.id``.

    Returns ``id(node)`` -> id, and XRef target (clause id, section number or the id
    itself) -> id. The HTML and Typst renderers share it, so both link alike.
    """
    node_ids: dict[int, str] = {}
    targets: dict[str, str] = {}
    used: set[str] = set()
    for node in walk(doc):
        attrs = getattr(node, "attrs", None)
        if attrs is None:
            continue
        candidate = html_id(attrs.id) if attrs.id else ""
        if not candidate and isinstance(node, Section) and node.number:
            candidate = html_id("sec-" + node.number.replace(".", "-"))
        if not candidate and isinstance(node, Section) and node.title:
            candidate = "section"
        if not candidate:
            continue
        unique, n = candidate, 2
        while unique in used:
            unique, n = f"{candidate}-{n}", n + 1
        used.add(unique)
        node_ids[id(node)] = unique
        for key in (attrs.id, candidate, unique):
            if key:
                targets.setdefault(key, unique)
        if isinstance(node, Section) and node.number:
            targets.setdefault(node.number, unique)
    return node_ids, targets


def _class_token(raw: str) -> str:
    return _CLASS_UNSAFE.sub("-", raw.strip()).strip("-").lower()


@lru_cache(maxsize=None)
def read_css(name: str) -> str:
    """Text of a stylesheet shipped in ``assets/css``."""
    return (ASSETS_DIR / "css" / name).read_text(encoding="utf-8")


def _css_block(css: str) -> str:
    """CSS text made safe to sit inside a ``<style>`` element."""
    return css.replace("</", "<\\/")


class HtmlRenderer(TextRenderer):
    """Renders a :class:`~plankit.document.Document` as one HTML5 page.

    Options (keyword arguments, all optional):

    ``for_pdf``
        Link the shipped stylesheets (``css/plankit.css`` and ``css/print.css``, relative to
        the assets directory) instead of inlining the screen stylesheet. The PDF renderer
        sets this and resolves the links through its locked-down fetcher.
    ``extra_css``
        CSS text appended after plankit's own styles, e.g. a house print style.
    """

    name = "html"
    extension = "html"
    binary = False

    def __init__(self, *, for_pdf: bool = False, extra_css: str | None = None,
                 **options: object) -> None:
        super().__init__(for_pdf=for_pdf, extra_css=extra_css, **options)
        self.for_pdf = for_pdf
        self.extra_css = extra_css
        self._reset()

    # ------------------------------------------------------------------ per-render state

    def _reset(self) -> None:
        self._depth = 0
        self._in_header_row = False
        self._row_change = ""
        """"ins" or "del" while a table row a redline adds or removes is rendered."""
        self._node_ids: dict[int, str] = {}
        """``id(node)`` -> HTML id, for nodes that carry one."""
        self._targets: dict[str, str] = {}
        """XRef target (clause id, section number or HTML id) -> HTML id."""
        self._end_notes = False
        """True while review notes are gathered as linked end notes (the review copy)."""
        self._notes: list[tuple[str, str, str]] = []
        """End notes gathered so far: (section number, label, HTML of the text)."""
        self._facts: list[tuple[str, str]] = []
        """Placeholders met so far, for the end notes: (HTML id, prompt)."""
        self._numbers: list[str] = []
        """Numbers of the sections being rendered, innermost last."""

    def _assign_ids(self, doc: Document) -> None:
        """Give every section (and every node with ``attrs.id``) a unique HTML id."""
        self._node_ids, self._targets = assign_ids(doc)

    def _id_attr(self, node: object) -> str:
        value = self._node_ids.get(id(node), "")
        return f' id="{escape(value)}"' if value else ""

    @staticmethod
    def _class_attr(*classes: str) -> str:
        names = [c for c in classes if c]
        return f' class="{escape(" ".join(names))}"' if names else ""

    @staticmethod
    def _role_class(node: object) -> str:
        role = _class_token(node.attrs.role)
        return f"role-{role}" if role else ""

    # ------------------------------------------------------------------ page

    def render_document(self, doc: Document) -> str:
        self._reset()
        self._assign_ids(doc)
        self._end_notes = review_comments(doc)
        try:
            body = self._blocks(doc.children)
            toc = self._toc(doc) if doc.toc else ""
            body += self._review_notes()
        finally:
            self._reset()
        lang = escape(doc.lang or "en")
        kind = _class_token(doc.kind)
        head = "\n".join(self.head_elements(doc))
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{lang}">\n'
            "<head>\n"
            f"{head}\n"
            "</head>\n"
            f"<body{self._class_attr('plankit', f'kind-{kind}' if kind else '')}>\n"
            f"{self._page_marks(doc)}"
            f"{self._header(doc)}\n"
            f"{toc}"
            "<main>\n"
            f"{body}"
            "</main>\n"
            "</body>\n"
            "</html>\n"
        )

    def head_elements(self, doc: Document) -> list[str]:
        """The lines inside ``<head>``; subclasses add their own metadata."""
        lines = [
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(doc.title)}</title>",
        ]
        if doc.author:
            lines.append(f'<meta name="author" content="{escape(doc.author)}">')
        if doc.subject:
            lines.append(f'<meta name="description" content="{escape(doc.subject)}">')
        version = doc.provenance.plankit_version
        generator = f"plankit {version}" if version else "plankit"
        lines.append(f'<meta name="generator" content="{escape(generator)}">')
        if self.for_pdf:
            lines.append('<link rel="stylesheet" href="css/plankit.css">')
            lines.append('<link rel="stylesheet" href="css/print.css">')
        else:
            lines.append("<style>\n" + _css_block(read_css("plankit.css")).rstrip() + "\n</style>")
        if self.extra_css:
            lines.append("<style>\n" + _css_block(self.extra_css).rstrip() + "\n</style>")
        return lines

    def image_src(self, image: Image) -> str:
        """Where an ``<img>`` finds the picture: inline data in a standalone page."""
        return f"data:{image.mime};base64," + base64.b64encode(image.data).decode("ascii")

    def _page_marks(self, doc: Document) -> str:
        """Letterhead, draft mark and watermark: page furniture, repeated on every PDF page."""
        parts = []
        if doc.letterhead or doc.logo:
            logo = (f'<img class="logo" src="{escape(self.image_src(doc.logo))}" '
                    f'alt="{escape(doc.logo.alt)}">' if doc.logo else "")
            name = f'<span class="letterhead-name">{escape(doc.letterhead)}</span>' \
                if doc.letterhead else ""
            parts.append(f'<div class="letterhead">{logo}{name}</div>\n')
        if doc.draft_mark:
            parts.append(f'<p class="draft-mark">{escape(DRAFT_MARK)}</p>\n')
        if doc.watermark:
            parts.append('<div class="watermark" aria-hidden="true">DRAFT</div>\n')
        return "".join(parts)

    def _toc(self, doc: Document) -> str:
        """A linked table of contents (print CSS adds page numbers)."""
        items = []
        for level, section in toc_entries(doc):
            ident = self._node_ids.get(id(section), "")
            number = (f'<span class="secnum">{escape(section.number)}</span> '
                      if section.numbered and section.number else "")
            title = escape(inline_text(section.title))
            link = f'<a href="#{escape(ident)}">{number}{title}</a>' if ident else \
                f"{number}{title}"
            items.append(f'<li class="toc-level-{level}">{link}</li>')
        if not items:
            return ""
        return ('<nav class="toc" aria-labelledby="toc-title">\n'
                '<h2 id="toc-title">Contents</h2>\n<ol>\n' + "\n".join(items)
                + "\n</ol>\n</nav>\n")

    @staticmethod
    def _changed_text(old: str | None, new: str) -> str:
        """``new``, after ``old`` marked as deleted when a redline changed it."""
        if old is None or old == new:
            return str(escape(new))
        return ((f"<del>{escape(old)}</del>" if old else "")
                + (f"<ins>{escape(new)}</ins>" if new else ""))

    def _header(self, doc: Document) -> str:
        before = previous_title_block(doc)  # a redline's older title block, if it changed
        parts = ['<header class="doc-header">',
                 f'<h1 data-running-title="{escape(running_title(doc.title))}"'
                 + (f' data-draft-mark="{escape(DRAFT_MARK)}"' if doc.draft_mark else "")
                 + ">"
                 f"{self._changed_text(before and before.title, doc.title)}</h1>"]
        if doc.subtitle or (before and before.subtitle):
            parts.append(f'<p class="doc-subtitle">'
                         f"{self._changed_text(before and before.subtitle, doc.subtitle)}</p>")
        if before and (before.date, before.version) != (doc.date, doc.version):
            def line(x: Document) -> str:
                shown = display_date(x.date, x.lang) if x.date else ""
                return ", ".join(v for v in (version_line(x), shown) if v)
            parts.append(f'<p class="doc-date">{self._changed_text(line(before), line(doc))}</p>')
            parts.append("</header>")
            return "\n".join(parts)
        version = version_line(doc)
        if doc.date:
            shown = display_date(doc.date, doc.lang)
            lead = f"{escape(version)}, " if version else ""
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date):
                parts.append(f'<p class="doc-date">{lead}<time datetime="{escape(doc.date)}">'
                             f"{escape(shown)}</time></p>")
            else:
                parts.append(f'<p class="doc-date">{lead}{escape(shown)}</p>')
        elif version:
            parts.append(f'<p class="doc-date">{escape(version)}</p>')
        parts.append("</header>")
        return "\n".join(parts)

    def _blocks(self, blocks: tuple) -> str:
        """Block children, one per line."""
        return "".join(self.render(b) for b in blocks)

    # ------------------------------------------------------------------ inlines

    def render_text(self, node: Text) -> str:
        return str(escape(node.text))

    def render_strong(self, node: Strong) -> str:
        return f"<strong>{self.render_children(node.children)}</strong>"

    def render_emph(self, node: Emph) -> str:
        return f"<em>{self.render_children(node.children)}</em>"

    def render_line_break(self, node: LineBreak) -> str:
        return "<br>\n"

    def render_placeholder(self, node: Placeholder) -> str:
        title = f"To supply: {node.name}" if node.name else "To supply"
        ident = ""
        if self._end_notes:
            ident = f"fact-{len(self._facts) + 1}"
            self._facts.append((ident, node.prompt))
            ident = f' id="{ident}"'
        return (f'<mark class="placeholder"{ident} title="{escape(title)}"'
                f' data-field="{escape(node.name)}">[{escape(node.prompt)}]</mark>')

    def render_x_ref(self, node: XRef) -> str:
        label = escape(node.label or node.target)
        target = self._targets.get(node.target) or self._targets.get(html_id(node.target))
        if not target:
            return f'<span class="xref xref-unresolved">{label}</span>'
        return f'<a class="xref" href="#{escape(target)}">{label}</a>'

    # ------------------------------------------------------------------ redline marks

    def render_inserted(self, node: Inserted) -> str:
        return f"<ins>{self.render_children(node.children)}</ins>"

    def render_deleted(self, node: Deleted) -> str:
        return f"<del>{self.render_children(node.children)}</del>"

    def render_revision(self, node: Revision) -> str:
        tag = "ins" if node.kind == "ins" else "del"
        moved = ' class="revision moved"' if node.move else ' class="revision"'
        return f"<{tag}{moved}>\n{self._blocks(node.children)}</{tag}>\n"

    @staticmethod
    def _changed(inlines: tuple) -> str:
        """"changed" for content with a redline mark in it (it gets a change bar)."""
        for node in inlines:
            if isinstance(node, (Inserted, Deleted)):
                return "changed"
            if isinstance(node, (Strong, Emph)) and HtmlRenderer._changed(node.children):
                return "changed"
        return ""

    # ------------------------------------------------------------------ blocks

    def render_paragraph(self, node: Paragraph) -> str:
        attrs = self._id_attr(node) + self._class_attr(self._role_class(node),
                                                       self._changed(node.children))
        return f"<p{attrs}>{self.render_children(node.children)}</p>\n"

    def render_list_item(self, node: ListItem) -> str:
        children = node.children
        if (len(children) == 1 and isinstance(children[0], Paragraph)
                and not children[0].attrs.id and not children[0].attrs.role):
            cls = self._class_attr(self._changed(children[0].children))
            return f"<li{cls}>{self.render_children(children[0].children)}</li>\n"
        if len(children) == 1 and isinstance(children[0], Revision):
            cls = self._class_attr(f"revision-{children[0].kind}")  # the marker too
            return f"<li{cls}>\n{self._blocks(children)}</li>\n"
        return f"<li>\n{self._blocks(children)}</li>\n"

    def render_bullet_list(self, node: BulletList) -> str:
        attrs = self._id_attr(node) + self._class_attr(self._role_class(node))
        return f"<ul{attrs}>\n{self._blocks(node.items)}</ul>\n"

    def render_ordered_list(self, node: OrderedList) -> str:
        attrs = self._id_attr(node) + self._class_attr(self._role_class(node))
        return f'<ol{attrs} start="{int(node.start)}">\n{self._blocks(node.items)}</ol>\n'

    def render_table_cell(self, node: TableCell) -> str:
        align = node.align.lower() if node.align.lower() in _ALIGNS else ""
        cls = self._class_attr(f"align-{align}" if align else "")
        content = self.render_children(node.children)
        if self._row_change:
            tag = "ins" if self._row_change == "ins" else "del"
            content = f"<{tag}>{content}</{tag}>"
        if self._in_header_row:
            return f'<th scope="col"{cls}>{content}</th>'
        return f"<td{cls}>{content}</td>"

    def render_table_row(self, node: TableRow) -> str:
        kind = "" if self._in_header_row else row_kind(node)
        changed = (f"revision-{node.change}" if node.change else
                   next((self._changed(c.children) for c in node.cells
                         if self._changed(c.children)), ""))
        # form rows: room to write and sign
        cls = self._class_attr(f"{kind}-row" if kind else "", changed)
        self._row_change = node.change
        try:
            return f"<tr{cls}>" + "".join(self.render(c) for c in node.cells) + "</tr>\n"
        finally:
            self._row_change = ""

    def render_table(self, node: Table) -> str:
        attrs = self._id_attr(node) + self._class_attr(self._role_class(node))
        parts = [f"<table{attrs}>\n"]
        if node.caption:
            parts.append(f"<caption>{escape(node.caption)}</caption>\n")
        self._in_header_row = True
        try:
            parts.append(f"<thead>\n{self.render(node.header)}</thead>\n")
        finally:
            self._in_header_row = False
        parts.append("<tbody>\n" + "".join(self.render(r) for r in node.rows) + "</tbody>\n")
        parts.append("</table>\n")
        return "".join(parts)

    def render_signatory(self, node: Signatory) -> str:
        def line(label: str, value: str, kind: str) -> str:
            shown = (f'<span class="sig-value">{escape(value)}</span>' if value
                     else '<span class="sig-blank"></span>')
            return (f'<p class="sig-line sig-{kind}"><span class="sig-label">{label}</span>'
                    f" {shown}</p>\n")

        return (
            '<div class="signatory">\n'
            f'<p class="sig-party">{escape(node.party)}</p>\n'
            + line("By:", "", "by")
            + line("Name:", node.name, "name")
            + line("Title:", node.title, "title")
            + line("Date:", "", "date")
            + "</div>\n"
        )

    def render_signature_block(self, node: SignatureBlock) -> str:
        attrs = self._id_attr(node) + self._class_attr("signatures", self._role_class(node))
        inner = "".join(self.render(s) for s in node.signatories)
        return f"<div{attrs}>\n{inner}</div>\n"

    def render_note(self, node: Note) -> str:
        label = note_label(node)
        text = self.render_children(node.children) + str(escape(note_details(node)))
        if self._end_notes:
            n = len(self._notes) + 1
            self._notes.append((self._numbers[-1] if self._numbers else "", label, text))
            return (f'<p class="review-ref" id="review-note-{n}-ref"><a href="#review-note-{n}">'
                    f"Review note {n}: {escape(label)}</a></p>\n")
        attrs = self._id_attr(node) + self._class_attr("drafter-note", self._role_class(node))
        return (f'<aside{attrs} role="note"><strong>{escape(label)}:</strong> '
                f"{text}</aside>\n")

    def _review_notes(self) -> str:
        """The review copy's end notes: every note, linked both ways, and the facts still
        to supply, linked to where they appear."""
        if not (self._notes or self._facts):
            return ""
        parts = ['<section class="review-notes" aria-labelledby="review-notes-title">\n'
                 '<h2 id="review-notes-title">Review notes</h2>\n'
                 "<p>For the reviewer: this list and the links to it are left out of the "
                 "final copy.</p>\n"]
        if self._notes:
            parts.append("<ol>\n")
            for n, (section, label, text) in enumerate(self._notes, start=1):
                where = (f"Section {escape(section)}" if section[:1].isdigit()
                         else escape(section) or "General")
                parts.append(f'<li id="review-note-{n}"><a href="#review-note-{n}-ref">{where}'
                             f"</a>. <strong>{escape(label)}:</strong> {text}</li>\n")
            parts.append("</ol>\n")
        if self._facts:
            parts.append("<h3>Facts still to supply</h3>\n<ul>\n")
            for ident, prompt in self._facts:
                parts.append(f'<li><a href="#{ident}">[{escape(prompt)}]</a></li>\n')
            parts.append("</ul>\n")
        parts.append("</section>\n")
        return "".join(parts)

    def render_container(self, node: Container) -> str:
        attrs = self._id_attr(node) + self._class_attr(self._role_class(node))
        return f"<div{attrs}>\n{self._blocks(node.children)}</div>\n"

    def render_section(self, node: Section) -> str:
        self._depth += 1
        self._numbers.append(node.number or (inline_text(node.title).strip()
                                             if not node.numbered and node.title
                                             else (self._numbers[-1] if self._numbers else "")))
        try:
            level = min(self._depth + 1, 6)
            number = (f'<span class="secnum">{escape(node.number)}</span> '
                      if node.numbered and node.number else "")
            changed = self._class_attr(self._changed(node.title))
            heading = (f"<h{level}{changed}>{number}{self.render_children(node.title)}"
                       f"</h{level}>\n")
            page = "new-page" if node.attrs.get("break-before") == "page" else ""
            attrs = self._id_attr(node) + self._class_attr(self._role_class(node), page)
            return f"<section{attrs}>\n{heading}{self._blocks(node.children)}</section>\n"
        finally:
            self._depth -= 1
            self._numbers.pop()

