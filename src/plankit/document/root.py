"""The root of the tree, :class:`Document`: its metadata, what the review copy carries
(review items, legal checks, provenance) and the helpers renderers share for them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from plankit.document.blocks import Block, Note
from plankit.document.inlines import Placeholder
from plankit.document.pretty import _pretty


NOTE_LABELS = {"": "Drafter note", "warning": "Warning", "rule": "Rule check",
               "example": "Example"}
"""How each kind of note is introduced when it is shown."""


def note_label(note: "Note") -> str:
    """"Drafter note", "Warning", … or the note's own ``label``."""
    return note.attrs.get("label") or NOTE_LABELS.get(note.attrs.role, "Drafter note")


def note_details(note: "Note") -> str:
    """What a note says besides its text: the field it concerns, the fix and the source,
    e.g. " (field: parties[2].name) Fix: add … Source: 20 CFR 603.8"."""
    a = note.attrs
    parts = []
    if a.get("field"):
        parts.append(f"(field: {a.get('field')})")
    if a.get("fix"):
        parts.append(f"Fix: {a.get('fix')}.".replace("..", "."))
    if a.get("source"):
        parts.append(f"Source: {a.get('source')}.".replace("..", "."))
    return (" " + " ".join(parts)) if parts else ""


def review_comments(doc: "Document") -> bool:
    """Whether review notes are shown as comments or linked end notes (else inline)."""
    return not doc.final and doc.review_notes == "comments"


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One thing a reviewer must act on before the document is final: a fact to supply
    (placeholder), a drafter note, a content warning, a rule check's note, or an example
    from another jurisdiction. Collected by a pass; the review checklist, the review memo
    and ``plankit validate --report`` list them, and the DOCX review copy carries each as a
    comment."""

    kind: str
    """``placeholder``, ``note``, ``warning``, ``rule`` or ``example``."""
    text: str
    section: str = ""
    """Number of the section it concerns; "" for the document as a whole."""
    field: str = ""
    """The input field it concerns, as the user writes it (placeholders and warnings)."""
    source: str = ""
    """The law, rule or guidance it rests on, where there is one."""
    fix: str = ""
    """What to do about it (warnings)."""


@dataclass(frozen=True, slots=True)
class LegalCheck:
    """A legal rule or dated source checked for this document, for the review memo: a
    requirement that applies (stated in the document), a check that found an issue or
    none, or a source whose date needs confirming."""

    title: str
    outcome: str
    """``applies``, ``does not apply``, ``issue found``, ``no issue found``, ``not in
    effect``, ``turned off`` or ``recorded``."""
    source: str = ""
    as_of: str = ""
    """ISO date its status was last confirmed."""
    verified: bool = True
    detail: str = ""
    kind: str = "law"
    """``law`` (a legal requirement or program rule), ``consistency`` (a check of the input
    against itself, never printed in the document) or ``source`` (a dated source)."""
    confirm: str = ""
    """Set when the reviewer must confirm its status (stale, or dated after the document)."""


@dataclass(frozen=True, slots=True)
class ClauseUse:
    """One clause used in the document, for the audit trail."""

    id: str
    version: str
    origin: str
    """``package`` or the user clause directory that supplied it."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """What the document was made from."""

    plankit_version: str = ""
    input_sha256: str = ""
    input_name: str = ""
    clauses: tuple[ClauseUse, ...] = ()


@dataclass(frozen=True, slots=True)
class Image:
    """A picture the input supplies (an agency logo): PNG or JPEG bytes and its alt text."""

    data: bytes
    mime: str
    alt: str
    name: str = "logo"

    def __repr__(self) -> str:  # keep tree dumps short
        return f"Image({self.name!r}, {self.mime}, {len(self.data)} bytes, alt={self.alt!r})"


@dataclass(frozen=True, slots=True)
class Document:
    """The root: metadata plus the block tree."""

    title: str
    children: tuple[Block, ...]
    subtitle: str = ""
    lang: str = "en-US"
    kind: str = ""
    """Document kind id, e.g. ``mou-data-sharing``."""
    subject: str = ""
    author: str = ""
    """Issuing agency, for document properties."""
    date: str = ""
    """Display date of the draft (ISO ``YYYY-MM-DD``)."""
    provenance: Provenance = Provenance()
    placeholders: tuple[Placeholder, ...] = ()
    """Every placeholder still open, with its section (filled by a pass)."""
    review: tuple[ReviewItem, ...] = ()
    """Everything a reviewer must act on, in document order (filled by a pass)."""
    checks: tuple[LegalCheck, ...] = ()
    """The legal rules and dated sources checked for this document, for the review memo."""
    final: bool = False
    """The final copy: only the document, no review notes, marks or appendices."""
    review_notes: str = "comments"
    """How the review copy shows notes: ``comments`` (Word comments, linked end notes in
    HTML, PDF and Markdown) or ``inline`` (boxes in the text)."""
    jurisdiction: str = ""
    """Two-letter code of the state the document is for ("" if none)."""
    toc: bool = False
    """Print a table of contents after the title block."""
    draft_mark: bool = False
    """Mark every page "Draft — not for signature"."""
    watermark: bool = False
    """Show a large DRAFT watermark on every page."""
    version: str = ""
    """The draft's version label, printed with the date under the title, e.g. "0.3"."""
    letterhead: str = ""
    """The issuing agency's name for the page header."""
    logo: Optional[Image] = None
    """The agency's logo for the page header."""
    previous: tuple[tuple[str, str], ...] = ()
    """In a redline: ``(field, older value)`` for each part of the title block (``title``,
    ``subtitle``, ``date``, ``version``) that the newer document changed; renderers show
    the older value deleted before the newer one."""
    pdf_engine: str = ""
    """The PDF engine the input asks for (``weasyprint`` or ``typst``); "" for the
    default. ``--pdf-engine`` overrides it."""
    records: object = None
    """What the document commits its parties to and the metrics it shares
    (:class:`plankit.records.Records`): filled by a pass, rendered by the exports."""

    @property
    def notes(self) -> tuple[tuple[str, str], ...]:
        """Drafter notes as (section number, text)."""
        return tuple((r.section, r.text) for r in self.review if r.kind in ("note", "example"))

    @property
    def findings(self) -> tuple["ReviewItem", ...]:
        """Content warnings and rule checks' notes."""
        return tuple(r for r in self.review if r.kind in ("warning", "rule"))

    def pretty(self) -> str:
        """An indented, stable text view of the tree, for debugging and goldens."""
        lines = [f"Document title={self.title!r} kind={self.kind!r} lang={self.lang!r}"]
        for child in self.children:
            _pretty(child, 1, lines)
        return "\n".join(lines) + "\n"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def display_date(value: str, lang: str = "en-US") -> str:
    """``2024-03-01`` as ``March 1, 2024`` in English documents and as the ISO date in
    others; text that is not an ISO date is returned as given."""
    import datetime as _dt

    try:
        parsed = _dt.date.fromisoformat(value)
    except ValueError:
        return value
    if not lang.lower().startswith("en"):
        return parsed.isoformat()
    return f"{_MONTHS[parsed.month - 1]} {parsed.day}, {parsed.year}"


RUNNING_TITLE_MAX = 70
"""Longest title shown in a page header (one line)."""


def running_title(title: str, limit: int = RUNNING_TITLE_MAX) -> str:
    """``title`` cut at a word boundary to fit one header line, ending in an ellipsis."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "\u2026"


DRAFT_MARK = "Draft — not for signature"
"""What every page of a draft says in its header."""


def version_line(doc: Document) -> str:
    """"Version 0.3" for the line under the title (the date follows it), or ""."""
    return f"Version {doc.version}" if doc.version else ""


def previous_title_block(doc: Document) -> Optional[Document]:
    """In a redline whose title block changed: the document with the older title, subtitle,
    date and version (for renderers to show them deleted); else None."""
    if not doc.previous:
        return None
    return replace(doc, previous=(), **dict(doc.previous))
