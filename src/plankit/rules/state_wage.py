"""State prevailing wage laws as data: the table in ``plankit/data/state_prevailing_wage.yaml``
and what it says about one solicitation.

The table records, for every state, the District of Columbia and the territories, whether a
prevailing wage law covers public works, its citation, whom and what it covers, its
threshold, the agency that administers it, its payroll duties, how it relates to Davis-Bacon
where a source says so, and the source and as-of date of each row. :func:`assess` reads the
row for a solicitation's state and says whether the law applies ("yes"), may apply and needs
counsel ("maybe"), or does not ("no"), with the reason in words; the procurement rules
(``procurement_rules.yaml``) turn that into a requirement stated in the document, a note for
counsel, or a line in the review memo.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any, Literal, Optional

import yaml
from pydantic import Field

from plankit.models.base import Model

TABLE_FILE = "state_prevailing_wage.yaml"
"""The package file that holds the table (in ``plankit/data/``)."""

Law = Literal["yes", "no", "repealed", "not-verified"]
Relation = Literal["higher-of", "stricter", "excluded", "exempt"]


class Threshold(Model):
    """The contract amount from which a law covers the work."""

    amount: Decimal
    test: Literal["more_than", "at_least"]

    def met_by(self, value: Decimal) -> bool:
        return value > self.amount if self.test == "more_than" else value >= self.amount

    def words(self) -> str:
        amount = f"${self.amount:,.0f}"
        return f"over {amount}" if self.test == "more_than" else f"{amount} or more"


class StateLaw(Model):
    """One row of the table."""

    code: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    law: Law
    repealed: Optional[int] = None
    title: Optional[str] = None
    cite: Optional[str] = None
    cite_detail: Optional[str] = None
    summary: Optional[str] = None
    covers: Optional[str] = None
    owners: list[Literal["state", "local"]] = Field(default_factory=lambda: ["state", "local"])
    local_by_ordinance: bool = False
    state_funds: bool = False
    work: list[Literal["construction", "services"]] = Field(
        default_factory=lambda: ["construction"])
    threshold: Optional[Threshold] = None
    threshold_high: Optional[Threshold] = None
    threshold_text: Optional[str] = None
    limited: Optional[str] = None
    limited_local: Optional[str] = None
    effective_from: Optional[dt.date] = None
    agency: Optional[str] = None
    agency_detail: Optional[str] = None
    duties: Optional[str] = None
    payroll: Optional[str] = None
    federal: Optional[Relation] = None
    federal_text: Optional[str] = None
    davis_bacon_direct: bool = False
    source: str = Field(min_length=1)
    as_of: dt.date
    verified: bool = False
    status: Literal["confirmed", "partly confirmed", "not verified"]
    note: Optional[str] = None

    def no_law(self) -> str:
        """What the memo says for a state without a law in force."""
        if self.summary:
            return self.summary
        if self.law == "repealed":
            when = f" in {self.repealed}" if self.repealed else ""
            how = f" ({self.cite})" if self.cite else ""
            return (f"{self.name} has no prevailing wage law for public works: it repealed its "
                    f"law{when}{how}.")
        if self.law == "no":
            return f"{self.name} has no prevailing wage law for public works."
        return (f"No {self.name} prevailing wage law for public works was confirmed in the "
                "sources this table rests on; whether one applies is not known.")


class StateTable(Model):
    """The whole table."""

    table: Literal["state-prevailing-wage"]
    title: str
    version: str
    checked: dt.date
    states: list[StateLaw]

    def get(self, code: str) -> Optional[StateLaw]:
        return next((s for s in self.states if s.code == code), None)


@functools.lru_cache(maxsize=1)
def load_table() -> StateTable:
    """The package's table (read once)."""
    from plankit.rules.loading import DATA_DIR

    text = (DATA_DIR / TABLE_FILE).read_text("utf-8")
    return StateTable.model_validate(yaml.load(text, Loader=getattr(yaml, "CSafeLoader",
                                                                     yaml.SafeLoader)))


# --------------------------------------------------------------------------- one solicitation

OWNER_WORDS = {"state": "a state agency", "local": "a local public body"}
OWNERS_WORDS = {"state": "state agencies", "local": "local public bodies"}


