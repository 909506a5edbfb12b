"""Record which clause versions were used; fill a provenance appendix if the outline has one."""

from __future__ import annotations

from plankit import document as d
from plankit.compose.passctx import ComposeContext, uses_context


@uses_context
def stamp_provenance(doc: d.Document, ctx: ComposeContext) -> d.Document:
    used = ctx.used
    uses = tuple(d.ClauseUse(id=c.id, version=c.meta.version, origin=c.origin)
                 for c in sorted(used.values(), key=lambda c: c.id))
    prov = d.replace(doc.provenance, clauses=uses)

    def cell(text: str) -> d.TableCell:
        return d.TableCell(children=(d.Text(text),))

    def fill(block):
        if isinstance(block, d.Section) and block.attrs.role == "provenance":
            table = d.Table(
                header=d.TableRow(cells=(cell("Clause"), cell("Version"), cell("Library"))),
                rows=tuple(d.TableRow(cells=(cell(u.id), cell(u.version),
                                             cell("standard" if u.origin == "package"
                                                  else u.origin)))
                           for u in uses),
                caption="Clause versions used in this document")
            intro = d.Paragraph(children=(d.Text(
                f"This document was assembled from the source file {prov.input_name} (SHA-256 "
                f"fingerprint {prov.input_sha256}) and the clause versions listed below. The "
                "same source file and clause versions give the same document."),))
            return d.replace(block, children=(intro, table))
        return block

    return d.replace(doc, provenance=prov, children=d.map_blocks(doc.children, fill))
