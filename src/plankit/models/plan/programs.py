"""The programs behind the plan types, and where each stood as of a date.

A plan type is drafted for a program: BEAD, the Digital Equity Act grants, NEVI, CPRG, WIOA
and so on. Programs change: NTIA restructured BEAD in June 2025 and terminated the Digital
Equity Act grants in May 2025, FHWA suspended NEVI plan approvals in February 2025. The data
file (``src/plankit/data/plan_types.yaml``, under ``programs``) records each program's
status as a list of dated events, with the date the status was last checked and its source;
:mod:`plankit.models.plan.registry` reads it and gives every plan type its program.

A plan is drafted as of its own date: only the events on or before that date are stated in
it (:meth:`Program.events_on`), so a plan dated before a change does not cite the change.

This module also holds the other dated facts of a program that the plan types data carries:

- :class:`Sensitivity`: a rule of the program under which a commitment is sensitive (WIOA
  funds and union organizing; "equity" measures a program no longer funds); a strategy, policy
  tool or measure that carries the tag gets a note in the review memo;
- :class:`Term`: a term federal law requires (or no longer requires) of every subgrant in a
  subgrant round, stated apart from the plan's own workforce choices (BEAD).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict

ProgramState = Literal["active", "changed", "suspended", "terminated"]

STATE_LABELS: dict[str, str] = {
    "active": "Active",
    "changed": "Changed",
    "suspended": "Suspended",
    "terminated": "Terminated",
}
"""How ``plankit plans`` and the plan's frame name each state."""

WARN_STATES = frozenset({"suspended", "terminated"})
"""States under which a plan still builds, but its frame says so and the memo warns."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StatusEvent(_Data):
    """A dated change in a program's status."""

    state: ProgramState
    date: dt.date
    """The day it took effect."""
    text: str
    """How a plan states it: one or two plain sentences of fact, dated."""
    source: str
    """A key under ``sources``; an event whose source is not verified is not stated in the
    plan, only in the review memo."""
    detail: str = ""
    """More for the reviewer (litigation, what could not be confirmed); memo only."""


class Sensitivity(_Data):
    """A program rule under which a commitment carrying a tag is sensitive."""

    date: Optional[dt.date] = None
    """Since when the rule applies (none: a standing rule of the statute)."""
    source: str
    text: str
    """What the rule says and what to do, for the review memo."""


class Program(_Data):
    """A program behind one or more plan types, with its status history."""

    id: str
    name: str
    plan_types: tuple[str, ...]
    as_of: dt.date
    """The date the status was last checked."""
    source: str
    """What the check rests on (a key under ``sources``)."""
    detail: str = ""
    """What the check found, or could not confirm, beyond the events; memo only."""
    events: tuple[StatusEvent, ...] = ()
    """Changes of status, oldest first. Before the first, the program is active."""
    sensitive: dict[str, Sensitivity] = {}
    """Tag -> the program rule that makes a commitment with that tag sensitive."""

    def events_on(self, day: Optional[dt.date]) -> tuple[StatusEvent, ...]:
        """The events on or before ``day`` (all of them when ``day`` is None)."""
        return tuple(e for e in self.events if day is None or e.date <= day)

    def state_on(self, day: Optional[dt.date]) -> str:
        seen = self.events_on(day)
        return seen[-1].state if seen else "active"

    @property
    def state(self) -> str:
        """The status as of :attr:`as_of`."""
        return self.state_on(None)

    @property
    def last(self) -> Optional[StatusEvent]:
        return self.events[-1] if self.events else None

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


class Term(_Data):
    """A term federal law requires of every subgrant in a round (or that a notice removed),
    stated apart from the plan's own workforce choices."""

    id: str
    text: str
    status: Literal["required", "removed"]
    source: str
    cite: str
