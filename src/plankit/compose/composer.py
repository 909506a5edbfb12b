"""Build the document tree: walk the outline, render each clause in the sandbox, parse it."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from plankit import __version__
from plankit import document as d
from plankit.compose import codecache, markdown
from plankit.compose.context import Record, wrap
from plankit.compose.passctx import ComposeContext
from plankit.compose.outline import Outline, OutlineSection, load_outline
from plankit.compose.clausecheck import check_params, model_problems
from plankit.compose.sandbox import (MdSafe, Missing, OpenFact, make_environment,
                                     use_tokens)
from plankit.errors import ClauseError, InputError
from plankit.inputs import LoadedInput
from plankit.library import Clause, Library
from plankit.models.common import DocumentInput
from plankit.inputs.validation import format_path

RENDER_SECONDS = 5
"""Longest one clause may take to render (a runaway loop is stopped)."""


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: int):
    """Stop a runaway clause (main thread only; elsewhere the sandbox limits still hold)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def stop(signum, frame):
        raise _Timeout()

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


_ENV = None


def shared_environment():
    """One sandbox for all clauses, so each clause body is compiled once per process."""
    global _ENV
    if _ENV is None:
        _ENV = make_environment()
    return _ENV


def compiled(clause: Clause, env):
    """The clause body compiled in ``env`` (cached on the clause)."""
    cached = getattr(clause, "_compiled", None)
    if cached is None or cached[0] is not env:
        cached = (env, codecache.from_string(env, clause.body))
        clause._compiled = cached  # type: ignore[attr-defined]
    return cached[1]


