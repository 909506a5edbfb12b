"""Table helpers for the DOCX renderer: repeating header rows, column widths and
accessible descriptions, written as WordprocessingML text (see :mod:`.wml`)."""

from __future__ import annotations

from docx.shared import Emu

from plankit.render.docx import wml

__all__ = ["ALIGNMENTS", "column_weights", "column_widths", "table_xml"]

ALIGNMENTS = {
    "left": "left",
    "right": "right",
    "center": "center",
}
"""``TableCell.align`` -> ``w:jc`` value; anything else keeps the style's alignment."""

_TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
             'w:noHBand="0" w:noVBand="1" w:val="04A0"/>')
_HEADER_ROW = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
"""A header row is repeated at the top of every page and never split. Screen readers also
use ``w:tblHeader`` to announce the column headers of each cell."""

_WEIGHT_MIN = 4
_WEIGHT_MAX = 40
"""Characters: a column never gets more room than a 40-character text would need, so one
long cell does not squeeze the others."""
_WEIGHT_PADDING = 3
"""Characters added to every column for the cell margins."""


_CHAR_EMU = 76200
"""Room one character takes, on average, in table text (6 pt: well over half of
the 9.5 pt "Table Text" em, for bold headers), used to tell how many characters fit."""


def column_weights(texts: list[list[str]], ncols: int, total: int | None = None) -> list[int]:
    """Relative column widths from the plain text of each row's cells.

    Each column would like as much room as its longest text (within limits) and needs at
    least its longest word, so that words are not broken across lines. When everything
    fits, columns get room in proportion to what they would like; when it does not, every
    column first gets its longest word (if those fit across ``total`` EMU) and the room
    left is shared by how much more each column would like.
    """
    need = [_WEIGHT_MIN] * ncols
    like = [_WEIGHT_MIN] * ncols
    for r, row in enumerate(texts):
        bold = 1.2 if r == 0 else 1.0  # the header row is bold, so its letters are wider
        for i, text in enumerate(row[:ncols]):
            longest_word = -(-max((len(w) for w in text.split()), default=0) * 12 // 10) \
                if r == 0 else max((len(w) for w in text.split()), default=0)
            need[i] = max(need[i], longest_word)
            like[i] = max(like[i], min(int(len(text) * bold), _WEIGHT_MAX), longest_word)
    need = [n + _WEIGHT_PADDING for n in need]
    like = [w + _WEIGHT_PADDING for w in like]
    if total is None:
        return like
    room = total // _CHAR_EMU
    if sum(like) <= room or sum(need) > room:
        return like if sum(need) <= room else need
    spare = room - sum(need)
    extra = [w - n for w, n in zip(like, need)]
    more = sum(extra) or 1
    return [n * more + spare * e for n, e in zip(need, extra)]


def column_widths(weights: list[int], total: int) -> list[int]:
    """Share ``total`` (EMU) among the columns in proportion to ``weights``; returns the
    widths in twentieths of a point, as Word stores them."""
    whole = sum(weights) or 1
    widths = [total * w // whole for w in weights]
    widths[-1] += total - sum(widths)  # rounding goes to the last column
    return [Emu(width).twips for width in widths]


def table_xml(rows: list[list[wml.Para]], widths: list[int], *, style_id: str | None,
              caption: str, description: str) -> str:
    """A ``w:tbl`` whose first row is the header row.

    ``rows`` holds the paragraph of each cell; ``caption`` and ``description`` become the
    table's title (``w:tblCaption``) and alternative text (``w:tblDescription``), which is
    what Word's "Alt Text" pane shows and what accessibility checkers look for.
    """
    out = ["<w:tbl><w:tblPr>"]
    if style_id is not None:
        out.append(f'<w:tblStyle w:val="{wml.attr(style_id)}"/>')
    out.append('<w:tblW w:type="auto" w:w="0"/>')
    out.append(_TBL_LOOK)
    if caption:
        out.append(f'<w:tblCaption w:val="{wml.attr(caption)}"/>')
    if description:
        out.append(f'<w:tblDescription w:val="{wml.attr(description)}"/>')
    out.append("</w:tblPr><w:tblGrid>")
    out.extend(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out.append("</w:tblGrid>")
    cell_heads = [f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr>' for w in widths]
    for i, row in enumerate(rows):
        out.append("<w:tr>" + _HEADER_ROW if i == 0 else "<w:tr>")
        for head, para in zip(cell_heads, row):
            out.append(head)
            out.append(para.xml())
            out.append("</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
