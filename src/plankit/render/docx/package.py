"""The DOCX package around the text: starting document, properties, reproducible zip.

The same document must give the same bytes on every run, so nothing here reads the clock:
dates come from ``SOURCE_DATE_EPOCH`` (or a fixed constant), and the zip is rewritten with
fixed entry dates, permissions and compression after python-docx has saved it.
"""

from __future__ import annotations

import copy
import io
import os
import re
import threading
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn
from lxml import etree

from plankit.document import Document
from plankit.paths import DOCX_REFERENCE as REFERENCE
from plankit.timestamps import DEFAULT_EPOCH, epoch_seconds
from plankit.errors import InputError

__all__ = ["DEFAULT_EPOCH", "epoch_seconds", "new_document", "starting_document",
           "set_core_properties", "set_custom_properties", "save", "clean_text"]

_ZIP_MIN = 315532800
"""1980-01-01T00:00:00Z, the earliest date a zip entry can hold."""
_ZIP_MAX = 4354819199
"""2107-12-31T23:59:59Z, the latest."""

_CORE_MAX = 255
"""python-docx refuses longer core property strings (Word shows no more anyway)."""

_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``text`` with characters XML cannot hold replaced by U+FFFD.

    Validation rejects such characters long before rendering; this only keeps the renderer
    from failing if one slips through.
    """
    return _XML_UNSAFE.sub("\ufffd", text)


# --------------------------------------------------------------------------- starting point


def new_document(reference: str | os.PathLike | None):
    """A python-docx document to write into: ``reference``, or plankit's own reference
    document (``templates/docx/reference.docx``) when it is None, with its body emptied
    (its styles, numbering and page setup are kept)."""
    path = Path(reference) if reference is not None else REFERENCE
    try:
        document = docx.Document(str(path))
    except FileNotFoundError:
        raise InputError(f"reference document '{path}' does not exist",
                         hint="give the path of a .docx file whose styles to use") from None
    except Exception as exc:  # python-docx raises several types for a bad package
        raise InputError(f"cannot use '{path}' as a reference document: {exc}",
                         hint="save it from Word or LibreOffice as a .docx file") from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _drop_thumbnail(document)
    return document


_TEMPLATES: dict[object, tuple] = {}
"""Prepared starting documents, by reference file."""
_TEMPLATES_MAX = 4
_TEMPLATES_LOCK = threading.Lock()


def _reference_key(reference: str | os.PathLike | None) -> object:
    """What identifies a starting document: the reference file's path, size and time."""
    path = Path(reference) if reference is not None else REFERENCE
    stat = path.stat()  # OSError: not cached; new_document reports the problem
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns)


def starting_document(reference: str | os.PathLike | None, prepare):
    """A fresh copy of the starting document, prepared by ``prepare(document)``, and
    what ``prepare`` returned.

    Opening the template and adding plankit's styles takes longer than writing a short
    document, and gives the same result every time, so it is done once per process (and
    reference file) and each render gets a deep copy. ``prepare`` must depend on nothing
    but the document.
    """
    try:
        key = _reference_key(reference)
    except OSError:
        document = new_document(reference)
        return document, prepare(document)
    with _TEMPLATES_LOCK:
        entry = _TEMPLATES.get(key)
    if entry is None:
        template = new_document(reference)
        entry = (template, prepare(template))
        with _TEMPLATES_LOCK:
            if len(_TEMPLATES) >= _TEMPLATES_MAX:
                _TEMPLATES.pop(next(iter(_TEMPLATES)))
            _TEMPLATES[key] = entry
    template, prepared = entry
    return copy.deepcopy(template), prepared


def _drop_thumbnail(document) -> None:
    """Remove the template's preview picture; it would show a page this is not."""
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(r_id)
    settings = document.settings.element
    for element in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(element)


# --------------------------------------------------------------------------- properties


def _short(text: str) -> str:
    text = clean_text(text)
    return text if len(text) <= _CORE_MAX else text[: _CORE_MAX - 1] + "\u2026"


def set_core_properties(document, doc: Document, seconds: int) -> None:
    """Title, subject, author, language, keywords and fixed dates (``docProps/core.xml``)."""
    stamp = datetime.fromtimestamp(seconds, tz=timezone.utc).replace(tzinfo=None)
    props = document.core_properties
    props.title = _short(doc.title)
    props.subject = _short(doc.subject)
    props.author = _short(doc.author)
    props.language = _short(doc.lang)
    props.keywords = _short(doc.kind)
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    version = doc.provenance.plankit_version
    props.comments = _short(f"Drafted with plankit {version}." if version
                            else "Drafted with plankit.")
    props.last_modified_by = "plankit"
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def set_custom_properties(document, doc: Document) -> None:
    """What the document was made from, as custom properties (``docProps/custom.xml``):
    plankit version, input name and SHA-256, and every clause id with its version.

    Word shows them under File > Properties > Custom. Custom properties of a reference
    document are dropped: they describe that document, not this one.
    """
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            package.rels.pop(r_id)
    prov = doc.provenance
    values = [
        ("plankit version", prov.plankit_version),
        ("plankit input", prov.input_name),
        ("plankit input sha256", prov.input_sha256),
        ("plankit clauses", "; ".join(f"{c.id} {c.version}".strip() for c in prov.clauses)),
    ]
    values = [(name, value) for name, value in values if value]
    if not values:
        return
    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    for pid, (name, value) in enumerate(values, start=2):
        prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property", fmtid=_CUSTOM_FMTID,
                                pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = clean_text(value)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


# --------------------------------------------------------------------------- saving


def save(document, seconds: int) -> bytes:
    """The document as bytes, with every zip entry dated ``seconds`` and stored the same way.

    python-docx stamps each entry with the current time; the parts are written here in
    python-docx's (stable) order with fixed dates, permissions and compression instead.
    """
    clamped = min(max(seconds, _ZIP_MIN), _ZIP_MAX)
    date_time = datetime.fromtimestamp(clamped, tz=timezone.utc).timetuple()[:6]
    out = io.BytesIO()
    package = document.part.package
    writer = _FixedZipWriter(out, date_time)
    try:
        for part in package.parts:
            part.before_marshal()
        PackageWriter._write_content_types_stream(writer, package.parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, package.parts)
    finally:
        writer.close()
    return out.getvalue()


class _FixedZipWriter:
    """python-docx's zip writer interface, with fixed entry dates and permissions."""

    def __init__(self, stream, date_time: tuple) -> None:
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED)
        self._date_time = date_time

    def write(self, pack_uri, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=self._date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 3
        entry.external_attr = 0o100644 << 16
        self._zip.writestr(entry, blob, compresslevel=6)

    def close(self) -> None:
        self._zip.close()
