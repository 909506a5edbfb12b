"""Checks of an input beyond its schema, shared by every kind.

:func:`input_findings` gives the plausibility warnings (see :mod:`plankit.checks.plausible`)
for a composed input; :func:`settle` merges them with the kind's own findings, leaves out
warnings about a fact the user left open on purpose, and keeps every warning plain: a
warning states its rule and its source, and a source not yet confirmed against the text of
the law becomes a separate note for the reviewer (the review memo), never a doubt in the
same sentence; :func:`with_sentences` adds to each plausibility warning the sentence of the
draft the value appears in.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from plankit import document as d
from plankit.models.common import Finding

_DOUBT = re.compile(r"(;|,)\s*(to be confirmed|not verified)\b", re.IGNORECASE)


def input_findings(ctx: Any) -> list[Finding]:
    """Plausibility warnings for a composed input (its fields and the parameters of the
    clauses it uses)."""
    from plankit.checks.plausible import field_findings, param_findings

    model = ctx.model
    out = field_findings(model)
    chosen = []
    field_name = getattr(model, "selected_field", "provisions")
    for i, (clause_id, params) in enumerate(model.selected_clauses()):
        clause = ctx.library.clauses.get(clause_id)
        if clause is not None:
            chosen.append((clause, params, (field_name, i, "params")))
    for clause_id, params in (model.clause_params or {}).items():
        clause = ctx.library.clauses.get(clause_id)
        if clause is not None and clause_id in ctx.used:
            chosen.append((clause, params, ("clause_params", clause_id)))
    out += param_findings(chosen)
    return out


def settle(findings: list[Finding], model: Any) -> list[Finding]:
    """The findings as reported: none about a field left open, doubts split off as notes."""
    from plankit.models.open import walk_open

    opened = {tuple(p) for p, _, _ in walk_open(model)}
    out: list[Finding] = []
    for f in findings:
        if tuple(f.path) in opened:
            continue  # the user left it open: it is listed as a fact to supply
        if f.severity == "warning" and f.source and _DOUBT.search(f.source):
            plain = _DOUBT.sub("", f.source).strip()
            out.append(replace(f, source=plain))
            out.append(Finding(f.path, f"Confirm the source of this warning against the text "
                                       f"of the law: {plain}.", rule=f.rule, source=plain,
                               severity="note"))
            continue
        out.append(f)
    return out


def _texts(doc: d.Document) -> list[str]:
    out: list[str] = []
    for node in d.walk(doc):
        if isinstance(node, (d.Paragraph, d.TableCell)):
            out.append(d.inline_text(node.children) if isinstance(node, d.Paragraph)
                       else " ".join(d.inline_text(c.children) for c in node.children
                                     if isinstance(c, d.Paragraph)) or
                       d.inline_text(node.children))
    return out


def _sentence(text: str, needle: str) -> str:
    m = re.search(r"(?<![\w.$])" + re.escape(needle) + r"(?![\d])", text)
    if m is None:
        return ""
    at = m.start()
    start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(". ", at)
    end = len(text) if end < 0 else end + 1
    sentence = text[start:end].strip()
    if len(sentence) > 160:
        left = max(at - start - 70, 0)
        sentence = ("…" if left else "") + sentence[left:left + 150].strip() + "…"
    return sentence


def with_sentences(findings: list[Finding], doc: d.Document) -> list[Finding]:
    """Each plausibility warning with the sentence of the draft its value appears in."""
    texts = None
    out = []
    for f in findings:
        if f.shown:
            texts = _texts(doc) if texts is None else texts
            found = next((s for s in (_sentence(t, f.shown) for t in texts) if s), "")
            if found:
                f = replace(f, message=f"{f.message}; the draft reads “{found}”")
        out.append(f)
    return out
