"""What the sector partnership MOU clauses read (``doc.metric_rows``, ``doc.funding_rows``,
``doc.industry_partners``, ...), as a mixin of the input model, and the helpers that print
its values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional

from plankit.models.common import Metric
from plankit.models.sector_mou_terms import _key

if TYPE_CHECKING:
    from plankit.models.common import Party
    from plankit.models.sector_mou import Partner


class SectorMouViews:
    """Properties and helpers the clauses of the mou-sector-partnership kind read."""

    def party(self, label: str) -> Optional[Party]:
        """The convener or partner with this name or short name, if any."""
        key = _key(label)
        for p in [self.convener, *self.partners]:
            if key in (_key(p.name), _key(p.short_name or "")):
                return p
        return None

    def ref_of(self, label: str) -> str:
        """How the memorandum refers to a party named by name or short name; other names
        (an outside funder) as given."""
        found = self.party(label)
        return found.ref if found is not None else label

    def partners_with(self, *roles: str) -> list[Partner]:
        """Partners with any of these roles."""
        return [p for p in self.partners if p.role in roles]

    def names_with(self, *roles: str) -> list[str]:
        """How the memorandum refers to the partners with any of these roles."""
        return [p.ref for p in self.partners_with(*roles)]

    @property
    def industry_partners(self) -> list[str]:
        return self.names_with("industry")

    @property
    def industry_co_chair_org(self) -> Optional[str]:
        chair = self.meetings.industry_co_chair
        return self.ref_of(chair.partner) if chair else None

    @property
    def co_chair_org(self) -> Optional[str]:
        chair = self.meetings.co_chair
        return self.ref_of(chair.partner) if chair else None

    @property
    def metric_rows(self) -> list[dict[str, Any]]:
        """One row per shared metric, with baseline and target as printed."""
        rows = []
        for m in self.metrics:
            baseline = _show(m, m.baseline)
            if baseline and m.baseline_year:
                baseline += f" ({m.baseline_year})"
            target = _show(m, m.target)
            if target and m.direction == "decrease":
                target = f"At most {target}"
            if target and m.target_year:
                target += f" by {m.target_year}"
            rows.append({
                "name": m.name,
                "definition": _sentence(m.definition or ""),
                "baseline": baseline,
                "target": target,
                "source": m.source or "",
                "disaggregation": ", ".join(m.disaggregation),
                "frequency": (m.frequency or "")[:1].upper() + (m.frequency or "")[1:],
                "lower_is_better": m.direction == "decrease",
                "explained": bool(m.definition) or m.direction == "decrease",
            })
        return rows

    @property
    def funding_rows(self) -> list[dict[str, Any]]:
        """One row per funding commitment, with the funder by short name and the period
        as printed."""
        rows = []
        for f in self.funding:
            period = ""
            if f.period is not None:
                period = f"{_long(f.period.start)} \N{EN DASH} {_long(f.period.end)}"
            rows.append({
                "funder": self.ref_of(f.funder),
                "source": f.source,
                "amount": f.amount,
                "in_kind": f.contribution == "in-kind",
                "purpose": f.purpose,
                "period": period,
            })
        return rows

    @property
    def funding_total(self) -> Optional[Decimal]:
        """The sum of the amounts, when every commitment states one and there are two or more."""
        amounts = [f.amount for f in self.funding]
        if len(amounts) < 2 or any(a is None for a in amounts):
            return None
        return sum(amounts, Decimal("0"))  # type: ignore[arg-type]


def _show(metric: Metric, value: Optional[Decimal]) -> str:
    """A baseline or target as printed in the table: as :meth:`Metric.show`, except that
    whole dollar amounts of $1,000 or more drop the cents ($9,850, but $19.85)."""
    if (value is not None and metric.unit == "dollars" and value == value.to_integral()
            and value >= 1000):
        return f"${value:,.0f}"
    return metric.show(value)


_SMALL_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "or", "the", "to"})


def _title_case(text: str) -> str:
    """'health care' -> 'Health Care'; words already holding capitals ('IT') are kept."""
    words = text.split()
    return " ".join(w if (w != w.lower() or (i and w in _SMALL_WORDS)) else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def _sentence(text: str) -> str:
    """Text as a sentence: first letter capital, a full stop at the end."""
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _long(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"
