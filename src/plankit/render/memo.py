"""The review memo: a short separate document for counsel and reviewers.

It lists, by section, every fact still to supply, every content warning and rule note,
every drafter note and every example from another jurisdiction, and then every legal rule
and dated source checked, with what the check found, its source and the date its status is
as of. The document itself states only the law that applies; rule checks and their status
live here.

The memo is not composed from clauses: it is made from the finished document's review
items (:class:`~plankit.document.ReviewItem`) and checks
(:class:`~plankit.document.LegalCheck`), and written by the DOCX and Markdown renderers.
"""

from __future__ import annotations

from plankit import document as d
from plankit.render.docx import DocxRenderer
from plankit.render.markdown import MarkdownRenderer

__all__ = ["memo_document", "MemoDocxRenderer", "MemoMarkdownRenderer"]

OUTCOMES = {
    "applies": "Applies: stated in the document",
    "does not apply": "Does not apply: its conditions are not met",
    "issue found": "Issue found",
    "no issue found": "No issue found",
    "not in effect": "Not in effect on the document's date",
    "turned off": "Turned off by the Agency's rules",
    "recorded": "Relied on",
}


def _cell(text: str) -> d.TableCell:
    return d.TableCell(children=(d.Text(text),))


def _table(caption: str, heads: tuple[str, ...], rows: list[tuple[str, ...]]) -> d.Table:
    return d.Table(header=d.TableRow(cells=tuple(_cell(h) for h in heads)),
                   rows=tuple(d.TableRow(cells=tuple(_cell(c) for c in row)) for row in rows),
                   caption=caption)


def _para(text: str) -> d.Paragraph:
    return d.Paragraph(children=(d.Text(text),))


def _section(title: str, *blocks) -> d.Section:
    return d.Section(title=(d.Text(title),), children=tuple(b for b in blocks if b))


def _n(count: int, word: str, words: str = "") -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def _where(section: str) -> str:
    return section or "whole document"


def _date(iso: str) -> str:
    return d.display_date(iso) if iso else "not dated"


def memo_document(doc: d.Document) -> d.Document:
    """The review memo for ``doc``, as a document of its own."""
    facts: dict[tuple[str, str], list[str]] = {}
    first: dict[str, tuple[str, str]] = {}
    for r in doc.review:
        if r.kind == "placeholder":
            key = first.setdefault(r.field, (r.field, r.text)) if r.field else (r.field, r.text)
            secs = facts.setdefault(key, [])
            if r.section not in secs:
                secs.append(r.section)
    warnings = [r for r in doc.review if r.kind == "warning"]
    rule_notes = [r for r in doc.review if r.kind == "rule"]
    notes = [r for r in doc.review if r.kind == "note"]
    examples = [r for r in doc.review if r.kind == "example"]
    confirm = [c for c in doc.checks if c.confirm or not c.verified]
    copy = "final copy" if doc.final else "review copy"
    when = f" dated {d.display_date(doc.date, doc.lang)}" if doc.date else ""

    summary = [
        _para(f"This memo is for the people who review {doc.title} (the {copy}{when}) before "
              "it is signed or published. It is not part of the document. It lists "
              f"{_n(len(facts), 'fact')} still to supply, {_n(len(warnings), 'content warning')}, "
              f"{_n(len(rule_notes), 'rule note')}, {_n(len(notes), 'drafter note')} and "
              f"{_n(len(examples), 'example')} from other jurisdictions, each by the section "
              f"of the document it concerns, and {_n(len(doc.checks), 'legal rule')} checked, "
              f"{len(confirm)} of them to confirm."),
    ]
    body: list[d.Section] = [_section("Summary", *summary)]
    if facts:
        body.append(_section("Facts still to supply", _table(
            "Facts still to supply", ("Section", "What to supply", "Field in the input"),
            [(", ".join(s or "title" for s in secs), prompt, field if field != prompt else "")
             for (field, prompt), secs in facts.items()])))
    if warnings or rule_notes:
        body.append(_section("Content warnings and rule notes", _table(
            "Content warnings and rule notes", ("Section", "Field", "Warning", "Source"),
            [(_where(r.section), r.field or "", r.text + (f" Fix: {r.fix}." if r.fix else ""),
              r.source) for r in warnings + rule_notes])))
    if notes:
        body.append(_section("Drafter notes", _table(
            "Drafter notes", ("Section", "Note"),
            [(_where(r.section), r.text) for r in notes])))
    if examples:
        body.append(_section("Examples from other jurisdictions", _para(
            "These notes describe the law or practice of another jurisdiction as examples. "
            "They are not law where this document applies."), _table(
            "Examples from other jurisdictions", ("Section", "Example"),
            [(_where(r.section), r.text) for r in examples])))
    if doc.checks:
        laws = [c for c in doc.checks if c.kind != "consistency"]
        own = [c for c in doc.checks if c.kind == "consistency"]
        blocks: list = [_para(
            "Each legal rule and dated source the draft was checked against, with what the "
            "check found and the date its status was last confirmed. A check that found "
            "nothing is reported as \"no issue found\"; it does not mean the rule does not "
            "apply.")]
        if laws:
            blocks.append(_table("Legal rules and sources", (
                "Rule", "Source", "Status as of", "Result", "Details"),
                [(c.title, c.source + ("" if c.verified else " (not verified)"),
                  _date(c.as_of), OUTCOMES.get(c.outcome, c.outcome), c.detail)
                 for c in laws]))
        if own:
            blocks.append(_table("Consistency of the input", ("Check", "Result", "Details"),
                                 [(c.title, OUTCOMES.get(c.outcome, c.outcome), c.detail)
                                  for c in own]))
        if confirm:
            blocks.append(_table("To confirm before release", ("Rule or source", "What to confirm"),
                                 [(c.title, c.confirm or "The citation is not verified: "
                                   "confirm it against the official text.") for c in confirm]))
        body.append(_section("Legal rules checked", *blocks))
    prov = doc.provenance
    if prov.clauses:
        body.append(_section("Clause versions", _para(
            f"The document was assembled from {prov.input_name or 'its input file'} (SHA-256 "
            f"{prov.input_sha256}) with the clause versions below."), _table(
            "Clause versions used", ("Clause", "Version", "Library"),
            [(c.id, c.version, "standard" if c.origin == "package" else c.origin)
             for c in prov.clauses])))
    numbered = tuple(d.replace(s, number=str(i)) for i, s in enumerate(body, start=1))
    return d.Document(title=f"Review memo: {doc.title}", children=numbered,
                      subtitle="For counsel and reviewers; not part of the document",
                      lang=doc.lang, kind="review-memo", subject=f"Review memo for {doc.title}",
                      author=doc.author, date=doc.date, provenance=doc.provenance, final=True)


class MemoDocxRenderer(DocxRenderer):
    """The review memo as a Word file."""

    name = "memo"
    extension = "memo.docx"

    def render_document(self, doc: d.Document) -> bytes:
        return super().render_document(memo_document(doc))


class MemoMarkdownRenderer(MarkdownRenderer):
    """The review memo as Markdown."""

    name = "memo-md"
    extension = "memo.md"

    def render_document(self, doc: d.Document) -> str:
        return super().render_document(memo_document(doc))
