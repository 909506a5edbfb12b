"""What the clauses of the workforce family read from a plan section, beyond its fields:
the program's status as of the plan's date, the plan type's variant, the terms federal law
requires of every subgrant, and the strategies the plan commits to.

:class:`WorkforceDoc` is a base of :class:`~plankit.models.plan.section.PlanSectionInput`;
it holds no fields of its own. Dates go through the one mechanism every plan uses,
``dated_after()``: nothing dated after the plan's own date is stated in it, and the review
memo lists what was left out (:meth:`WorkforceDoc.program_checks`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Optional

from plankit.models.plan._fields import pick
from plankit.models.plan.programs import STATE_LABELS, WARN_STATES, Program, StatusEvent
from plankit.models.plan.registry import PLAN_TYPES, Strategy

if TYPE_CHECKING:  # pragma: no cover
    from plankit.models.common import Finding
    from plankit.models.plan.workforce_section import PolicyTool


def variant_word(value: Any, plan: Optional[str]) -> Any:
    """The variant id an input means, for the plan type it names."""
    p = PLAN_TYPES.get(plan or "")
    if p is None or not p.variants:
        return value  # 'variant' on a plan type without variants is reported elsewhere
    return pick(value, p.variants, f"a kind of {p.name}")


def _show(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


class WorkforceDoc:
    """Helpers the workforce clauses use; mixed into the plan-section input."""

    # ------------------------------------------------------------------ program status

    @property
    def program(self) -> Optional[Program]:
        return self.plan_type.program_status  # type: ignore[attr-defined]

    def _stated(self, e: StatusEvent) -> bool:
        """Whether an event may be stated in the plan: on or before its date, from a verified
        source that is not itself dated after it."""
        src = self.plan_type.source(e.source)  # type: ignore[attr-defined]
        return (src.verified and not self.dated_after(e.date)  # type: ignore[attr-defined]
                and not self.dated_after(src.as_of))  # type: ignore[attr-defined]

    @property
    def status_events(self) -> list[StatusEvent]:
        """The program's changes of status that the plan states, oldest first."""
        prog = self.program
        return [e for e in prog.events if self._stated(e)] if prog else []

    @property
    def program_state(self) -> str:
        """The program's status on the plan's date, as far as the plan can state it."""
        events = self.status_events
        return events[-1].state if events else "active"

    @property
    def status_text(self) -> str:
        """The 'Program status' of the plan's frame, e.g. 'Terminated on May 9, 2025', or ''
        when the plan states no change."""
        events = self.status_events
        if not events:
            return ""
        last = events[-1]
        return f"{STATE_LABELS[last.state]} on {_show(last.date)}"

    @property
    def status_warns(self) -> bool:
        """Whether the program was suspended or terminated on the plan's date."""
        return self.program_state in WARN_STATES

    def program_checks(self) -> list[dict[str, Any]]:
        """The program's status for the review memo: one check, whose result is 'issue
        found' when the program was suspended or terminated on the plan's date."""
        prog = self.program
        if prog is None or self.family != "workforce":  # type: ignore[attr-defined]
            return []
        p = self.plan_type  # type: ignore[attr-defined]
        stated = self.status_events
        lines = []
        for e in prog.events:
            src = p.source(e.source)
            when = _show(e.date)
            if self.dated_after(e.date):  # type: ignore[attr-defined]
                lines.append(f"After this plan's date ({when}), not cited: {e.text}")
            elif not src.verified:
                lines.append(f"Not stated in the plan, the source is not verified: {e.text}")
            else:
                lines.append(e.text)
            if e.detail:
                lines.append(e.detail)
        if prog.detail:
            lines.append(prog.detail)
        after = self.dated_after(prog.as_of)  # type: ignore[attr-defined]
        as_of = stated[-1].date if after and stated else prog.as_of
        state = STATE_LABELS[self.program_state]
        src = p.source(prog.source)
        return [{"title": f"Program status: {prog.name} ({state.lower()} on this plan's date)",
                 "source": src.cite, "as_of": as_of, "verified": src.verified, "kind": "law",
                 "outcome": "issue found" if self.status_warns else "recorded",
                 "detail": " ".join(lines)}]

    # ------------------------------------------------------------------ variants and terms

    @property
    def variant_label(self) -> str:
        return self.plan_type.variants.get(self.variant or "", "")  # type: ignore[attr-defined]

    @property
    def federal_terms(self) -> list[dict[str, Any]]:
        """The terms federal law requires (or no longer requires) of every subgrant, each
        with its citation; none whose source is dated after the plan."""
        p = self.plan_type  # type: ignore[attr-defined]
        out = []
        for t in p.terms:
            src = p.source(t.source)
            if self.dated_after(src.as_of):  # type: ignore[attr-defined]
                continue
            out.append({"id": t.id, "text": t.text, "status": t.status, "cite": t.cite,
                        "verified": src.verified})
        return out

    @property
    def condition_count(self) -> int:
        """Elements that are terms of the program's grants (set by its guidance)."""
        return sum(1 for e in self.elements if e.status == "condition")  # type: ignore

    # ------------------------------------------------------------------ strategies

    @property
    def chosen_strategies(self) -> list[Strategy]:
        """The strategies the plan commits to: only those the input lists."""
        p = self.plan_type  # type: ignore[attr-defined]
        return [p.strategy(s) for s in self.strategies]  # type: ignore[attr-defined]

    @property
    def strategy_rows(self) -> list[dict[str, Any]]:
        """Each chosen strategy with its text for this plan and the programs that carry it
        out: ``{"id", "title", "text", "common", "programs": [names]}``."""
        fill = {"agency": self.adopter_ref, "place": self.place}  # type: ignore[attr-defined]
        return [{"id": s.id, "title": s.title, "text": s.text.format_map(fill),
                 "common": s.common,
                 "programs": [p.name for p in self.programs  # type: ignore[attr-defined]
                              if p.strategy == s.id]}
                for s in self.chosen_strategies]

    @property
    def strategies_not_chosen(self) -> list[str]:
        """Titles of the plan type's own strategies this plan leaves out."""
        chosen = {s.id for s in self.chosen_strategies}
        return [s.title for s in self.plan_type.strategies  # type: ignore[attr-defined]
                if s.id not in chosen]

    def tool(self, key: str) -> Optional["PolicyTool"]:
        """The policy tool with this id, if the plan uses it."""
        return next((t for t in self.policy_tools  # type: ignore[attr-defined]
                     if t.tool == key), None)

    @property
    def measure_names(self) -> list[str]:
        """The names of the shared measures the plan tracks, as they read inside a sentence
        ('safety incidents'; an acronym such as 'WIOA' keeps its capitals)."""
        def inner(name: str) -> str:
            return name if name[1:2].isupper() else name[:1].lower() + name[1:]
        return [inner(m.name) for m in self.metrics]  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ findings

    def workforce_findings(self) -> list["Finding"]:
        """Warnings of the workforce family (valid input, probably incomplete)."""
        from plankit.models.plan.commitments import condition_findings

        return condition_findings(self)

    def review_findings(self) -> list["Finding"]:
        """Notes for the reviewer: a suspended or terminated program, and commitments that a
        program's rules make sensitive."""
        from plankit.models.plan.commitments import sensitive_findings, status_findings

        return status_findings(self) + sensitive_findings(self)
