"""Hand-written floors: the same output made with the libraries alone, without plankit.

plankit's speed is reported as a ratio against these floors, measured in the same run:

* :func:`docx_floor` writes the content of a plankit document with raw python-docx
  (``add_heading``, ``add_paragraph``, ``add_table`` with Table Grid and a bold header row,
  signature lines). The content is extracted from the plankit tree first, by
  :func:`docx_content`, and that extraction is *not* part of the floor: only the writing is
  timed.
* :func:`pdf_floor` typesets, with raw WeasyPrint, the very HTML and CSS that plankit's PDF
  renderer produces (:func:`pdf_inputs`), with the same shipped fonts, served through the same
  locked-down URL fetcher. The floor is WeasyPrint's own cost (parsing, layout, fonts, PDF);
  everything above it is plankit's.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from plankit import document as d

__all__ = ["DocxContent", "docx_content", "docx_floor", "PdfInputs", "pdf_inputs", "pdf_floor"]


# --------------------------------------------------------------------------- DOCX floor

Run = tuple[str, bool, bool]
"""(text, bold, italic)."""


@dataclass
class DocxContent:
    """Plain content lists pulled out of a plankit document, ready for python-docx."""

    title: str
    author: str
    front: list[str]
    """Subtitle and date lines under the title."""
    ops: list[tuple]
    """In document order: ``("heading", text, level)``, ``("para", runs, style)``,
    ``("table", header, rows)`` and ``("sig", party, name, title)``."""


def _runs(inlines: tuple, bold: bool = False, italic: bool = False) -> list[Run]:
    """Flatten inline content to runs; placeholders and cross-references become their text."""
    out: list[Run] = []
    for node in inlines:
        if isinstance(node, d.Text):
            out.append((node.text, bold, italic))
        elif isinstance(node, d.Strong):
            out += _runs(node.children, True, italic)
        elif isinstance(node, d.Emph):
            out += _runs(node.children, bold, True)
        elif isinstance(node, d.LineBreak):
            out.append(("\n", bold, italic))
        elif isinstance(node, d.Placeholder):
            out.append((f"[{node.prompt}]", bold, italic))
        elif isinstance(node, d.XRef):
            out.append((node.label or node.target, bold, italic))
    return out


def docx_content(doc: d.Document) -> DocxContent:
    """Walk a plankit document once and keep only what python-docx needs to write it."""
    ops: list[tuple] = []

    def blocks(nodes: tuple, depth: int, list_style: str = "") -> None:
        for node in nodes:
            if isinstance(node, d.Section):
                number = f"{node.number} " if node.numbered and node.number else ""
                ops.append(("heading", number + d.inline_text(node.title), min(depth, 9)))
                blocks(node.children, depth + 1)
            elif isinstance(node, d.Paragraph):
                ops.append(("para", _runs(node.children), list_style or None))
            elif isinstance(node, (d.BulletList, d.OrderedList)):
                style = "List Bullet" if isinstance(node, d.BulletList) else "List Number"
                for item in node.items:
                    blocks(item.children, depth, style)
            elif isinstance(node, d.Table):
                header = [d.inline_text(c.children) for c in node.header.cells]
                rows = [[d.inline_text(c.children) for c in row.cells] for row in node.rows]
                ops.append(("table", header, rows))
            elif isinstance(node, d.SignatureBlock):
                for s in node.signatories:
                    ops.append(("sig", s.party, s.name, s.title))
            elif isinstance(node, d.Note):
                ops.append(("para", [("Drafter note: ", True, True)]
                            + _runs(node.children, False, True), None))
            elif isinstance(node, d.Container):
                blocks(node.children, depth, list_style)

    blocks(doc.children, 1)
    front = [x for x in (doc.subtitle, doc.date) if x]
    return DocxContent(title=doc.title, author=doc.author, front=front, ops=ops)


_BLANK = "_" * 32


def docx_floor(content: DocxContent) -> bytes:
    """Write ``content`` with raw python-docx and return the .docx bytes (the timed part)."""
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    props = document.core_properties
    props.title = content.title
    props.author = content.author
    document.add_heading(content.title, 0)
    for line in content.front:
        document.add_paragraph(line, style="Subtitle")
    for op in content.ops:
        kind = op[0]
        if kind == "para":
            paragraph = document.add_paragraph(style=op[2])
            for text, bold, italic in op[1]:
                run = paragraph.add_run(text)
                if bold:
                    run.bold = True
                if italic:
                    run.italic = True
        elif kind == "heading":
            document.add_heading(op[1], level=op[2])
        elif kind == "table":
            header, rows = op[1], op[2]
            table = document.add_table(rows=1 + len(rows), cols=len(header))
            table.style = "Table Grid"
            table_rows = table.rows
            for cell, text in zip(table_rows[0].cells, header):  # bold header row
                cell.paragraphs[0].add_run(text).bold = True
            table_rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeats
            for row, values in zip(table_rows[1:], rows):
                for cell, text in zip(row.cells, values):
                    cell.text = text
        elif kind == "sig":
            _, party, name, title = op
            document.add_paragraph().add_run(party).bold = True
            document.add_paragraph(f"By: {_BLANK}")
            document.add_paragraph(f"Name: {name or _BLANK}")
            document.add_paragraph(f"Title: {title or _BLANK}")
            document.add_paragraph(f"Date: {_BLANK}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- PDF floor

_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)">\n?')


@dataclass
class PdfInputs:
    """What plankit hands WeasyPrint, pulled apart so the floor can pass it directly."""

    html: str
    """plankit's PDF page with its ``<link rel="stylesheet">`` lines taken out."""
    css: str
    """The linked stylesheets, concatenated in link order."""
    base_url: str
    """Base URL of the page (the assets directory); the CSS resolves against ``css/``."""
    url_fetcher: Any
    """plankit's asset-only fetcher, so the same font files are loaded."""
    plankit_options: dict
    """The ``write_pdf`` options plankit passes (PDF/UA variant and so on)."""


