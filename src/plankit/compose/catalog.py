"""The clause catalog: every clause of a library, grouped by topic, as one document.

Staff who choose clauses read it like a reference book: for each clause its summary, where
it can be used, its parameters with an example value each, its legal basis, the terms it
defines, the drafter notes, and the text it produces with the example values.
"""

from __future__ import annotations


from plankit import __version__
from plankit import document as d
from plankit.library import Clause, Library
from plankit.library.model import version_key
from plankit.compose.passctx import ComposeContext
from plankit.compose.preview import compose_clause
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
    if m.changes:
        blocks.append(_para("History of its wording:"))
        blocks.append(d.BulletList(items=tuple(
            d.ListItem(children=(_para(change_line(c)),))
            for c in sorted(m.changes, key=lambda c: version_key(c.version), reverse=True))))
    for note in m.notes:
        blocks.append(d.Note(children=_text(note)))
    return blocks


def change_line(change) -> str:
    """One entry of a clause's history in words."""
    why = f" Why: {change.why}" if change.why else ""
    return (f"Version {change.version} ({d.display_date(change.date.isoformat())}): "
            f"{change.what}{why}")


def changed_since(library: Library, since) -> list[tuple[Clause, object]]:
    """(clause, history entry) for each entry dated on or after ``since``, newest first."""
    rows = [(c, ch) for c in library.clauses.values() for ch in c.meta.changes
            if ch.date >= since]
    return sorted(rows, key=lambda r: (r[1].date, r[0].id), reverse=True)


def build_catalog(library: Library, *, topic: str | None = None,
                  kind: str | None = None, since=None) -> d.Document:
    """The catalog document, after passes (numbered, cross-references resolved).
    ``since`` (a date): only the clauses whose wording changed on or after it, after a list
    of those changes."""
    from plankit.compose import run_passes

    clauses = [library.clauses[i] for i in library.ids()]
    clauses = [c for c in clauses if (not topic or c.meta.topic == topic)
               and (not kind or kind in c.meta.kinds)]
    changes = []
    if since is not None:
        changes = [(c, ch) for c, ch in changed_since(library, since) if c in clauses]
        clauses = [c for c in clauses if any(c is x for x, _ in changes)]
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
    if since is not None:
        shown = d.display_date(since.isoformat())
        children.append(d.Section(
            title=_text(f"Changes since {shown}"), numbered=False,
            attrs=d.Attrs(id="changed-since"),
            children=(d.Table(
                header=d.TableRow(cells=tuple(_cell(h) for h in (
                    "Clause", "Version", "Date", "What changed", "Why"))),
                rows=tuple(d.TableRow(cells=(
                    _cell(c.id), _cell(ch.version), _cell(ch.date.isoformat()), _cell(ch.what),
                    _cell(ch.why))) for c, ch in changes),
                caption=f"Clause wording changed since {shown}"),) if changes else (
                _para(f"No clause's wording has changed since {shown}."),)))
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
    ctx = ComposeContext(used=used, library=library, standalone=True)
    return run_passes(doc, ctx)
