"""Record every open placeholder and drafter note with the section it sits in."""

from __future__ import annotations

from plankit import document as d


def mark_placeholders(doc: d.Document, ctx=None) -> d.Document:
    found: list[d.Placeholder] = []
    notes: list[tuple[str, str]] = []

    def in_section(number: str):
        def fix(node):
            if isinstance(node, d.Placeholder):
                node = d.replace(node, section=number)
                found.append(node)
            return node
        return fix

    def visit(blocks: tuple, number: str) -> tuple:
        out = []
        for block in blocks:
            if isinstance(block, d.Section):
                num = block.number or number
                title = tuple(d.map_inlines(t, in_section(num)) for t in block.title)
                block = d.replace(block, title=title, children=visit(block.children, num))
            elif isinstance(block, d.Container):
                block = d.replace(block, children=visit(block.children, number))
            else:
                if isinstance(block, d.Note):
                    notes.append((number, d.inline_text(block.children)))
                block = d.map_inlines(block, in_section(number))
            out.append(block)
        return tuple(out)

    children = visit(doc.children, "")
    # drafter notes declared in clause front matter, placed at the clause's section
    used = getattr(ctx, "used", {}) or {}
    if used:
        where = {}
        for node in d.walk(d.replace(doc, children=children)):
            if isinstance(node, d.Section) and node.source.clause:
                where.setdefault(node.source.clause, node.number)
        for clause_id in sorted(used, key=lambda c: (_key(where.get(c, "")), c)):
            for text in used[clause_id].meta.notes:
                notes.append((where.get(clause_id, ""), text))
    notes.sort(key=lambda note: _key(note[0]))  # in document order, general notes last
    return d.replace(doc, children=children, placeholders=tuple(found), notes=tuple(notes))


def _key(number: str) -> tuple:
    return tuple(int(p) for p in number.split(".") if p.isdigit()) or (10**6,)
