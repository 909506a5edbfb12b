"""What the form asks of plankit: start points, checking an input, drafting and rendering
it. Everything goes through :mod:`plankit.api` on an input file written in the session's
working folder, so what the form shows and downloads is what the CLI makes of the same
file.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from plankit import api
from plankit.errors import InputError, PlankitError
from plankit.inputs.kinds import KINDS, get_kind
from plankit.web.fields import Page, id_of, name_of, page_of, pages_for, parse_name
from plankit.web.formdata import to_yaml

DOWNLOADS = {"docx": ("docx", "docx"), "pdf": ("pdf", "pdf"), "memo": ("memo", "memo.docx"),
             "html": ("html", "html")}
"""Download name -> (plankit format, file extension)."""


@dataclass(frozen=True)
class StartPoint:
    id: str
    label: str
    group: str
    """``blank`` (only the kind), ``kind`` (the starter from ``plankit new``), ``plan`` (the
    starter of a plan type) or ``example``."""


@lru_cache(maxsize=1)
def start_points() -> tuple[StartPoint, ...]:
    """Every kind and plan type from ``plankit new``, and every example."""
    from plankit.models.plan.registry import PLAN_TYPES

    out = [StartPoint(f"blank:{k.name}", f"{k.summary} ({k.name})", "blank")
           for k in KINDS.values()]
    out += [StartPoint(f"kind:{k.name}", f"{k.summary} ({k.name})", "kind")
            for k in KINDS.values()]
    out += [StartPoint(f"plan:{p.id}", f"{p.name[:1].upper()}{p.name[1:]} ({p.id})", "plan")
            for p in PLAN_TYPES.values()]
    for path in _examples():
        out.append(StartPoint(f"example:{path.stem}", path.stem, "example"))
    return tuple(out)


def _examples() -> list[Path]:
    from plankit.paths import DATA_ROOT

    folder = DATA_ROOT / "examples"
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            loaded = api.load(path)
        except PlankitError:
            continue
        if not api.is_batch(loaded) and loaded.data.get("kind") in KINDS:
            found.append(path)
    return found


def start_text(point_id: str) -> str:
    """The YAML text a start point begins with; raises KeyError for an unknown one."""
    from plankit.paths import STARTERS_DIR

    if point_id not in {p.id for p in start_points()}:
        raise KeyError(point_id)
    group, _, name = point_id.partition(":")
    if group == "blank":
        return f"kind: {name}\n"
    if group == "kind":
        return (STARTERS_DIR / f"{name}.yaml").read_text("utf-8")
    if group == "plan":
        from plankit.models.plan.starter import starter_for
        return starter_for("plan-section", name)
    for path in _examples():
        if path.stem == name:
            return path.read_text("utf-8")
    raise KeyError(point_id)


def read_yaml(text: bytes | str, folder: Path, name: str = "opened") -> tuple[dict, object]:
    """Parse an input's text with the CLI's limits (size, nesting, aliases), in the
    working folder; the kind must be one plankit knows. Returns the data and the model it
    validates to (None when it does not validate yet)."""
    target = folder / f"{name}.yaml"
    target.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    loaded = api.load(target)
    if api.is_batch(loaded):
        raise InputError("this file builds a batch of documents, which the form does not "
                         "edit", hint="open one document's input file instead")
    get_kind(loaded.data.get("kind"), file=f"{name}.yaml")
    try:
        made = api.read_input(loaded)[1]
    except PlankitError:
        made = None
    return loaded.data, made


# ------------------------------------------------------------------ pages per kind

def pages(kind: str) -> list[Page]:
    return pages_for(get_kind(kind).load_model())


def model_fields(kind: str):
    from plankit.web.fields import model_fields as fields
    return fields(get_kind(kind).load_model())


def hidden_keys(kind: str, data: dict) -> set[str]:
    """Top-level fields the form leaves out for this input: a plan-section's fields that
    belong to other plan types (unless the input already has them)."""
    if kind != "plan-section":
        return set()
    from plankit.models.plan.registry import PLAN_ALIASES, PLAN_SPECIFIC_FIELDS, PLAN_TYPES

    plan = data.get("plan")
    plan = PLAN_ALIASES.get(plan, plan) if isinstance(plan, str) else None
    if plan not in PLAN_TYPES:
        return set()
    own = PLAN_TYPES[plan].fields
    return {k for k in PLAN_SPECIFIC_FIELDS if k not in own and k not in data}


# ------------------------------------------------------------------ checking and drafting

@dataclass
class Problem:
    text: str
    """The CLI's words, without the line number of the saved file."""
    name: str = ""
    """The field path it is about (``parties[2].name``), when it names one."""
    page: str = ""

    @property
    def anchor(self) -> str:
        return id_of(self.name) if self.name else "error-summary"


