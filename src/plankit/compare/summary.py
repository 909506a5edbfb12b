"""The change summary: what changed between two documents, in words a reviewer scans first.

It lists sections added, removed, moved and changed (changed: their own text, not only a
subsection's); clauses whose version changed, with the clause's own note of what changed
and why (its ``changes:`` history); values in the input that changed (as the input writes
them); facts filled in or newly left open (placeholders); and content warnings, rule notes
and rule checks that appeared, went away or changed their result.

The same summary is the first page of the redline (:func:`summary_section`), Markdown
(:func:`to_markdown`) and JSON (:func:`to_json`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from plankit import document as d
from plankit.compare import Comparison, SectionChange
from plankit.compare.values import ValueChange, value_changes

__all__ = ["ChangeSummary", "summarize", "summary_section", "to_markdown", "to_json"]


@dataclass
class SectionEntry:
    change: str
    """``added``, ``removed``, ``moved`` or ``changed``."""
    number: str
    """Its number in the newer document ("" for a removed section)."""
    title: str
    old_number: str = ""
    """Its number in the older document, when it had one and it differs."""


@dataclass
class ClauseEntry:
    id: str
    change: str
    """``new version``, ``added`` or ``removed``."""
    old_version: str = ""
    new_version: str = ""
    notes: list[dict] = field(default_factory=list)
    """The clause's own history between the two versions: version, date, what, why."""


@dataclass
class FactEntry:
    change: str
    """``filled`` (a placeholder the older document had) or ``opened``."""
    prompt: str
    field: str = ""


@dataclass
class FindingEntry:
    change: str
    """``appeared``, ``gone`` or, for a rule check, ``old result → new result``."""
    kind: str
    """``warning``, ``rule note`` or ``rule check``."""
    text: str
    field: str = ""


@dataclass
class ChangeSummary:
    old_name: str
    new_name: str
    old_date: str
    new_date: str
    title: str
    old_title: str = ""
    """The older document's title, when it differs."""
    sections: list[SectionEntry] = field(default_factory=list)
    renumbered: int = 0
    """Sections whose number changed and nothing else."""
    clauses: list[ClauseEntry] = field(default_factory=list)
    values: list[ValueChange] = field(default_factory=list)
    facts: list[FactEntry] = field(default_factory=list)
    findings: list[FindingEntry] = field(default_factory=list)
    text_changed: bool = False

    @property
    def no_changes(self) -> bool:
        return not (self.text_changed or self.old_title or self.sections or self.clauses
                    or self.values or self.facts or self.findings)

    def counts(self) -> str:
        """One line for the terminal: what the summary holds."""
        if self.no_changes:
            return "no changes"
        parts = []
        for change in ("added", "removed", "moved", "changed"):
            n = sum(1 for s in self.sections if s.change == change)
            if n:
                parts.append(f"{n} section{'s' if n != 1 else ''} {change}")
        for items, word in ((self.clauses, "clause version"), (self.values, "value"),
                            (self.facts, "fact"), (self.findings, "finding")):
            if items:
                parts.append(f"{len(items)} {word}{'s' if len(items) != 1 else ''} changed")
        return ", ".join(parts) or "wording changed"


# --------------------------------------------------------------------------- making it


def _sections(changes: list[SectionChange], out: list[SectionEntry]) -> int:
    """Flatten the section changes; returns how many sections were only renumbered."""
    renumbered = 0
    for c in changes:
        if c.status in ("added", "removed", "moved"):
            number = c.new_number if c.status != "removed" else ""
            old = c.old_number if c.status != "added" and c.old_number != number else ""
            out.append(SectionEntry(c.status, number, c.title, old))
            continue
        if c.direct:
            old = c.old_number if c.old_number != c.new_number else ""
            out.append(SectionEntry("changed", c.new_number, c.title, old))
        elif c.status == "same" and c.old_number != c.new_number:
            renumbered += 1
        renumbered += _sections(c.children, out)
    return renumbered


def _clauses(old: d.Document, new: d.Document, library) -> list[ClauseEntry]:
    before = {c.id: c.version for c in old.provenance.clauses}
    after = {c.id: c.version for c in new.provenance.clauses}
    out: list[ClauseEntry] = []
    for cid in list(after) + [c for c in before if c not in after]:
        a, b = before.get(cid, ""), after.get(cid, "")
        if a == b:
            continue
        if not a:
            out.append(ClauseEntry(cid, "added", new_version=b))
            continue
        if not b:
            out.append(ClauseEntry(cid, "removed", old_version=a))
            continue
        notes: list[dict] = []
        clause = library.clauses.get(cid) if library is not None else None
        if clause is not None:
            notes = [{"version": c.version, "date": c.date.isoformat(), "what": c.what,
                      "why": c.why} for c in clause.meta.changes_between(a, b)]
        out.append(ClauseEntry(cid, "new version", a, b, notes))
    return out


