"""Batch builds: one input file, one document per row.

An input with a ``batch:`` block is a template. Everything outside the block is shared; each
row of the block fills in one part of it (``fills:``, for example ``parties[2]``, the
counterparty of an agreement) and becomes one document::

    batch:
      fills: parties[2]            # the part of the input each row fills in
      rows:                        # one document per row; or csv: boards.csv
        - name: Alameda County Workforce Development Board
          short_name: Alameda WDB
          signatory: {name: ..., title: Executive Director}

A CSV file works the same way: its header names the fields, with dots for fields inside
fields (``contact.email``); an empty cell leaves the field out.

Rows are validated first. A bad row is reported by its row number (and its CSV line or YAML
line) and the other rows still build. Rows render in parallel on a pool of worker
processes (``--jobs``); the main process writes each row's files, whole or not at all, into
``DIR/<input name>/<row name>.<format>``, where the row name is made from the row's
``name`` (``name_from:``) as lowercase letters, digits and hyphens, with ``-2``, ``-3``…
added when two rows would get the same name.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import logging
import os
import re
import sys
import time
import traceback
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence, TextIO

import click
from pydantic import Field, model_validator

from plankit.errors import (EXIT_ENVIRONMENT, EXIT_INTERNAL, CheckFailed, EnvironmentProblem,
                            InputError, PlankitError)
from plankit.inputs import LoadedInput, read_text
from plankit.models.base import Model

log = logging.getLogger("plankit")

BATCH_KEY = "batch"
MAX_ROWS = 5000
"""Most rows one input may hold."""
SLUG_LENGTH = 60
"""Longest output name made from a row (before any ``-2`` suffix)."""
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                       *(f"lpt{i}" for i in range(1, 10))})
"""Names Windows will not accept as file names."""


# --------------------------------------------------------------------------- the block


class BatchSpec(Model):
    """The ``batch:`` block of an input."""

    fills: Optional[str] = Field(
        None, description="The part of the input each row fills in, e.g. 'parties[2]' (the "
                          "second party); leave out to fill in the top level of the input")
    rows: Optional[list[Any]] = Field(
        None, description="One entry per document: the fields that differ in that document")
    csv: Optional[str] = Field(
        None, description="A CSV file (next to this input) with one row per document; its "
                          "header names the fields, e.g. name, short_name, contact.email")
    name_from: str = Field(
        "name", description="The field of each row that names its output files (default "
                            "'name')")

    @model_validator(mode="after")
    def _one_source(self) -> "BatchSpec":
        if (self.rows is None) == (self.csv is None):
            raise ValueError("give either 'rows:' (the rows written out here) or 'csv:' (a "
                             "CSV file with one row per document), not both and not neither")
        return self


def is_batch(loaded: LoadedInput) -> bool:
    """Whether an input is a batch (has a ``batch:`` block)."""
    return isinstance(loaded.data, dict) and BATCH_KEY in loaded.data


def is_batch_file(path: str | os.PathLike) -> bool:
    """Whether the input file at ``path`` has a ``batch:`` block."""
    from plankit.inputs import load

    return is_batch(load(path))


# --------------------------------------------------------------------------- field paths

_PART = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


def parse_path(text: str) -> tuple:
    """``"parties[2].contact"`` -> ``("parties", 1, "contact")`` (list items counted from 1,
    as plankit's messages count them)."""
    out: list[Any] = []
    for chunk in str(text).strip().split("."):
        m = _PART.fullmatch(chunk.strip())
        if not m:
            raise ValueError(f"'{text}' is not a field path; write it like 'parties[2]' or "
                             "'contact.email'")
        out.append(m.group(1).strip())
        for number in re.findall(r"\[(\d+)\]", m.group(2)):
            if int(number) < 1:
                raise ValueError(f"'{text}': items are counted from 1, so [0] does not exist")
            out.append(int(number) - 1)
    return tuple(out)


def show_path(path: tuple) -> str:
    from plankit.inputs.validation import format_path

    return format_path(path)


def _set(data: Any, path: tuple, value: Any) -> None:
    """Set ``value`` at ``path`` inside nested dicts and lists, creating what is missing."""
    current = data
    for i, part in enumerate(path):
        last = i == len(path) - 1
        nxt: Any = value if last else ({} if isinstance(path[i + 1], str) else [])
        if isinstance(part, int):
            if not isinstance(current, list):
                raise ValueError(f"{show_path(path[:i])} is not a list")
            if part > len(current):
                raise ValueError(f"{show_path(path[:i + 1])}: there is no item {part} before "
                                 "it; number the items without gaps")
            if part == len(current):
                current.append(nxt)
            elif last:
                current[part] = _merge(current[part], value)
        else:
            if not isinstance(current, dict):
                raise ValueError(f"{show_path(path[:i])} is not a set of fields")
            if last:
                current[part] = _merge(current.get(part), value)
            else:
                current.setdefault(part, nxt)
                if current[part] is None:
                    current[part] = nxt
        if not last:
            current = current[part]


def _merge(base: Any, overlay: Any) -> Any:
    """``overlay`` laid over ``base``: mappings merge key by key, anything else replaces."""
    if isinstance(base, dict) and isinstance(overlay, dict):
        out = dict(base)
        for key, value in overlay.items():
            out[key] = _merge(base.get(key), value)
        return out
    return copy.deepcopy(overlay)


def _expand(row: dict) -> tuple[dict, dict[str, tuple]]:
    """A row whose keys may be dotted paths (``contact.email``) as nested fields, and each
    key's path."""
    out: dict = {}
    paths: dict[str, tuple] = {}
    for key, value in row.items():
        path = parse_path(str(key))
        paths[str(key)] = path
        _set(out, path, value)
    return out, paths


# --------------------------------------------------------------------------- slugs


def slugify(text: str, limit: int = SLUG_LENGTH) -> str:
    """A safe file name from a party or project name: lowercase ASCII letters, digits and
    single hyphens; never a path, never empty unless ``text`` has no letters or digits."""
    text = unicodedata.normalize("NFKD", str(text))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['\u2019`]", "", text).replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > limit:
        cut = text[:limit]
        text = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return text


def unique_slugs(names: Sequence[Optional[str]]) -> list[str]:
    """One slug per name, in order; a name that slugs to nothing becomes ``row-N``, and a
    slug already taken gets ``-2``, ``-3``… added."""
    used: set[str] = set()
    out = []
    for n, name in enumerate(names, start=1):
        base = slugify(name) if name else ""
        base = base or f"row-{n}"
        if base in _RESERVED:
            base += "-1"
        slug, k = base, 2
        while slug in used:
            slug = f"{base}-{k}"
            k += 1
        used.add(slug)
        out.append(slug)
    return out


# --------------------------------------------------------------------------- rows


@dataclass
class RowInput(LoadedInput):
    """One row merged into the shared input: what a single input file would be."""

    row: int = 0
    """Row number, counted from 1."""
    where: str = ""
    """Where the row is written: ``line 88`` or ``boards.csv line 5``."""

    @property
    def name(self) -> str:
        return f"{self.path}, row {self.row}" + (f" ({self.where})" if self.where else "")


@dataclass
class Row:
    """One row of the batch, merged, with the name its files get."""

    number: int
    input: RowInput
    slug: str
    label: str
    """The row's name field, as written (for messages and the summary)."""
    problem: str = ""
    """Why the row cannot even be merged into the input (it then fails on its own)."""


@dataclass
class Batch:
    """A batch input, read: the shared part, where rows go, and the rows."""

    loaded: LoadedInput
    spec: BatchSpec
    target: tuple
    rows: list[Row]
    source: str
    """The rows' file (the CSV) or the input itself."""


def _row_lines(loaded: LoadedInput, i: int, paths: dict[str, tuple]) -> dict[tuple, int]:
    """Line numbers of a YAML row's fields, keyed by their path inside the row (dotted keys
    expanded), with the row's own line under ``()``."""
    lines: dict[tuple, int] = {}
    prefix = (BATCH_KEY, "rows", i)
    for loc, line in loaded.lines.items():
        if loc[:3] != prefix:
            continue
        rest = loc[3:]
        if rest:
            rest = paths.get(str(rest[0]), (rest[0],)) + rest[1:]
        lines[rest] = line
    return lines


def read_batch(loaded: LoadedInput) -> Batch:
    """Check the ``batch:`` block, read its rows (from the file or the CSV it names) and
    merge each into the shared input."""
    from plankit.inputs.validation import validate_model

    spec = validate_model(loaded, BatchSpec, data=loaded.data.get(BATCH_KEY) or {},
                          prefix=(BATCH_KEY,), what="the batch block")
    where = loaded.line_of((BATCH_KEY,))
    at = f"line {where}: " if where else ""
    base = {k: v for k, v in loaded.data.items() if k != BATCH_KEY}
    try:
        target = parse_path(spec.fills) if spec.fills else ()
        if target:
            _set(base, target, {})  # make sure it exists (a mapping is merged, not replaced)
    except ValueError as exc:
        line = loaded.line_of((BATCH_KEY, "fills"))
        raise InputError(f"{'line %d: ' % line if line else at}batch.fills: {exc}",
                         file=loaded.name,
                         hint="name a part of this file, e.g. 'parties[2]' for the second "
                              "party; write the fields every row shares there") from None
    try:
        name_path = parse_path(spec.name_from)
    except ValueError as exc:
        raise InputError(f"{at}batch.name_from: {exc}", file=loaded.name) from None

    if spec.csv is not None:
        raw_rows, source = _csv_rows(loaded, spec.csv)
    else:
        raw_rows, source = _yaml_rows(loaded, spec.rows or []), loaded.path.name
    if not raw_rows:
        raise InputError(f"{at}the batch has no rows", file=loaded.name,
                         hint="add one row per document under 'rows:', or in the CSV file")
    if len(raw_rows) > MAX_ROWS:
        raise InputError(f"{at}the batch has {len(raw_rows):,} rows; the limit is "
                         f"{MAX_ROWS:,}", file=loaded.name,
                         hint="split it into several input files")

    shared_lines = {loc: line for loc, line in loaded.lines.items()
                    if not (loc and loc[0] == BATCH_KEY)}
    merged: list[tuple[int, str, Any, dict, Optional[str], str]] = []
    for number, place, values, lines, problem in raw_rows:
        data = copy.deepcopy(base)
        try:
            if problem:
                pass
            elif target:
                _set(data, target, values)
            else:
                data = _merge(data, values)
        except ValueError as exc:
            problem = str(exc)
        row_lines = dict(shared_lines)
        # a row's own fields are reported at the row's lines (none for a CSV cell)
        row_lines[target] = lines.get((), 0)
        row_lines.update({target + rel: line for rel, line in lines.items() if rel})
        label = _get(data, target + name_path)
        if not isinstance(label, str) and spec.name_from == "name":
            label = _get(data, target + ("short_name",))
        merged.append((number, place, data, row_lines,
                       label if isinstance(label, str) and not problem else None, problem))

    slugs = unique_slugs([m[4] for m in merged])
    rows = []
    for (number, place, data, row_lines, label, problem), slug in zip(merged, slugs):
        text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        row = RowInput(path=loaded.path, data=data, lines=row_lines,
                       sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                       row=number, where=place)
        rows.append(Row(number=number, input=row, slug=slug, label=label or slug,
                        problem=problem))
    return Batch(loaded=loaded, spec=spec, target=target, rows=rows, source=source)


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _yaml_rows(loaded: LoadedInput, rows: list) -> list[tuple[int, str, Any, dict, str]]:
    """The rows written in the input: (number, where, values, line of each field, problem)."""
    out = []
    for i, row in enumerate(rows):
        line = loaded.line_of((BATCH_KEY, "rows", i))
        place = f"line {line}" if line else ""
        if not isinstance(row, dict):
            out.append((i + 1, place, {}, {}, "must be a set of 'key: value' lines (the "
                                              "fields this row fills in)"))
            continue
        try:
            values, paths = _expand(row)
        except ValueError as exc:
            out.append((i + 1, place, {}, {}, str(exc)))
            continue
        out.append((i + 1, place, values, _row_lines(loaded, i, paths), ""))
    return out


def _csv_rows(loaded: LoadedInput,
              name: str) -> tuple[list[tuple[int, str, Any, dict, str]], str]:
    """Rows of the CSV file named by ``batch.csv``, with their line numbers."""
    line = loaded.line_of((BATCH_KEY, "csv"))
    at = f"line {line}: " if line else ""
    path = Path(name)
    if not path.is_absolute():
        path = loaded.path.parent / path
    if path.suffix.lower() not in (".csv", ".txt"):
        raise InputError(f"{at}batch.csv: '{name}' is not a CSV file", file=loaded.name,
                         hint="save the table as 'CSV UTF-8' and give that file's name")
    text, _ = read_text(path)
    display = str(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    out = []
    header: list[str] = []
    header_line = 0
    previous_end = 0
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if not header:
                header, header_line = [c.strip() for c in cells], start
                _check_header(header, display, start)
                continue
            place = f"{path.name} line {start}"
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                out.append((len(out) + 1, place, {}, {},
                            f"has {len(cells)} values but the header (line {header_line}) "
                            f"names {len(header)} columns; put values that contain commas "
                            "in double quotes"))
                continue
            row = {h: c.strip() for h, c in zip(header, cells) if h and c.strip()}
            values, _ = _expand(row)
            out.append((len(out) + 1, place, values, {}, ""))
    except csv.Error as exc:
        raise InputError(f"line {reader.line_num}: {exc}", file=display,
                         hint="check the quotes on that line") from None
    except ValueError as exc:
        raise InputError(str(exc), file=display) from None
    if not header:
        raise InputError("the CSV file is empty", file=display,
                         hint="the first line names the fields, e.g. name,short_name,"
                              "contact.email; each line after it is one document")
    return out, path.name


def _check_header(header: list[str], display: str, line: int) -> None:
    seen: set[str] = set()
    for n, name in enumerate(header, start=1):
        if not name:
            continue
        try:
            parse_path(name)
        except ValueError as exc:
            raise InputError(f"line {line}: column {n}: {exc}", file=display) from None
        if name in seen:
            raise InputError(f"line {line}: the column '{name}' appears twice", file=display,
                             hint="keep one and delete the other")
        seen.add(name)
    if not seen:
        raise InputError(f"line {line}: the header names no fields", file=display,
                         hint="the first line names the fields, e.g. name,short_name")


# --------------------------------------------------------------------------- progress


class Progress:
    """What a person sees while a batch builds.

    On a terminal: one bar on stderr, redrawn as rows finish, and messages printed above it.
    Anywhere else (a log, a pipe, ``-q``): one plain line per file written, on stdout.
    """

    WIDTH = 28

    def __init__(self, total: int, label: str, *, stream: Optional[TextIO] = None,
                 bar: Optional[bool] = None) -> None:
        self.total = total
        self.done = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        if bar is None:
            bar = _isatty(self.stream) and log.isEnabledFor(logging.INFO)
        self.bar = bar
        self._shown = False

    def wrote(self, path: Path) -> None:
        if not self.bar:
            click.echo(f"wrote {path}")

    def step(self, note: str = "") -> None:
        self.done += 1
        self._draw(note)

    def message(self, text: str) -> None:
        """An error for the person, above the bar."""
        self._clear()
        click.echo(text, err=True)
        self._draw()

    def warn(self, text: str) -> None:
        """A warning, through the plankit logger (so -q hides it and --strict counts it)."""
        self._clear()
        log.warning("%s", text)
        self._draw()

    def close(self) -> None:
        self._clear()

    def _draw(self, note: str = "") -> None:
        if not self.bar:
            return
        filled = self.WIDTH * self.done // max(self.total, 1)
        text = (f"{self.label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
                f"{self.done}/{self.total}")
        if note:
            text += f"  {note}"
        self.stream.write("\r\x1b[K" + text[:200])
        self.stream.flush()
        self._shown = True

    def _clear(self) -> None:
        if self.bar and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# --------------------------------------------------------------------------- building


@dataclass
class RowOutcome:
    """What building one row gave: its files' bytes, or why it failed."""

    number: int
    outputs: list[tuple[str, bytes]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    """The error as printed (file, message, problems and hint)."""
    exit_code: int = 0
    message: str = ""
    hint: str = ""


@dataclass
class BatchResult:
    """A batch build: which rows built, which failed and why, and the files written."""

    input: Path
    folder: Path
    total: int = 0
    built: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)
    """Row number -> the error, as printed."""
    written: list[Path] = field(default_factory=list)
    workers: int = 1
    seconds: float = 0.0


class BatchFailed(CheckFailed):
    """Some rows of a batch failed; the others were built. ``result`` says which."""

    def __init__(self, message: str, *, result: BatchResult, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.result = result


def default_jobs() -> int:
    """How many rows to build at once: one per CPU this process may use."""
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        n = counter()
    elif hasattr(os, "sched_getaffinity"):
        n = len(os.sched_getaffinity(0))
    else:
        n = os.cpu_count()
    return max(1, n or 1)


_WORKER: dict[str, Any] = {}
"""Per worker process: the clause library, loaded once."""


def _start_method() -> str:
    """How to start worker processes: as copies of this one (``fork``, fast: nothing to
    import or load again) on Linux while this process runs a single thread, where that is
    safe; otherwise as fresh interpreters (``spawn``), which works everywhere."""
    import threading

    if sys.platform != "linux" or threading.active_count() != 1:
        return "spawn"
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            threads = next((int(line.split()[1]) for line in fh if line.startswith("Threads:")),
                           0)
    except (OSError, ValueError):
        return "spawn"
    return "fork" if threads == 1 else "spawn"


def _init_worker(clause_dirs: list[str], env: dict[str, Optional[str]]) -> None:
    """Pool initializer: the parent's settings, a quiet logger, the library loaded once
    (or kept, when the worker started as a copy of a process that had loaded it)."""
    for key, value in env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    worker_log = logging.getLogger("plankit")
    for handler in list(worker_log.handlers):
        worker_log.removeHandler(handler)
    worker_log.addHandler(logging.NullHandler())
    worker_log.propagate = False
    worker_log.setLevel(logging.ERROR)  # warnings travel back with each row's result
    if "library" not in _WORKER:
        from plankit.library import load_library

        _WORKER["library"] = load_library(clause_dirs)


def _build_row(row: RowInput, formats: list[str], strict: bool, options: dict,
               library: Any = None, debug: bool = False, final: bool = False) -> RowOutcome:
    """Compose and render one row (in a worker process, or in this one)."""
    from plankit import api

    outcome = RowOutcome(number=row.row)
    try:
        dr = api.draft(row, library if library is not None else _WORKER["library"],
                       final=final)
        if strict or dr.document.final:  # content warnings were checked by _check_rows
            api.report_placeholders(dr, True)
        ph = len(dr.document.placeholders)
        if ph:
            outcome.warnings.append(f"{ph} placeholder{'s' if ph != 1 else ''} to fill before "
                                    "this draft is final (shown in brackets; 'plankit "
                                    "validate' lists them)")
        outcome.outputs = [(fmt, api.render(dr.document, fmt, **options)) for fmt in formats]
    except PlankitError as exc:
        if not exc.file:
            exc.file = row.name
        outcome.error = exc.format_message()
        outcome.exit_code = exc.exit_code
        outcome.message, outcome.hint = exc.message, exc.hint
    except Exception as exc:  # noqa: BLE001 - a bug; this row fails, the others go on
        outcome.error = (f"{row.name}: internal error: {type(exc).__name__}: {exc}\n"
                         "This is a bug in plankit, not in your file. Rerun with --debug and "
                         "report the output.")
        if debug:
            outcome.error += "\n" + traceback.format_exc()
        outcome.exit_code = EXIT_INTERNAL
    return outcome


def _row_findings(model) -> list:
    """A row's content warnings: the kind's own checks and the plausibility of its fields
    (the clause parameters' are checked when the row is drafted)."""
    from plankit.checks import settle
    from plankit.checks.plausible import field_findings

    found = settle(list(model.findings()) + field_findings(model), model)
    return [f for f in found if f.severity == "warning"]


def _check_rows(batch: Batch, strict: bool = False,
                warnings: Optional[dict[int, list[str]]] = None
                ) -> tuple[list[Row], dict[int, PlankitError]]:
    """Validate every row; returns the good rows and the errors of the bad ones.

    Content warnings (findings) are checked here, in the main process, where any rules the
    command was given are in force: under ``strict`` they fail the row, otherwise their
    lines go into ``warnings`` by row number."""
    from plankit import api

    good, bad = [], {}
    for row in batch.rows:
        try:
            if row.problem:
                raise InputError(row.problem, file=row.input.name)
            loaded, model = api.read_input(row.input)
            if api.linked_documents(model):
                raise InputError("the input drafts several linked documents (structure: "
                                 "tiered), and a batch builds one document per row",
                                 file=row.input.name,
                                 hint="build it without the batch: block, or use "
                                      "'structure: single'")
            checked = api.Draft(loaded=loaded, document=None,  # type: ignore[arg-type]
                                findings=_row_findings(model))
            if strict:
                api.report_findings(checked, True)
            elif warnings is not None and checked.findings:
                warnings[row.number] = api.finding_lines(checked)
        except PlankitError as exc:
            if not exc.file:
                exc.file = row.input.name
            bad[row.number] = exc
            continue
        good.append(row)
    if len(batch.rows) > 1 and len(bad) == len(batch.rows):
        first = next(iter(bad.values()))
        if all(e.message == first.message and e.problems == first.problems
               for e in bad.values()):
            raise InputError("every row fails in the same way, so the problem is probably in "
                             "the part of the file the rows share (outside 'batch:'):",
                             file=batch.loaded.name,
                             problems=first.problems or [first.message], hint=first.hint)
    return good, bad


def build_batch(loaded: LoadedInput, out_dir: str | Path, formats: Sequence[str], *,
                library: Any, strict: bool = False, force: bool = False,
                render_options: Optional[dict] = None, jobs: Optional[int] = None,
                progress: Optional[Progress] = None, final: bool = False) -> BatchResult:
    """Build one document per row into ``out_dir/<input name>/``.

    Bad rows are reported (by row number) and skipped; the others are built and written.
    Raises :class:`BatchFailed` at the end if any row failed.
    """
    from plankit import api
    from plankit.pipeline.write import OutputFolder, ensure_dir
    from plankit.render import get_format

    started = time.perf_counter()
    batch = read_batch(loaded)
    fmts = api.parse_formats(list(formats))
    folder = Path(out_dir) / loaded.path.stem
    result = BatchResult(input=loaded.path, folder=folder, total=len(batch.rows))
    progress = progress or Progress(len(batch.rows), loaded.path.name)

    def fail(number: int, text: str) -> None:
        result.failed[number] = text
        progress.message("error: " + text)
        progress.step()

    findings: dict[int, list[str]] = {}
    good, bad = _check_rows(batch, strict, findings)
    for number, exc in bad.items():
        fail(number, exc.format_message())

    ensure_dir(Path(out_dir))
    ensure_dir(folder)
    out = OutputFolder(folder)
    targets: dict[int, dict[str, Path]] = {}
    ready: list[Row] = []
    for row in good:
        paths = {fmt: folder / f"{row.slug}.{get_format(fmt).extension}" for fmt in fmts}
        try:
            for target in paths.values():
                if target.resolve() == loaded.path.resolve():
                    from plankit.errors import OutputError
                    raise OutputError(f"{target} is the input file itself",
                                      hint="choose another output folder with -o")
                out.check(target, force)
        except PlankitError as exc:
            fail(row.number, f"{row.input.name}: {exc.format_message()}")
            continue
        targets[row.number] = paths
        ready.append(row)

    by_number = {row.number: row for row in ready}
    env_problem: list[RowOutcome] = []
    internal: list[int] = []

    def finish(outcome: RowOutcome) -> None:
        row = by_number[outcome.number]
        if outcome.error:
            if outcome.exit_code == EXIT_ENVIRONMENT:  # reported once, when the batch stops
                env_problem.append(outcome)
                result.failed[outcome.number] = outcome.error
                return
            if outcome.exit_code == EXIT_INTERNAL:
                internal.append(outcome.number)
            fail(outcome.number, outcome.error)
            return
        for line in findings.get(outcome.number, []) + outcome.warnings:
            progress.warn(f"{row.input.name}: {line}")
        try:
            for fmt, data in outcome.outputs:
                out.write(targets[outcome.number][fmt], data)
                result.written.append(targets[outcome.number][fmt])
                progress.wrote(targets[outcome.number][fmt])
        except PlankitError as exc:
            fail(outcome.number, f"{row.input.name}: {exc.format_message()}")
            return
        result.built.append(outcome.number)
        progress.step(row.slug)

    options = {key: Path(value).resolve() if isinstance(value, Path) else value
               for key, value in (render_options or {}).items()}
    debug = log.isEnabledFor(logging.DEBUG)
    workers = max(1, min(jobs or default_jobs(), len(ready)))
    result.workers = workers
    try:
        if workers == 1:
            for row in ready:
                finish(_build_row(row.input, fmts, strict, options, library, debug, final))
                if env_problem:
                    break
        else:
            _run_pool(ready, workers, fmts, strict, options, library, debug, finish,
                      env_problem, final)
    finally:
        progress.close()
    result.seconds = time.perf_counter() - started
    if env_problem:
        first = env_problem[0]
        raise EnvironmentProblem(first.message, hint=first.hint)
    result.built.sort()
    _summary(result, batch)
    if result.failed:
        numbers = sorted(result.failed)
        shown = ", ".join(str(n) for n in numbers[:20]) + (" …" if len(numbers) > 20 else "")
        rows = f"row{'s' if len(numbers) > 1 else ''} {shown}"
        if result.built:
            text = (f"{len(numbers)} of {result.total} rows failed ({rows}); the other "
                    f"{len(result.built)} were written")
        else:
            text = f"every row failed ({rows}); nothing was written"
        hint = "fix the rows named above and build again"
        if result.built:
            hint += "; the rows that built are written again, unchanged"
        exc = BatchFailed(text, file=loaded.name, result=result, hint=hint)
        if internal:
            exc.exit_code = EXIT_INTERNAL  # a bug in plankit, not in the input
        raise exc
    return result


def _run_pool(rows: list[Row], workers: int, fmts: list[str], strict: bool, options: dict,
              library: Any, debug: bool, finish, env_problem: list,
              final: bool = False) -> None:
    """Build rows on ``workers`` processes; ``finish`` runs here as each row comes back."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    from plankit.paths import CLAUSES_DIR

    dirs = [str(Path(p).resolve()) for p in getattr(library, "dirs", [])
            if Path(p).resolve() != Path(CLAUSES_DIR).resolve()]
    env = {key: os.environ.get(key) for key in ("SOURCE_DATE_EPOCH",)}
    method = _start_method()
    if method == "fork":  # the workers start as copies of this process, library loaded
        _WORKER["library"] = library
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is copied into them
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context(method),
                               initializer=_init_worker, initargs=(dirs, env))
    clean = False
    try:
        pending: dict[Future, Row] = {}
        queue = list(rows)
        while queue or pending:
            # keep a few rows per worker queued, so a failure stops work early
            while queue and len(pending) < workers * 2 and not env_problem:
                row = queue.pop(0)
                pending[pool.submit(_build_row, row.input, fmts, strict, options, None,
                                    debug, final)] = row
            if env_problem:
                queue.clear()
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                row = pending.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    outcome = RowOutcome(number=row.number, exit_code=1, error=(
                        f"{row.input.name}: the worker process building this row stopped "
                        "unexpectedly (out of memory?); try again with fewer --jobs"))
                finish(outcome)
        clean = True
    finally:
        pool.shutdown(wait=clean, cancel_futures=True)


def _summary(result: BatchResult, batch: Batch) -> None:
    built = len(result.built)
    files = len(result.written)
    text = (f"{batch.loaded.path.name}: {built} of {result.total} "
            f"{'row' if result.total == 1 else 'rows'} built into {result.folder} "
            f"({files} file{'s' if files != 1 else ''}, {result.seconds:.1f} s, "
            f"{result.workers} worker{'s' if result.workers != 1 else ''})")
    click.echo(text, err=bool(result.failed))


def validate_batch(loaded: LoadedInput, library: Any, *, strict: bool = False) -> list:
    """Check every row as ``build`` would, writing nothing; returns one draft per row.

    Raises :class:`~plankit.errors.InputError` naming every bad row, after checking them
    all."""
    from plankit import api

    batch = read_batch(loaded)
    good, bad = _check_rows(batch)
    problems: dict[int, PlankitError] = dict(bad)
    drafts = []
    for row in good:
        try:
            dr = api.draft(row.input, library)
            if strict:
                api.report_findings(dr, True)
                api.report_placeholders(dr, True)
        except PlankitError as exc:
            problems[row.number] = exc
            continue
        drafts.append(dr)
    if problems:
        lines = []
        for number in sorted(problems):
            exc = problems[number]
            row = batch.rows[number - 1]
            head = f"row {number}" + (f" ({row.input.where})" if row.input.where else "")
            if exc.problems:
                lines.extend(f"{head}: {p}" for p in exc.problems)
            else:
                lines.append(f"{head}: {exc.message}")
        n = len(problems)
        raise InputError(f"{n} of {len(batch.rows)} rows {'have' if n != 1 else 'has'} "
                         "problems:", file=loaded.name, problems=lines,
                         hint="fix the rows named above; the other rows are fine")
    return drafts