class Composer:
    def __init__(self, ctx: ComposeContext) -> None:
        self.ctx = ctx
        self.env = shared_environment()
        self.doc_view = Record(ctx.model, "")
        self.names = dict(doc=self.doc_view, ref=self._ref, placeholder=self._placeholder,
                          term=self._term, preview=ctx.standalone)
        """What every clause body and outline condition can use besides its parameters."""
        self.param_paths: dict[str, str] = {}
        """Where the user writes each parameter of the clause being rendered, so that
        ``placeholder(prompt, "params.NAME")`` names the same field as the parameter."""

    # globals available to clause bodies --------------------------------------------------

    def _ref(self, target: str, form: str = "number") -> MdSafe:
        if form not in ("number", "title", "both"):
            raise ValueError(f"ref(): form must be 'number', 'title' or 'both', not {form!r}")
        return self.ctx.tokens.add("R", d.XRef(target=str(target), form=form))

    def _placeholder(self, prompt: str, name: str = "") -> MdSafe:
        name = str(name)
        if name.startswith("params."):
            name = self.param_paths.get(name[len("params."):], name)
        return self.ctx.tokens.add("P", d.Placeholder(name=name or str(prompt),
                                                      prompt=str(prompt)))

    @staticmethod
    def _term(name: str) -> str:
        return name

    # outline -----------------------------------------------------------------------------

    def build(self, outline: Outline) -> tuple:
        return tuple(b for s in outline.sections for b in self.section(s))

    def _when(self, expr: str | None, where: str) -> bool:
        if not expr:
            return True
        try:
            result = self.env.compile_expression(expr, undefined_to_none=False)(**self.names)
        except (TemplateError, TypeError, ValueError) as exc:
            raise ClauseError(f"outline {where}: the condition '{expr}' failed: {exc}") from None
        return bool(result)

    def section(self, spec: OutlineSection) -> list:
        out = self._section(spec)
        if spec.new_page and out and isinstance(out[0], d.Section):
            out[0] = _new_page(out[0])
        return out

    def _section(self, spec: OutlineSection) -> list:
        if not self._when(spec.when, spec.title or "section"):
            return []
        if spec.builtin:
            return self.builtin(spec)
        slots = [s for s in spec.slots() if self._when(s.when, s.id)]
        clauses = [(self.ctx.library.get(s.id, where="outline: "), None, None) for s in slots]
        children: list = []
        if len(clauses) == 1 and spec.title is None and not spec.sections:
            return self.clause_sections(clauses, numbered=spec.numbered)
        if len(clauses) == 1 and not spec.sections:
            clause = clauses[0][0]
            body = self.render_clause(clause)
            if not body:
                return []
            return [d.Section(title=(d.Text(spec.title),), children=body, numbered=spec.numbered,
                              attrs=d.Attrs(id=spec.id or clause.id),
                              source=d.Source(clause.id, clause.meta.version))]
        paged = {s.id for s in slots if s.new_page}
        children.extend(_new_page(c) if c.source.clause in paged else c
                        for c in self.clause_sections(clauses, numbered=spec.numbered))
        for sub in spec.sections:
            children.extend(self.section(sub))
        if not children:
            return []
        if spec.title is None:
            return children
        return [d.Section(title=(d.Text(spec.title),), children=tuple(children),
                          numbered=spec.numbered, attrs=d.Attrs(id=spec.id or ""))]

    def clause_sections(self, clauses: list, numbered: bool = True) -> list:
        out = []
        for clause, params, where in clauses:
            body = self.render_clause(clause, params, where)
            if not body:
                continue
            role = "incentive" if clause.meta.variant == "incentivize" else ""
            extra = (("input", ".".join(str(p) for p in where[:2])),) if where else ()
            out.append(d.Section(title=(d.Text(clause.meta.title),), children=body,
                                 numbered=numbered, attrs=d.Attrs(id=clause.id, role=role,
                                                                  extra=extra),
                                 source=d.Source(clause.id, clause.meta.version)))
        return out

    def builtin(self, spec: OutlineSection) -> list:
        title = (d.Text(spec.title or spec.builtin.title()),)
        role = spec.builtin or ""
        if spec.builtin == "signatures":
            people = tuple(d.Signatory(party=p, name=n or "", title=t or "")
                           for p, n, t in self.ctx.model.signatories())
            if not people:
                return []
            return [d.Section(title=title, numbered=spec.numbered, attrs=d.Attrs(id="signatures",
                              role=role), children=(d.SignatureBlock(signatories=people),))]
        if spec.builtin == "selected":
            chosen = self.selected()
            sections = self.clause_sections(chosen, numbered=spec.numbered)
            if not sections:
                return []
            return [d.Section(title=title, numbered=spec.numbered, children=tuple(sections),
                              attrs=d.Attrs(id=spec.id or "selected", role=role))]
        # definitions and provenance are filled by passes once the whole tree exists
        return [d.Section(title=title, numbered=spec.numbered, children=(),
                          attrs=d.Attrs(id=spec.id or role, role=role))]

    def selected(self) -> list:
        field_name = getattr(self.ctx.model, "selected_field", "provisions")
        out = []
        problems = []
        for i, (clause_id, params) in enumerate(self.ctx.model.selected_clauses()):
            loc = (field_name, i, "clause")
            try:
                clause = self.ctx.library.get(clause_id)
            except ClauseError as exc:
                line = self.ctx.loaded.line_of(loc)
                at = f"line {line}: " if line else ""
                problems.append(f"{at}{field_name}[{i + 1}].clause: "
                                f"{exc.message}" + (f" — {exc.hint}" if exc.hint else ""))
                continue
            if self.ctx.model.kind not in clause.meta.kinds:
                line = self.ctx.loaded.line_of(loc)
                at = f"line {line}: " if line else ""
                problems.append(f"{at}{field_name}[{i + 1}].clause: "
                                f"'{clause_id}' is not for {self.ctx.model.kind} documents "
                                f"(it is for {', '.join(clause.meta.kinds)})")
                continue
            out.append((clause, params, (field_name, i, "params")))
        if problems:
            raise InputError(f"the input has {len(problems)} problem"
                             f"{'s' if len(problems) != 1 else ''}:", file=self.ctx.loaded.name,
                             problems=problems,
                             hint="'plankit clauses list' shows every clause id")
        return out

    # clauses -----------------------------------------------------------------------------

    def params_for(self, clause: Clause, params: dict | None, where: tuple | None) -> dict:
        if params is None:
            params = self.ctx.model.clause_params.get(clause.id, {})
            where = ("clause_params", clause.id)
        base = tuple(where or ("clause_params", clause.id))
        checked = check_params(clause, params, base, self.ctx.loaded)
        if checked.values is None:
            raise InputError(f"the parameters of clause '{clause.id}' have problems:",
                             file=self.ctx.loaded.name, problems=checked.problems,
                             hint=f"'plankit clauses show {clause.id}' lists its "
                                  "parameters")
        self.ctx.values[(clause.id, ".".join(str(p) for p in base[:2]))] = (
            checked.values, set(checked.opened), format_path(base))
        out: dict[str, Any] = {}
        self.param_paths = {}
        for name, spec in clause.meta.params.items():
            value = getattr(checked.values, name)
            prompt = spec.help or name.replace("_", " ")
            prompt = prompt[:1].lower() + prompt[1:]
            path = format_path(self._param_path(base, name))
            self.param_paths[name] = path
            if name in checked.opened and spec.type not in ("choice", "boolean"):
                first = prompt.split(". ")[0].rstrip(".")
                out[name] = OpenFact(path, first, note=checked.opened[name].note)
            else:  # an open choice or yes/no reads as if left out (its default wording)
                out[name] = Missing(path, prompt) if value is None else wrap(value, name)
        return out

    def _param_path(self, base: tuple, name: str) -> tuple:
        """Where the user writes a clause parameter: under ``params``, or for one the item
        carries itself (a provision's ``points``), on the item."""
        if len(base) == 3 and base[-1] == "params":
            items = getattr(self.ctx.model, str(base[0]), None)
            if isinstance(items, (list, tuple)) and isinstance(base[1], int) \
                    and base[1] < len(items) and name in type(items[base[1]]).model_fields \
                    and name not in getattr(items[base[1]], "params", {}):
                return base[:2] + (name,)
        return base + (name,)

    def render_clause(self, clause: Clause, params: dict | None = None,
                      where: tuple | None = None) -> tuple:
        self.ctx.used[clause.id] = clause
        values = self.params_for(clause, params, where)
        try:
            template = compiled(clause, self.env)
            with _time_limit(RENDER_SECONDS):
                text = template.render(**values, **self.names)
        except TemplateSyntaxError as exc:
            raise ClauseError(f"{clause.path}, line {clause.body_line + exc.lineno - 1}: "
                              f"the clause text has a template error: {exc.message}") from None
        except UndefinedError as exc:
            raise ClauseError(f"{clause.path}: the clause uses something that is not defined: "
                              f"{exc.message}",
                              hint="declare it under 'params', or use doc.<field> for input "
                                   "values") from None
        except SecurityError as exc:
            raise ClauseError(f"{clause.path}: the clause tried something a clause may not do "
                              f"({exc})") from None
        except _Timeout:
            unit = "second" if RENDER_SECONDS == 1 else "seconds"
            raise ClauseError(f"{clause.path}: the clause took longer than {RENDER_SECONDS} "
                              f"{unit} to render and was stopped (a loop that never "
                              "ends?)") from None
        except (OverflowError, MemoryError, RecursionError) as exc:
            raise ClauseError(f"{clause.path}: the clause text grew too large or deep "
                              f"and was stopped ({exc or 'out of memory'})") from None
        except TypeError as exc:
            if "no loader" in str(exc):
                raise ClauseError(f"{clause.path}: a clause cannot include or import other "
                                  "files; put the text in the clause itself") from None
            raise ClauseError(f"{clause.path}: the clause failed to render: "
                              f"{type(exc).__name__}: {exc}") from None
        except (TemplateError, ValueError, ArithmeticError, AttributeError,
                KeyError, IndexError) as exc:
            raise ClauseError(f"{clause.path}: the clause failed to render: "
                              f"{type(exc).__name__}: {exc}") from None
        if len(text) > 1_000_000:
            raise ClauseError(f"{clause.path}: the clause rendered to more than 1,000,000 "
                              "characters and was stopped")
        source = d.Source(clause.id, clause.meta.version, clause.body_line)
        return markdown.parse(text, self.ctx.tokens, source)


