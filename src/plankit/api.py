"""build() and validate(): load -> validate -> compose -> passes -> render -> write.

The CLI is a thin layer over these functions; they can be called from Python too.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from plankit import document as d
from plankit.compose import run_passes
from plankit.compose.composer import compose
from plankit.errors import CheckFailed, InputError, OutputError, PlankitError, UsageError
from plankit.inputs import LoadedInput, load, read_text
from plankit.inputs.kinds import get_kind
from plankit.library import Library, load_library
from plankit.render import get_format, get_renderer
from plankit.inputs.validation import validate_model

log = logging.getLogger("plankit")


def is_batch(loaded: LoadedInput) -> bool:
    """Whether an input has a ``batch:`` block (see :mod:`plankit.batch`, imported only
    then, like the rules engine: ``validate`` starts faster without them)."""
    return isinstance(loaded.data, dict) and "batch" in loaded.data


def rules_scope(fn):
    """Decorator: run ``fn`` with the domain rules its ``rules`` keyword names laid over the
    package's (see :func:`plankit.rules.use_rules`)."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        if not kwargs.get("rules"):
            return fn(*args, **kwargs)
        from plankit.rules import use_rules
        with use_rules(kwargs["rules"]):
            return fn(*args, **kwargs)
    return run


@dataclass
class Draft:
    """One input, composed."""

    loaded: LoadedInput
    document: d.Document
    findings: list = field(default_factory=list)
    """Domain-rule warnings (:class:`plankit.models.common.Finding`) for this input."""
    part: str = ""
    """For a linked document drafted from the same input: its name (``agreement-2``); the
    output file is ``<input name>.<part>.<format>``."""
    linked: list["Draft"] = field(default_factory=list)
    """The other documents drafted from the same input, when its kind drafts several
    linked documents (a data-sharing MOU in the tiered structure); their findings are
    reported with this draft's."""

    @property
    def name(self) -> str:
        """The input's name as messages give it, with the linked document's part."""
        return self.loaded.name + (f" ({self.part})" if self.part else "")

    @property
    def stem(self) -> str:
        """The output file name without its format."""
        return self.loaded.path.stem + (f".{self.part}" if self.part else "")
    model: object = None
    """The validated input model."""


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    batches: list = field(default_factory=list)
    """One :class:`plankit.batch.BatchResult` per batch input (its files are listed there,
    and were announced as they were written)."""


def read_input(path: str | Path | LoadedInput, library: Library | None = None):
    """Load and validate one input file: returns (LoadedInput, model instance).

    With the clause ``library``, an input whose fields have problems is also checked for
    clause problems (unknown clause ids, bad parameters), so every problem in the file is
    reported at once, sorted by line."""
    loaded = path if isinstance(path, LoadedInput) else load(path)
    kind = get_kind(loaded.data.get("kind"), file=loaded.name,
                    where=_line(loaded, ("kind",)))
    model_cls = kind.load_model()
    prepare = getattr(model_cls, "prepare_input", None)
    data = prepare(loaded, read_text) if prepare else None
    try:
        model = validate_model(loaded, model_cls, data)
    except InputError as exc:
        if library is not None and exc.problems:
            from plankit.compose.clausecheck import raw_clause_problems, sort_problems

            extra = raw_clause_problems(loaded, model_cls, library)
            if extra:
                exc.problems = sort_problems(exc.problems + extra)
                n = len(exc.problems)
                exc.message = f"the input has {n} problem{'s' if n != 1 else ''}:"
        raise
    return loaded, model


def _line(loaded: LoadedInput, loc: tuple) -> str:
    line = loaded.line_of(loc)
    return f"line {line}: " if line else ""


def linked_documents(model) -> list:
    """(part name, input) for each linked document a kind drafts from one input, the main
    document first (named ""); empty when the input drafts one document."""
    parts = getattr(model, "linked_documents", None)
    return parts() if parts is not None else []


