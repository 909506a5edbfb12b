"""An amendment to an agreement, drafted from the difference between two versions of it.

Each change becomes a numbered item that counsel would write by hand: "Section 12 of the
Agreement is amended to read as follows:" with the section's new text, "A new Section 5.3 is
added after Section 5.2, to read as follows:", "Section 7.2 is deleted.", a table of the
sections renumbered, and, last, the usual closing terms and a signature table for the
parties of the newer version. Section numbers in the items are those of the Agreement as it
read before the amendment, except for the numbers sections take under it.

A section is amended as a whole when its own text changed (its subsections are then
restated with it); otherwise only its subsections that changed are. The signature page and
the review apparatus are not amended.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from plankit import document as d
from plankit.compare import Comparison, SectionChange
from plankit.compare.blocks import shown_number

__all__ = ["amendment_document", "AMENDABLE_KINDS"]

AMENDABLE_KINDS = ("mou-data-sharing", "mou-sector-partnership")
"""Document kinds that are agreements among parties, and so are changed by amendment."""

_SKIP_IDS = ("signatures", "audit-trail", "review-checklist", "definitions-index")


def _skipped(section: Optional[d.Section]) -> bool:
    if section is None:
        return False
    ident = section.attrs.id
    return ident.endswith("signatures") or ident in _SKIP_IDS or \
        section.attrs.role in ("provenance", "checklist")


def _name(section: d.Section, numbered_word: str = "Section") -> str:
    """How the amendment refers to a section: "Section 12 (Breach notification)", or the
    title of an unnumbered one ("Exhibit A: Data element schedule")."""
    title = " ".join(d.inline_text(section.title).split())
    number = shown_number(section)
    if number:
        return f"{numbered_word} {number} ({title})" if title else f"{numbered_word} {number}"
    return title or "the untitled part"


def _text(s: str) -> d.Paragraph:
    return d.Paragraph(children=(d.Text(s),))


def _flat(section: d.Section, depth: int = 0) -> tuple:
    """A section's text as it will read, with its heading (and its subsections' headings)
    as bold paragraphs, so the restated text does not become part of the amendment's own
    outline."""
    number = shown_number(section)
    head = f"{number} " if number else ""
    out: list = [d.Paragraph(children=(d.Strong((d.Text(head),) + section.title),),
                             attrs=d.Attrs(role="amended-heading"))]
    for block in section.children:
        if isinstance(block, d.Section):
            out.extend(_flat(block, depth + 1))
        elif not isinstance(block, d.Note):
            out.append(block)
    return tuple(out)


def _restated(section: d.Section) -> d.Container:
    return d.Container(children=_flat(section), attrs=d.Attrs(role="amended-text"))


class _Items:
    """The numbered items of the amendment, in the order of the Agreement."""

    def __init__(self) -> None:
        self.items: list[tuple[str, tuple]] = []
        self.renumbered: list[tuple[str, str, str]] = []
        self.loose = False
        """Text outside every section changed (the reviewer amends it by hand)."""

    def add(self, title: str, *blocks) -> None:
        self.items.append((title, tuple(blocks)))

    def walk(self, changes: list[SectionChange], parent: Optional[SectionChange]) -> None:
        previous: Optional[d.Section] = None  # the last sibling the Agreement already had
        for c in changes:
            if _skipped(c.old) or _skipped(c.new):
                continue
            if c.status == "removed":
                self.add(_name(c.old), _text(f"{_name(c.old)} is deleted."))
            elif c.status == "added":
                self.add(_name(c.new), _text(self._added_where(c.new, previous, parent)),
                         _restated(c.new))
            elif c.status == "moved":
                where = (f"to follow {_name(previous)}" if previous is not None
                         else "to the beginning of "
                         + (_name(parent.old) if parent is not None else "the Agreement"))
                renumber = (f", and renumbered as Section {c.new_number}"
                            if c.new_number and c.new_number != c.old_number else "")
                self.add(_name(c.old), _text(f"{_name(c.old)} is moved {where}{renumber}."))
            elif c.direct:
                self.add(_name(c.old), _text(f"{_name(c.old)} is amended to read as "
                                             "follows:"), _restated(c.new))
            else:
                if c.old_number != c.new_number and c.old_number and c.new_number:
                    self.renumbered.append((c.old_number, c.new_number, c.title))
                self.walk(c.children, c)
            if c.status != "added" and c.new is not None:
                previous = c.old

    @staticmethod
    def _added_where(section: d.Section, previous: Optional[d.Section],
                     parent: Optional[SectionChange]) -> str:
        new = f"A new {_name(section)}"
        if previous is not None:
            where = f"after {_name(previous)}"
        elif parent is not None and parent.old is not None:
            where = f"at the beginning of {_name(parent.old)}"
        else:
            where = "at the beginning of the Agreement"
        return f"{new} is added {where}, to read as follows:"


def _parties(doc: d.Document) -> tuple[list[str], tuple]:
    """The parties' names and the signature table (or block) of an agreement."""
    for block in doc.children:
        if isinstance(block, d.Section) and block.attrs.id.endswith("signatures"):
            forms = tuple(b for b in block.children
                          if isinstance(b, (d.Table, d.SignatureBlock)))
            names: list[str] = []
            for form in forms:
                if isinstance(form, d.SignatureBlock):
                    names += [s.party for s in form.signatories]
                else:
                    names += [d.inline_text(r.cells[0].children).strip() for r in form.rows
                              if r.cells]
            return [n for n in names if n], forms
    return [], ()


