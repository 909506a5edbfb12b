"""The build loop: every job (an input file, or one row of a batch) goes the same way:
checked, drafted and rendered (here, or on a pool of worker processes), then written whole
or not at all. What the person is told as it goes is up to the :class:`Reporter` the caller
hands in."""

from __future__ import annotations

import logging
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

from plankit.errors import (EXIT_ENVIRONMENT, EXIT_INTERNAL, CheckFailed, EnvironmentProblem,
                            OutputError, PlankitError)
from plankit.pipeline.check import check_rows
from plankit.pipeline.draft import Draft, draft
from plankit.pipeline.findings import check_findings, check_placeholders
from plankit.pipeline.jobs import Group, Job
from plankit.pipeline.write import OutputFolder, ensure_dir
from plankit.render import render

log = logging.getLogger("plankit")


class Reporter:
    """What the person running a build is told as it goes. This one logs warnings and
    errors and says nothing else; the command line's (:mod:`plankit.console`) draws a
    progress bar for a batch and names each file written."""

    def start(self, group: Group) -> None:
        """A group's jobs are about to be built."""

    def warn(self, text: str) -> None:
        log.warning("%s", text)

    def error(self, text: str) -> None:
        """A job failed (the others go on)."""
        log.error("%s", text)

    def wrote(self, path: Path) -> None:
        """A file was written."""

    def step(self, note: str = "") -> None:
        """A job is done (written or failed)."""

    def close(self) -> None:
        """The group's jobs are done; nothing more is drawn."""

    def finish(self, result: "GroupResult") -> None:
        """The group is built: ``result`` says which jobs built and which failed."""


