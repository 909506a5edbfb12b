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
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

from pydantic import Field, model_validator

from plankit.errors import InputError
from plankit.inputs.files import LoadedInput, read_text
from plankit.models.base import Model

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
    from plankit.inputs.files import load

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
    from plankit.fieldpath import format_path

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
