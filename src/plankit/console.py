"""Everything the ``plankit`` command prints: build progress and batch summaries, the
``validate`` report and review checklist, clause listings, and the plan types. The command
line (:mod:`plankit.cli`) reads its options and calls :mod:`plankit.api`; what a person
reads in the terminal is written here."""

from __future__ import annotations

import logging
import sys
import textwrap
from pathlib import Path
from typing import Any, Optional, TextIO

import click

from plankit.pipeline import Group, GroupResult, Reporter, finding_lines, placeholder_lines

log = logging.getLogger("plankit")


# --------------------------------------------------------------------------- building


class Progress(Reporter):
    """What a person sees while inputs build.

    For a batch on a terminal: one bar on stderr, redrawn as rows finish, with messages
    printed above it. Anywhere else (an input file, a log, a pipe, ``-q``): one plain line per
    file written, on stdout.
    """

    WIDTH = 28

    def __init__(self, total: int = 0, label: str = "", *, stream: Optional[TextIO] = None,
                 bar: Optional[bool] = None) -> None:
        self.total = total
        self.done = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self._want_bar = bar
        self.bar = self._bar_wanted() if total else False
        self._shown = False

    def _bar_wanted(self) -> bool:
        if self._want_bar is not None:
            return self._want_bar
        return _isatty(self.stream) and log.isEnabledFor(logging.INFO)

    def start(self, group: Group) -> None:
        self.total, self.done, self.label = len(group.jobs), 0, group.loaded.path.name
        self.bar = group.is_batch and self._bar_wanted()

    def wrote(self, path: Path) -> None:
        if not self.bar:
            click.echo(f"wrote {path}")

    def step(self, note: str = "") -> None:
        self.done += 1
        self._draw(note)

    def error(self, text: str) -> None:
        """An error for the person, above the bar."""
        self._clear()
        click.echo("error: " + text, err=True)
        self._draw()

    def warn(self, text: str) -> None:
        """A warning, through the plankit logger (so -q hides it and --strict counts it)."""
        self._clear()
        log.warning("%s", text)
        self._draw()

    def close(self) -> None:
        self._clear()

    def finish(self, result: GroupResult) -> None:
        if result.is_batch:
            click.echo(batch_summary(result), err=bool(result.failed))

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


def batch_summary(result: GroupResult) -> str:
    """One line: how many rows built, where, in how long."""
    built, files = len(result.built), len(result.written)
    return (f"{result.input.name}: {built} of {result.total} "
            f"{'row' if result.total == 1 else 'rows'} built into {result.folder} "
            f"({files} file{'s' if files != 1 else ''}, {result.seconds:.1f} s, "
            f"{result.workers} worker{'s' if result.workers != 1 else ''})")


# --------------------------------------------------------------------------- validate


def validate_lines(dr: Any, report: bool = False) -> list[str]:
    """What ``plankit validate`` prints for one checked document."""
    ph = dr.document.placeholders
    facts = len(placeholder_lines(ph))  # one per fact, wherever it appears
    status = f"{facts} placeholder{'s' if facts != 1 else ''} to fill" if ph else "complete"
    warned = f"; {len(dr.findings)} warning{'s' if len(dr.findings) != 1 else ''}" \
        if dr.findings else ""
    out = [f"{dr.name}: ok ({dr.document.kind}; {status}{warned})"]
    if report:
        return out + [review_report(dr)]
    out += [f"  warning: {line}" for line in finding_lines(dr)]
    lines = placeholder_lines(ph, dr.document.kind)
    out += [f"  {line}" for line in lines[:20]]
    if len(lines) > 20:
        out.append(f"  … and {len(lines) - 20} more")
    return out


def review_report(dr: Any) -> str:
    """The review checklist of one draft as plain text for the terminal: the same items as
    the review memo."""
    doc = dr.document
    out = [f"\nReview checklist for {dr.name} ({doc.title})"]
    facts = placeholder_lines(doc.placeholders, doc.kind)
    out.append(f"\nFacts still to supply ({len(facts)}):")
    out.extend(f"  {line}" for line in facts or ["none"])
    notes = [r for r in doc.review if r.kind in ("note", "example")]
    out.append(f"\nDrafter notes to check ({len(notes)}):")
    out.extend(f"  section {r.section}: {r.text}" if r.section else f"  (general) {r.text}"
               for r in notes)
    if not notes:
        out.append("  none")
    out.append(f"\nWarnings about the content ({len(dr.findings)}):")
    out.extend(f"  {line}" for line in finding_lines(dr) or ["none"])
    confirm = [c for c in doc.checks if c.confirm]
    if confirm:
        out.append(f"\nRules to confirm ({len(confirm)}):")
        out.extend(f"  {c.title}: {c.confirm}" for c in confirm)
    if dr.model is not None:
        out.extend(dr.model.report_lines(doc))
    return "\n".join(out)


