"""Page furniture for the DOCX renderer: "Page X of Y" footers, a running title header and
the date shown under the title."""

from __future__ import annotations


from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

__all__ = ["add_field", "add_paragraph", "StoryStyle", "set_page_furniture"]


class StoryStyle:
    """A paragraph style for headers and footers, resolved to the id written in the file.

    ``story.add_paragraph(style=style)`` would look the id up again for every paragraph,
    scanning all the document's styles each time.
    """

    __slots__ = ("style_id",)

    def __init__(self, style_id: str | None) -> None:
        self.style_id = style_id
        """None for the document's default paragraph style."""


def add_paragraph(story, style: StoryStyle | None):
    """A paragraph at the end of a header or footer, exactly as
    ``story.add_paragraph(style=...)`` makes it; ``style`` None sets no style."""
    paragraph = story.add_paragraph()
    if style is not None:
        paragraph._p.style = style.style_id
    return paragraph


def add_field(paragraph, instruction: str, shown: str = "1") -> None:
    """Append a field (``PAGE``, ``NUMPAGES``…) to ``paragraph`` as a complex field.

    ``shown`` is the cached result; Word and LibreOffice replace it when they lay out pages.
    """
    w = nsdecls("w")
    for xml in (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {w}><w:t>{shown}</w:t></w:r>",
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def _clear(story) -> None:
    """Remove every paragraph and table from a header or footer."""
    element = story._element
    for child in list(element):
        element.remove(child)


def _page_numbers(footer, style) -> None:
    _clear(footer)
    paragraph = add_paragraph(footer, style)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    add_field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES")


def _has_content(story) -> bool:
    """True when a header or footer shows something (text, a picture or a field)."""
    element = story._element
    if "".join(element.itertext()).strip():
        return True
    return any(el.tag.endswith(("}drawing", "}pict", "}fldSimple"))
               for el in element.iter())


def reference_furniture(document) -> bool:
    """True when a reference document brings its own header or footer, which is kept
    (as pandoc keeps a reference document's)."""
    for section in document.sections:
        for story in (section.header, section.footer):
            if not story.is_linked_to_previous and _has_content(story):
                return True
    return False


def set_page_furniture(document, *, running_title: str, header_style, footer_style,
                       marks=None) -> None:
    """Centered "Page X of Y" on every page; ``running_title`` (if any) at the right of the
    header of every page after the first, which already shows the title. ``marks`` (a callable) adds
    the letterhead, draft mark and watermark to a header: ``marks(story, running_title)``.

    plankit owns the headers and footers unless a reference document has its own.
    """
    for section in document.sections:
        section.footer.is_linked_to_previous = False
        _page_numbers(section.footer, footer_style)
        if not running_title:
            section.different_first_page_header_footer = False
            if not section.header.is_linked_to_previous or marks:
                section.header.is_linked_to_previous = False
                _clear(section.header)
                if not (marks and marks(section.header, "")):
                    add_paragraph(section.header, header_style)
            continue
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False
        _page_numbers(section.first_page_footer, footer_style)
        section.first_page_header.is_linked_to_previous = False
        _clear(section.first_page_header)
        if not (marks and marks(section.first_page_header, "")):
            add_paragraph(section.first_page_header, header_style)
        section.header.is_linked_to_previous = False
        _clear(section.header)
        if marks and marks(section.header, running_title):
            continue
        header = add_paragraph(section.header, header_style)
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # as the PDF's running title
        header.add_run(running_title)
