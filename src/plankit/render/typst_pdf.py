"""The Typst PDF engine: the Typst renderer's markup, compiled in process by the ``typst``
package (the Python binding of the Typst compiler), for ``-f pdf --pdf-engine typst``.

The same promises as the WeasyPrint engine (:mod:`plankit.render.pdf`):

* PDF/UA-1: tagged, with the title shown by viewers, the document language, bookmarks
  from the headings and table header cells with column scope;
* only the fonts that ship with plankit (``assets/fonts``): the compiler is given no
  system fonts and none of its own, so a PDF looks the same on every computer;
* no package imports and no file reads: the source is plankit's template and the
  document, all text escaped (:mod:`plankit.render.typst_markup`), the logo as bytes in
  the source; the compiler's root is plankit's own ``assets/typst`` folder;
* a fixed date (``SOURCE_DATE_EPOCH``, else 2024-01-01), so the same document always
  gives the same bytes;
* the audit trail (plankit's version, the input's name and SHA-256, the clauses used) in
  the document information, added as an incremental update of the compiled file.

``--css`` styles the WeasyPrint engine only: with this engine it is a usage error that
names what does apply (the input's letterhead and logo options).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from plankit.document import Document
from plankit.errors import EnvironmentProblem, UsageError
from plankit.paths import ASSETS_DIR
from plankit.render.typst import TypstRenderer
from plankit.timestamps import epoch_seconds

__all__ = ["TypstPdfRenderer", "typst_version", "INSTALL_HINT"]

INSTALL_HINT = ("pip install 'plankit[typst]' (or: pip install typst); or use the default "
                "engine: --pdf-engine weasyprint")
PDF_STANDARD = "ua-1"


def _import_typst() -> Any:
    try:
        import typst
    except ImportError as exc:  # the package, or its compiled part, cannot be loaded
        missing = getattr(exc, "name", None) == "typst"
        raise EnvironmentProblem(
            "the Typst PDF engine needs the typst package, which is not installed"
            if missing else f"the Typst PDF engine cannot load the typst package: {exc}",
            hint=INSTALL_HINT) from exc
    return typst


def typst_version() -> str:
    """The installed typst package's version (raises ImportError if there is none)."""
    from importlib import metadata

    import typst  # noqa: F401 - the package must load, not only be listed

    try:
        return metadata.version("typst")
    except metadata.PackageNotFoundError:  # pragma: no cover - a copy without metadata
        return "?"


@lru_cache(maxsize=1)
def _compiler(typst: Any) -> Any:
    """One compiler per process, with the shipped fonts only (no system fonts, none of
    Typst's own) and plankit's Typst folder as its root."""
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(ASSETS_DIR / "fonts")])
    return typst.Compiler(root=str(ASSETS_DIR / "typst"), font_paths=fonts,
                          ignore_system_fonts=True)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "message", "") or exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0][:300]


class TypstPdfRenderer(TypstRenderer):
    """Renders a :class:`~plankit.document.Document` as a tagged, deterministic PDF with
    Typst.

    Options (keyword arguments, all optional): ``source_date_epoch`` as for the WeasyPrint
    engine; ``extra_css`` is refused (a usage error), since Typst does not read CSS.
    """

    name = "pdf"
    extension = "pdf"
    binary = True

    def __init__(self, *, extra_css: str | None = None,
                 source_date_epoch: int | str | None = None, **options: Any) -> None:
        if extra_css:
            raise UsageError(
                "--css styles the HTML and the PDF the WeasyPrint engine makes; the Typst "
                "engine does not read CSS",
                hint="a Typst PDF takes its branding from the input's options (letterhead, "
                     "logo and logo_description); leave out --css, or use "
                     "--pdf-engine weasyprint")
        super().__init__(source_date_epoch=source_date_epoch, **options)
        self.source_date_epoch = source_date_epoch

    def render_typst(self, doc: Document) -> str:
        """The Typst source that is compiled (what ``-f typ`` writes)."""
        return super().render_document(doc)

    def render_document(self, doc: Document) -> bytes:  # type: ignore[override]
        seconds = epoch_seconds(self.source_date_epoch)  # a bad date fails first
        typst = _import_typst()
        source = self.render_typst(doc)
        try:
            pdf = _compiler(typst).compile(source.encode("utf-8"), format="pdf",
                                           pdf_standards=[PDF_STANDARD], timestamp=seconds)
        except Exception as exc:  # noqa: BLE001 - TypstError, or a broken binding
            raise EnvironmentProblem(
                f"the Typst engine could not make the PDF: {_first_line(exc)}",
                hint="update or reinstall the typst package (" + INSTALL_HINT + ")",
            ) from exc
        return add_info(bytes(pdf), audit_trail(doc))


