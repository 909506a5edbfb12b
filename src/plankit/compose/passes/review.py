"""Review notes: place them, collect them, and leave them out of the final copy.

A draft has two readers. The review copy carries everything a reviewer must act on: each
clause's drafter notes, the facts still to supply (placeholders), the content warnings
about the input and the notes of rule checks. The final copy is only the document.

* :func:`place_notes` puts each clause's front-matter notes, and each content warning, in
  the section it concerns as a :class:`~plankit.document.Note`, and labels a note tied to
  another jurisdiction as an example from there;
* :func:`collect_review` records every placeholder and note, with its section, as
  :class:`~plankit.document.ReviewItem` objects (for the checklist, the memo and comments);
* :func:`final_copy` removes the notes from the final copy.
"""

from __future__ import annotations

import re

from plankit import document as d
from plankit.models.common import STATES
from plankit.compose.passctx import ComposeContext, uses_context

_TAG = re.compile(r"^\s*\[example:\s*([A-Za-z]{2}(?:[ ,]+[A-Za-z]{2})*)\]\s*")
"""A note tied to one state's law starts ``[example: RI]``; one that cites several states'
laws as examples, ``[example: CA NY MA]``."""
_DOC_FIELD = re.compile(r"\bdoc\.([A-Za-z_][A-Za-z0-9_]*)")


# --------------------------------------------------------------------------- notes


def jurisdiction_note(text: str, here: str, attrs: d.Attrs = d.NO_ATTRS) -> tuple[str, d.Attrs]:
    """A note's text and attrs, with a ``[example: XX]`` tag resolved: in a document for
    state XX the note reads as a plain drafter note; elsewhere it is labelled an example from
    XX, which is not law where this document applies."""
    m = _TAG.match(text)
    if not m:
        return text, attrs
    codes = re.split(r"[ ,]+", m.group(1).upper())
    code = " ".join(codes)
    text = text[m.end():]
    extra = tuple(kv for kv in attrs.extra if kv[0] != "jurisdiction") + (("jurisdiction", code),)
    if codes == [here]:
        return text, d.replace(attrs, extra=extra)
    label = (f"Example from {STATES.get(code, code)}" if len(codes) == 1
             else "Examples from other jurisdictions")
    if here in STATES:
        label += f" (not law in {STATES[here]})"
    return text, d.replace(attrs, role="example", extra=extra + (("label", label),))


def _note(text: str, here: str, role: str = "", **extra: str) -> d.Note:
    attrs = d.Attrs(role=role, extra=tuple(sorted((k, v) for k, v in extra.items() if v)))
    text, attrs = jurisdiction_note(text, here, attrs)
    return d.Note(children=(d.Text(text),), attrs=attrs)


def _relabel(blocks: tuple, here: str) -> tuple:
    def fix(block):
        if isinstance(block, d.Note) and block.children and isinstance(block.children[0], d.Text):
            text, attrs = jurisdiction_note(block.children[0].text, here, block.attrs)
            if attrs is not block.attrs:
                return d.replace(block, attrs=attrs,
                                 children=(d.Text(text),) + block.children[1:])
        return block
    return d.map_blocks(blocks, fix)


def _sections(doc: d.Document) -> list[d.Section]:
    return [n for n in d.walk(doc) if isinstance(n, d.Section)]


def _anchors(doc: d.Document, used: dict) -> tuple[dict[str, int], dict[str, int]]:
    """Where a finding about an input field goes: input path of a selected provision ->
    section id, and input field -> the first clause section whose text draws on it."""
    by_input: dict[str, int] = {}
    by_field: dict[str, int] = {}
    for sec in _sections(doc):
        key = sec.attrs.get("input")
        if key:
            by_input.setdefault(key, id(sec))
        clause = used.get(sec.source.clause)
        if clause is not None:
            for name in _DOC_FIELD.findall(clause.body):
                by_field.setdefault(name, id(sec))
    return by_input, by_field


def _finding_anchor(path: tuple, by_input: dict, by_field: dict) -> int | None:
    if len(path) >= 2:
        hit = by_input.get(f"{path[0]}.{path[1]}")
        if hit is not None:
            return hit
    if path:
        return by_field.get(str(path[0]))
    return None


