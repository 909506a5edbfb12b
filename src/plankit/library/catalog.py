"""The clause catalog: every clause of a library, grouped by topic, as one document.

Staff who choose clauses read it like a reference book: for each clause its summary, where
it can be used, its parameters with an example value each, its legal basis, the terms it
defines, the drafter notes, and the text it produces with the example values.
"""

from __future__ import annotations

from types import SimpleNamespace

from plankit import __version__
from plankit import document as d
from plankit.library import Clause, Library
from plankit.library.preview import compose_clause
from plankit.library.topics import topic_order, topic_title


def _text(value: str) -> tuple:
    return (d.Text(value),)


def _cell(value: str) -> d.TableCell:
    return d.TableCell(children=_text(value))


def _para(value: str, role: str = "") -> d.Paragraph:
    return d.Paragraph(children=_text(value), attrs=d.Attrs(role=role) if role else d.NO_ATTRS)


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def variant_label(variant: str) -> str:
    return {"require": "requirement", "incentivize": "scored incentive",
            "encourage": "encouraged (not binding)", "standard": "standard text"}.get(
        variant, variant.replace("-", " "))


def clause_facts(clause: Clause) -> list:
    """The reference part of a catalog entry: what the clause is and what it needs."""
    m = clause.meta
    blocks: list = []
    if m.summary:
        blocks.append(_para(m.summary))
    origin = "built in" if clause.origin == "package" else clause.origin
    blocks.append(d.Table(
        header=d.TableRow(cells=tuple(_cell(h) for h in
                                      ("Clause id", "Kind of provision", "Used in", "Version",
                                       "Source"))),
        rows=(d.TableRow(cells=(_cell(m.id), _cell(variant_label(m.variant)),
                                _cell(", ".join(m.kinds)), _cell(m.version), _cell(origin))),),
        caption=f"About the clause {m.id}"))
    if m.params:
        rows = []
        for name, spec in m.params.items():
            kind = spec.type + (f" ({', '.join(spec.choices)})" if spec.choices else "")
            need = "required" if spec.required else (
                f"default {_shown(spec.default)}" if spec.default is not None else "optional")
            rows.append(d.TableRow(cells=(_cell(name), _cell(kind), _cell(need),
                                          _cell(_shown(spec.example)), _cell(spec.help))))
        blocks.append(d.Table(
            header=d.TableRow(cells=tuple(_cell(h) for h in (
                "Parameter", "Type", "Required or default", "Example", "What to enter"))),
            rows=tuple(rows), caption=f"Parameters of {m.id}"))
    else:
        blocks.append(_para("This clause takes no parameters; it reads what it needs from "
                            "the document's input file."))
    if m.citations:
        blocks.append(_para("Legal basis and sources:"))
        items = []
        for c in m.citations:
            extra = f" (as of {d.display_date(c.as_of.isoformat())})" if c.as_of else ""
            if not c.verified:
                extra += " (to be confirmed by the reviewer)"
            items.append(d.ListItem(children=(d.Paragraph(children=(
                d.Text(f"{c.title}: "), d.Emph(children=_text(c.cite)), d.Text(extra))),)))
        blocks.append(d.BulletList(items=tuple(items)))
    if m.defines:
        blocks.append(_para("Terms it defines:"))
        blocks.append(d.BulletList(items=tuple(
            d.ListItem(children=(d.Paragraph(children=(
                d.Strong(children=_text(term)), d.Text(f": {meaning}"))),))
            for term, meaning in m.defines.items())))
    for note in m.notes:
        blocks.append(d.Note(children=_text(note)))
    return blocks


def build_catalog(library: Library, *, topic: str | None = None,
                  kind: str | None = None) -> d.Document:
    """The catalog document, after passes (numbered, cross-references resolved)."""
    from plankit.compose import run_passes

    clauses = [library.clauses[i] for i in library.ids()]
    clauses = [c for c in clauses if (not topic or c.meta.topic == topic)
               and (not kind or kind in c.meta.kinds)]
    topics = sorted({c.meta.topic for c in clauses}, key=topic_order)
    used: dict[str, Clause] = {}
    children: list = [d.Section(
        title=_text("How to use this catalog"), numbered=False, children=(
            _para("Each entry below is one clause: a provision plankit can put in a plan "
                  "section, an agreement or a solicitation. Entries are grouped by topic. "
                  "Many topics come in several strengths: a requirement (the contractor "
                  "must), a scored incentive (proposers earn evaluation points for "
                  "committing) and an encouragement (not binding)."),
            _para("To use a clause, name its id in your input file (for a solicitation, "
                  "under 'provisions') and give its parameters. The example text shows "
                  "what the clause says with the example values from the parameter table; "
                  "words in brackets are facts a drafter must still supply."),
            _para("The legal sources listed for a clause are what the clause rests on. "
                  "Those marked 'to be confirmed' must be checked by the reviewer before "
                  "the document is released, and dated entries describe policy as of that "
                  "date.")))]
    for t in topics:
        entries = []
        for clause in (c for c in clauses if c.meta.topic == t):
            sections, ctx = compose_clause(clause, library)
            used.update(ctx.used)
            example = [d.replace(s, title=_text("Example text")) for s in sections]
            entries.append(d.Section(
                title=_text(clause.meta.title), children=tuple(clause_facts(clause) + example),
                attrs=d.Attrs(id=f"catalog-{clause.id}")))
        children.append(d.Section(title=_text(topic_title(t)), children=tuple(entries),
                                  attrs=d.Attrs(id=f"topic-{t}")))
    count = len(clauses)
    doc = d.Document(
        title="plankit clause library",
        subtitle=f"{count} clause{'s' if count != 1 else ''} in {len(topics)} "
                 f"topic{'s' if len(topics) != 1 else ''}, plankit {__version__}",
        children=tuple(children), kind="catalog",
        subject="Catalog of workforce provisions: parameters, legal basis and example text",
        author="plankit clause library",
        provenance=d.Provenance(plankit_version=__version__, input_sha256="0" * 64,
                                input_name="clause library"))
    ctx = SimpleNamespace(used=used, library=library, standalone=True)
    return run_passes(doc, ctx)
