"""Format registry: name -> renderer class path, file extension and text/bytes.

Renderers are imported only when asked for, so a DOCX build never imports WeasyPrint.
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


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("docx", "plankit.render.docx:DocxRenderer", "docx", True),
        Format("pdf", "plankit.render.pdf:PdfRenderer", "pdf", True),
        Format("html", "plankit.render.html:HtmlRenderer", "html", False),
        Format("md", "plankit.render.markdown:MarkdownRenderer", "md", False),
        Format("memo", "plankit.render.memo:MemoDocxRenderer", "memo.docx", True),
        Format("memo-md", "plankit.render.memo:MemoMarkdownRenderer", "memo.md", False),
        Format("tree", "plankit.render.tree:TreeRenderer", "tree.txt", False, public=False),
    )
}

ALIASES = {"markdown": "md", "htm": "html", "word": "docx", "doc": "docx", "txt": "tree",
           "review-memo": "memo", "memo.md": "memo-md", "memo-markdown": "memo-md"}


def public_formats() -> list[str]:
    return [f.name for f in FORMATS.values() if f.public]


def get_format(name: str) -> Format:
    key = name.strip().lower().lstrip(".")
    if key in FORMATS:
        return FORMATS[key]
    valid = ", ".join(public_formats())
    if key in ALIASES:
        raise UsageError(f"there is no '{name}' format",
                         hint=f"use '{ALIASES[key]}' (formats: {valid})")
    raise UsageError(f"there is no '{name}' format", hint=f"choose from: {valid}")


def get_renderer(name: str, **options):
    """Instantiate the renderer for a format name, importing it on first use."""
    fmt = get_format(name)
    module_name, _, cls_name = fmt.target.partition(":")
    module = import_module(module_name)
    return getattr(module, cls_name)(**options)
