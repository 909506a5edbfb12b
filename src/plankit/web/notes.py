"""The review notes of a draft, for the panel beside its preview: each note with the section
it is in and, where the preview carries it as a linked end note, its number there (the
HTML review copy numbers its notes in document order, as they are found here)."""

from __future__ import annotations

from dataclasses import dataclass

from plankit.document import (Note, Section, children_of, inline_text, note_details, note_label,
                               review_comments)


@dataclass(frozen=True)
class ReviewNote:
    number: int
    """Its number among the preview's end notes (from 1)."""
    where: str
    """``Section 4.1``, a heading of an unnumbered section, or ``General``."""
    label: str
    """``Drafter note``, ``Rule check``, ``Example`` … as the document introduces it."""
    text: str
    linked: bool
    """Whether the preview has an anchor for it (``review-note-<number>-ref``)."""

    @property
    def anchor(self) -> str:
        return f"review-note-{self.number}-ref"


def review_notes(doc) -> list[ReviewNote]:
    """Every review note of ``doc`` in document order (none in a final copy)."""
    if doc.final:
        return []
    linked = review_comments(doc)
    found: list[tuple[str, Note]] = []

    def visit(node, section: str) -> None:
        if isinstance(node, Note):
            found.append((section, node))
            return
        if isinstance(node, Section):
            title = inline_text(node.title).strip() if node.title else ""
            section = node.number or (title if not node.numbered and title else section)
        for child in children_of(node):
            visit(child, section)

    for block in doc.children:
        visit(block, "")
    out = []
    for n, (section, node) in enumerate(found, start=1):
        where = (f"Section {section}" if section[:1].isdigit() else section) or "General"
        out.append(ReviewNote(n, where, note_label(node),
                              (inline_text(node.children) + note_details(node)).strip(),
                              linked))
    return out
