"""PDF renderer: the HTML renderer's page, typeset by WeasyPrint.

PDF is not a fourth tree walker. :class:`PdfRenderer` subclasses
:class:`~plankit.render.html.HtmlRenderer`, links the shipped stylesheets (``plankit.css``
and the paged-media ``print.css``) and hands the page to WeasyPrint with:

* a URL fetcher that serves only files inside ``plankit/assets`` (CSS and fonts) and
  refuses everything else: other files, ``http(s):``, ``data:`` and any other scheme;
* the fonts shipped in ``assets/fonts``, so the PDF does not depend on the host's fonts;
* the PDF/UA-1 variant, which makes a tagged PDF with ``/Lang``, a title and
  ``DisplayDocTitle``;
* fixed dates from ``SOURCE_DATE_EPOCH`` (or 2024-01-01), so that the same document always
  gives byte-identical bytes, ``/ID`` included (it is a digest of the content).

WeasyPrint is imported only when a PDF is rendered, so other formats never need Pango.
"""

from __future__ import annotations

import contextlib
import logging
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit
from urllib.request import url2pathname

from markupsafe import escape

from plankit.document import Document, Image
from plankit.timestamps import epoch_seconds
from plankit.errors import EnvironmentProblem
from plankit.paths import ASSETS_DIR
from plankit.render.html import HtmlRenderer

__all__ = ["PdfRenderer", "AssetRefused", "asset_path", "fixed_timestamp", "epoch_seconds",
           "ASSETS_BASE_URL"]

log = logging.getLogger(__name__)

ASSETS_BASE_URL = ASSETS_DIR.resolve().as_uri() + "/"
"""Base URL of the HTML page handed to WeasyPrint: relative links resolve into the assets."""

PDF_VARIANT = "pdf/ua-1"

_ASSET_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}

_REFUSED = "refused: not a plankit asset"
"""Marker in the refusal message; WeasyPrint's log records for it are demoted to debug."""

_DEMOTED = (_REFUSED, "HarfBuzz-Subset")
"""WeasyPrint messages logged at debug level only: refused URLs (expected, by design) and
the advice, repeated for every font of every PDF, to install a faster font subsetter."""


class AssetRefused(ValueError):
    """A URL the PDF renderer will not fetch."""

    def __init__(self, url: str) -> None:
        shown = url if len(url) <= 120 else url[:117] + "..."
        super().__init__(f"{_REFUSED}: {shown}")
        self.url = url


def asset_path(url: str) -> Path:
    """The file a ``file:`` URL names, if it is a stylesheet or font inside the assets.

    Raises :class:`AssetRefused` for anything else: other schemes (``http``, ``https``,
    ``data``…), files outside the assets directory (also through ``..`` or symlinks), missing
    files and other file types.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        raise AssetRefused(url) from None
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise AssetRefused(url)
    root = ASSETS_DIR.resolve()
    try:
        path = Path(url2pathname(parts.path)).resolve()
    except (OSError, ValueError):
        raise AssetRefused(url) from None
    if not path.is_relative_to(root) or path.suffix.lower() not in _ASSET_TYPES:
        raise AssetRefused(url)
    if not path.is_file():
        raise AssetRefused(url)
    return path


def fixed_timestamp(value: int | str | None = None) -> str:
    """The W3C date-time (UTC) written as the PDF's creation and modification date."""
    stamp = datetime.fromtimestamp(epoch_seconds(value), tz=timezone.utc)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


@contextlib.contextmanager
def _source_date_epoch(seconds: int) -> Iterator[None]:
    """Set ``SOURCE_DATE_EPOCH`` while WeasyPrint runs.

    When HarfBuzz-Subset is missing, WeasyPrint subsets fonts with fontTools, which stamps
    each font's ``head.modified`` with the current time unless ``SOURCE_DATE_EPOCH`` is set;
    without this, two renders a second apart would differ.
    """
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(seconds)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _import_weasyprint() -> Any:
    try:
        import weasyprint
    except ModuleNotFoundError as exc:  # the Python package or one of its dependencies
        raise EnvironmentProblem(
            "PDF output needs the WeasyPrint package, which is not installed"
            if exc.name == "weasyprint" else
            f"PDF output needs WeasyPrint's dependency {exc.name!r}, which is not installed",
            hint="pip install weasyprint; or build other formats with -f docx,html,md",
        ) from exc
    except (OSError, ImportError) as exc:  # a system library (Pango, fontconfig) is missing
        raise _pango_problem(exc) from exc
    return weasyprint


def _pango_problem(exc: BaseException) -> EnvironmentProblem:
    first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return EnvironmentProblem(
        "PDF output needs the Pango library, which could not be loaded",
        problems=[first_line],
        hint="on Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
             "or build other formats with -f docx,html,md",
    )


IMAGE_SCHEME = "plankit-image:"
"""URLs of pictures the document itself carries (an agency logo), served from memory."""


def _serve(url: str, images: dict[str, tuple[bytes, str]] | None = None) -> tuple[bytes, str]:
    if images and url in images:
        return images[url]
    path = asset_path(url)
    return path.read_bytes(), _ASSET_TYPES[path.suffix.lower()]