def _join(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def amendment_document(comparison: Comparison) -> d.Document:
    """The amendment that turns ``comparison.old`` into ``comparison.new``."""
    old, new = comparison.old, comparison.new
    items = _Items()
    if old.title != new.title:
        items.add("Title of the Agreement",
                  _text("The title of the Agreement is amended to read: " + new.title))
    items.walk(comparison.sections, None)
    if items.renumbered:
        items.add("Renumbering", _text(
            "The following sections are renumbered, and each reference in the Agreement to "
            "one of them refers to it as renumbered:"),
            d.Table(header=d.TableRow(cells=tuple(d.TableCell(children=(d.Text(h),)) for h in (
                "Section before this Amendment", "Section after this Amendment", "Title"))),
                rows=tuple(d.TableRow(cells=tuple(d.TableCell(children=(d.Text(x),))
                                                  for x in row)) for row in items.renumbered),
                caption="Sections renumbered"))
    names, forms = _parties(new)
    dated = f" dated {d.display_date(old.date, old.lang)}" if old.date else ""
    intro = [_text(f"This Amendment amends the {old.title}{dated} (the Agreement)"
                   + (f", made between {_join(names)}" if names and not all(
                       n in old.title for n in names) else "") + ".")]
    if items.items:
        intro.append(_text("The parties agree to amend the Agreement as set out below. A "
                           "section number refers to the section of the Agreement as it read "
                           "before this Amendment, except where a section is added or "
                           "renumbered by it."))
    else:
        intro.append(_text("The two versions of the Agreement compared are the same: this "
                           "Amendment changes nothing."))
    body: list[d.Section] = [d.Section(title=(d.Text("Parties and purpose"),),
                                       children=tuple(intro), numbered=False)]
    for n, (title, blocks) in enumerate(items.items, start=1):
        body.append(d.Section(title=(d.Text(title),), children=blocks, number=str(n)))
    body.append(d.Section(title=(d.Text("Effect of this Amendment"),), number=str(
        len(items.items) + 1), children=(
        _text("Except as amended by this Amendment, the Agreement remains in full force and "
              "effect. If this Amendment conflicts with the rest of the Agreement, this "
              "Amendment controls."),
        _text("This Amendment takes effect on the date the last party signs it. It may be "
              "signed in counterparts, each of which is an original, and together they are "
              "one amendment."))))
    signing = (_text("Each official signing below is authorized to sign this Amendment for the "
                     "party named beside the signature."),) + forms
    body.append(d.Section(title=(d.Text("Signatures"),), children=signing, numbered=False,
                          attrs=d.Attrs(id="amendment-signatures", role="signatures")))
    placeholders = tuple(n for n in d.walk(d.Document(title="", children=tuple(body)))
                         if isinstance(n, d.Placeholder))
    return replace(new, title=f"Amendment to the {old.title}", subtitle="",
                   children=tuple(body), kind="amendment",
                   subject=f"Amendment to the {old.title}", placeholders=placeholders,
                   review=(), checks=(), toc=False, review_notes="inline", previous=())
