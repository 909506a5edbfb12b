"""Draft marks, letterhead and table of contents for the DOCX renderer.

* a "Draft — not for signature" line and a DRAFT watermark (a VML text shape, as Word's
  own watermark command writes it) in every page header;
* the agency's letterhead: its logo (with alt text) and name in every page header;
* a real table of contents field, with the entries already filled in so the document
  reads well before Word updates the page numbers (Word asks to update fields on opening).
"""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches
from markupsafe import escape

from plankit.document import DRAFT_MARK, Document, Image, inline_text, toc_entries
from plankit.render.docx import page, wml
from plankit.render.docx.package import clean_text

__all__ = ["add_watermark", "add_letterhead", "add_draft_line", "add_title_line", "add_toc",
           "request_update"]

_VML = ('xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office"')


def add_watermark(paragraph, text: str = "DRAFT", shape_id: int = 1) -> None:
    """A large, pale, diagonal word behind the text of every page using this header."""
    xml = (
        f'<w:r {nsdecls("w")} {_VML}><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
        '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/>'
        '</v:shapetype>'
        f'<v:shape id="PlankitWatermark{shape_id}" o:spid="_x0000_s{2048 + shape_id}" '
        'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;'
        'width:415pt;height:138pt;rotation:315;z-index:-251654144;'
        'mso-position-horizontal:center;mso-position-horizontal-relative:margin;'
        'mso-position-vertical:center;mso-position-vertical-relative:margin" '
        'o:allowincell="f" fillcolor="#c8c8c8" stroked="f">'
        '<v:fill opacity=".35"/>'
        f'<v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt" '
        f'string="{escape(text)}"/>'
        '</v:shape></w:pict></w:r>'
    )
    paragraph._p.append(parse_xml(xml))


def add_letterhead(story, style, letterhead: str, logo: Image | None, *, mark: bool = False,
                   width=None) -> None:
    """Logo and agency name as the first paragraph of a header; with ``mark``, the draft
    mark at the right of the same line (``width`` from the left margin), as in the PDF."""
    paragraph = page.add_paragraph(story, style)
    if logo is not None:
        run = paragraph.add_run()
        shape = run.add_picture(io.BytesIO(logo.data), height=Inches(0.45))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", logo.alt)
        doc_pr.set("title", logo.alt)
        if letterhead:
            paragraph.add_run("  ")
    if letterhead:
        paragraph.add_run(letterhead)
    if mark:
        if width is not None:
            paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run("\t")
        paragraph.add_run(DRAFT_MARK).bold = True


def add_title_line(story, style, running_title: str) -> None:
    """The running title at the right of a header, as in the PDF."""
    paragraph = page.add_paragraph(story, style)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(running_title)


def add_draft_line(story, style, running_title: str = "") -> None:
    """"Draft — not for signature" (bold) at the right, with the running title (if any)
    on the line below it, as in the PDF."""
    paragraph = page.add_paragraph(story, style)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(DRAFT_MARK)
    run.bold = True
    if running_title:
        run.add_break()
        paragraph.add_run(running_title)
    return paragraph


_TOC_BEGIN = ('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
              '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-{depth}" \\h \\z \\u '
              '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
_TOC_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def add_toc(renderer, doc: Document, heading_style: str, depth: int = 2) -> None:
    """A Contents heading and a TOC field whose cached result lists the sections."""
    entries = toc_entries(doc, depth)
    if not entries:
        return
    heading = renderer._new_paragraph(heading_style)
    heading.content.append(wml.run("Contents"))
    for i, (level, section) in enumerate(entries):
        paragraph = renderer._new_paragraph(f"toc {level}")  # Word's name for "TOC 1"
        if i == 0:
            paragraph.content.append(_TOC_BEGIN.format(depth=depth))
        if level > 1:
            paragraph.indent = Inches(0.3 * (level - 1)).twips
        number = f"{section.number}  " if section.numbered and section.number else ""
        paragraph.content.append(wml.run(clean_text(number + inline_text(section.title))))
        if i == len(entries) - 1:
            paragraph.content.append(_TOC_END)
    renderer._page_break()  # the body starts on a new page, as in the PDF
    renderer._paragraph = None


_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
    "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
    "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")
"""What follows ``w:updateFields`` in ``w:settings`` (Word checks the order)."""


def request_update(document) -> None:
    """Ask Word to update fields (the table of contents' page numbers) when it opens."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.insert_element_before(
            parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'), *_AFTER_UPDATE_FIELDS)
