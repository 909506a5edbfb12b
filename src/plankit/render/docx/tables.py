"""Table helpers for the DOCX renderer: repeating header rows, fixed column widths (worked
out by :mod:`.columns`) and accessible descriptions, written as WordprocessingML text (see
:mod:`.wml`), and the table style facts the widths depend on."""

from __future__ import annotations

from docx.oxml.ns import qn

from plankit.render.docx import wml

__all__ = ["ALIGNMENTS", "cell_margins", "text_size", "table_xml"]

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

_BODY_ROW = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
"""A row is not split across pages (as the PDF's ``tr { break-inside: avoid }``); Word and
LibreOffice still split one taller than a page."""

_WORD_CELL_MARGIN = 115
"""Twips: Word's cell margin (0.08 inch) where no style sets one."""


def _style_chain(styles_element, style_id: str | None, kind: str):
    """The ``w:style`` elements of style ``style_id`` (or the default style of ``kind``)
    and the styles it is based on, nearest first."""
    by_id = {}
    default = None
    for element in styles_element.findall(qn("w:style")):
        if element.get(qn("w:type")) != kind:
            continue
        by_id.setdefault(element.get(qn("w:styleId")), element)
        if element.get(qn("w:default")) in ("1", "true", "on"):
            default = element
    current = by_id.get(style_id) if style_id is not None else default
    chain = []
    while current is not None and len(chain) < 20 and current not in chain:
        chain.append(current)
        based = current.find(qn("w:basedOn"))
        current = by_id.get(based.get(qn("w:val"))) if based is not None else None
    return chain


def cell_margins(styles_element, style_id: str | None) -> int:
    """Left plus right cell margins (twips) of table style ``style_id``; Word's 0.08 inch
    each side where no style in its chain sets them."""
    found: dict[str, int] = {}
    for element in _style_chain(styles_element, style_id, "table"):
        margins = element.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
        if margins is None:
            continue
        for side in ("left", "right", "start", "end"):
            value = margins.find(qn(f"w:{side}"))
            if value is not None and side not in found and \
                    value.get(qn("w:type"), "dxa") == "dxa":
                twips = _number(value.get(qn("w:w")))
                if twips is not None:
                    found[side] = max(0, int(twips))
    left = found.get("left", found.get("start", _WORD_CELL_MARGIN))
    right = found.get("right", found.get("end", _WORD_CELL_MARGIN))
    return left + right


def _number(value: str | None) -> float | None:
    """A number from a style attribute, or None if it is missing or not a plain number
    (a reference document may hold anything)."""
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def text_size(styles_element, style_id: str | None) -> float:
    """Font size (points) of paragraph style ``style_id``, from its chain of styles or the
    document defaults; Word's 10 pt if none sets one."""
    sizes = [element.find(f"{qn('w:rPr')}/{qn('w:sz')}")
             for element in _style_chain(styles_element, style_id, "paragraph")]
    sizes.append(styles_element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"))
    for size in sizes:
        half_points = _number(size.get(qn("w:val"))) if size is not None else None
        if half_points and 2 <= half_points <= 3276:
            return half_points / 2
    return 10.0


def table_xml(rows: list[list[wml.Para]], widths: list[int], *, style_id: str | None,
              caption: str, description: str, heights: list[int | None] | None = None,
              marks: list[str | None] | None = None) -> str:
    """A ``w:tbl`` whose first row is the header row.

    ``rows`` holds the paragraph of each cell; ``caption`` and ``description`` become the
    table's title (``w:tblCaption``) and alternative text (``w:tblDescription``), which is
    what Word's "Alt Text" pane shows and what accessibility checkers look for.
    ``heights`` gives rows a least height in twips (None for none): the rows of a form.
    No row is split across pages. ``marks`` gives rows a redline adds or removes their
    tracked change (a ``w:ins`` or ``w:del`` element; None for none).
    """
    out = ["<w:tbl><w:tblPr>"]
    if style_id is not None:
        out.append(f'<w:tblStyle w:val="{wml.attr(style_id)}"/>')
    # Fixed layout: Word uses the widths given, as LibreOffice does, instead of
    # re-fitting the columns to the text.
    out.append(f'<w:tblW w:type="dxa" w:w="{sum(widths)}"/><w:tblLayout w:type="fixed"/>')
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
        height = heights[i] if heights and i < len(heights) else None
        mark = marks[i] if marks and i < len(marks) else None
        if i == 0:
            head = "<w:tr>" + _HEADER_ROW
        elif height:
            head = (f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{int(height)}" '
                    'w:hRule="atLeast"/></w:trPr>')
        else:
            head = _BODY_ROW
        if mark:  # the change comes last in the row's properties
            head = head.replace("</w:trPr>", mark + "</w:trPr>")
        out.append(head)
        for head, para in zip(cell_heads, row):
            out.append(head)
            out.append(para.xml())
            out.append("</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
