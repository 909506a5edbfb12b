"""``plankit compare``: compose two inputs (or one input with two clause libraries), compare
them and write the redline (or the amendment) and the change summary.

Both sides go through the same pipeline as ``plankit build`` (:func:`plankit.pipeline.draft`),
so a redline shows exactly what the two builds would differ by. Outputs are written as
builds are: all rendered first, then each file whole or not at all, never over a file
plankit did not write (:mod:`plankit.pipeline.write`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from plankit.compare import compare_documents
from plankit.compare.amendment import AMENDABLE_KINDS, amendment_document
from plankit.compare.summary import (ChangeSummary, redline_document, summarize, to_json,
                                     to_markdown)
from plankit.errors import InputError, OutputError, UsageError

__all__ = ["CompareResult", "compare_inputs", "write_document", "REDLINE_FORMATS",
           "SUMMARY_FORMATS"]

log = logging.getLogger("plankit")

REDLINE_FORMATS = ("docx", "pdf", "html", "md", "tree")
"""Formats a redline or amendment is written in (``tree`` for debugging)."""
SUMMARY_FORMATS = {"md": "changes.md", "json": "changes.json"}
"""``--summary`` format -> file ending."""


@dataclass
class CompareResult:
    summary: ChangeSummary
    written: list[Path] = field(default_factory=list)


def _kind_of(loaded) -> str:
    """The kind an input says it is, with the plan type of a plan section ("" if the file
    does not say; the usual error comes when it is drafted)."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    kind = data.get("kind")
    if not isinstance(kind, str):
        return ""
    plan = data.get("plan")
    return f"{kind} ({plan})" if kind == "plan-section" and isinstance(plan, str) else kind


def _load(path: str | Path):
    from plankit.inputs.batch import is_batch
    from plankit.inputs import load

    loaded = load(path)
    if is_batch(loaded):
        raise InputError("has a batch: block; compare takes one document on each side",
                         file=loaded.name,
                         hint="compare one row's document: copy the input without its batch: "
                              "block and fill in that row's values")
    return loaded


def compare_inputs(old_path: str | Path, new_path: Optional[str | Path] = None, *,
                   out_dir: str | Path = "out", formats: Sequence[str] = ("docx",),
                   clause_dirs: Sequence[str | Path] = (),
                   old_clause_dirs: Sequence[str | Path] = (), summary: str = "",
                   as_amendment: bool = False, force: bool = False,
                   render_options: Optional[dict] = None) -> CompareResult:
    """Compare ``old_path`` with ``new_path`` (or, without it, ``old_path`` built with the
    clauses in ``old_clause_dirs`` with it built with ``clause_dirs``) and write
    ``DIR/<new name>.redline.<format>`` (``.amendment.<format>`` with ``as_amendment``) and,
    with ``summary`` ("md" or "json"), ``DIR/<new name>.changes.<md|json>``."""
    from plankit import pipeline
    from plankit.render import render
    from plankit.library import load_library
    from plankit.pipeline.write import OutputFolder, ensure_dir
    from plankit.render import get_format

    if new_path is None and not old_clause_dirs:
        raise UsageError("give two inputs to compare, or one input and --old-clauses DIR",
                         hint="plankit compare OLD.yaml NEW.yaml, or plankit compare INPUT.yaml "
                              "--old-clauses OLD_CLAUSES/")
    for fmt in formats:
        if fmt not in REDLINE_FORMATS:
            raise UsageError(f"a comparison is not written as '{fmt}'",
                             hint="choose from: " + ", ".join(REDLINE_FORMATS[:4]))
    if summary and summary not in SUMMARY_FORMATS:
        raise UsageError(f"--summary '{summary}' is not a summary format",
                         hint="use --summary md or --summary json")
    new_lib = load_library(clause_dirs)
    old_lib = load_library(old_clause_dirs) if old_clause_dirs else new_lib
    pipeline.report_library(new_lib)
    if old_lib is not new_lib:  # its clauses replace the package's on purpose: say nothing
        for path, reason in old_lib.broken.items():
            if path not in new_lib.broken:
                log.warning("%s: this clause file is invalid and was skipped: %s", path, reason)

    old_loaded = _load(old_path)
    new_loaded = _load(new_path) if new_path is not None else old_loaded
    old_kind, new_kind = _kind_of(old_loaded), _kind_of(new_loaded)
    if old_kind and new_kind and old_kind != new_kind:
        raise InputError(f"{old_loaded.name} is a {old_kind} and {new_loaded.name} is a "
                         f"{new_kind}: only two documents of the same kind can be compared",
                         hint="compare two versions of the same document")
    if as_amendment and new_kind and new_kind not in AMENDABLE_KINDS:
        raise UsageError(f"--as amendment drafts an amendment to an agreement; "
                         f"{new_loaded.name} is a {new_kind}",
                         hint="use it with two versions of an MOU ("
                              + ", ".join(AMENDABLE_KINDS) + "), or leave it out for a redline")
    old = pipeline.draft(old_loaded, old_lib)
    new = pipeline.draft(new_loaded, new_lib)
    comparison = compare_documents(old.document, new.document)
    names = {}
    if new_path is None or old_loaded.path.resolve() == new_loaded.path.resolve():
        def folders(dirs) -> str:
            return ("the clauses in " + ", ".join(str(x) for x in dirs)) if dirs else \
                "the standard clauses"
        names = {"old_name": f"{old_loaded.path.name} with {folders(old_clause_dirs)}",
                 "new_name": f"{new_loaded.path.name} with {folders(clause_dirs)}"}
    result = CompareResult(summarize(comparison, old, new, new_lib, **names))

    if as_amendment:
        doc, ending = amendment_document(comparison), "amendment"
    else:
        doc, ending = redline_document(comparison, result.summary), "redline"
    stem = new_loaded.path.stem
    out = Path(out_dir)
    rendered = [(out / f"{stem}.{ending}.{get_format(fmt).extension}",
                 render(doc, fmt, **(render_options or {}))) for fmt in formats]
    if summary:
        text = to_json(result.summary) if summary == "json" else to_markdown(result.summary)
        rendered.append((out / f"{stem}.{SUMMARY_FORMATS[summary]}", text.encode("utf-8")))
    ensure_dir(out)
    folder = OutputFolder(out)
    inputs = {old_loaded.path.resolve(), new_loaded.path.resolve()}
    for target, _ in rendered:
        if target.resolve() in inputs:
            raise OutputError(f"{target} is an input file", hint="choose another folder with -o")
        folder.check(target, force)
    for target, data in rendered:
        folder.write(target, data)
        result.written.append(target)
    return result


def write_document(target: Path, doc, force: bool = False) -> Path:
    """Write one document to ``target``, in the format its ending names (.docx, .pdf, .html
    or .md), whole or not at all."""
    from plankit.render import render
    from plankit.pipeline.write import OutputFolder, ensure_dir
    from plankit.render import get_format

    if target.suffix.lower() not in (".docx", ".pdf", ".html", ".md"):
        raise UsageError(f"cannot tell the format of '{target.name}' from its ending",
                         hint="name the file .docx, .pdf, .html or .md, e.g. -o changes.docx")
    data = render(doc, get_format(target.suffix).name)
    ensure_dir(target.parent if str(target.parent) else Path("."))
    folder = OutputFolder(target.parent)
    folder.check(target, force)
    folder.write(target, data)
    return target