@dataclass
class Checked:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)
    draft: object = None
    read: tuple | None = None
    """(LoadedInput, model) of an input that validated without being drafted: drafting the
    same text next starts from them instead of reading and validating it again."""
    html: bytes | None = None
    """The draft rendered as HTML, once the preview has asked for it."""


_LINE = re.compile(r"^line \d+(?:, column \d+)?: ")
_PATH = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*(?:\[\d+\]|\.[A-Za-z_][A-Za-z0-9_]*)*): ")


def problem(text: str, kind: str) -> Problem:
    """One line of a CLI message, tied to the field and page it names."""
    text = _LINE.sub("", text.strip())
    m = _PATH.match(text)
    loc = parse_name(m.group(1)) if m else None
    if not loc:
        return Problem(text)
    return Problem(text, name_of(loc), page_of(pages(kind), loc[0]).slug)


_TEXTS: dict[tuple[str, str], str] = {}
_TEXTS_LOCK = threading.Lock()
"""The input files made lately, by kind and the ``repr`` of the data they were made from
(which names every value and its type, so equal keys mean equal data); a page check and the
preview after it make the same file."""


def input_text(kind: str, data: dict) -> str:
    """The input file the form's data makes."""
    key = (kind, repr(data))
    with _TEXTS_LOCK:
        text = _TEXTS.get(key)
    if text is None:
        text = to_yaml(data, model_fields(kind))
        with _TEXTS_LOCK:
            if len(_TEXTS) >= 16:
                _TEXTS.pop(next(iter(_TEXTS)))
            _TEXTS[key] = text
    return text


def check(folder: Path, stem: str, kind: str, text: str, library, compose: bool = True,
          read: tuple | None = None) -> Checked:
    """Save the input ``text`` as ``<stem>.yaml`` in the working folder and validate it as
    ``plankit validate`` does; with ``compose``, draft it too (the warnings and placeholders
    come from the draft). ``read``: what checking this same ``text`` without drafting it
    gave (:attr:`Checked.read`), for the draft to start from."""
    path = folder / f"{stem}.yaml"
    path.write_text(text, "utf-8")
    out = Checked()
    try:
        if not compose:  # the fields, and the settings of the clauses the input picks
            loaded, model = api.read_input(path, library)
            out.problems = [problem(p, kind) for p in clause_problems(model, loaded, library)]
            out.read = None if out.problems else (loaded, model)
            return out
        dr = api.draft(path, library, read=read)
    except PlankitError as exc:
        lines = exc.problems or [exc.message + (f" — {exc.hint}" if exc.hint else "")]
        out.problems = [problem(p, kind) for p in lines]
        return out
    out.draft = dr
    out.warnings = [problem(p, kind) for p in api.finding_lines(dr)]
    out.placeholders = api.placeholder_lines(dr.document.placeholders, dr.document.kind)
    return out


def clause_problems(model, loaded, library) -> list[str]:
    """The problems ``plankit validate`` finds in the clauses an input picks and their
    settings (it finds them as it drafts; the form's pages check them without drafting)."""
    if not hasattr(model, "selected_clauses"):
        return []
    from plankit.compose.clausecheck import model_problems

    return model_problems(model, loaded, library)


def render(dr, fmt: str) -> bytes:
    """One format of a draft, with the CLI's default options."""
    return api.render(dr.document, fmt)


def render_document(doc, fmt: str) -> bytes:
    return api.render(doc, fmt)


@lru_cache(maxsize=1)
def library():
    from plankit.library import load_library
    return load_library()