def draft(path: str | Path | LoadedInput, library: Library, final: bool = False) -> Draft:
    """Read, validate and compose one input into a finished document tree: the review copy,
    or the final copy when ``final`` is true or the input says ``draft: false``. An input
    that drafts linked documents gives the main one, with the others in ``linked``."""
    from plankit.checks import input_findings, settle, with_sentences

    loaded, model = read_input(path, library)
    parts = linked_documents(model)
    try:
        drafts = []
        for name, part in parts or [("", model)]:
            doc, ctx = compose(part, loaded, library, final=final)
            ctx.findings = settle(list(part.findings()) + input_findings(ctx), part)
            doc = run_passes(doc, ctx)
            warnings = [f for f in ctx.findings if f.severity == "warning"]
            warnings += [f for f in part.document_findings(doc) if f.severity == "warning"]
            drafts.append(Draft(loaded=loaded, document=doc, part=name,
                                findings=with_sentences(warnings, doc), model=part))
    except PlankitError as exc:
        if not exc.file:
            exc.file = loaded.name
        raise
    main, main.linked = drafts[0], drafts[1:]
    for linked in main.linked:  # each document carries its own; the run reports them all
        main.findings += [f for f in linked.findings if f not in main.findings]
    return main


def finding_lines(dr: Draft) -> list[str]:
    """One line per domain-rule warning: ``line N: field.path: message — fix``."""
    from plankit.labels import where as in_document
    from plankit.inputs.validation import format_path

    data = dr.loaded.data if isinstance(dr.loaded.data, dict) else {}
    kind = str(data.get("kind", ""))
    out = []
    for f in dr.findings:
        # a finding about a field the input leaves out has no line of its own: name the
        # line of its nearest parent that is written, never the top of the file
        known = any(tuple(f.path[:n]) in dr.loaded.lines for n in range(len(f.path), 0, -1))
        line = dr.loaded.line_of(f.path) if f.path and known else None
        at = f"line {line}: " if line else ""
        where = f"{format_path(f.path)}: " if f.path else ""
        fix = f" — {f.fix}" if f.fix else ""
        src = f" [{f.source}]" if f.source else ""
        tail = in_document(kind, tuple(f.path), data) if f.path else ""
        out.append(f"{at}{where}{f.message}{fix}{src}{tail}")
    return out


def report_findings(dr: Draft, strict: bool) -> None:
    """Print domain-rule warnings; under --strict they are errors."""
    if not dr.findings:
        return
    lines = finding_lines(dr)
    n = len(lines)
    if strict:
        raise CheckFailed(f"{n} warning{'s' if n != 1 else ''} about the content and --strict "
                          "is on:", file=dr.loaded.name, problems=lines,
                          hint="correct the input, or build without --strict to get a draft "
                               "with these warnings")
    for text in lines:
        log.warning("%s: %s", dr.loaded.name, text)


def report_placeholders(dr: Draft, strict: bool) -> None:
    """Warn about open placeholders; under --strict, and in a final copy, they are an
    error."""
    ph = dr.document.placeholders
    if not ph:
        return
    lines = placeholder_lines(ph, dr.document.kind)
    if dr.document.final:
        raise CheckFailed(f"the final copy cannot be made: {len(lines)} fact"
                          f"{'s are' if len(lines) != 1 else ' is'} still missing:",
                          file=dr.name, problems=lines,
                          hint="add them to the input file, or build the review copy (leave "
                               "out --final and keep 'draft: true') to see them marked in "
                               "the text")
    if strict:
        raise CheckFailed(f"{len(lines)} fact{'s are' if len(lines) != 1 else ' is'} still "
                          "missing (placeholders) and --strict is on:", file=dr.name,
                          problems=lines,
                          hint="add them to the input file, or build without --strict to get "
                               "a draft with visible placeholders")
    log.warning("%s: %d placeholder%s to fill before this draft is final (shown in brackets; "
                "'plankit validate' lists them)", dr.name, len(lines),
                "s" if len(lines) != 1 else "")


def placeholder_lines(placeholders, kind: str = "") -> list[str]:
    """One line per missing fact, with every section it appears in (and, given the
    document's ``kind``, where the field sits in the document's own words)."""
    from plankit.labels import label, parse

    merged: dict[str, list[str]] = {}
    prompts: dict[str, str] = {}
    for p in placeholders:
        key = p.name or p.prompt  # one line per field, whatever each clause calls it
        prompts.setdefault(key, p.prompt)
        sections = merged.setdefault(key, [])
        if p.section and p.section not in sections:
            sections.append(p.section)
    out = []
    for key, sections in merged.items():
        name, prompt = key, prompts[key]
        where = ("sections " + ", ".join(sections)) if len(sections) > 1 else \
            ("section " + sections[0] if sections else "title")
        if sections == ["input"]:
            where = "left open, not printed in the text"
        where_in = label(kind, parse(name)) if kind and name != prompt else ""
        field = (f" — {name}" + (f" (in the document: {where_in})" if where_in else "")) \
            if name and name != prompt else ""
        out.append(f"{where}: [{prompt}]{field}")
    return out


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