def compose(model: DocumentInput, loaded: LoadedInput, library: Library,
            final: bool = False) -> tuple[d.Document, ComposeContext]:
    """Input model -> document tree (before passes). ``final``: the final copy (also when
    the input says ``draft: false``)."""
    final = final or not model.draft
    ctx = ComposeContext(model=model, loaded=loaded, library=library, final=final)
    reset = use_tokens(ctx.tokens)
    try:
        outline = load_outline(model.outline_id())
        composer = Composer(ctx)
        problems = model_problems(model, loaded, library)
        if problems:
            n = len(problems)
            raise InputError(f"the input has {n} problem{'s' if n != 1 else ''}:",
                             file=loaded.name, problems=problems,
                             hint="fix the lines named above; 'plankit clauses show ID' lists "
                                  "a clause's parameters, 'plankit clauses list' every clause")
        children = composer.build(outline)
    finally:
        use_tokens_reset(reset)
    date = model.date.isoformat() if model.date else ""
    opts = model.options
    children = children + _appendices(model, children, final)
    doc = d.Document(
        title=model.title or model.default_title(), children=children, lang=model.lang,
        kind=model.kind, subject=model.subject(), author=model.author(), date=date,
        subtitle="" if final else "Draft for review",
        provenance=d.Provenance(plankit_version=__version__, input_sha256=loaded.sha256,
                                input_name=loaded.path.name),
        final=final, review_notes=opts.review_notes, jurisdiction=model.jurisdiction_code(),
        toc=opts.contents, draft_mark=not final, watermark=not final and opts.watermark,
        version=opts.version or "", letterhead=opts.letterhead or "",
        logo=load_logo(model, loaded), pdf_engine=opts.pdf_engine or "",
    )
    return doc, ctx