def assess(facts: dict[str, Any]) -> dict[str, Any]:
    """What the table says about the solicitation described by ``facts`` (the procurement
    input as plain data): a dict the procurement rules read as ``state_wage``."""
    s = facts.get("solicitation") or {}
    code = (s.get("location") or {}).get("state")
    row = load_table().get(code) if isinstance(code, str) else None
    if row is None:
        return {"applies": "no", "law": "not-verified", "reason": "", "federal_text": "",
                "both": False}
    applies, reason = _applies(row, facts)
    federal = bool(facts.get("federal_funds")) and s.get("type") == "construction"
    both = federal and applies in ("yes", "maybe") and not row.federal == "exempt"
    return {
        "code": row.code, "name": row.name, "law": row.law, "applies": applies,
        "reason": reason, "title": row.title or f"{row.name} prevailing wage law",
        "cite": row.cite or "", "agency": row.agency or "", "duties": row.duties or "",
        "payroll": row.payroll or "", "federal": row.federal or "",
        "federal_text": (row.federal_text or "") if both else "",
        "both": both, "davis_bacon_direct": row.davis_bacon_direct,
        "source": row.cite or row.name, "evidence": row.source, "as_of": row.as_of,
        "verified": row.verified, "note": row.note or "",
    }


def _applies(row: StateLaw, facts: dict[str, Any]) -> tuple[str, str]:
    """("yes" | "maybe" | "no", the reason in words)."""
    s = facts.get("solicitation") or {}
    if row.law != "yes":
        return ("maybe" if row.law == "not-verified" else "no"), row.no_law()
    law = f"The {row.title} ({row.cite})"
    on = facts.get("date")
    if row.effective_from and isinstance(on, dt.date) and on < row.effective_from:
        return "no", f"{law} applies to solicitations from {_day(row.effective_from)}."
    kind = s.get("type")
    if kind != "construction":
        if "services" in row.work and kind == "services":
            return "maybe", (f"{law} also covers some service contracts ({row.covers}). "
                             "Ask counsel whether it covers this Work.")
        return "no", f"{law} covers construction (public works); this is a {kind} solicitation."
    if s.get("federal_acquisition"):
        return "no", ("A federal agency awards this contract; the table records state laws "
                      "for state and local public works, not federal contracts.")
    if row.federal == "exempt" and facts.get("federal_funds"):
        return "no", f"{law} does not cover this Work, which uses federal funds. {row.federal_text}"
    owner = s.get("owner")
    owners = " and ".join(OWNERS_WORDS[o] for o in row.owners)
    if owner and owner not in row.owners:
        if owner == "local" and row.local_by_ordinance:
            return "maybe", (f"{law} covers state agencies, and a locality only if it has "
                             "adopted an ordinance requiring prevailing wages. Ask counsel "
                             "whether the Agency has.")
        return "no", f"{law} covers only {owners}; the Agency is {OWNER_WORDS[owner]}."
    if not owner and row.owners != ["state", "local"]:
        return "maybe", (f"{law} covers only {owners}, and the input does not say whether "
                         "the Agency is one. Ask counsel whether the law covers the Agency.")
    funds = s.get("funding_sources") or []
    if row.state_funds and "state" not in funds:
        if not funds:
            return "maybe", (f"{law} covers only work paid for in part with state funds, "
                             "and no funding sources are listed.")
        return "no", (f"{law} covers only work paid for in part with state funds, and no "
                      "state funds are listed for this Work.")
    if row.limited:
        return "maybe", f"{law}: {row.limited} Ask counsel whether it covers this Work."
    if owner == "local" and row.limited_local:
        return "maybe", f"{law}: {row.limited_local} Ask counsel whether it covers this Work."
    value = s.get("estimated_value")
    low, high = row.threshold, row.threshold_high
    owners += f" in {row.name}"
    if row.state_funds:
        owners += ", paid for in part with state funds,"
    if low is None:
        return "yes", f"it covers public works of {owners}, whatever their cost."
    if value is None:
        return "maybe", (f"{law} covers public works {low.words()}"
                         f"{'; ' + row.threshold_text if row.threshold_text else ''}, and the "
                         "estimated value of this Work is not given.")
    value = Decimal(str(value))
    money = f"${value:,.0f}"
    if not low.met_by(value):
        return "no", (f"{law} covers public works {low.words()}; this Work is estimated at "
                      f"{money}.")
    if high is not None and not high.met_by(value):
        return "maybe", (f"{law} sets different thresholds for different work "
                         f"({row.threshold_text}); this Work is estimated at {money}. Ask "
                         "counsel which threshold applies.")
    return "yes", (f"it covers public works of {owners} {(high or low).words()}, and this "
                   f"Work is estimated at {money}.")


def _day(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def table_rows() -> list[dict[str, Any]]:
    """The table as plain data, for ``plankit rules list --json``."""
    return [r.model_dump(mode="json", exclude_none=True) for r in load_table().states]