def _make_fetcher(weasyprint: Any, images: dict[str, tuple[bytes, str]] | None = None) -> Any:
    """A WeasyPrint URL fetcher that serves only plankit's assets and the document's own
    pictures (``images``: URL -> (bytes, media type))."""
    urls = weasyprint.urls
    if hasattr(urls, "URLFetcher") and hasattr(urls, "URLFetcherResponse"):

        class AssetFetcher(urls.URLFetcher):  # type: ignore[name-defined,misc]
            def __init__(self) -> None:
                super().__init__(allowed_protocols=("file",), allow_redirects=False,
                                 fail_on_errors=False)

            def fetch(self, url: str, headers: Any = None) -> Any:
                body, mime = _serve(url, images)
                return urls.URLFetcherResponse(url, body, {"Content-Type": mime})

            def open(self, url: Any, data: Any = None, timeout: Any = None) -> Any:
                raise AssetRefused(str(getattr(url, "full_url", url)))

        return AssetFetcher()

    def fetch_asset(url: str) -> dict[str, Any]:  # WeasyPrint before the URLFetcher class
        body, mime = _serve(url, images)
        return {"string": body, "mime_type": mime, "redirected_url": url}

    return fetch_asset


class _DemoteRefusals(logging.Filter):
    """Turn WeasyPrint's reports of refused URLs into debug messages on plankit's logger."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # pragma: no cover - a malformed record is not ours to judge
            return True
        if any(marker in message for marker in _DEMOTED):
            log.debug("PDF: %s", message)
            return False
        return True


@contextlib.contextmanager
def _refusals_demoted() -> Iterator[None]:
    logger = logging.getLogger("weasyprint")
    flt = _DemoteRefusals()
    logger.addFilter(flt)
    try:
        yield
    finally:
        logger.removeFilter(flt)


def _finisher(doc: Document):
    """Finish the PDF: viewer preferences, and the audit trail in the document information."""
    def finish(document: Any, pdf: Any) -> None:
        _finish(document, pdf)
        import pydyf

        prov = doc.provenance
        entries = {
            "PlankitVersion": prov.plankit_version,
            "PlankitInput": prov.input_name,
            "PlankitInputSHA256": prov.input_sha256,
            "PlankitClauses": " ".join(f"{c.id}@{c.version}" for c in prov.clauses),
        }
        for key, value in entries.items():
            if value:
                pdf.info[key] = pydyf.String(value)
    return finish


def _scope_table_headers(pdf: Any) -> None:
    """Give every table header cell the scope its HTML cell has (plankit's tables have
    column headers), so assistive technology can tie data cells to their headers."""
    import pydyf

    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("S") == "/TH":
            attributes = obj.get("A")
            if isinstance(attributes, dict):
                attributes.setdefault("Scope", "/Column")
            else:
                obj["A"] = pydyf.Dictionary({"O": "/Table", "Scope": "/Column"})


def _finish(document: Any, pdf: Any) -> None:
    """Make sure viewers show the title, not the file name (PDF/UA requires it), and that
    table headers carry their scope."""
    import pydyf

    _scope_table_headers(pdf)

    prefs = pdf.catalog.get("ViewerPreferences")
    if prefs is None:
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    elif "DisplayDocTitle" not in prefs:
        prefs["DisplayDocTitle"] = "true"


class PdfRenderer(HtmlRenderer):
    """Renders a :class:`~plankit.document.Document` as a tagged, deterministic PDF.

    Options (keyword arguments, all optional):

    ``extra_css``
        Print CSS text applied after plankit's stylesheets (``@page`` rules included).
        It can only reach plankit's own assets: other URLs in it are refused.
    ``source_date_epoch``
        Seconds since 1970 for the PDF's creation and modification dates; by default the
        ``SOURCE_DATE_EPOCH`` environment variable, else 2024-01-01.
    """

    name = "pdf"
    extension = "pdf"
    binary = True

    def __init__(self, *, extra_css: str | None = None,
                 source_date_epoch: int | str | None = None, **options: Any) -> None:
        options.pop("for_pdf", None)
        super().__init__(for_pdf=True, extra_css=extra_css,
                         source_date_epoch=source_date_epoch, **options)
        self.source_date_epoch = source_date_epoch

    def head_elements(self, doc: Document) -> list[str]:
        stamp = escape(fixed_timestamp(self.source_date_epoch))
        lines = super().head_elements(doc)
        lines[3:3] = [
            f'<meta name="dcterms.created" content="{stamp}">',
            f'<meta name="dcterms.modified" content="{stamp}">',
        ]
        return lines

    def image_src(self, image: Image) -> str:
        """The document's pictures come from memory, never from a data: URL or a file."""
        return f"{IMAGE_SCHEME}{image.name}"

    def render_html(self, doc: Document) -> str:
        """The HTML page that WeasyPrint typesets (useful when debugging print styles)."""
        return super().render_document(doc)

    def render_document(self, doc: Document) -> bytes:  # type: ignore[override]
        seconds = epoch_seconds(self.source_date_epoch)  # a bad date fails before the slow part
        weasyprint = _import_weasyprint()
        page = self.render_html(doc)
        images = {self.image_src(doc.logo): (doc.logo.data, doc.logo.mime)} if doc.logo else {}
        fetcher = _make_fetcher(weasyprint, images)
        with _refusals_demoted(), _source_date_epoch(seconds):
            html = weasyprint.HTML(string=page, base_url=ASSETS_BASE_URL, url_fetcher=fetcher)
            data = html.write_pdf(
                pdf_variant=PDF_VARIANT,
                pdf_identifier=True,
                presentational_hints=True,  # honours <ol start>
                finisher=_finisher(doc),
            )
        return bytes(data)