def _new_page(section: d.Section) -> d.Section:
    """The section, marked to start on a new page."""
    extra = section.attrs.extra + (("break-before", "page"),)
    return d.replace(section, attrs=d.replace(section.attrs, extra=extra))


def _appendices(model: DocumentInput, children: tuple, final: bool) -> tuple:
    """The audit trail and review checklist appendices the input asks for (the checklist
    only in the review copy)."""
    out = []
    roles = {n.attrs.role for c in children for n in d.walk(c) if isinstance(n, d.Section)}
    if model.options.audit_trail and "provenance" not in roles:
        out.append(d.Section(title=(d.Text("Audit trail"),), children=(), numbered=False,
                             attrs=d.Attrs(id="audit-trail", role="provenance")))
    if model.options.review_checklist and not final:
        out.append(d.Section(title=(d.Text("Review checklist"),), children=(), numbered=False,
                             attrs=d.Attrs(id="review-checklist", role="checklist")))
    return tuple(out)


LOGO_LIMIT = 2 * 1024 * 1024
_IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def load_logo(model: DocumentInput, loaded: LoadedInput) -> d.Image | None:
    """Read the logo the input names (a PNG or JPEG beside the input file)."""
    name = model.options.logo
    if not name:
        return None
    line = loaded.line_of(("options", "logo"))
    at = f"line {line}: options.logo: " if line else "options.logo: "
    path = (loaded.path.parent / name)
    try:
        if not path.is_file():
            raise InputError(f"{at}the logo file '{name}' was not found next to the input",
                             file=loaded.name,
                             hint="give the file name relative to the input file, e.g. "
                                  "'seal.png', or remove the logo line")
        if path.stat().st_size > LOGO_LIMIT:
            raise InputError(f"{at}the logo file '{name}' is larger than 2 MB",
                             file=loaded.name, hint="use a smaller PNG or JPEG (a logo for a "
                                                    "page header needs about 50 KB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{at}cannot read the logo file '{name}': {exc.strerror}",
                         file=loaded.name) from None
    for magic, mime in _IMAGE_TYPES.items():
        if data.startswith(magic):
            return d.Image(data=data, mime=mime, alt=model.options.logo_description or "")
    raise InputError(f"{at}'{name}' is not a PNG or JPEG picture", file=loaded.name,
                     hint="save the logo as PNG or JPEG")


def use_tokens_reset(token) -> None:
    from plankit.compose.sandbox import _TABLE
    _TABLE.reset(token)
