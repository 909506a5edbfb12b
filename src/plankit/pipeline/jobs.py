"""Jobs: what a build writes. A *job* is one document (with any documents linked to it) to
write from one input: an input file, or one row of a batch input merged into the part of
the file its rows share. A *group* is the jobs one input file gives."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from plankit.inputs.batch import Batch, is_batch, read_batch
from plankit.inputs.files import LoadedInput, load
from plankit.render import get_format


@dataclass
class Job:
    """One document to write: from which input, into which folder, under which name."""

    input: LoadedInput
    """An input file, or a batch row (:class:`plankit.inputs.batch.RowInput`)."""
    folder: Path
    stem: str = ""
    """The output files' name without the format; empty: the input file's own name."""
    number: int = 0
    """The row number in its batch, counted from 1; 0 for an input file."""
    problem: str = ""
    """Why a batch row could not even be merged into its input (the row then fails)."""

    @property
    def name(self) -> str:
        """The input as messages name it (``file.yaml``, or ``file.yaml, row 3 (line 40)``)."""
        return self.input.name

    @property
    def is_row(self) -> bool:
        return self.number > 0

    def target(self, fmt: str, part: str = "") -> Path:
        """Where the file of format ``fmt`` goes (``part``: a linked document's name)."""
        stem = self.stem or self.input.path.stem
        return self.folder / f"{stem}{'.' + part if part else ''}.{get_format(fmt).extension}"


@dataclass
class Group:
    """One input file and its jobs: one job, or one per row of its batch."""

    loaded: LoadedInput
    folder: Path
    jobs: list[Job] = field(default_factory=list)
    batch: Optional[Batch] = None

    @property
    def is_batch(self) -> bool:
        return self.batch is not None


def expand(path: str | os.PathLike | LoadedInput, out_dir: str | os.PathLike) -> Group:
    """The jobs of one input: a file builds into ``out_dir/<name>.<format>``; a batch
    input builds each row into ``out_dir/<input name>/<row name>.<format>``."""
    loaded = path if isinstance(path, LoadedInput) else load(path)
    out = Path(out_dir)
    if not is_batch(loaded):
        return Group(loaded=loaded, folder=out, jobs=[Job(input=loaded, folder=out)])
    batch = read_batch(loaded)
    folder = out / loaded.path.stem
    jobs = [Job(input=row.input, folder=folder, stem=row.slug, number=row.number,
                problem=row.problem) for row in batch.rows]
    return Group(loaded=loaded, folder=folder, jobs=jobs, batch=batch)