def render(doc: d.Document, fmt: str, **options) -> bytes:
    """Render ``doc`` as ``fmt``. For PDF the engine is ``options["pdf_engine"]`` (from
    ``--pdf-engine``), else the one the input names (``options.pdf_engine``), else
    WeasyPrint."""
    engine = options.pop("pdf_engine", None) or doc.pdf_engine or None
    renderer = get_renderer(fmt, pdf_engine=engine if fmt == "pdf" else None, **options)
    out = renderer.render_document(doc)
    return out if isinstance(out, bytes) else out.encode("utf-8")


@rules_scope
def build(inputs: Sequence[str | Path], out_dir: str | Path = "out", formats="docx,pdf,html,md",
          *, strict: bool = False, clause_dirs: Sequence[str | Path] = (), force: bool = False,
          library: Library | None = None, render_options: dict | None = None,
          report: bool = True, jobs: int | None = None, rules=(),
          final: bool = False) -> BuildResult:
    """Build every input into every format. Each output is written whole or not at all.
    ``rules``: domain rule files (or a loaded :class:`plankit.rules.RuleBook`) laid over
    the package's rules; see :mod:`plankit.rules`.

    An input with a ``batch:`` block builds one document per row (see :mod:`plankit.batch`),
    ``jobs`` rows at a time. ``final``: build the final copy (also when an input says
    ``draft: false``), which refuses open placeholders."""
    from plankit.pipeline.write import OutputFolder, ensure_dir

    fmts = parse_formats(formats)
    lib = library or load_library(clause_dirs)
    if report:
        report_library(lib)
    out = Path(out_dir)
    result = BuildResult()
    folder: OutputFolder | None = None
    for path in inputs:
        loaded = load(path)
        if is_batch(loaded):
            from plankit.batch import build_batch
            result.batches.append(build_batch(loaded, out, fmts, library=lib, strict=strict,
                                              force=force, render_options=render_options,
                                              jobs=jobs, final=final))
            continue
        dr = draft(loaded, lib, final=final)
        report_findings(dr, strict)
        rendered = []
        for one in [dr] + dr.linked:  # render everything first: a failure writes nothing
            report_placeholders(one, strict)  # for this input, nor for its linked documents
            for fmt in fmts:
                data = render(one.document, fmt, **(render_options or {}))
                target = out / f"{one.stem}.{get_format(fmt).extension}"
                rendered.append((target, data))
        if folder is None:
            ensure_dir(out)
            folder = OutputFolder(out)
        for target, _ in rendered:
            if target.resolve() == dr.loaded.path.resolve():
                raise OutputError(f"{target} is the input file itself",
                                  hint="choose another output folder with -o")
            folder.check(target, force)
        for target, data in rendered:
            folder.write(target, data)
            result.written.append(target)
        result.drafts.append(dr)
    return result


@rules_scope
def validate(inputs: Sequence[str | Path], *, strict: bool = False,
             clause_dirs: Sequence[str | Path] = (), library: Library | None = None,
             report: bool = True, rules=()) -> list[Draft]:
    """Check inputs as build would, writing nothing."""
    lib = library or load_library(clause_dirs)
    if report:
        report_library(lib)
    drafts = []
    for path in inputs:
        loaded = load(path)
        if is_batch(loaded):
            from plankit.batch import validate_batch
            drafts.extend(validate_batch(loaded, lib, strict=strict))
            continue
        dr = draft(loaded, lib)
        if strict:
            report_findings(dr, strict)
            for one in [dr] + dr.linked:
                report_placeholders(one, strict)
        drafts += [dr] + dr.linked
    return drafts


def report_library(lib: Library) -> None:
    for clause_id, used, replaced in lib.overrides:
        log.info("note: clause '%s' from %s replaces the package clause (%s)", clause_id, used,
                 replaced.name)
    for path, reason in lib.broken.items():
        log.warning("%s: this clause file is invalid and was skipped: %s", path, reason)
