"""One clause's wording compared between two versions (``plankit clauses diff``).

The older version comes from the clause folder's history (``history/<id>@<version>.md``
beside the clause files: the file as it was at that version) or from another clause folder
(``--old-clauses DIR``). Both are rendered with their example values, as ``plankit clauses
show`` renders them, and compared as any two documents are; the template text can be
compared word by word too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from plankit import document as d
from plankit.compare import compare_documents
from plankit.compare.inline import diff_inlines
from plankit.errors import ClauseError
from plankit.library import HISTORY_DIR, Clause, Library, load_library, read_clause
from plankit.library.model import ClauseChange, version_key
from plankit.paths import CLAUSES_DIR

__all__ = ["ClauseDiff", "diff_clause", "history_versions", "source_redline"]


@dataclass
class ClauseDiff:
    old: Clause
    new: Clause
    notes: list[ClauseChange]
    """The clause's own history between the two versions, oldest first."""
    document: d.Document
    """The example text, with the changes marked, after a short account of the versions."""


def history_versions(library: Library, clause_id: str) -> list[str]:
    """The earlier versions of a clause kept in the history folders of the library, oldest
    first."""
    found: set[str] = set()
    for directory in library.dirs:
        folder = directory / HISTORY_DIR
        if folder.is_dir():
            for path in folder.glob(f"{clause_id}@*.md"):
                found.add(path.name[len(clause_id) + 1:-3])
    return sorted((v for v in found if _is_version(v)), key=version_key)


def _is_version(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 3 and all(p.isdigit() for p in parts)


def _from_history(library: Library, clause_id: str, version: str) -> Clause:
    for directory in library.dirs:
        path = directory / HISTORY_DIR / f"{clause_id}@{version}.md"
        if path.is_symlink() or not path.is_file():
            continue
        origin = "package" if directory == CLAUSES_DIR else str(directory)
        try:
            clause = read_clause(path, origin)
        except (ValueError, OSError) as exc:
            raise ClauseError(f"{path}: this earlier version cannot be read: {exc}",
                              hint="fix the file, or compare with another version") from None
        if clause.id != clause_id or clause.meta.version != version:
            raise ClauseError(f"{path}: the file says it is {clause.id} version "
                              f"{clause.meta.version}",
                              hint=f"name the file {clause.id}@{clause.meta.version}.md")
        return clause
    known = history_versions(library, clause_id)
    raise ClauseError(
        f"there is no version {version} of '{clause_id}' in the clause history",
        hint=(f"versions kept: {', '.join(known)}; " if known else
              "no earlier version of this clause is kept; ")
        + f"keep one as {HISTORY_DIR}/{clause_id}@{version}.md in the clause folder, or "
          "compare with another clause folder: --old-clauses DIR")


def diff_clause(clause_id: str, *, from_version: str | None = None,
                old_clause_dirs: Sequence[str | Path] = (),
                clause_dirs: Sequence[str | Path] = (), minimal: bool = False) -> ClauseDiff:
    """Compare the current version of a clause with ``from_version`` (from the history) or
    with the clause in ``old_clause_dirs``."""
    from plankit.compose.preview import preview
    from plankit.errors import UsageError

    if bool(from_version) == bool(old_clause_dirs):
        raise UsageError("say what to compare the clause with: --from VERSION or "
                         "--old-clauses DIR (one of them)",
                         hint="for example: plankit clauses diff living-wage.require "
                              "--from 1.0.0")
    library = load_library(clause_dirs)
    new = library.get(clause_id)
    if from_version:
        old_library = library
        old = _from_history(library, clause_id, from_version)
    else:
        old_library = load_library(old_clause_dirs)
        old = old_library.get(clause_id)
    mode = "minimal" if minimal else "example"
    comparison = compare_documents(preview(old, old_library, mode), preview(new, library, mode))
    a, b = old.meta.version, new.meta.version
    low, high = (a, b) if version_key(a) <= version_key(b) else (b, a)
    notes = new.meta.changes_between(low, high)
    lines = [d.Paragraph(children=(d.Text(
        f"Clause {clause_id}: version {a} compared with version {b}. Text added is shown as "
        "inserted and text removed as deleted."
        + ("" if comparison.changed else " The text with example values is the same."),),))]
    if notes:
        lines.append(d.BulletList(items=tuple(
            d.ListItem(children=(d.Paragraph(children=(d.Text(_note(n)),)),)) for n in notes)))
    head = d.Section(title=(d.Text("Changes"),), children=tuple(lines), numbered=False,
                     attrs=d.Attrs(id="change-summary", role="change-summary"))
    doc = d.replace(comparison.document, children=(head,) + comparison.document.children,
                    subtitle=f"Clause {clause_id}, version {a} → {b}, with example values",
                    previous=tuple(x for x in comparison.document.previous if x[0] == "title"))
    return ClauseDiff(old, new, notes, doc)


def _note(change: ClauseChange) -> str:
    why = f" Why: {change.why}" if change.why else ""
    return f"Version {change.version} ({d.display_date(change.date.isoformat())}): " \
           f"{change.what}{why}"


def source_redline(old: Clause, new: Clause) -> str:
    """The clause templates compared word by word, as plain text with ``{--removed--}`` and
    ``{++added++}`` marks."""
    merged, _ = diff_inlines((d.Text(old.body.strip()),), (d.Text(new.body.strip()),))
    out = []
    for node in merged:
        if isinstance(node, d.Inserted):
            out.append("{++" + d.inline_text(node.children) + "++}")
        elif isinstance(node, d.Deleted):
            out.append("{--" + d.inline_text(node.children) + "--}")
        else:
            out.append(d.inline_text((node,)))
    return "".join(out)

