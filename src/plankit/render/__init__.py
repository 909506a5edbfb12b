"""Format registry: name -> renderer class path, file extension and text/bytes.

Renderers are imported only when asked for, so a DOCX build never imports WeasyPrint (nor
Typst). PDF has two engines (:data:`PDF_ENGINES`): WeasyPrint, the default, which typesets
the HTML renderer's page; and Typst, which compiles the Typst renderer's markup.

This is the one place a format is added: a :class:`Format` names its renderer and how its
output is read back as text (``text_of``). The tests iterate :data:`FORMATS`: every
renderer must handle every node type (``tests/test_render_coverage.py``) and every format
must read back hostile text verbatim (``tests/test_escaping.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Callable

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
    text_of: str = ""
    """``module:function`` that reads this format's output back as the text a person (or a
    program) finds in it, ``(data: bytes) -> str`` (see :mod:`plankit.render.readback`):
    the escaping tests check with it that text typed into an input comes out verbatim.
    Every format declares one; the tests fail for a format that does not."""
    shows_title: bool = True
    """Whether the output carries the document's title (where the escaping tests type
    hostile text); False for the CSV table of obligations, whose cells
    tests/test_obligations.py checks."""
    shows_body: bool = True
    """Whether the output shows the document's text; False for outputs that show only some
    of it (the review memo: the title, notes and facts to supply; data exports)."""


_READ = "plankit.render.readback:"

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("docx", "plankit.render.docx:DocxRenderer", "docx", True,
               text_of=_READ + "docx_text"),
        Format("pdf", "plankit.render.pdf:PdfRenderer", "pdf", True,
               text_of=_READ + "pdf_text"),
        Format("html", "plankit.render.html:HtmlRenderer", "html", False,
               text_of=_READ + "html_text"),
        Format("md", "plankit.render.markdown:MarkdownRenderer", "md", False,
               text_of=_READ + "markdown_text"),
        Format("typ", "plankit.render.typst:TypstRenderer", "typ", False,
               text_of=_READ + "typst_text"),
        Format("memo", "plankit.render.memo:MemoDocxRenderer", "memo.docx", True,
               text_of=_READ + "docx_text", shows_body=False),
        Format("memo-md", "plankit.render.memo:MemoMarkdownRenderer", "memo.md", False,
               text_of=_READ + "markdown_text", shows_body=False),
        Format("tree", "plankit.render.tree:TreeRenderer", "tree.txt", False, public=False,
               text_of=_READ + "tree_text"),
        Format("json", "plankit.render.exports:JsonExportRenderer", "json", False,
               records=True, text_of=_READ + "json_strings", shows_body=False),
        Format("csv", "plankit.render.exports:CsvExportRenderer", "csv", False, records=True,
               text_of=_READ + "csv_cells", shows_body=False, shows_title=False),
        Format("ics", "plankit.render.ics:IcsExportRenderer", "ics", False, records=True,
               text_of=_READ + "ics_text", shows_body=False),
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


def text_reader(name: str) -> Callable[[bytes], str] | None:
    """The function that reads format ``name``'s output back as text (its ``text_of``),
    imported on first use; None for a format that declares none."""
    fmt = get_format(name)
    if not fmt.text_of:
        return None
    module_name, _, func_name = fmt.text_of.partition(":")
    return getattr(import_module(module_name), func_name)


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
