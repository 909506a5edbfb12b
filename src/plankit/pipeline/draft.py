"""One input, drafted: read and validate it, compose its document (and any linked
documents), run the passes and collect the content warnings."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from plankit import document as d
from plankit.compose import run_passes
from plankit.compose.composer import compose
from plankit.errors import InputError, PlankitError
from plankit.inputs.files import LoadedInput, load, read_text
from plankit.inputs.kinds import get_kind
from plankit.inputs.validation import validate_model
from plankit.library import Library

log = logging.getLogger("plankit")


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


def read_input(path: str | Path | LoadedInput, library: Library | None = None, rules=None):
    """Load and validate one input file: returns (LoadedInput, model instance).

    With the clause ``library``, an input whose fields have problems is also checked for
    clause problems (unknown clause ids, bad parameters), so every problem in the file is
    reported at once, sorted by line. A kind that checks domain rules (``uses_rules``) is
    validated with the rule book ``rules`` (see :func:`draft`)."""
    loaded = path if isinstance(path, LoadedInput) else load(path)
    kind = get_kind(loaded.data.get("kind"), file=loaded.name,
                    where=_line(loaded, ("kind",)))
    model_cls = kind.load_model()
    prepare = getattr(model_cls, "prepare_input", None)
    data = prepare(loaded, read_text) if prepare else None
    from plankit.rules import validation_context

    context = validation_context(model_cls, rules)
    try:
        model = validate_model(loaded, model_cls, data, context=context)
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


def rule_book(rules=None):
    """A loaded rule book: ``rules`` as it is, rule files laid over the package's rules, or
    (none given) the package's own."""
    from plankit.rules import as_book

    return as_book(rules or ())


def _line(loaded: LoadedInput, loc: tuple) -> str:
    line = loaded.line_of(loc)
    return f"line {line}: " if line else ""


def linked_documents(model) -> list:
    """(part name, input) for each linked document a kind drafts from one input, the main
    document first (named ""); empty when the input drafts one document."""
    parts = getattr(model, "linked_documents", None)
    return parts() if parts is not None else []


def draft(path: str | Path | LoadedInput, library: Library, final: bool = False,
          rules=None, read: tuple | None = None) -> Draft:
    """Read, validate and compose one input into a finished document tree: the review copy,
    or the final copy when ``final`` is true or the input says ``draft: false``. An input
    that drafts linked documents gives the main one, with the others in ``linked``.
    ``rules``: the domain rules to check it against (a loaded
    :class:`plankit.rules.RuleBook` or rule files laid over the package's rules; none: the
    package's own). ``read``: the (LoadedInput, model) that :func:`read_input` gave for
    this input with these ``rules`` just before, so it is not read and validated again."""
    from plankit.checks import input_findings, settle, with_sentences

    loaded, model = read if read is not None else read_input(path, library, rules)
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


def report_library(lib: Library) -> None:
    for clause_id, used, replaced in lib.overrides:
        log.info("note: clause '%s' from %s replaces the package clause (%s)", clause_id, used,
                 replaced.name)
    for path, reason in lib.broken.items():
        log.warning("%s: this clause file is invalid and was skipped: %s", path, reason)
