"""What a document commits its parties to, as data: obligations and shared metrics.

These records sit beside the block tree on :class:`~plankit.document.Document` and carry no
formatting. A pass fills them (:mod:`plankit.compose.passes.obligations`): obligations from
the clauses' front matter (never from the prose), metrics from the input. The JSON, CSV and
calendar exports (:mod:`plankit.render.exports`) are renderers of these records.
"""

from __future__ import annotations

from dataclasses import dataclass

OBLIGATION_TYPES = ("deliverable", "report", "payment", "destruction", "notice")
"""What a party owes."""

FREQUENCIES = ("once", "weekly", "biweekly", "monthly", "quarterly", "annually", "each-pay-period",
               "per-event", "ongoing")
"""How often an obligation falls due. ``per-event``: each time its event happens (a
breach, a request); ``ongoing``: at all times while the agreement lasts."""

EVENTS = ("award", "notice-to-proceed", "work-start", "end-of-month", "end-of-quarter",
          "end-of-year", "payment-received", "request", "incident", "breach-discovery",
          "retention-end", "destruction", "termination", "agreement-start", "agreement-end",
          "work-complete", "signing", "job-opening", "meeting", "worker-start",
          "milestone-report")
"""What a relative due date counts from."""

UNITS = ("days", "business-days", "hours")


@dataclass(frozen=True, slots=True)
class Due:
    """When an obligation falls due: an absolute ``date``, or ``within`` units after
    ``event``, or on ``day_of_month`` of each period; ``start`` is the date a recurring
    obligation starts from, where the document knows it."""

    frequency: str = "once"
    date: str = ""
    """ISO date the obligation is due, where the document sets one."""
    event: str = ""
    within: int | None = None
    unit: str = "days"
    day_of_month: int | None = None
    start: str = ""
    """ISO date of the event a recurring obligation (or a relative one) counts from, where
    the input gives it (for example the construction start date)."""
    text: str = ""
    """The due rule in words, as the clause states it."""


@dataclass(frozen=True, slots=True)
class Obligation:
    """One commitment the document creates, declared by the clause it comes from."""

    id: str
    """Stable id: ``<clause id>/<obligation id>`` (with ``@<input path>`` for a clause used
    more than once)."""
    type: str
    by: str
    to: str
    what: str
    due: Due = Due()
    metric: str = ""
    target: str = ""
    remedy: str = ""
    section: str = ""
    """Number of the section that states it ("" for an unnumbered section)."""
    section_title: str = ""
    section_id: str = ""
    clause: str = ""
    clause_version: str = ""
    open: tuple[str, ...] = ()
    """Input fields (paths) the obligation depends on that are still to be supplied."""


@dataclass(frozen=True, slots=True)
class SharedMetric:
    """One shared measure from the input: plan and partnership metrics."""

    name: str
    unit: str = ""
    definition: str = ""
    baseline: str = ""
    baseline_year: str = ""
    target: str = ""
    target_year: str = ""
    direction: str = ""
    source: str = ""
    disaggregation: tuple[str, ...] = ()
    frequency: str = ""
    field: str = ""
    """Where it is in the input, e.g. ``metrics[2]``."""
    section: str = ""
    section_title: str = ""
    section_id: str = ""


@dataclass(frozen=True, slots=True)
class Party:
    """A party to the document and the person who signs for it."""

    party: str
    name: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Records:
    """The document's records for the exports."""

    obligations: tuple[Obligation, ...] = ()
    metrics: tuple[SharedMetric, ...] = ()
    parties: tuple[Party, ...] = ()


NO_RECORDS = Records()
