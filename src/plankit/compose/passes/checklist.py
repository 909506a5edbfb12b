"""Fill the review checklist appendix: every open placeholder, drafter note and content
warning, each with the section it belongs to, so a reviewer can work down one list. The
checklist is part of the review copy only; the final copy leaves it out."""

from __future__ import annotations

from plankit import document as d


def _cell(text: str) -> d.TableCell:
    return d.TableCell(children=(d.Text(text),))


def _table(caption: str, heads: tuple[str, ...], rows: list[tuple[str, ...]]) -> d.Table:
    return d.Table(header=d.TableRow(cells=tuple(_cell(h) for h in heads)),
                   rows=tuple(d.TableRow(cells=tuple(_cell(c) for c in row)) for row in rows),
                   caption=caption)


def merged_placeholders(items) -> list[tuple[str, str, str]]:
    """(sections, what to supply, field) for each distinct placeholder, in order."""
    merged: dict[tuple[str, str], list[str]] = {}
    first: dict[str, tuple[str, str]] = {}
    for r in items:
        if r.kind != "placeholder":
            continue
        key = first.setdefault(r.field, (r.field, r.text)) if r.field else (r.field, r.text)
        sections = merged.setdefault(key, [])  # one row per field, whatever each clause asks
        if r.section not in sections:
            sections.append(r.section)
    return [(", ".join(s for s in secs if s) or "title", prompt, field)
            for (field, prompt), secs in merged.items()]


def plural(n: int, word: str, words: str = "") -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def checklist_blocks(doc: d.Document) -> tuple:
    """The checklist as blocks (also used by the review memo)."""
    facts = merged_placeholders(doc.review)
    notes = [r for r in doc.review if r.kind in ("note", "example")]
    warnings = [r for r in doc.review if r.kind in ("warning", "rule")]
    count = (f"{plural(len(facts), 'fact')} still to supply" if facts
             else "No facts are missing")
    blocks: list = [d.Paragraph(children=(d.Text(
        f"{count}; {plural(len(notes), 'drafter note')} to check; "
        f"{plural(len(warnings), 'warning')} about the content. Resolve each item before "
        "the document is signed or published; the final copy leaves this appendix out."),))]
    if facts:
        blocks.append(_table("Facts still to supply (placeholders)",
                             ("Section", "What to supply"), [(s, p) for s, p, _ in facts]))
    if notes:
        blocks.append(_table("Drafter notes to check", ("Section", "Note"),
                             [(r.section or "general", r.text) for r in notes]))
    if warnings:
        blocks.append(_table("Warnings about the content", ("Section", "Field", "Warning"),
                             [(r.section or "general", r.field or "general",
                               r.text + (f" ({r.fix})" if r.fix else "")) for r in warnings]))
    return tuple(blocks)


def fill_checklist(doc: d.Document, ctx=None) -> d.Document:
    def fill(block):
        if isinstance(block, d.Section) and block.attrs.role == "checklist":
            return d.replace(block, children=checklist_blocks(doc))
        return block

    return d.replace(doc, children=d.map_blocks(doc.children, fill))
