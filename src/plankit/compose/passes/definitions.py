"""Fill the definitions section with the terms of the clauses used that the text uses."""

from __future__ import annotations

import re

from plankit import document as d
from plankit.compose.passctx import ComposeContext, uses_context


def _plain(node) -> str:
    """The document's own text under ``node``: review notes are left out, since a term
    used only in a note is not used by the document."""
    parts: list[str] = []

    def visit(n) -> None:
        if isinstance(n, d.Note):
            return
        if isinstance(n, d.Text):
            parts.append(n.text)
        elif isinstance(n, (d.Paragraph, d.Section, d.TableCell)):
            parts.append("\n")
        for child in d.children_of(n):
            visit(child)

    visit(node)
    return "".join(parts)


@uses_context
def collect_definitions(doc: d.Document, ctx: ComposeContext) -> d.Document:
    used = ctx.used
    terms: dict[str, tuple[str, str]] = {}
    for clause_id in sorted(used):
        for term, meaning in used[clause_id].meta.defines.items():
            terms.setdefault(term, (meaning, clause_id))
    body = "\n".join(_plain(b) for b in doc.children
                     if not (isinstance(b, d.Section) and b.attrs.role == "definitions"))
    chosen = sorted((t for t in terms if re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", body)),
                    key=str.casefold)

    def fill(block):
        if isinstance(block, d.Section) and block.attrs.role == "definitions":
            if not chosen:
                return None
            paras = tuple(
                d.Paragraph(children=(d.Strong(children=(d.Text(f"“{t}”"),)),
                                      d.Text(" means " + terms[t][0].strip())),
                            attrs=d.Attrs(role="definition", id="def-" + _slug(t)),
                            source=d.Source(terms[t][1], used[terms[t][1]].meta.version))
                for t in chosen)
            return d.replace(block, children=(
                d.Paragraph(children=(d.Text("In this document, the following terms have the "
                                             "meanings given here."),)),) + paras)
        return block

    return d.replace(doc, children=_drop_none(doc.children, fill))


def _drop_none(blocks: tuple, fn) -> tuple:
    out = []
    for b in blocks:
        if isinstance(b, d.Section):
            b = d.replace(b, children=_drop_none(b.children, fn))
        r = fn(b)
        if r is not None:
            out.append(r)
    return tuple(out)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
