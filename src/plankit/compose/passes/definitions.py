"""Fill the definitions section with the terms of the clauses used that the text uses."""

from __future__ import annotations

import re

from plankit import document as d


def _plain(node) -> str:
    parts = []
    for n in d.walk(node):
        if isinstance(n, d.Text):
            parts.append(n.text)
        elif isinstance(n, (d.Paragraph, d.Section, d.TableCell, d.Note)):
            parts.append("\n")
    return "".join(parts)


def collect_definitions(doc: d.Document, ctx=None) -> d.Document:
    used = getattr(ctx, "used", {}) or {}
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