# --------------------------------------------------------------------------- listings


def kinds_text(kinds: list) -> str:
    rows = [(k.name, k.summary) for k in kinds]
    rows.append(("profile", "Organisation profile that inputs name with 'profile: FILE'"))
    width = max(len(name) for name, _ in rows)
    lines = ["Document kinds:"] + [f"  {name:<{width}}  {summary}" for name, summary in rows]
    lines.append("\nRun 'plankit new KIND -o FILE.yaml' to start one. For a plan-section, add "
                 "--plan TYPE ('plankit plans' lists the plan types).")
    return "\n".join(lines)


def plans_text(rows: list[dict]) -> str:
    """The plan types, with the status of the program behind each."""
    out = [f"{'ID':<26} {'STATUS':<11} PLAN TYPE (elements as of)"]
    for r in rows:
        out.append(f"{r['id']:<26} {r['status'] or '-':<11} {r['name']} (as of {r['as_of']})")
        for label in ("program", "agency", "frequency"):
            out.append(textwrap.fill(f"{label}: {r[label]}", width=98,
                                     initial_indent=" " * 39, subsequent_indent=" " * 41))
        if r["status"]:
            since = f" since {r['status_since']}" if r["status_since"] else ""
            checked = "" if r["status_verified"] else ", not verified"
            out.append(textwrap.fill(
                f"status: {r['status_label'].lower()}{since} (checked {r['status_as_of']}"
                f"{checked}; source: {r['status_source']})", width=98,
                initial_indent=" " * 39, subsequent_indent=" " * 41))
    out.append("\nRun 'plankit new plan-section --plan ID -o FILE.yaml' to start one.")
    return "\n".join(out)


def clause_json(c: Any) -> dict:
    m = c.meta
    return {
        "id": m.id, "title": m.title, "topic": m.topic, "variant": m.variant,
        "kinds": list(m.kinds), "version": m.version, "summary": m.summary,
        "origin": c.origin,
        "params": {name: {"type": spec.type, "required": spec.required, "default": spec.default,
                          "choices": spec.choices, "help": spec.help, "example": spec.example}
                   for name, spec in m.params.items()},
        "citations": [{"title": x.title, "source": x.source, "section": x.section,
                       "cite": x.cite, "url": x.url,
                       "as_of": x.as_of.isoformat() if x.as_of else None,
                       "verified": x.verified} for x in m.citations],
    }


def clause_list_text(rows: list) -> str:
    """Clauses (id, version, title), grouped by topic."""
    from plankit.library.topics import topic_title

    if not rows:
        return "no clauses match"
    width = max(len(c.id) for c in rows)
    current = None
    out = []
    for c in rows:
        if c.meta.topic != current:
            current = c.meta.topic
            out.append(("" if c is rows[0] else "\n") + f"{topic_title(current)} ({current})")
        origin = "" if c.origin == "package" else f"  [{c.origin}]"
        out.append(f"  {c.id:<{width}}  {c.meta.version:<7} {c.meta.title}{origin}")
    out.append(f"\n{len(rows)} clause{'s' if len(rows) != 1 else ''}; "
               "'plankit clauses show ID' shows one")
    return "\n".join(out)


def clause_text(c: Any) -> str:
    """One clause's card: parameters, citations, defined terms and drafter notes."""
    m = c.meta
    out = [f"{m.id}  (version {m.version})\n{m.title}"]
    if m.summary:
        out.append(m.summary)
    out.append(f"topic: {m.topic}   variant: {m.variant}   for: {', '.join(m.kinds)}")
    out.append(f"file: {c.path}  "
               f"({'built-in' if c.origin == 'package' else 'from ' + c.origin})")
    if m.params:
        out.append("\nparameters:")
        for name, spec in m.params.items():
            bits = [spec.type + (f" ({' | '.join(spec.choices)})" if spec.choices else "")]
            bits.append("required" if spec.required else f"default {spec.default!r}"
                        if spec.default is not None else "optional")
            if spec.example is not None:
                bits.append(f"example {spec.example!r}")
            out.append(f"  {name}: {', '.join(bits)}" + (f" — {spec.help}" if spec.help else ""))
    if m.citations:
        out.append("\ncitations:")
        for cit in m.citations:
            flag = "" if cit.verified else "  (to be confirmed by the reviewer)"
            as_of = f" (as of {cit.as_of})" if cit.as_of else ""
            out.append(f"  {cit.title}: {cit.cite}{as_of}{flag}")
    if m.defines:
        out.append("\ndefines: " + ", ".join(m.defines))
    if m.notes:
        out.append("\ndrafter notes:")
        out.extend(f"  - {note}" for note in m.notes)
    return "\n".join(out)
