"""plankit as a library: ``build`` and ``validate`` inputs, ``draft`` one, ``render`` a
document. The command line (:mod:`plankit.cli`) is a thin layer over these functions; the
work is in :mod:`plankit.pipeline`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from plankit.errors import UsageError
from plankit.inputs.batch import is_batch
from plankit.inputs.files import load
from plankit.library import Library, load_library
from plankit.pipeline import (Draft, GroupResult, Job, Reporter, build_group, check_group,
                              document_files, draft, expand, finding_lines, linked_documents,
                              placeholder_lines, read_input, report_library)
from plankit.render import get_format, render

log = logging.getLogger("plankit")

__all__ = ["BuildResult", "Draft", "branding_options", "build", "check_branding", "draft",
           "output_files",
           "is_batch", "load", "load_library",
           "finding_lines", "linked_documents", "load_rules", "parse_formats",
           "placeholder_lines", "read_input", "render", "validate"]


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    """The drafts of the input files (not of a batch's rows)."""
    batches: list[GroupResult] = field(default_factory=list)
    """One result per batch input (its files are listed there, and were announced as they
    were written)."""


def load_rules(files: Sequence[str | Path] = ()):
    """Rule files laid over the package's rules, loaded and checked (see
    :mod:`plankit.rules`); pass the result as ``rules=`` to :func:`build` or
    :func:`validate`."""
    from plankit.rules import load_rules as load

    return load(files)


def parse_formats(spec: str | Iterable[str]) -> list[str]:
    names = spec.split(",") if isinstance(spec, str) else list(spec)
    out: list[str] = []
    for name in names:
        if not name.strip():
            continue
        fmt = get_format(name).name
        if fmt not in out:
            out.append(fmt)
    if not out:
        raise UsageError("no output format given", hint="for example: -f docx,pdf")
    return out


def branding_options(reference_docx: str | Path | None = None,
                     css_file: str | Path | None = None,
                     pdf_engine: str | None = None) -> dict:
    """Renderer options for an agency's look: a reference Word file and a print stylesheet,
    and the PDF engine. All are checked now, so a typo fails before any document is
    drafted."""
    from plankit.errors import InputError
    from plankit.render import get_pdf_engine

    options: dict = {}
    if pdf_engine:
        options["pdf_engine"] = get_pdf_engine(pdf_engine)
    if reference_docx:
        path = Path(reference_docx)
        if not path.is_file():
            raise UsageError(f"--reference-docx: '{path}' does not exist",
                             hint="give the path of a .docx file whose styles to use")
        options["reference_docx"] = path
    if css_file:
        path = Path(css_file)
        if not path.is_file():
            raise UsageError(f"--css: '{path}' does not exist",
                             hint="give the path of a .css file")
        try:
            options["extra_css"] = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"--css: '{path}' is not a UTF-8 text file",
                             hint="save the stylesheet as UTF-8 text") from None
        except OSError as exc:
            raise InputError(f"--css: cannot read '{path}': {exc.strerror}") from None
    return options


def check_branding(formats: Sequence[str], options: dict) -> None:
    """``--css`` cannot style a PDF the Typst engine makes: say so before any work."""
    if options.get("extra_css") and options.get("pdf_engine") == "typst" and "pdf" in formats:
        raise UsageError("--css styles the HTML and the PDF the WeasyPrint engine makes; the "
                         "Typst engine does not read CSS",
                         hint="a Typst PDF takes its branding from the input's options "
                              "(letterhead, logo and logo_description); leave out --css, or "
                              "use --pdf-engine weasyprint")


def build(inputs: Sequence[str | Path], out_dir: str | Path = "out", formats="docx,pdf,html,md",
          *, strict: bool = False, clause_dirs: Sequence[str | Path] = (), force: bool = False,
          library: Library | None = None, render_options: dict | None = None,
          report: bool = True, jobs: int | None = None, rules=(),
          final: bool = False, reporter: Optional[Reporter] = None) -> BuildResult:
    """Build every input into every format. Each output is written whole or not at all.
    ``rules``: domain rule files (or a loaded :class:`plankit.rules.RuleBook`) laid over
    the package's rules; see :mod:`plankit.rules`.

    An input with a ``batch:`` block builds one document per row, ``jobs`` rows at a time.
    ``final``: build the final copy (also when an input says ``draft: false``), which
    refuses open placeholders. ``reporter`` is told of each file written, warning and failed
    row as they happen (by default warnings and errors are logged)."""
    fmts = parse_formats(formats)
    lib = library or load_library(clause_dirs)
    if report:
        report_library(lib)
    book = _book(rules)
    result = BuildResult()
    for path in inputs:
        group = expand(path, out_dir)
        done = build_group(group, fmts, library=lib, rules=book, strict=strict, force=force,
                           final=final, options=render_options, jobs=jobs, reporter=reporter)
        if group.is_batch:
            result.batches.append(done)
        else:
            result.written += done.written
            result.drafts += done.drafts
    return result


