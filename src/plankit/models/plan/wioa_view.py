"""What the clauses of a WIOA local plan read besides the input fields: the officials, core
programs and partners, the sector tables, the statuses of the plan's elements and the rows
of its crosswalk.

A mixin of :class:`~plankit.models.plan.section.PlanSectionInput`; it holds no fields.
"""

from __future__ import annotations

from typing import Any, Optional

from plankit.models.plan.comments import PublicComment
from plankit.models.plan.goals import INDICATOR_IDS
from plankit.models.plan.labor_market import Occupation
from plankit.models.plan.partnerships import (CORE_PARTNER_PROGRAMS, CORE_PROGRAMS,
                                              PARTNER_PROGRAMS, SectorPartnership)
from plankit.models.plan.registry import Element

GROUPS: dict[str, str] = {
    "strategic": "Strategic planning elements (WIOA sec. 108(b)(1); 20 CFR 679.560(a))",
    "operational": "Operational elements (WIOA sec. 108(b)(2)-(22); 20 CFR 679.560(b)-(d))",
    "comment": "Public comment (WIOA sec. 108(d), 107(e); 20 CFR 679.550(b), 679.560(e))",
    "regional": "Regional planning (20 CFR 679.510; WIOA sec. 106(c))",
    "modification": "Modification (WIOA sec. 108(a); 20 CFR 679.580)",
    "recommended": "Recommended practice (guidance, not law)",
}
"""The parts of the crosswalk, in order, by element ``group``."""

STATUS_LABELS = {"addressed": "Addressed", "placeholder": "Placeholder",
                 "elsewhere": "Addressed in the regional plan",
                 "not-applicable": "Not applicable", "not-included": "Not included"}


