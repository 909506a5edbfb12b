"""Compare two documents: one tree with insertions and deletions marked (a redline), a
summary of what changed, and, for an agreement, an amendment that makes the change.

Two composed :class:`~plankit.document.Document` trees are compared, not two rendered
files, so every format draws the same changes: tracked changes (``w:ins``/``w:del``) in
Word, ``<ins>``/``<del>`` in HTML and PDF, ``{++ ++}``/``{-- --}`` in Markdown.

* :mod:`.inline` -- word-level differences in a paragraph, cell or heading;
* :mod:`.blocks` -- sections, blocks, list items and table rows matched and compared;
* :mod:`.accept` -- the text with every change accepted, or every change rejected;
* :mod:`.summary` -- the change summary (sections, clause versions, values, placeholders,
  rule findings), as a section of the redline, Markdown or JSON;
* :mod:`.amendment` -- a numbered amendment to an agreement, drafted from the differences;
* :mod:`.build` -- both inputs composed, compared and written (``plankit compare``);
* :mod:`.clauses` -- one clause's wording compared between versions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from plankit import document as d
from plankit.compare.accept import has_changes
from plankit.compare.blocks import SectionChange, diff_blocks

__all__ = ["Comparison", "compare_documents", "review_free", "SectionChange"]

REVIEW_ONLY_SECTIONS = ("review-checklist",)
"""Ids of sections that belong to the review apparatus, not to the document's text."""


@dataclass
class Comparison:
    """Two documents compared."""

    old: d.Document
    new: d.Document
    document: d.Document
    """``new`` with every difference from ``old`` marked (no change summary)."""
    sections: list[SectionChange]
    """What happened to each top-level section (and, inside, to its subsections)."""
    changed: bool
    """Whether the text differs at all."""


def _strip(blocks: tuple) -> tuple:
    """Blocks without review notes and review-only sections, at every depth."""
    out = []
    for block in blocks:
        if isinstance(block, d.Note):
            continue
        if isinstance(block, d.Section):
            if block.attrs.id in REVIEW_ONLY_SECTIONS:
                continue
            block = replace(block, children=_strip(block.children))
        elif isinstance(block, d.Container):
            block = replace(block, children=_strip(block.children))
        elif isinstance(block, (d.BulletList, d.OrderedList)):
            block = replace(block, items=tuple(d.ListItem(children=_strip(i.children))
                                               for i in block.items))
        out.append(block)
    return tuple(out)


def review_free(doc: d.Document) -> d.Document:
    """``doc`` without its review apparatus (drafter notes, warnings, the review checklist):
    what is compared, since notes are for the reviewer and not part of the text."""
    return replace(doc, children=_strip(doc.children))


def compare_documents(old: d.Document, new: d.Document) -> Comparison:
    """Compare two documents (of the same kind) into one redline tree."""
    old, new = review_free(old), review_free(new)
    merged, sections, _ = diff_blocks(old.children, new.children)
    # Review notes are not compared, and placeholders need no comment of their own: the
    # redline shows them in the text.
    previous = tuple((name, getattr(old, name))
                     for name in ("title", "subtitle", "date", "version")
                     if getattr(old, name) != getattr(new, name))
    doc = replace(new, children=merged, review=(), checks=(), review_notes="inline",
                  previous=previous)
    return Comparison(old=old, new=new, document=doc, sections=sections,
                      changed=has_changes(merged) or bool(previous))