@uses_context
def place_notes(doc: d.Document, ctx: ComposeContext) -> d.Document:
    """Put front-matter notes and content warnings where they belong, as Note nodes."""
    from plankit.inputs.validation import format_path

    used = ctx.used
    model = ctx.model
    here = doc.jurisdiction
    children = _relabel(doc.children, here)
    doc = d.replace(doc, children=children)
    extra: dict[int, list[d.Note]] = {}
    first: dict[str, int] = {}
    for sec in _sections(doc):
        if sec.source.clause and sec.source.clause not in first:
            first[sec.source.clause] = id(sec)
    for clause_id in sorted(used):
        target = first.get(clause_id)
        if target is None:
            continue
        for text in used[clause_id].meta.notes:
            extra.setdefault(target, []).append(_note(text, here))
    general: list[d.Note] = []
    if model is not None:
        by_input, by_field = _anchors(doc, used)
        given = ctx.findings
        found = list(model.findings()) if given is None else \
            [f for f in given if f.severity == "warning"]
        notes = [f for f in (given or []) if f.severity == "note"]
        later = getattr(model, "document_findings", None)  # checks of the composed draft
        for f in found + notes + list(later(doc) if later else []) + \
                list(model.review_findings()):
            note = _note(f.message, here, role="warning" if f.severity == "warning" else "rule",
                         field=format_path(f.path) if f.path else "", fix=f.fix,
                         source=f.source)
            anchor = _finding_anchor(tuple(f.path), by_input, by_field)
            (extra.setdefault(anchor, []) if anchor is not None else general).append(note)
    if not extra and not general:
        return doc

    def add(block):
        if isinstance(block, d.Section) and id(block) in extra:
            return d.replace(block, children=tuple(extra[id(block)]) + block.children)
        return block

    return d.replace(doc, children=tuple(general) + _map_sections(doc.children, add))


def _map_sections(blocks: tuple, fn) -> tuple:
    """Apply ``fn`` to every section, parents before their subsections are rebuilt (so the
    identity of each section is still the one seen before)."""
    out = []
    for block in blocks:
        if isinstance(block, d.Section):
            new = fn(block)
            block = d.replace(new, children=_map_sections(new.children, fn))
        elif isinstance(block, d.Container):
            block = d.replace(block, children=_map_sections(block.children, fn))
        out.append(block)
    return tuple(out)


# --------------------------------------------------------------------------- collect


_KINDS = {"": "note", "warning": "warning", "rule": "rule", "example": "example"}


def collect_review(doc: d.Document, ctx=None) -> d.Document:
    """Record every open placeholder and note with the section it sits in."""
    found: list[d.Placeholder] = []
    items: list[d.ReviewItem] = []

    def in_section(number: str):
        def fix(node):
            if isinstance(node, d.Placeholder):
                node = d.replace(node, section=number)
                found.append(node)
                items.append(d.ReviewItem(kind="placeholder", text=node.prompt,
                                          section=number, field=node.name))
            return node
        return fix

    def visit(blocks: tuple, number: str) -> tuple:
        out = []
        for block in blocks:
            if isinstance(block, d.Section):
                # an unnumbered part (a form, an exhibit) is named by its title
                num = block.number or (d.inline_text(block.title).strip()
                                       if not block.numbered and block.title else number)
                title = tuple(d.map_inlines(t, in_section(num)) for t in block.title)
                block = d.replace(block, title=title, children=visit(block.children, num))
            elif isinstance(block, d.Container):
                block = d.replace(block, children=visit(block.children, number))
            elif isinstance(block, (d.BulletList, d.OrderedList)):
                block = d.replace(block, items=tuple(
                    d.ListItem(children=visit(item.children, number)) for item in block.items))
            else:
                if isinstance(block, d.Note):
                    a = block.attrs
                    items.append(d.ReviewItem(
                        kind=_KINDS.get(a.role, "note"), section=number,
                        text=(a.get("label") + ": " if a.role == "example" else "")
                        + d.inline_text(block.children),
                        field=a.get("field"), source=a.get("source"), fix=a.get("fix")))
                block = d.map_inlines(block, in_section(number))
            out.append(block)
        return tuple(out)

    children = visit(doc.children, "")
    order = {"warning": 0, "rule": 1, "placeholder": 2, "note": 3, "example": 4}
    items.sort(key=lambda r: (_key(r.section), order[r.kind]))
    return d.replace(doc, children=children, placeholders=tuple(found), review=tuple(items))


def _key(number: str) -> tuple:
    """Document order: general items first, numbered sections, then forms and exhibits."""
    if not number:
        return (-1,)
    return tuple(int(p) for p in number.split(".") if p.isdigit()) or (10**6,)


# --------------------------------------------------------------------------- final copy


def final_copy(doc: d.Document, ctx=None) -> d.Document:
    """The final copy: review notes, the review checklist and anything marked for review
    only are left out (the review items stay on the document for the memo)."""
    if not doc.final:
        return doc
    return d.replace(doc, children=_prune(doc.children))


def _prune(blocks: tuple) -> tuple:
    out = []
    for block in blocks:
        if isinstance(block, d.Note):
            continue
        if isinstance(block, (d.Section, d.Container)):
            if block.attrs.role in ("checklist", "review-only"):
                continue
            block = d.replace(block, children=_prune(block.children))
        elif isinstance(block, (d.BulletList, d.OrderedList)):
            block = d.replace(block, items=tuple(
                d.ListItem(children=_prune(i.children)) for i in block.items))
        out.append(block)
    return tuple(out)
