"""Resolve cross-references by clause or section id to "Section 4.2"."""

from __future__ import annotations

from plankit import document as d
from plankit.compose.passctx import ComposeContext, uses_context


def section_index(doc: d.Document) -> dict[str, d.Section]:
    """Section id -> section (first wins), including clause ids of clause sections."""
    index: dict[str, d.Section] = {}
    for node in d.walk(doc):
        if isinstance(node, d.Section):
            for key in (node.attrs.id, node.source.clause):
                if key and key not in index:
                    index[key] = node
    return index


@uses_context
def resolve_xrefs(doc: d.Document, ctx: ComposeContext) -> d.Document:
    index = section_index(doc)
    library = ctx.library

    def fix(node):
        if isinstance(node, d.XRef):
            target = index.get(node.target)
            if target is None:
                title = node.target
                if library is not None and node.target in library.clauses:
                    title = library.clauses[node.target].meta.title
                    if ctx.standalone:
                        return d.replace(node, label=f"the “{title}” clause")
                return d.Placeholder(name=f"ref:{node.target}",
                                     prompt=f"cross-reference to '{title}', which is not in "
                                            "this document")
            title = d.inline_text(target.title)
            if node.form == "title" or not target.number:
                return d.replace(node, label=title if node.form == "title" else f"“{title}”")
            if node.form == "both":
                return d.replace(node, label=f"Section {target.number}, {title}")
            return d.replace(node, label=f"Section {target.number}")
        return node

    return d.map_inlines(doc, fix)
