"""Tables and signature blocks for the DOCX renderer: the parts of a document people fill
in by hand.

:class:`FormMethods` holds the renderer's methods for :class:`~plankit.document.Table`
(with its rows and cells) and :class:`~plankit.document.SignatureBlock` (with its
signatories); :class:`~plankit.render.docx.DocxRenderer` inherits them. Column widths come
from :mod:`.columns`, the table XML from :mod:`.tables`.
"""

from __future__ import annotations

from docx.shared import Emu, Inches, Pt

from plankit.document import (
    Signatory, SignatureBlock, Table, TableCell, TableRow, inline_text,
)
from plankit.render.base import cell_kind, row_kind
from plankit.render.docx import columns, package, styles, tables, wml

__all__ = ["FormMethods", "ROW_HEIGHTS"]

_BLANK = "_" * 30
"""A line to write a name, title or signature on."""
_DATE_BLANK = "_" * 14
_PARTY_BEFORE = Pt(18).twips
_BY_BEFORE = Inches(0.45).twips
"""Room to sign above the "By:" line."""
_LINE = 1.4
"""Line height of table text shrunk to fit, in ems (as the PDF's)."""
ROW_HEIGHTS = {"blank": Inches(0.3).twips, "sign": Inches(0.5).twips}
"""Least height of a form row (see :func:`~plankit.render.base.row_kind`), in twips: room
to write in by hand, and to sign."""


class FormMethods:
    """Renderer methods for tables and signature blocks (mixed into the DOCX renderer,
    whose state they use)."""

    def render_table(self, node: Table) -> None:
        ncols = max([len(node.header.cells)] + [len(r.cells) for r in node.rows] + [1])
        if node.caption:
            caption = self._new_paragraph("Caption")
            caption.keep_next = True
            self._add_run(node.caption)
            self._paragraph = None
        elif self._last_is_table:  # Word joins two tables that touch into one
            self._new_paragraph("Normal")
            self._paragraph = None
        style_id = self._style_id("t", "Table Grid")
        cell_style = self._style_id("p", styles.TABLE_TEXT)
        fit = self._fit_columns(node, ncols, style_id, cell_style)
        rows = [[wml.Para(cell_style) for _ in range(ncols)] for _ in range(1 + len(node.rows))]
        if fit.size < self._table_facts[(style_id, cell_style)][0]:  # shrunk to fit words
            self._run_size = round(fit.size * 2)
            for row in rows:
                for cell in row:
                    cell.half_points = self._run_size
                    cell.line = round(fit.size * _LINE * 20)
        self._soften = fit.soften
        headers = [_plain(cell.children) for cell in node.header.cells]
        columns = ", ".join(package.clean_text(c) for c in headers if c)
        description = node.caption or (f"Table with columns: {columns}" if columns else "")
        self._bookmarks.place(rows[0][0])
        try:
            with self._formatting(bold=1):
                self._row = rows[0]
                self.render(node.header)
            for row, row_node in zip(rows[1:], node.rows):
                self._row = row
                self.render(row_node)
        finally:
            self._row = None
            self._run_size = None
            self._soften = ()
        self._paragraph = None
        heights = [None] + [ROW_HEIGHTS.get(row_kind(row)) for row in node.rows]
        self._blocks.append(tables.table_xml(
            rows, fit.widths, style_id=style_id, caption=package.clean_text(node.caption),
            description=package.clean_text(description), heights=heights,
            marks=self._row_marks(node)))
        self._last_is_table = True
        self._after_table = True

    def _fit_columns(self, node: Table, ncols: int, style_id, cell_style) -> columns.Layout:
        """Column widths that keep every word whole (see :mod:`.columns`)."""
        key = (style_id, cell_style)
        if key not in self._table_facts:
            root = self._docx.styles.element
            self._table_facts[key] = (tables.text_size(root, cell_style),
                                      tables.cell_margins(root, style_id))
        size, margins = self._table_facts[key]
        cells: list[list[tuple[tuple, bool]]] = [[] for _ in range(ncols)]
        for r, row in enumerate((node.header, *node.rows)):
            for i, cell in enumerate(row.cells[:ncols]):
                cells[i].append((cell.children, r == 0))
        return columns.layout([columns.measure(c) for c in cells], self._text_width_twips(),
                              size=size, margins=margins)

    def _text_width_twips(self) -> int:
        """Width between the margins of the current page setup, in twentieths of a point."""
        if self._text_width is None:
            section = self._docx.sections[-1]
            width = ((section.page_width or 0) - (section.left_margin or 0)
                     - (section.right_margin or 0))
            self._text_width = Emu(width).twips if width > 0 else 9360  # 6.5 inches
        return self._text_width

    def _row_marks(self, node: Table) -> list[str | None] | None:
        """The tracked change of each row (header first) of a redline's table: a row it
        adds or removes, or every row of a table it adds or removes; None when no row has
        one."""
        block = self._block_changes[-1] if self._block_changes else ""
        kinds = [block] + [row.change or block for row in node.rows]
        if not any(kinds):
            return None
        # a row is inserted or deleted; the end of a move it belongs to counts as either
        plain = {"move-to": "ins", "move-from": "del"}
        return [self._revisions.mark(plain.get(k, k)) if k else None for k in kinds]

    def render_table_row(self, node: TableRow) -> None:
        if node.change:  # a row a redline adds or removes: its text too
            self._changes.append(node.change)
        try:
            for cell, cell_node in zip(self._row, node.cells):
                self._cell = cell
                self.render(cell_node)
        finally:
            self._cell = None
            if node.change:
                self._changes.pop()

    def render_table_cell(self, node: TableCell) -> None:
        paragraph = self._cell
        alignment = tables.ALIGNMENTS.get(node.align.lower())
        if alignment is not None:
            paragraph.align = alignment
        if cell_kind(node) == "sign":  # the row's height makes the room, not empty lines
            return
        self._paragraph = paragraph
        self._inlines(node.children)
        self._paragraph = None

    def render_signatory(self, node: Signatory) -> None:
        party = self._new_paragraph(styles.SIGNATURE)
        party.space_before = _PARTY_BEFORE
        self._add_run(node.party, bold=True)
        by = self._new_paragraph(styles.SIGNATURE)
        by.space_before = _BY_BEFORE
        self._add_run(f"By: {_BLANK}")
        self._new_paragraph(styles.SIGNATURE)
        self._add_run(f"Name: {node.name or _BLANK}")
        self._new_paragraph(styles.SIGNATURE)
        self._add_run(f"Title: {node.title or _BLANK}")
        last = self._new_paragraph(styles.SIGNATURE)
        last.keep_next = False
        self._add_run(f"Date: {_DATE_BLANK}")
        self._paragraph = None

    def render_signature_block(self, node: SignatureBlock) -> None:
        for signatory in node.signatories:
            self.render(signatory)


def _plain(inlines: tuple) -> str:
    """One-line plain text of inline content."""
    return inline_text(inlines).replace("\n", " ").strip()
