"""Checking inputs without writing: the rows of a batch before they are built, and
``plankit validate``, which checks every input as a build would."""

from __future__ import annotations

from typing import Any

from plankit.errors import InputError, PlankitError
from plankit.pipeline.draft import Draft, draft, linked_documents, read_input
from plankit.pipeline.findings import check_findings, check_placeholders
from plankit.pipeline.jobs import Group, Job


def check_rows(group: Group, library: Any, rules: Any = None
               ) -> tuple[list[Job], dict[int, PlankitError]]:
    """Validate every row of a batch; returns the good rows and the errors of the bad ones.

    When every row fails in the same way, the problem is in the part of the file the rows
    share: that is raised once, as an :class:`InputError` about the file."""
    good, bad = [], {}
    for job in group.jobs:
        try:
            if job.problem:
                raise InputError(job.problem, file=job.name)
            _, model = read_input(job.input, rules=rules)
            if linked_documents(model):
                raise InputError("the input drafts several linked documents (structure: "
                                 "tiered), and a batch builds one document per row",
                                 file=job.name,
                                 hint="build it without the batch: block, or use "
                                      "'structure: single'")
        except PlankitError as exc:
            if not exc.file:
                exc.file = job.name
            bad[job.number] = exc
            continue
        good.append(job)
    if len(group.jobs) > 1 and len(bad) == len(group.jobs):
        first = next(iter(bad.values()))
        if all(e.message == first.message and e.problems == first.problems
               for e in bad.values()):
            raise InputError("every row fails in the same way, so the problem is probably in "
                             "the part of the file the rows share (outside 'batch:'):",
                             file=group.loaded.name,
                             problems=first.problems or [first.message], hint=first.hint)
    return good, bad


def check_group(group: Group, library: Any, *, rules: Any = None,
                strict: bool = False) -> list[Draft]:
    """Check one input as ``build`` would, writing nothing: one draft per document (an
    input file's linked documents, or a batch's rows).

    A batch raises :class:`InputError` naming every bad row, after checking them all."""
    if not group.is_batch:
        dr = draft(group.loaded, library, rules=rules)
        if strict:
            check_findings(dr, strict)
            for one in [dr] + dr.linked:
                check_placeholders(one, strict)
        return [dr] + dr.linked
    good, bad = check_rows(group, library, rules)
    problems: dict[int, PlankitError] = dict(bad)
    drafts = []
    for job in good:
        try:
            dr = draft(job.input, library, rules=rules)
            if strict:
                check_findings(dr, True)
                check_placeholders(dr, True)
        except PlankitError as exc:
            problems[job.number] = exc
            continue
        drafts.append(dr)
    if problems:
        lines = []
        for number in sorted(problems):
            exc = problems[number]
            row = group.jobs[number - 1].input
            head = f"row {number}" + (f" ({row.where})" if row.where else "")
            if exc.problems:
                lines.extend(f"{head}: {p}" for p in exc.problems)
            else:
                lines.append(f"{head}: {exc.message}")
        n = len(problems)
        raise InputError(f"{n} of {len(group.jobs)} rows {'have' if n != 1 else 'has'} "
                         "problems:", file=group.loaded.name, problems=lines,
                         hint="fix the rows named above; the other rows are fine")
    return drafts
