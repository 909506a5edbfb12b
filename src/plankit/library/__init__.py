"""The clause library: clause files found on an ordered search path.

The search path is each ``--clauses DIR`` in command-line order, then the package's own
``clauses/`` (mkdocs's theme ``dirs``). The first directory that defines an id wins; an
override of a package clause is reported.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from plankit.errors import ClauseError, UsageError
from plankit.library.model import ClauseMeta, params_model
from plankit.paths import CLAUSES_DIR

MAX_CLAUSE_BYTES = 256 * 1024
_FAST_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_CLAUSE_FILES = 5000
HISTORY_DIR = "history"
"""A folder of earlier versions of clauses (``history/<id>@<version>.md``) inside a clause
folder: kept for comparing wording, never loaded as clauses."""


@dataclass
class Clause:
    """One clause file: validated metadata plus its Markdown/Jinja body."""

    meta: ClauseMeta
    body: str
    path: Path
    body_line: int
    """Line of the file where the body starts (for messages)."""
    origin: str
    """``package`` or the user directory it came from."""

    @property
    def id(self) -> str:
        return self.meta.id

    @cached_property
    def params_model(self) -> type[BaseModel]:
        return params_model(self.meta)


@dataclass
class Library:
    dirs: list[Path]
    clauses: dict[str, Clause] = field(default_factory=dict)
    broken: dict[Path, str] = field(default_factory=dict)
    """Clause files that could not be read, with the reason."""
    overrides: list[tuple[str, Path, Path]] = field(default_factory=list)
    """(id, the file used, the package file it replaces)."""

    def get(self, clause_id: str, *, where: str = "") -> Clause:
        if clause_id in self.clauses:
            return self.clauses[clause_id]
        for path, reason in self.broken.items():
            if _declared_id(path) == clause_id:
                raise ClauseError(f"{where}clause '{clause_id}' could not be loaded: the file "
                                  f"{path} is invalid: {reason}",
                                  hint="run 'plankit clauses check' on its folder")
        close = difflib.get_close_matches(clause_id, list(self.clauses), n=3, cutoff=0.5)
        hint = (f"did you mean {', '.join(repr(c) for c in close)}? " if close else "")
        hint += _variants_hint(clause_id, self.ids())
        raise ClauseError(f"{where}there is no clause '{clause_id}' in the library",
                          hint=hint + "'plankit clauses list' shows every clause id")

    def ids(self) -> list[str]:
        return sorted(self.clauses)


def _variants_hint(clause_id: str, ids: list[str]) -> str:
    """For a topic written without a mode, or a mode the topic lacks: the clauses it has."""
    prefix = clause_id.rpartition(".")[0]
    if prefix in ids:
        return f"'{prefix}' is a clause of its own: use it without a mode. "
    for group in (clause_id, prefix):
        variants = [i for i in ids if group and i.rpartition(".")[0] == group]
        if variants:
            return (f"'{group}' comes as: {', '.join(i.rpartition('.')[2] for i in variants)} "
                    f"({', '.join(variants)}). ")
    return ""


def _declared_id(path: Path) -> str:
    """The id a (possibly broken) clause file declares, if it can be seen."""
    if path.is_symlink() or not path.is_file():
        return ""  # never read through a link, or from a pipe or device
    try:
        head = path.read_text("utf-8", errors="replace")[:4096]
    except OSError:
        return ""
    m = re.search(r"^id:\s*['\"]?([^\s'\"#]+)", head, re.MULTILINE)
    return m.group(1) if m else ""


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str, int]:
    """Return (front matter mapping, body, body start line)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError("the file must start with a '---' line, then the clause's front "
                         "matter (id, title, …), then another '---' line")
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            break
    else:
        raise ValueError("the front matter has no closing '---' line")
    head = "\n".join(lines[1:i])
    try:
        data = _load_front_matter(head)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark else ""
        raise ValueError(f"{where}front matter is not valid YAML: "
                         f"{getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise ValueError("the front matter must be 'key: value' lines")
    return data, "\n".join(lines[i + 1:]), i + 2


def _load_front_matter(head: str) -> Any:
    """Parse front matter safely, with the limits input files have (nesting, and the number
    of values once YAML aliases are expanded)."""
    from plankit.errors import InputError
    from plankit.safeyaml import measure

    loader = _FAST_SAFE(head)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        try:
            measure(node, "")
        except InputError as exc:
            raise ValueError(f"front matter: {exc.message}") from None
        return loader.construct_document(node) or {}
    finally:
        loader.dispose()


def read_clause(path: Path, origin: str) -> Clause:
    """Read one clause file; raise ValueError with a readable reason."""
    if path.stat().st_size > MAX_CLAUSE_BYTES:
        raise ValueError(f"the file is larger than {MAX_CLAUSE_BYTES // 1024} KB")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("the file is not UTF-8 text") from None
    if "\x02" in text or "\x03" in text or "\x00" in text:
        raise ValueError("the file contains control characters")
    data, body, body_line = split_front_matter(text.replace("\r\n", "\n"), path)
    try:
        meta = ClauseMeta.model_validate(data)
    except ValidationError as exc:
        from plankit.fieldpath import clean_loc, format_path
        first = exc.errors(include_url=False)
        parts = [f"{format_path(clean_loc(tuple(e['loc'])))}: "
                 f"{str(e['msg']).removeprefix('Value error, ')}" for e in first[:5]]
        raise ValueError("; ".join(parts)) from None
    return Clause(meta=meta, body=body, path=path, body_line=body_line, origin=origin)


def _clause_files(directory: Path, skipped: dict[Path, str] | None = None) -> list[Path]:
    """The clause files in a folder. Links, pipes and other special files are not read; they
    are listed in ``skipped`` with the reason."""
    files = []
    base = directory.resolve()
    for path in sorted(directory.rglob("*.md")):
        if path.name.lower() in ("readme.md", "changelog.md"):
            continue
        if HISTORY_DIR in path.relative_to(directory).parts[:-1]:
            continue  # an earlier version of a clause, kept for comparing wording
        if path.is_symlink() or not path.resolve().is_relative_to(base):
            # a clause library is what is inside its folder
            if skipped is not None:
                skipped[path] = ("is a link to another file; plankit reads only ordinary "
                                 "files inside the clause folder, so it was not read")
            continue
        if not path.is_file():
            if skipped is not None and not path.is_dir():
                skipped[path] = "is not an ordinary file (a pipe or device), so it was not read"
            continue
        files.append(path)
        if len(files) > MAX_CLAUSE_FILES:
            raise UsageError(f"{directory} holds more than {MAX_CLAUSE_FILES} files",
                             hint="point --clauses at the folder of clause files itself")
    return files


def load_library(user_dirs: list[str | Path] | tuple = (), *,
                 include_package: bool = True) -> Library:
    """Load the package library with user directories laid over it."""
    dirs = []
    for raw in user_dirs:
        p = Path(raw)
        if not p.exists():
            raise UsageError(f"--clauses {raw}: folder not found",
                             hint="give the folder that holds your clause .md files")
        if not p.is_dir():
            raise UsageError(f"--clauses {raw}: is a file, not a folder",
                             hint="give the folder that holds your clause .md files")
        dirs.append(p)
    search = [(p, str(p)) for p in dirs]
    if include_package:
        search.append((CLAUSES_DIR, "package"))
    lib = Library(dirs=[p for p, _ in search])
    for directory, origin in reversed(search):  # package first, overlays replace
        for path in _clause_files(directory, lib.broken):
            try:
                clause = read_clause(path, origin)
            except (ValueError, OSError) as exc:
                lib.broken[path] = str(exc)
                continue
            previous = lib.clauses.get(clause.id)
            if previous is not None:
                if previous.origin == origin:
                    lib.broken[path] = (f"id '{clause.id}' is already used by {previous.path}")
                    continue
                if previous.origin == "package":
                    lib.overrides.append((clause.id, path, previous.path))
            lib.clauses[clause.id] = clause
    return lib