def _facts(old: d.Document, new: d.Document) -> list[FactEntry]:
    def keyed(doc: d.Document) -> dict[tuple[str, str], None]:
        return {(p.name, p.prompt): None for p in doc.placeholders}

    before, after = keyed(old), keyed(new)
    out = [FactEntry("filled", prompt, name) for name, prompt in before if (name, prompt)
           not in after]
    out += [FactEntry("opened", prompt, name) for name, prompt in after if (name, prompt)
            not in before]
    return out


_FINDING_KINDS = {"warning": "warning", "rule": "rule note"}


def _findings(old: d.Document, new: d.Document) -> list[FindingEntry]:
    def keyed(doc: d.Document) -> dict[tuple[str, str, str], None]:
        return {(r.kind, r.field, r.text): None for r in doc.review if r.kind in _FINDING_KINDS}

    before, after = keyed(old), keyed(new)
    out = [FindingEntry("gone", _FINDING_KINDS[k], text, f) for k, f, text in before
           if (k, f, text) not in after]
    out += [FindingEntry("appeared", _FINDING_KINDS[k], text, f) for k, f, text in after
            if (k, f, text) not in before]
    checks_before = {c.title: _outcome(c.outcome) for c in old.checks}
    checks_after = {c.title: _outcome(c.outcome) for c in new.checks}
    for title, outcome in checks_after.items():
        was = checks_before.get(title)
        if was is None:
            out.append(FindingEntry("appeared", "rule check", f"{title}: {outcome}"))
        elif was != outcome:
            out.append(FindingEntry(f"{was} → {outcome}", "rule check", title))
    out += [FindingEntry("gone", "rule check", f"{title}: {outcome}")
            for title, outcome in checks_before.items() if title not in checks_after]
    return out


def _outcome(outcome: str) -> str:
    """A rule check's result in the words the review memo uses ("recorded": "relied on")."""
    from plankit.render.memo import OUTCOMES

    words = OUTCOMES.get(outcome, outcome)
    return words[:1].lower() + words[1:]


def summarize(comparison: Comparison, old_draft: Any, new_draft: Any,
              library=None, old_name: str = "", new_name: str = "") -> ChangeSummary:
    """The change summary of two drafts (:class:`plankit.api.Draft`: the input and its
    composed document) and their comparison. ``library``: where the newer clauses' history
    is read; ``old_name``, ``new_name``: how to call each side (default: its file name)."""
    old, new = comparison.old, comparison.new
    summary = ChangeSummary(
        old_name=old_name or old_draft.loaded.path.name,
        new_name=new_name or new_draft.loaded.path.name,
        old_date=old.date, new_date=new.date, title=new.title,
        old_title=old.title if old.title != new.title else "",
        text_changed=comparison.changed)
    summary.renumbered = _sections(comparison.sections, summary.sections)
    summary.clauses = _clauses(old, new, library)
    summary.values = value_changes(old_draft.loaded, new_draft.loaded)
    summary.facts = _facts(old, new)
    summary.findings = _findings(old, new)
    return summary


# --------------------------------------------------------------------------- writing it


def _dated(name: str, date: str) -> str:
    return f"{name} (dated {d.display_date(date)})" if date else name


def _section_label(s: SectionEntry) -> str:
    if not s.number:
        return s.title or "Untitled section"
    return f"Section {s.number}, {s.title}" if s.title else f"Section {s.number}"


def _change_words(s: SectionEntry) -> str:
    if s.old_number and s.change in ("moved", "changed", "removed"):
        return f"{s.change} (was Section {s.old_number})"
    return s.change


def _clause_words(c: ClauseEntry) -> str:
    if c.change == "added":
        return f"added (version {c.new_version})"
    if c.change == "removed":
        return f"removed (was version {c.old_version})"
    return f"version {c.old_version} → {c.new_version}"


def _note_words(note: dict) -> str:
    why = f" Why: {note['why']}" if note.get("why") else ""
    return f"{note['version']} ({d.display_date(note['date'])}): {note['what']}{why}"


def _intro(s: ChangeSummary) -> str:
    return (f"Changes from {_dated(s.old_name, s.old_date)} to "
            f"{_dated(s.new_name, s.new_date)}.")


