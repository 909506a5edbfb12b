"""Table helpers for the DOCX renderer: repeating header rows and accessible descriptions."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu

__all__ = ["ALIGNMENTS", "mark_header_row", "set_description", "follows_table",
           "column_weights", "set_column_widths"]

ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}
"""``TableCell.align`` -> paragraph alignment; anything else keeps the style's alignment."""

_TRPR_AFTER_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
_TRPR_AFTER_CANTSPLIT = ("w:trHeight", "w:tblHeader") + _TRPR_AFTER_HEADER


def mark_header_row(row) -> None:
    """Make ``row`` a header row: repeated at the top of every page, never split.

    Screen readers also use ``w:tblHeader`` to announce the column headers of each cell.
    """
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert_element_before(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"),
                                    *_TRPR_AFTER_CANTSPLIT)
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.insert_element_before(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"),
                                    *_TRPR_AFTER_HEADER)


def set_description(table, caption: str, description: str) -> None:
    """Set the table's title (``w:tblCaption``) and alternative text (``w:tblDescription``).

    These are what Word's "Alt Text" pane shows and what accessibility checkers look for.
    """
    tbl_pr = table._tbl.tblPr
    for tag in ("w:tblCaption", "w:tblDescription"):
        old = tbl_pr.find(qn(tag))
        if old is not None:
            tbl_pr.remove(old)
    change = tbl_pr.find(qn("w:tblPrChange"))
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        if not value:
            continue
        element = parse_xml(f"<{tag} {nsdecls('w')}/>")
        element.set(qn("w:val"), value)
        if change is not None:
            change.addprevious(element)
        else:
            tbl_pr.append(element)


def follows_table(body_element) -> bool:
    """True when the last block of ``body_element`` is a table.

    Word joins two tables that touch into one, so a paragraph must come between them.
    """
    for child in reversed(body_element):
        if child.tag == qn("w:sectPr"):
            continue
        return child.tag == qn("w:tbl")
    return False


_WEIGHT_MIN = 4
_WEIGHT_MAX = 40
"""Characters: a column never gets more room than a 40-character text would need, so one
long cell does not squeeze the others."""
_WEIGHT_PADDING = 2
"""Characters added to every column for the cell margins."""


def column_weights(texts: list[list[str]], ncols: int) -> list[int]:
    """Relative column widths from the plain text of each row's cells.

    Each column weighs as much as its longest text (within limits), but at least as much as
    its longest word, so that words are not broken across lines.
    """
    weights = [_WEIGHT_MIN] * ncols
    for row in texts:
        for i, text in enumerate(row[:ncols]):
            longest_word = max((len(w) for w in text.split()), default=0)
            weight = max(min(len(text), _WEIGHT_MAX), longest_word)
            weights[i] = max(weights[i], weight)
    return [w + _WEIGHT_PADDING for w in weights]


def set_column_widths(table, weights: list[int], total: int) -> None:
    """Share ``total`` (EMU) among the columns in proportion to ``weights``."""
    whole = sum(weights) or 1
    widths = [total * w // whole for w in weights]
    widths[-1] += total - sum(widths)  # rounding goes to the last column
    for column, width in zip(table.columns, widths):
        column.width = Emu(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Emu(width)
