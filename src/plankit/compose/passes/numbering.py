"""Number sections 1, 1.1, 1.1.1 … in document order; unnumbered sections keep no number."""

from __future__ import annotations

from plankit import document as d


def number_sections(doc: d.Document, ctx=None) -> d.Document:
    def visit(blocks: tuple, prefix: str) -> tuple:
        out = []
        n = 0
        for block in blocks:
            if isinstance(block, d.Section):
                if block.numbered and prefix is not None:
                    n += 1
                    number = f"{prefix}{n}"
                    block = d.replace(block, number=number,
                                      children=visit(block.children, number + "."))
                else:
                    block = d.replace(block, number="", children=visit(block.children, None))
            elif isinstance(block, d.Container):
                block = d.replace(block, children=visit(block.children, prefix))
            out.append(block)
        return tuple(out)

    return d.replace(doc, children=visit(doc.children, ""))
