"""Reading a PDF as a reviewer would, with pypdf, to compare what the two PDF engines make:
the text of the page bodies in order, the bookmarks, and each table's header cells from the
structure tree."""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

_MARKER = re.compile(r"\s*([•◦▪‣–]|\d{1,3}\.)\s*")
"""A list item's marker, drawn on its own: WeasyPrint draws a list's markers after its
items, Typst before each, so markers are left out of the text compared. A year ending a
sentence on a line of its own ("2026.") is text, not a marker."""
MARGIN = 70
"""Points at the top and bottom of a page that hold the running header and the footer
(the margins are 72 points)."""


def reader(path: Path | str):
    """The PDF at ``path``, parsed once for every reading of it in this process (each
    reading below would otherwise parse the file again: a third of their time)."""
    p = Path(path)
    stat = p.stat()
    return _reader(str(p.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _reader(path: str, mtime_ns: int, size: int):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(Path(path).read_bytes()))


def body_text(path: Path | str) -> str:
    """The text drawn between the page margins, page after page, in the order it is drawn,
    without list markers: what the two engines must agree on."""
    return _read_text(path)[0]


def page_texts(path: Path | str) -> list[str]:
    """Each page's whole text as pypdf extracts it (running header and footer included),
    from the same pass as :func:`body_text`."""
    return _read_text(path)[2]


def _read_text(path: Path | str
               ) -> tuple[str, dict[tuple[int, int], str], list[str]]:
    """One pass over the PDF's text: the body text (see :func:`body_text`), the text of
    each marked-content id (for the structure tree's table cells) and each page's text as
    pypdf extracts it (the golden files), read together because reading the text is most
    of the time these checks take."""
    p = Path(path)
    stat = p.stat()
    return _read_text_of(str(p.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)  # text only: every example's PDFs, read once per process
def _read_text_of(path: str, mtime_ns: int, size: int
                  ) -> tuple[str, dict[tuple[int, int], str], list[str]]:
    out = []
    pages: list[str] = []
    marked: dict[tuple[int, int], str] = {}
    for page in reader(path).pages:
        height = float(page.mediabox.height)
        key = page.indirect_reference.idnum
        chunks: list[str] = []
        stack: list = []

        def before(op, args, cm, tm, stack=stack):
            if op == b"BDC":
                props = args[1] if len(args) > 1 else None
                stack.append(props.get("/MCID") if hasattr(props, "get") else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC" and stack:
                stack.pop()

        def visit(text, cm, tm, font, size, chunks=chunks, height=height, stack=stack,
                  key=key):
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if MARGIN < y < height - MARGIN and not _MARKER.fullmatch(text):
                chunks.append(text)
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is not None:
                marked[(key, mcid)] = marked.get((key, mcid), "") + text

        pages.append(page.extract_text(visitor_operand_before=before, visitor_text=visit)
                     or "")
        out.append("".join(chunks))
    return "".join(out), marked, pages


def comparable(text: str, drop: set[str] = frozenset()) -> str:
    """``text`` without white space (lines wrap differently), dot leaders (their length
    depends on the layout) and the strings in ``drop`` (table header rows, which repeat on
    every page a table spans)."""
    text = re.sub(r"\.{3,}", "", re.sub(r"\s+", "", text))
    for piece in sorted(drop, key=len, reverse=True):
        text = text.replace(piece, "")
    return text


def first_difference(a: str, b: str, context: int = 60) -> str:
    n = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at {n}: ...{a[max(0, n - context):n + context]!r}\n vs ...{b[max(0, n - context):n + context]!r}"


def bookmarks(path: Path | str) -> list[tuple[int, str]]:
    """(depth, title) of every bookmark, in order."""
    out: list[tuple[int, str]] = []

    def flat(items, depth):
        for item in items:
            if isinstance(item, list):
                flat(item, depth + 1)
            else:
                out.append((depth, re.sub(r"\s+", " ", item.title).strip()))

    flat(reader(path).outline, 0)
    return out


def _kids(node) -> list:
    k = node.get("/K")
    return k if isinstance(k, list) else [] if k is None else [k]


def _element_text(node, texts, page=None) -> str:
    if isinstance(node, int):
        return texts.get((page, node), "")
    node = node.get_object()
    if isinstance(node, int):
        return texts.get((page, node), "")
    if not hasattr(node, "get"):
        return ""
    if node.get("/Pg") is not None:
        page = node.raw_get("/Pg").idnum
    if node.get("/Type") == "/MCR":
        return texts.get((page, node["/MCID"]), "")
    return "".join(_element_text(k, texts, page) for k in _kids(node))


def table_headers(path: Path | str) -> list[tuple[tuple[str, ...], tuple]]:
    """For each table in the structure tree, in order: the text of its header cells and
    their scopes. A table split across pages that a PDF tags as one table per page is
    counted once."""
    pdf = reader(path)
    texts = _read_text(path)[1]
    found: list[tuple[tuple[str, ...], tuple]] = []

    def header_row(node, rows):
        node = node.get_object()
        if not hasattr(node, "get") or rows:
            return
        if node.get("/S") == "/TR":
            cells = [k.get_object() for k in _kids(node)]
            ths = [c for c in cells if hasattr(c, "get") and c.get("/S") == "/TH"]
            if ths:
                rows.append(ths)
            return
        for kid in _kids(node):
            header_row(kid, rows)

    def scope(cell):
        attributes = cell.get("/A")
        attributes = attributes if isinstance(attributes, list) else [attributes]
        return next((a.get("/Scope") for a in attributes if hasattr(a, "get")
                     and "/Scope" in a), None)

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if node.get("/S") == "/Table":
            rows: list = []
            header_row(node, rows)
            cells = rows[0] if rows else []
            entry = (tuple(re.sub(r"\s+", " ", _element_text(c, texts)).strip() for c in cells),
                     tuple(scope(c) for c in cells))
            if not found or found[-1] != entry:
                found.append(entry)
            return
        for kid in _kids(node):
            walk(kid)

    walk(pdf.trailer["/Root"]["/StructTreeRoot"])
    return found


def page_count(path: Path | str) -> int:
    return len(reader(path).pages)