def pdf_inputs(doc: d.Document) -> PdfInputs:
    """The HTML and CSS that plankit's PDF renderer typesets for ``doc``."""
    import weasyprint

    from plankit.render import html as html_mod
    from plankit.render import pdf as pdf_mod

    page = pdf_mod.PdfRenderer().render_html(doc)
    links = _STYLESHEET_LINK.findall(page)
    if not links:
        raise RuntimeError("plankit's PDF page links no stylesheets; bench/floor.py needs "
                           "updating to match render/pdf.py")
    css = "\n".join(html_mod.read_css(href.removeprefix("css/")) for href in links)
    return PdfInputs(
        html=_STYLESHEET_LINK.sub("", page),
        css=css,
        base_url=pdf_mod.ASSETS_BASE_URL,
        url_fetcher=pdf_mod._make_fetcher(weasyprint),
        plankit_options=dict(pdf_variant=pdf_mod.PDF_VARIANT, pdf_identifier=True,
                             presentational_hints=True),
    )


def pdf_floor(inputs: PdfInputs, **write_options: Any) -> bytes:
    """Raw WeasyPrint: ``HTML(string=html).write_pdf(stylesheets=[CSS(string=css)])``.

    With no ``write_options`` this is the floor; with ``inputs.plankit_options`` it is the
    same call plankit makes, which separates the cost of those options (chiefly the tagged
    PDF/UA structure) from the cost of plankit's own code.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()  # @font-face rules in a CSS object need one
    sheet = CSS(string=inputs.css, base_url=inputs.base_url + "css/",
                url_fetcher=inputs.url_fetcher, font_config=fonts)
    page = HTML(string=inputs.html, base_url=inputs.base_url, url_fetcher=inputs.url_fetcher)
    return page.write_pdf(stylesheets=[sheet], font_config=fonts, **write_options)
