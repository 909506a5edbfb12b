"""WordprocessingML for the document body, written as text.

python-docx builds every paragraph and run as an object tree, one element at a time; for a
long document that is most of the rendering time. The body is therefore written here as
XML text, parsed once, and put into the python-docx document, which still provides the
package, the styles, numbering, headers, footers and properties.

The text written is exactly what python-docx would produce for the same calls (same
elements, same attribute order), so the saved file is the same either way.

* :class:`Para` -- one ``w:p`` being built: paragraph properties, bookmarks and runs;
* :func:`run` -- one ``w:r`` with its text split into ``w:t``, ``w:tab`` and ``w:br``
  as python-docx splits it;
* :class:`Link` -- a ``w:hyperlink`` to a bookmark, holding runs;
* :func:`parse_body` -- the body text as elements to move into the document.
"""

from __future__ import annotations

from docx.oxml.ns import nsdecls
from docx.oxml.parser import element_class_lookup
from lxml import etree

__all__ = ["Para", "Link", "run", "size", "attr", "text", "parse_body", "W_NS"]

W_NS = nsdecls("w")
"""The ``xmlns:w`` declaration for a fragment of WordprocessingML."""

_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})
_SPECIAL = frozenset("\t\n\r")


def text(value: str) -> str:
    """``value`` escaped for element content."""
    return value.translate(_TEXT_ESCAPES)


def attr(value: str) -> str:
    """``value`` escaped for a double-quoted attribute (line breaks and tabs kept)."""
    return value.translate(_ATTR_ESCAPES)


def _t(value: str) -> str:
    """One ``w:t``; whitespace at either end is kept with ``xml:space``, as python-docx
    does."""
    if len(value.strip()) < len(value):
        return f'<w:t xml:space="preserve">{value.translate(_TEXT_ESCAPES)}</w:t>'
    return f"<w:t>{value.translate(_TEXT_ESCAPES)}</w:t>"


def _content(value: str) -> str:
    """Run content for ``value``: tabs become ``w:tab``, line ends ``w:br``, the rest
    ``w:t`` (python-docx's ``Run.text`` setter)."""
    if not _SPECIAL.intersection(value):
        return _t(value)
    out: list[str] = []
    buffer: list[str] = []
    for char in value:
        if char in _SPECIAL:
            if buffer:
                out.append(_t("".join(buffer)))
                buffer = []
            out.append("<w:tab/>" if char == "\t" else "<w:br/>")
        else:
            buffer.append(char)
    if buffer:
        out.append(_t("".join(buffer)))
    return "".join(out)


def size(half_points: int) -> str:
    """``w:sz`` and ``w:szCs`` for a font size in half-points."""
    return f'<w:sz w:val="{int(half_points)}"/><w:szCs w:val="{int(half_points)}"/>'


def run(value: str, *, bold: bool = False, italic: bool = False, style: str | None = None,
        line_break: bool = False, half_points: int | None = None) -> str:
    """A ``w:r``: character style, bold, italic and size (in schema order), then the text.

    ``line_break`` adds a ``w:br`` after the text, as ``Run.add_break()`` does.
    """
    props = ""
    if style is not None or bold or italic or half_points:
        props = ("<w:rPr>" + (f'<w:rStyle w:val="{attr(style)}"/>' if style is not None else "")
                 + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
                 + (size(half_points) if half_points else "") + "</w:rPr>")
    body = _content(value) if value else ""
    if line_break:
        body += "<w:br/>"
    return f"<w:r>{props}{body}</w:r>"


class Link:
    """A ``w:hyperlink`` to a bookmark in this document; runs are added to ``content``."""

    __slots__ = ("anchor", "content")

    def __init__(self, anchor: str) -> None:
        self.anchor = anchor
        self.content: list[str] = []

    def xml(self) -> str:
        return (f'<w:hyperlink w:history="1" w:anchor="{attr(self.anchor)}">'
                + "".join(self.content) + "</w:hyperlink>")


class Para:
    """One paragraph being built. Properties may change until the body is written.

    ``content`` holds bookmark and run XML (strings) and :class:`Link` objects, in order.
    """

    __slots__ = ("style", "keep_next", "page_break_before", "num", "space_before", "line",
                 "indent", "align", "half_points", "mark", "content")

    def __init__(self, style: str | None = None) -> None:
        self.style = style
        """Paragraph style id, or None for the default style."""
        self.keep_next: bool | None = None
        self.page_break_before = False
        self.num: tuple[int, int] | None = None
        """``(numId, ilvl)`` set directly on the paragraph."""
        self.space_before: int | None = None
        """Twentieths of a point."""
        self.line: int | None = None
        """Least line height, twentieths of a point."""
        self.indent: int | None = None
        """Left indent, twentieths of a point."""
        self.align: str | None = None
        """``w:jc`` value: "left", "right" or "center"."""
        self.half_points: int | None = None
        """Font size of the paragraph mark (which sets the height of an empty paragraph)."""
        self.mark: str | None = None
        """A tracked change of the paragraph mark (``<w:ins …/>`` or ``<w:del …/>``): the
        paragraph itself was added or removed."""
        self.content: list = []

    def xml(self) -> str:
        props = []
        if self.style is not None:
            props.append(f'<w:pStyle w:val="{attr(self.style)}"/>')
        if self.keep_next is not None:
            props.append("<w:keepNext/>" if self.keep_next else '<w:keepNext w:val="0"/>')
        if self.page_break_before:
            props.append("<w:pageBreakBefore/>")
        if self.num is not None:
            num_id, ilvl = self.num
            props.append(f'<w:numPr><w:ilvl w:val="{int(ilvl)}"/>'
                         f'<w:numId w:val="{int(num_id)}"/></w:numPr>')
        if self.space_before is not None or self.line is not None:
            props.append("<w:spacing"
                         + (f' w:before="{int(self.space_before)}"'
                            if self.space_before is not None else "")
                         + (f' w:line="{int(self.line)}" w:lineRule="atLeast"'
                            if self.line is not None else "") + "/>")
        if self.indent is not None:
            props.append(f'<w:ind w:left="{int(self.indent)}"/>')
        if self.align is not None:
            props.append(f'<w:jc w:val="{self.align}"/>')
        if self.half_points or self.mark:
            props.append("<w:rPr>" + (self.mark or "")
                         + (size(self.half_points) if self.half_points else "") + "</w:rPr>")
        head = "<w:p><w:pPr>" + "".join(props) + "</w:pPr>" if props else "<w:p>"
        if not self.content:
            return head + "</w:p>"
        return head + "".join(c if type(c) is str else c.xml() for c in self.content) + "</w:p>"


_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True)
_PARSER.set_element_class_lookup(element_class_lookup)


def parse_body(blocks: str) -> list:
    """The block elements (``w:p``, ``w:tbl``) of ``blocks``, a string of body XML."""
    root = etree.fromstring(f"<w:body {W_NS}>{blocks}</w:body>", _PARSER)
    return list(root)
