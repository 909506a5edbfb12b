"""Each output format read back as the text a person (or a program) finds in it.

Every format in the registry (:data:`plankit.render.FORMATS`) names one of these readers as
its ``text_of``: ``(data: bytes) -> str``. The escaping tests put hostile text into an input
and check, with the reader of every registered format, that it comes out verbatim, so a new
format is covered as soon as it is registered. Readers import what they need only when
called: the Typst reader needs the ``typst`` package, the PDF reader ``pypdf`` (both in the
``test`` extra).

Data formats that carry user text as strings read back every string they hold:
:func:`json_strings` (JSON), :func:`csv_cells` (CSV) and :func:`ics_text` (iCalendar).
"""

from __future__ import annotations

import ast
import html as _html
import io
import json
import re
from typing import Any

_TAG = re.compile(r"<[^>]+>")


def html_text(data: bytes) -> str:
    """HTML without its tags, entities decoded."""
    return _html.unescape(_TAG.sub("", data.decode("utf-8")))


def markdown_text(data: bytes) -> str:
    """The text of a CommonMark document with tables: what a Markdown viewer shows."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(data.decode("utf-8"))
    parts = []
    for tok in tokens:
        for child in tok.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
    return "".join(parts)


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word document, then the text of its table cells."""
    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def typst_text(data: bytes) -> str:
    """The text Typst reads from Typst markup: the source compiled by the Typst binding into
    HTML (its HTML export keeps every piece of text and reads the markup exactly as the PDF
    export does), shown as text."""
    from plankit.render.typst_pdf import _compiler, _import_typst

    page = _compiler(_import_typst()).compile(data, format="html").decode("utf-8")
    body = page.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    return html_text(body.encode("utf-8"))


def pdf_text(data: bytes) -> str:
    """The text drawn on a PDF's pages, page after page (lines wrap where the PDF wraps)."""
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


_PY_STRING = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")


def tree_text(data: bytes) -> str:
    """The strings of the debug tree (``-f tree``), which prints each as a Python literal."""
    return "\n".join(ast.literal_eval(m.group(0))
                     for m in _PY_STRING.finditer(data.decode("utf-8")))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def json_strings(data: bytes) -> str:
    """Every string in a JSON document (keys and values), one per line."""
    return "\n".join(_strings(json.loads(data.decode("utf-8"))))


def csv_cells(data: bytes) -> str:
    """Every cell of a CSV table, one per line."""
    import csv

    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return "\n".join(cell for row in rows for cell in row)


_ICS_ESCAPE = re.compile(r"\\([\\;,nN])")


def ics_text(data: bytes) -> str:
    """The value of every content line of an iCalendar file (RFC 5545), lines unfolded and
    text values unescaped, one per line."""
    text = re.sub(r"\r?\n[ \t]", "", data.decode("utf-8"))
    values = []
    for line in text.splitlines():
        # the value follows the first colon that is not inside a quoted parameter value
        name_and_params = re.match(r'(?:[^:"]|"[^"]*")*:', line)
        value = line[name_and_params.end():] if name_and_params else line
        values.append(_ICS_ESCAPE.sub(
            lambda m: "\n" if m.group(1) in "nN" else m.group(1), value))
    return "\n".join(values)
