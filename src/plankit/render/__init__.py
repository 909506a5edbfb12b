"""Format registry: name -> renderer class path, file extension and text/bytes.

Renderers are imported only when asked for, so a DOCX build never imports WeasyPrint (nor
Typst). PDF has two engines (:data:`PDF_ENGINES`): WeasyPrint, the default, which typesets
the HTML renderer's page; and Typst, which compiles the Typst renderer's markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from plankit.errors import UsageError


@dataclass(frozen=True)
class Format:
    name: str
    target: str
    """``module:Class`` of the renderer."""
    extension: str
    binary: bool
    public: bool = True
    """Hidden formats (the debug tree) are not listed in help."""
    records: bool = False
    """The renderer writes the document's records (obligations, metrics), not its tree of
    nodes, so it has no ``render_<node>`` methods and :func:`renderer_targets` leaves it
    out."""


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("docx", "plankit.render.docx:DocxRenderer", "docx", True),
        Format("pdf", "plankit.render.pdf:PdfRenderer", "pdf", True),
        Format("html", "plankit.render.html:HtmlRenderer", "html", False),
        Format("md", "plankit.render.markdown:MarkdownRenderer", "md", False),
        Format("typ", "plankit.render.typst:TypstRenderer", "typ", False),
        Format("memo", "plankit.render.memo:MemoDocxRenderer", "memo.docx", True),
        Format("memo-md", "plankit.render.memo:MemoMarkdownRenderer", "memo.md", False),
        Format("tree", "plankit.render.tree:TreeRenderer", "tree.txt", False, public=False),
        Format("json", "plankit.render.exports:JsonExportRenderer", "json", False,
               records=True),
        Format("csv", "plankit.render.exports:CsvExportRenderer", "csv", False, records=True),
        Format("ics", "plankit.render.ics:IcsExportRenderer", "ics", False, records=True),
    )
}

PDF_ENGINES: dict[str, str] = {
    "weasyprint": "plankit.render.pdf:PdfRenderer",
    "typst": "plankit.render.typst_pdf:TypstPdfRenderer",
}
"""PDF engine name -> ``module:Class`` of its renderer; the first is the default."""
DEFAULT_PDF_ENGINE = "weasyprint"

ALIASES = {"markdown": "md", "htm": "html", "word": "docx", "doc": "docx", "txt": "tree",
           "review-memo": "memo", "memo.md": "memo-md", "memo-markdown": "memo-md",
           "ical": "ics", "icalendar": "ics", "calendar": "ics", "obligations": "json"}


def public_formats() -> list[str]:
    return [f.name for f in FORMATS.values() if f.public]


def get_format(name: str) -> Format:
    key = name.strip().lower().lstrip(".")
    if key in FORMATS:
        return FORMATS[key]
    valid = ", ".join(public_formats())
    if key == "typst":
        raise UsageError(f"there is no '{name}' format",
                         hint="use 'typ' for Typst markup, or -f pdf --pdf-engine typst for a "
                              f"PDF typeset by Typst (formats: {valid})")
    if key in ALIASES:
        raise UsageError(f"there is no '{name}' format",
                         hint=f"use '{ALIASES[key]}' (formats: {valid})")
    raise UsageError(f"there is no '{name}' format", hint=f"choose from: {valid}")


def get_pdf_engine(name: str | None) -> str:
    """The PDF engine called ``name`` (the default for None or ""); a name that does not
    exist is a usage error listing the engines."""
    if not name:
        return DEFAULT_PDF_ENGINE
    key = name.strip().lower()
    if key in PDF_ENGINES:
        return key
    raise UsageError(f"there is no PDF engine '{name}'",
                     hint="choose from: " + ", ".join(PDF_ENGINES))


def renderer_targets() -> dict[str, str]:
    """Every renderer of the document tree, by format name (``pdf/typst`` for the second
    PDF engine): what tests that must cover every renderer iterate. The exports of the
    document's records (``json``, ``csv``, ``ics``) render no nodes and are left out; their
    own tests cover them."""
    out = {name: f.target for name, f in FORMATS.items() if not f.records}
    for engine, target in PDF_ENGINES.items():
        if target != FORMATS["pdf"].target:
            out[f"pdf/{engine}"] = target
    return out


def get_renderer(name: str, *, pdf_engine: str | None = None, **options):
    """Instantiate the renderer for a format name, importing it on first use. For PDF,
    ``pdf_engine`` chooses the engine (default: WeasyPrint)."""
    fmt = get_format(name)
    target = PDF_ENGINES[get_pdf_engine(pdf_engine)] if fmt.name == "pdf" else fmt.target
    module_name, _, cls_name = target.partition(":")
    module = import_module(module_name)
    return getattr(module, cls_name)(**options)


def render(doc, fmt: str, **options) -> bytes:
    """Render the document ``doc`` as ``fmt``. For PDF the engine is
    ``options["pdf_engine"]`` (from ``--pdf-engine``), else the one the input names
    (``options.pdf_engine``), else WeasyPrint."""
    engine = options.pop("pdf_engine", None) or doc.pdf_engine or None
    renderer = get_renderer(fmt, pdf_engine=engine if fmt == "pdf" else None, **options)
    out = renderer.render_document(doc)
    return out if isinstance(out, bytes) else out.encode("utf-8")
