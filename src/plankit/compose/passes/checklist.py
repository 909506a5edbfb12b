"""Fill the review checklist appendix: every open placeholder, drafter note and content
warning, each with the section it belongs to, so a reviewer can work down one list."""

from __future__ import annotations

from plankit import document as d


def _cell(text: str) -> d.TableCell:
    return d.TableCell(children=(d.Text(text),))


def _table(caption: str, heads: tuple[str, str], rows: list[tuple[str, str]]) -> d.Table:
    return d.Table(header=d.TableRow(cells=(_cell(heads[0]), _cell(heads[1]))),
                   rows=tuple(d.TableRow(cells=(_cell(a), _cell(b))) for a, b in rows),
                   caption=caption)


def checklist_blocks(doc: d.Document) -> tuple:
    """The checklist as blocks (also used by ``plankit validate --report``)."""
    blocks: list = []
    merged: dict[tuple[str, str], list[str]] = {}
    for p in doc.placeholders:
        sections = merged.setdefault((p.name, p.prompt), [])
        if p.section not in sections:
            sections.append(p.section)
    facts = [(", ".join(s for s in secs if s) or "title", prompt)
             for (_, prompt), secs in merged.items()]
    count = (f"{len(facts)} fact{'s' if len(facts) != 1 else ''} still to supply"
             if facts else "No facts are missing")
    blocks.append(d.Paragraph(children=(d.Text(
        f"{count}; {len(doc.notes)} drafter note{'s' if len(doc.notes) != 1 else ''} to "
        f"check; {len(doc.findings)} warning{'s' if len(doc.findings) != 1 else ''} about "
        "the content. Resolve each item, then delete this appendix before the document is "
        "signed or published."),)))
    if facts:
        blocks.append(_table("Facts still to supply (placeholders)", ("Section", "What to "
                                                                      "supply"), facts))
    if doc.notes:
        blocks.append(_table("Drafter notes to check", ("Section", "Note"),
                             [(s or "general", text) for s, text in doc.notes]))
    if doc.findings:
        blocks.append(_table("Warnings about the content", ("Field", "Warning"),
                             [_split(f) for f in doc.findings]))
    return tuple(blocks)


def _split(text: str) -> tuple[str, str]:
    field, sep, rest = text.partition(": ")
    return (field, rest) if sep and " " not in field else ("general", text)


def fill_checklist(doc: d.Document, ctx=None) -> d.Document:
    def fill(block):
        if isinstance(block, d.Section) and block.attrs.role == "checklist":
            return d.replace(block, children=checklist_blocks(doc))
        return block

    return d.replace(doc, children=d.map_blocks(doc.children, fill))