@dataclass
class Outcome:
    """What building one job gave: its files' bytes, or why it failed."""

    number: int
    files: list[tuple[Path, bytes]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    """The error as printed (file, message, problems and hint)."""
    exit_code: int = 0
    message: str = ""
    hint: str = ""
    exc: Optional[PlankitError] = None
    """The error itself (only when the job was built in this process)."""
    draft: Optional[Draft] = None
    """The draft (only when the job was built in this process)."""


@dataclass
class GroupResult:
    """One input's build: which jobs built, which failed and why, and the files written."""

    input: Path
    folder: Path
    total: int = 0
    built: list[int] = field(default_factory=list)
    """Row numbers of the rows built (``[0]`` for an input file that built)."""
    failed: dict[int, str] = field(default_factory=dict)
    """Row number -> the error, as printed."""
    written: list[Path] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    """The drafts of an input file (a batch's rows are drafted in worker processes)."""
    workers: int = 1
    seconds: float = 0.0
    is_batch: bool = False


class BatchFailed(CheckFailed):
    """Some rows of a batch failed; the others were built. ``result`` says which."""

    def __init__(self, message: str, *, result: GroupResult, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.result = result


def make(job: Job, library: Any, rules: Any, formats: Sequence[str], strict: bool,
         options: dict, final: bool, debug: bool, keep: bool) -> Outcome:
    """Draft and render one job (in a worker process, or in this one). ``keep``: keep the
    draft and the error object in the outcome (they do not travel between processes)."""
    outcome = Outcome(number=job.number)
    try:
        dr = draft(job.input, library, final=final, rules=rules)
        outcome.warnings = check_findings(dr, strict)
        for one in [dr] + dr.linked:
            outcome.warnings += check_placeholders(one, strict)
        outcome.files = document_files(dr, formats, options, job.target)  # before any write
        outcome.draft = dr if keep else None
    except PlankitError as exc:
        if not exc.file:
            exc.file = job.name
        outcome.files = []
        outcome.error = exc.format_message()
        outcome.exit_code = exc.exit_code
        outcome.message, outcome.hint = exc.message, exc.hint
        outcome.exc = exc if keep else None
    except Exception as exc:  # noqa: BLE001 - a bug: this row fails, the others go on
        if not job.is_row:
            raise  # the command reports it, as it does any bug
        outcome.files = []
        outcome.error = (f"{job.name}: internal error: {type(exc).__name__}: {exc}\n"
                         "This is a bug in plankit, not in your file. Rerun with --debug and "
                         "report the output.")
        if debug:
            outcome.error += "\n" + traceback.format_exc()
        outcome.exit_code = EXIT_INTERNAL
    return outcome


def document_files(dr: Draft, formats: Sequence[str], options: dict, target
                   ) -> list[tuple[Path, bytes]]:
    """Every file one drafted input makes: each format of its document, then of each
    document linked to it. ``target(fmt, part)`` names each file."""
    return [(target(fmt, one.part), render(one.document, fmt, **options))
            for one in [dr] + dr.linked for fmt in formats]


def _broken(job: Job) -> Outcome:
    return Outcome(number=job.number, exit_code=1, error=(
        f"{job.name}: the worker process building this row stopped unexpectedly (out of "
        "memory?); try again with fewer --jobs"))


def build_group(group: Group, formats: Sequence[str], *, library: Any, rules: Any = None,
                strict: bool = False, force: bool = False, final: bool = False,
                options: Optional[dict] = None, jobs: Optional[int] = None,
                reporter: Optional[Reporter] = None) -> GroupResult:
    """Build every job of one input, ``jobs`` at a time.

    An input file's errors are raised as they are. A batch's bad rows are reported (by row
    number) and skipped, the others built and written, and :class:`BatchFailed` raised at
    the end if any row failed."""
    from plankit.pipeline.pool import default_jobs, run_pool

    started = time.perf_counter()
    reporter = reporter or Reporter()
    result = GroupResult(input=group.loaded.path, folder=group.folder, total=len(group.jobs),
                         is_batch=group.is_batch)
    reporter.start(group)

    def fail(number: int, text: str) -> None:
        result.failed[number] = text
        reporter.error(text)
        reporter.step()

    ready = group.jobs
    if group.is_batch:  # rows are checked first: a problem they share is reported once
        ready, bad = check_rows(group, library, rules)
        for number, exc in bad.items():
            fail(number, exc.format_message())
        ensure_dir(group.folder.parent)
        ensure_dir(group.folder)
    by_number = {job.number: job for job in ready}
    env_problem: list[Outcome] = []
    internal: list[int] = []
    folders: dict[Path, OutputFolder] = {}

    def finish(outcome: Outcome) -> None:
        job = by_number[outcome.number]
        if outcome.error:
            if not group.is_batch:
                raise outcome.exc if outcome.exc is not None else PlankitError(outcome.error)
            if outcome.exit_code == EXIT_ENVIRONMENT:  # reported once, when the build stops
                env_problem.append(outcome)
                result.failed[outcome.number] = outcome.error
                return
            if outcome.exit_code == EXIT_INTERNAL:
                internal.append(outcome.number)
            fail(outcome.number, outcome.error)
            return
        for line in outcome.warnings:
            reporter.warn(line)
        try:
            _write(job, outcome.files, folders, force, reporter, result)
        except PlankitError as exc:
            if not group.is_batch:
                raise
            fail(outcome.number, f"{job.name}: {exc.format_message()}")
            return
        result.built.append(outcome.number)
        if outcome.draft is not None:
            result.drafts.append(outcome.draft)
        reporter.step(job.stem)

    opts = {key: Path(value).resolve() if isinstance(value, Path) else value
            for key, value in (options or {}).items()}
    debug = log.isEnabledFor(logging.DEBUG)
    workers = max(1, min(jobs or default_jobs(), len(ready)))
    result.workers = workers
    args = (list(formats), strict, opts, final, debug)
    try:
        if workers == 1:
            for job in ready:
                finish(make(job, library, rules, *args, keep=True))
                if env_problem:
                    break
        else:
            run_pool(ready, workers, make, args + (False,), library=library, rules=rules,
                     finish=finish, stopped=lambda: bool(env_problem), broken=_broken)
    finally:
        reporter.close()
    result.seconds = time.perf_counter() - started
    if env_problem:
        first = env_problem[0]
        raise EnvironmentProblem(first.message, hint=first.hint)
    result.built.sort()
    reporter.finish(result)
    if result.failed:
        raise _batch_failed(group, result, internal)
    return result


def _write(job: Job, files: list[tuple[Path, bytes]], folders: dict[Path, OutputFolder],
           force: bool, reporter: Reporter, result: GroupResult) -> None:
    """Write one job's files: each is checked first, so none is written if one cannot be."""
    ensure_dir(job.folder)
    folder = folders.get(job.folder)
    if folder is None:
        folder = folders[job.folder] = OutputFolder(job.folder)
    source = job.input.path.resolve()
    for target, _ in files:
        if target.resolve() == source:
            raise OutputError(f"{target} is the input file itself",
                              hint="choose another output folder with -o")
        folder.check(target, force)
    for target, data in files:
        folder.write(target, data)
        result.written.append(target)
        reporter.wrote(target)


def _batch_failed(group: Group, result: GroupResult, internal: list[int]) -> BatchFailed:
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
    exc = BatchFailed(text, file=group.loaded.name, result=result, hint=hint)
    if internal:
        exc.exit_code = EXIT_INTERNAL  # a bug in plankit, not in the input
    return exc