def audit_trail(doc: Document) -> dict[str, str]:
    """The document-information entries the WeasyPrint engine writes too."""
    prov = doc.provenance
    version = prov.plankit_version
    entries = {
        "Creator": f"plankit {version}" if version else "plankit",
        "PlankitVersion": prov.plankit_version,
        "PlankitInput": prov.input_name,
        "PlankitInputSHA256": prov.input_sha256,
        "PlankitClauses": " ".join(f"{c.id}@{c.version}" for c in prov.clauses),
    }
    return {k: v for k, v in entries.items() if v}


_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$", re.S)


def pdf_string(text: str) -> bytes:
    """A PDF text string: literal when it is printable ASCII, else UTF-16BE with a BOM."""
    if all(32 <= ord(c) < 127 for c in text):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def add_info(pdf: bytes, entries: dict[str, str]) -> bytes:
    """``pdf`` with ``entries`` added to its document information, as an incremental
    update (a new information dictionary, a cross-reference section for it and a trailer
    that points back to the original one). Typst writes a classic cross-reference table
    and an uncompressed information dictionary; if the file is not like that, it is
    returned unchanged."""
    if not entries:
        return pdf
    m = _TRAILER.search(pdf[-2048:])
    if not m:
        return pdf
    trailer, prev = m.group(1), int(m.group(2))
    size = re.search(rb"/Size (\d+)", trailer)
    info_ref = re.search(rb"/Info (\d+) 0 R", trailer)
    if not size or not info_ref:
        return pdf
    start = re.search(rb"(?:^|\n)" + info_ref.group(1) + rb" 0 obj\s*<<", pdf)
    if not start:
        return pdf
    end = pdf.find(b"endobj", start.end())
    old = pdf[start.end():end].rstrip()
    if not old.endswith(b">>"):
        return pdf
    number = int(size.group(1))
    creator = re.search(rb"/Creator\((Typst[^()\\]*)\)", old)
    if creator and "Creator" in entries:  # plankit made it, with Typst's help
        old = old.replace(creator.group(0), b"")
        entries = {**entries, "Producer": creator.group(1).decode("ascii")}
    added = b"".join(b"/" + key.encode("ascii") + pdf_string(value)
                     for key, value in entries.items())
    body = (f"\n{number} 0 obj\n".encode("ascii") + b"<<" + old[:-2] + added + b">>"
            + b"\nendobj\n")
    offset = len(pdf) + 1  # the object starts after the newline that opens ``body``
    xref_at = len(pdf) + len(body)
    new_trailer = re.sub(rb"/Info \d+ 0 R", f"/Info {number} 0 R".encode("ascii"), trailer)
    new_trailer = re.sub(rb"/Size \d+", f"/Size {number + 1}".encode("ascii"), new_trailer)
    new_trailer = re.sub(rb"/Prev \d+", b"", new_trailer) + f"/Prev {prev}".encode("ascii")
    tail = (f"xref\n{number} 1\n{offset:010d} 00000 n \n".encode("ascii")
            + b"trailer\n<<" + new_trailer + b">>\n"
            + f"startxref\n{xref_at}\n%%EOF\n".encode("ascii"))
    return pdf + body + tail