def output_files(dr: Draft, formats="docx,pdf,html,md", render_options: dict | None = None
                 ) -> list[tuple[str, bytes]]:
    """(file name, bytes) of every file :func:`build` writes for the drafted input ``dr``
    in ``formats`` (its linked documents' included), made the same way."""
    job = Job(input=dr.loaded, folder=Path())
    return [(path.name, data) for path, data in
            document_files(dr, parse_formats(formats), render_options or {}, job.target)]


def validate(inputs: Sequence[str | Path], *, strict: bool = False,
             clause_dirs: Sequence[str | Path] = (), library: Library | None = None,
             report: bool = True, rules=()) -> list[Draft]:
    """Check inputs as build would, writing nothing: one draft per document (a batch's rows
    each give one)."""
    lib = library or load_library(clause_dirs)
    if report:
        report_library(lib)
    book = _book(rules)
    drafts = []
    for path in inputs:
        group = expand(path, ".")
        drafts += check_group(group, lib, rules=book, strict=strict)
    return drafts


def _book(rules):
    """A loaded rule book from rule files, a book as it is, or None for the package's own."""
    if not rules:
        return None
    from plankit.rules import as_book

    return as_book(rules)


# --------------------------------------------------------------------------- starters


def kinds() -> list:
    """The document kinds, in the order ``plankit new`` lists them."""
    from plankit.inputs.kinds import KINDS

    return list(KINDS.values())


def starter(kind: str, plan: str | None = None) -> str:
    """The commented starter input for a document ``kind`` (a plan-section for ``plan``)."""
    from plankit.inputs.kinds import get_kind
    from plankit.paths import STARTERS_DIR

    if kind == "profile":  # an organisation profile, named from inputs (plankit.inputs.profiles)
        return (STARTERS_DIR / "profile.yaml").read_text("utf-8")
    k = get_kind(kind)
    if plan is not None:
        from plankit.models.plan.starter import starter_for

        return starter_for(k.name, plan)
    return (STARTERS_DIR / f"{k.name}.yaml").read_text("utf-8")


def write_new(target: Path, text: str, force: bool = False) -> None:
    """Write a starter to ``target`` (never over a file, unless ``force``)."""
    from plankit.errors import OutputError
    from plankit.pipeline.write import atomic_write

    if target.exists() and not force:
        raise OutputError(f"{target} already exists", hint="use --force to replace it, or "
                                                          "choose another file name")
    if not target.parent.exists():
        raise OutputError(f"the folder {target.parent} does not exist",
                          hint="create it first or choose another place")
    atomic_write(target, text.encode("utf-8"))


def plan_types() -> list[dict]:
    """The plan types, with the status of the program behind each, as of a date."""
    from plankit.models.plan.registry import plan_listing

    return plan_listing()


def input_schema(kind: str) -> dict:
    """The JSON Schema of a kind's input; fields that can be left open accept the open
    value too. ``export``: the schema of the obligations export (``-f json``); ``profile``:
    that of an organisation profile."""
    from plankit.inputs.kinds import get_kind
    from plankit.models.open import schema_with_open
    if kind == "export":
        from plankit.render.exportschema import export_schema

        return export_schema()
    if kind == "profile":
        from plankit.inputs.profiles import Profile

        return Profile.model_json_schema()
    return schema_with_open(get_kind(kind).load_model())


def rules_listing(files: Sequence[str | Path] = (), state: str | None = None,
                  as_json: bool = False):
    """The procurement rules in force and the state prevailing wage table (one state's
    row with ``state``): a dict for JSON, or text."""
    from plankit.models.common import STATES
    from plankit.rules.listing import rules_data, rules_text

    code = state.strip().upper() if state else None
    if code is not None and code not in STATES:
        raise UsageError(f"--state '{state}' is not a state, the District of Columbia or a "
                         "territory", hint="use a two-letter postal code such as PA or WA")
    book = load_rules(files)
    return rules_data(book, code) if as_json else rules_text(book, code)


# --------------------------------------------------------------------------- the clause library


