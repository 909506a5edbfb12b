"""List every fact the input leaves open (``[to be set]``), including those no sentence of
the document prints (a yes/no answer, a value a clause only tests): each becomes a
placeholder of the document, so ``plankit validate`` lists it, the review memo and
checklist carry it, and the final copy refuses to be made while it is open.

An open fact the text prints is already a placeholder (named by its field path); this pass
adds the others, with the section ``input`` (they are only in the input file).
"""

from __future__ import annotations

from plankit import document as d
from plankit.compose.passctx import ComposeContext, uses_context

INPUT_ONLY = "input"
"""The section recorded for an open fact that no sentence prints."""


@uses_context
def list_open_facts(doc: d.Document, ctx: ComposeContext) -> d.Document:
    from plankit.models.open import walk_open
    from plankit.inputs.validation import format_path

    model = ctx.model
    if model is None:
        return doc
    named = {p.name for p in doc.placeholders}
    extra_ph: list[d.Placeholder] = []
    extra_items: list[d.ReviewItem] = []
    for path, value, prompt in walk_open(model):
        name = format_path(path)
        if name in named:
            continue
        named.add(name)
        text = f"{prompt} ({value.note})" if value.note else prompt
        extra_ph.append(d.Placeholder(name=name, prompt=text, section=INPUT_ONLY))
        extra_items.append(d.ReviewItem(kind="placeholder", text=text, section=INPUT_ONLY,
                                        field=name))
    if not extra_ph:
        return doc
    return d.replace(doc, placeholders=doc.placeholders + tuple(extra_ph),
                     review=doc.review + tuple(extra_items))