def to_markdown(s: ChangeSummary) -> str:
    """The summary as a Markdown page."""
    from plankit.render.markdown import escape

    out = [f"# Changes: {escape(s.title)}", "", escape(_intro(s)), ""]
    if s.no_changes:
        return "\n".join(out + ["No changes.", ""])
    if s.old_title:
        out += [f"Title: {escape(s.old_title)} → {escape(s.title)}", ""]
    if s.sections or s.renumbered or s.text_changed:
        out += ["## Sections", ""]
        out += [f"- {escape(_section_label(x))}: {escape(_change_words(x))}"
                for x in s.sections]
        if s.renumbered:
            out.append(f"- {s.renumbered} other section{'s' if s.renumbered != 1 else ''} "
                       "renumbered")
        if not s.sections and not s.renumbered:
            out.append("- wording changed outside the numbered sections")
        out.append("")
    for title, lines in (
            ("Clause versions", [f"- {escape(c.id)}: {escape(_clause_words(c))}"
                                 + "".join(f"\n  - {escape(_note_words(n))}" for n in c.notes)
                                 for c in s.clauses]),
            ("Values", [f"- `{v.field}`: {escape(v.old)} → {escape(v.new)}" for v in s.values]),
            ("Facts to supply", [f"- {f.change}: \\[{escape(f.prompt)}\\]"
                                 + (f" (`{f.field}`)" if f.field and f.field != f.prompt else "")
                                 for f in s.facts]),
            ("Warnings and rule checks", [f"- {escape(f.kind)}: {escape(f.text)}"
                                          + (f" (`{f.field}`)" if f.field else "")
                                          + f": {escape(f.change)}" for f in s.findings])):
        if lines:
            out += [f"## {title}", "", *lines, ""]
    return "\n".join(out)


def to_json(s: ChangeSummary) -> str:
    """The summary as JSON (stable key order)."""
    data = asdict(s)
    data["no_changes"] = s.no_changes
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _cell(text: str) -> d.TableCell:
    return d.TableCell(children=(d.Text(text),))


def _table(caption: str, heads: tuple[str, ...], rows: list[tuple[str, ...]]) -> d.Table:
    return d.Table(header=d.TableRow(cells=tuple(_cell(h) for h in heads)),
                   rows=tuple(d.TableRow(cells=tuple(_cell(c) for c in row)) for row in rows),
                   caption=caption)


def _para(text: str) -> d.Paragraph:
    return d.Paragraph(children=(d.Text(text),))


def summary_section(s: ChangeSummary) -> d.Section:
    """The summary as the first section of a redline (unnumbered)."""
    blocks: list = [_para(_intro(s) + " Text added is shown as inserted and text removed as "
                          "deleted: accepting every change gives the newer document, "
                          "rejecting every change the older one.")]
    if s.no_changes:
        blocks.append(d.Paragraph(children=(d.Strong((d.Text("No changes."),)),)))
    if s.old_title:
        blocks.append(_para(f"Title: {s.old_title} → {s.title}"))
    if s.sections:
        blocks.append(_table("Sections added, removed, moved or changed",
                             ("Section", "Title", "Change"),
                             [(x.number or "—", x.title, _change_words(x))
                              for x in s.sections]))
    if s.renumbered:
        were = "s were" if s.renumbered != 1 else " was"
        blocks.append(_para(f"{s.renumbered} other section{were} renumbered, with the "
                            "cross-references to them."))
    if s.clauses:
        blocks.append(_table("Clause versions", ("Clause", "Change", "What changed and why"),
                             [(c.id, _clause_words(c), " ".join(_note_words(n)
                                                                for n in c.notes))
                              for c in s.clauses]))
    if s.values:
        blocks.append(_table("Values changed in the input", ("Field", "Before", "After"),
                             [(v.field, v.old, v.new) for v in s.values]))
    if s.facts:
        blocks.append(_table("Facts filled in or left open", ("Fact", "Field", "Change"),
                             [(f"[{f.prompt}]", f.field if f.field != f.prompt else "",
                               f.change) for f in s.facts]))
    if s.findings:
        blocks.append(_table("Warnings and rule checks", ("Finding", "Kind", "Change"),
                             [(f.text + (f" ({f.field})" if f.field else ""), f.kind, f.change)
                              for f in s.findings]))
    return d.Section(title=(d.Text("Summary of changes"),), children=tuple(blocks),
                     numbered=False, attrs=d.Attrs(id="change-summary", role="change-summary"))


def redline_document(comparison: Comparison, s: Optional[ChangeSummary]) -> d.Document:
    """The redline: the summary first, then the compared text from a new page."""
    doc = comparison.document
    if s is None:
        return doc
    children = list(doc.children)
    if children:
        children[0] = _page_first(children[0])
    return d.replace(doc, children=(summary_section(s),) + tuple(children))


def _page_first(block):
    """``block`` starting a new page (a section, or a section inside a revision)."""
    if isinstance(block, d.Section):
        if block.attrs.get("break-before") == "page":
            return block
        return d.replace(block, attrs=d.replace(
            block.attrs, extra=tuple(sorted(block.attrs.extra + (("break-before", "page"),)))))
    if isinstance(block, d.Revision) and block.children:
        return d.replace(block, children=(_page_first(block.children[0]),)
                         + block.children[1:])
    return block