class WioaLocalView:
    """Helpers the WIOA local plan clauses use."""

    # ------------------------------------------------------------ people and programs

    @property
    def official_names(self) -> list[str]:
        """Each chief elected official as 'Name (Title)', naming the government when the
        title does not, e.g. 'Ruth Becker (President, Alder County Board of Commissioners)'."""
        out = []
        for o in self.chief_elected_officials:
            role = o.title or "Chief Elected Official"
            if o.government.casefold() not in role.casefold():
                role = f"{role}, {o.government}"
            out.append(f"{o.name} ({role})" if o.name else role)
        return out

    @property
    def core_programs(self) -> list[dict[str, Any]]:
        """Each core program with the partners the input names for it:
        ``{"program": label, "partners": [names]}``."""
        return [{"program": CORE_PROGRAMS[key],
                 "partners": [p.name for p in self.partners if p.program == key]}
                for key in CORE_PROGRAMS]

    @property
    def core_partner_gaps(self) -> list[str]:
        """Core programs run by partners that the partner list does not name."""
        named = {p.program for p in self.partners}
        return [PARTNER_PROGRAMS[p] for p in CORE_PARTNER_PROGRAMS if p not in named]

    @property
    def one_stop_partner_rows(self) -> list[dict[str, Any]]:
        """The one-stop partners, with program and role taken from ``partners`` when the
        one-stop entry leaves them out."""
        by_name = {p.name.casefold(): p for p in self.partners}
        rows = []
        for o in self.one_stop.partners:
            p = by_name.get(o.name.casefold())
            program = o.program or (p.program if p else None)
            rows.append({"name": o.name,
                         "program": PARTNER_PROGRAMS.get(program or "", ""),
                         "role": o.role or (p.role if p else None),
                         "contribution": o.contribution})
        return rows

    # ------------------------------------------------------------------ sectors and wages

    @property
    def partnerships_outside_sectors(self) -> list[SectorPartnership]:
        """Sector partnerships whose sector is not one of the in-demand sectors."""
        if self.labor_market is None:
            return []
        names = {s.name.casefold() for s in self.labor_market.sectors}
        return [p for p in self.sector_partnerships if p.sector.casefold() not in names]

    @property
    def occupations_at_living_wage(self) -> list[Occupation]:
        """In-demand occupations whose median wage is at least the living wage."""
        wage = self.living_wage
        if wage is None or self.labor_market is None:
            return []
        return [o for o in self.labor_market.occupations
                if o.median_wage is not None and o.median_wage >= wage]

    @property
    def occupations_with_wage(self) -> list[Occupation]:
        if self.labor_market is None:
            return []
        return [o for o in self.labor_market.occupations if o.median_wage is not None]

    @property
    def living_wage(self):
        """The living wage the plan sets (job quality commitments or a living-wage tool)."""
        if self.job_quality and self.job_quality.living_wage is not None:
            return self.job_quality.living_wage
        t = self.tool("living-wage")
        return t.wage if t else None

    @property
    def sector_openings(self) -> dict[str, int]:
        """Annual openings in the listed occupations of each sector, by sector name."""
        out: dict[str, int] = {}
        if self.labor_market is None:
            return out
        for o in self.labor_market.occupations:
            if o.sector and o.annual_openings is not None:
                key = next(s.name for s in self.labor_market.sectors
                           if s.name.casefold() == o.sector.casefold())
                out[key] = out.get(key, 0) + o.annual_openings
        return out

    @property
    def total_openings(self) -> Optional[int]:
        """Annual openings in all the in-demand occupations listed, or None if none give
        openings."""
        if self.labor_market is None:
            return None
        counts = [o.annual_openings for o in self.labor_market.occupations
                  if o.annual_openings is not None]
        return sum(counts) if counts else None

    # ---------------------------------------------------------------------- goals

    @property
    def goal_rows(self) -> list[dict[str, Any]]:
        """Each goal with the names of the primary indicators it relates to."""
        ties = list(self.goal_indicators)
        return [{"text": g, "indicators": [INDICATOR_IDS[i] for i in
                                           (ties[n] if n < len(ties) else [])]}
                for n, g in enumerate(self.goals)]

    # ------------------------------------------------------- when elements apply or are met

    @property
    def in_planning_region(self) -> bool:
        return self.planning_region is not None

    @property
    def is_modification(self) -> bool:
        return self.modification is not None

    @property
    def skills_given(self) -> bool:
        lm = self.labor_market
        return bool(lm and (lm.skills_summary or lm.sectors_with_skills))

    @property
    def performance_given(self) -> bool:
        p = self.performance
        return p.given or not p.negotiated

    @property
    def governor_items_given(self) -> bool:
        return bool(self.state_guidance and self.state_guidance.items is not None)

    @property
    def common_responses_given(self) -> bool:
        return bool(self.planning_region and self.planning_region.common_responses is not None)

    @property
    def comments_expected(self) -> bool:
        """False when the comment period closed with no comments (nothing to submit)."""
        return not (self.public_comment.none_received and not self.public_comments)

    @property
    def comments_given(self) -> bool:
        return bool(self.public_comments)

    @property
    def disagreeing_comments(self) -> list[PublicComment]:
        return [c for c in self.public_comments if c.disagrees]

    @property
    def modification_or_empty(self):
        """The modification, or an empty one (for showing its clause on its own)."""
        from plankit.models.plan.modification import Modification

        return self.modification or Modification()

    @property
    def prior_years_label(self) -> str:
        """The program years of the plan a modification modifies: as given, or the four
        years ending with this draft's last program year."""
        m = self.modification
        if m is not None and m.prior_program_years:
            return m.prior_program_years.label
        last = self.program_years.last if self.program_years else None
        return f"Program Years {last - 3}\u2013{last}" if last else ""

    def on_or_after(self, iso: str) -> bool:
        """Whether the plan is dated on or after a day written YYYY-MM-DD."""
        import datetime as dt

        return bool(self.date and self.date >= dt.date.fromisoformat(iso))

    @property
    def comment_closed(self) -> bool:
        """Whether the comment period had closed by the plan's date (the text then speaks
        of it in the past)."""
        pc = self.public_comment
        return bool(pc.closed and (self.date is None or pc.closed <= self.date))

    # ------------------------------------------------------------------- the crosswalk

    def element(self, key: str) -> Element:
        return next(e for e in self.plan_type.elements if e.id == key)

    def cite(self, *keys: str) -> str:
        """The paragraph cites of one or more elements, as printed under their section."""
        return "; ".join(self.element(k).cite or "" for k in keys)

    def element_status(self, e: Element) -> tuple[str, str]:
        """(status, reason) of an element: addressed, placeholder, elsewhere (answered in
        the regional plan), not-applicable (with the reason) or not-included (a
        recommended element the plan leaves out)."""
        if not self.element_applies(e):
            return "not-applicable", e.not_applicable or ""
        if self.element_given(e):
            return "addressed", ""
        if self.element_elsewhere(e):
            return "elsewhere", ""
        if e.status != "required":
            return "not-included", ""
        return "placeholder", ""

    @property
    def crosswalk(self) -> list[dict[str, Any]]:
        """One row per element of the plan type, grouped as :data:`GROUPS`: ``group``
        (its heading), ``text``, ``cite``, ``section`` (the clause id of the section that
        answers it, or ""), ``status``, ``label`` and ``fields`` (to add, when open)."""
        rows = []
        order = list(GROUPS)
        elements = [e for e in self.plan_type.elements if self._current(e)]
        elements.sort(key=lambda e: order.index(e.group) if e.group in order else len(order))
        for e in elements:
            status, reason = self.element_status(e)
            label = STATUS_LABELS[status] + (f": {reason}" if reason else "")
            if status == "elsewhere" and self.planning_region.regional_plan:
                label = f"Addressed in the {self.planning_region.regional_plan.title}"
            rows.append({"id": e.id, "group": GROUPS.get(e.group or "", ""),
                         "text": e.text, "cite": e.cite or self.plan_type.cite(e),
                         "required": e.status == "required",
                         "section": e.section if status in ("addressed", "placeholder",
                                                            "elsewhere") else "",
                         "status": status, "label": label,
                         "fields": self.element_missing(e) if status == "placeholder" else []})
        return rows

    @property
    def crosswalk_counts(self) -> dict[str, int]:
        out: dict[str, int] = {k: 0 for k in STATUS_LABELS}
        for r in self.crosswalk:
            if r["required"]:
                out[r["status"]] = out.get(r["status"], 0) + 1
        return out

    def report_lines(self, document) -> list[str]:
        """The crosswalk as text for ``plankit validate --report``: each element with its
        citation, the section that answers it and its status."""
        if self.family != "wioa-local":
            return []
        from plankit import document as d

        numbers = {n.attrs.id: n.number for n in d.walk(document)
                   if isinstance(n, d.Section) and n.attrs.id}
        counts = self.crosswalk_counts
        out = [f"\nCrosswalk of required elements ({counts.get('addressed', 0)} addressed, "
               f"{counts.get('elsewhere', 0)} in the regional plan, "
               f"{counts.get('placeholder', 0)} placeholders, "
               f"{counts.get('not-applicable', 0)} not applicable):"]
        group = None
        for r in self.crosswalk:
            if r["group"] != group:
                group = r["group"]
                out.append(f"  {group}")
            where = f"section {numbers[r['section']]}" if numbers.get(r["section"]) else "-"
            todo = f" (add {', '.join(r['fields'])})" if r["fields"] else ""
            out.append(f"    {r['cite']}: {where}: {r['label']}{todo}")
        return out