def clauses(clause_dirs: Sequence[str | Path] = (), *, kind: str | None = None,
            topic: str | None = None, variant: str | None = None) -> list:
    """The clauses of the library (with any folders of your own), filtered and in topic
    order. A filter value no clause has is a usage error (probably a typo)."""
    return _filtered(load_library(clause_dirs), kind, topic, variant)


def _filtered(lib: Library, kind: str | None = None, topic: str | None = None,
              variant: str | None = None) -> list:
    from plankit.library.topics import topic_order

    everything = [lib.clauses[i] for i in lib.ids()]
    _known_value("--kind", kind, {k for c in everything for k in c.meta.kinds})
    _known_value("--topic", topic, {c.meta.topic for c in everything})
    _known_value("--variant", variant, {c.meta.variant for c in everything})
    rows = [c for c in everything
            if (not kind or kind in c.meta.kinds) and (not topic or c.meta.topic == topic)
            and (not variant or c.meta.variant == variant)]
    rows.sort(key=lambda c: (topic_order(c.meta.topic), c.id))
    return rows


def _known_value(option: str, value: str | None, known: set[str]) -> None:
    """A filter value nothing has is probably a typo: say so instead of listing nothing."""
    if value is None or value in known:
        return
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=1)
    raise UsageError(f"{option} '{value}' matches no clause",
                     hint=(f"did you mean '{close[0]}'? " if close else "")
                     + "values in the library: " + ", ".join(sorted(known)))


def clause(clause_id: str, clause_dirs: Sequence[str | Path] = ()):
    """One clause, with the library it was found in: (clause, library)."""
    lib = load_library(clause_dirs)
    return lib.get(clause_id), lib


def clause_preview(c, lib: Library, minimal: bool = False) -> str:
    """A clause's text as Markdown, with its example values (or only the required ones)."""
    from plankit.compose.preview import preview

    doc = preview(c, lib, "minimal" if minimal else "example")
    return render(doc, "md").decode("utf-8").strip()


def write_catalog(target: Path, clause_dirs: Sequence[str | Path] = (), *,
                  topic: str | None = None, kind: str | None = None, force: bool = False,
                  since=None) -> Path:
    """Write a browsable catalog of the clause library; the format is the file's ending."""
    from plankit.compose.catalog import build_catalog
    from plankit.pipeline.write import OutputFolder, ensure_dir

    if target.suffix.lower() not in (".docx", ".pdf", ".html", ".md"):
        raise UsageError(f"cannot tell the format of '{target.name}' from its ending",
                         hint="name the file .docx, .pdf, .html or .md, e.g. -o catalog.pdf")
    fmt = get_format(target.suffix).name
    lib = load_library(clause_dirs)
    _filtered(lib, kind, topic)  # a filter nothing has is a typo
    doc = build_catalog(lib, topic=topic, kind=kind, since=since)
    data = render(doc, fmt)
    ensure_dir(target.parent if str(target.parent) else Path("."))
    folder = OutputFolder(target.parent)
    folder.check(target, force)
    folder.write(target, data)
    return target


def check_clauses(directory: str | Path | None = None) -> tuple[list[str], int]:
    """Lint the clause library, or a folder of your own clauses laid over it: (problems,
    number of clause files)."""
    from plankit.compose.lint import check_library

    return check_library(directory)


# --------------------------------------------------------------------------- compare, doctor


def compare(old: str | Path, new: str | Path | None = None, **options):
    """Compare two inputs (or one input with two clause libraries): write the redline (or
    the amendment) and the change summary; see :func:`plankit.compare.build.compare_inputs`."""
    from plankit.compare.build import compare_inputs

    return compare_inputs(old, new, **options)


def diff_clause(clause_id: str, **options):
    """How a clause's wording changed; see :func:`plankit.compare.clauses.diff_clause`."""
    from plankit.compare.clauses import diff_clause as diff

    return diff(clause_id, **options)


def source_redline(old, new) -> str:
    """Two versions of a clause's template text, changes marked {--removed--} {++added++}."""
    from plankit.compare.clauses import source_redline as redline

    return redline(old, new)


def write_document(target: Path, doc, force: bool = False) -> Path:
    """Write one document in the format its file ending names, whole or not at all."""
    from plankit.compare.build import write_document as write

    return write(target, doc, force)


def doctor(echo) -> bool:
    """Check this computer (PDF engines, fonts, LibreOffice), telling ``echo`` each
    finding; true when everything works."""
    from plankit.doctor import run_doctor

    return run_doctor(echo)
