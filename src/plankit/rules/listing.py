"""What ``plankit rules list`` prints: the procurement rules in force and the state
prevailing wage table, as text for people or as JSON for scripts."""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from plankit.rules.evaluate import RuleBook, show_date
from plankit.rules.state_wage import StateLaw, load_table


def rules_data(book: RuleBook, state: Optional[str] = None) -> dict[str, Any]:
    """The rules and the table as plain data (dates as YYYY-MM-DD)."""
    rs = book.get("procurement")
    rules = [{"id": rule.id, "kind": rule.kind, "severity": rule.severity,
              "title": rule.title, "source": rule.source or "",
              "reads_table_row": rule.row or "", "as_of": as_of.isoformat(),
              "verified": rule.verified, "enabled": rule.enabled,
              "effective_from": _iso(rule.effective_from),
              "effective_until": _iso(rule.effective_until),
              "changed_by": origin}
             for rule, origin, as_of in rs.rules]
    table = load_table()
    rows = [r for r in table.states if state is None or r.code == state]
    return {
        "procurement_rules": {"sources": [{"name": s.name, "as_of": s.as_of.isoformat(),
                                           "version": s.version} for s in rs.sources],
                              "programs": dict(rs.programs), "rules": rules},
        "state_prevailing_wage": {"title": table.title, "version": table.version,
                                  "checked": table.checked.isoformat(),
                                  "states": [r.model_dump(mode="json", exclude_none=True)
                                             for r in rows]},
    }


def rules_text(book: RuleBook, state: Optional[str] = None) -> str:
    """The rules and the table as text: one line a rule and a state, or one state in full."""
    table = load_table()
    if state is not None:
        row = table.get(state)
        return _row_in_full(row) if row else ""
    rs = book.get("procurement")
    out = []
    for s in rs.sources:
        out.append(f"{s.name}{' ' + s.version if s.version else ''}: as of "
                   f"{show_date(s.as_of)}")
    out.append("")
    out.append("Procurement rules (kind; title; source, as of):")
    for rule, origin, as_of in rs.rules:
        flag = "" if rule.enabled else " [turned off]"
        changed = f" (changed by {origin})" if origin else ""
        note = "" if rule.severity == "warning" or rule.kind == "requirement" else " (note)"
        if rule.row:
            src = "the state table's row for the solicitation's state, with its own date"
        else:
            src = (f"{rule.source or 'no source'}, as of {show_date(as_of)}"
                   f"{'' if rule.verified else ' (not verified)'}")
        out.append(f"  {rule.id}{flag}: {rule.kind}{note}; {rule.title}; {src}{changed}")
    if rs.programs:
        out.append("")
        out.append("Programs (solicitation.program): " + "; ".join(
            f"{k} ({v})" for k, v in rs.programs.items()) + "; or other")
    out.append("")
    out.append(f"{table.title} (table {table.version}; sources read "
               f"{show_date(table.checked)}):")
    for row in table.states:
        out.append("  " + _row_line(row))
    out.append("")
    out.append("'plankit rules list --state XX' shows one state in full, with its sources.")
    return "\n".join(out)


def _row_line(row: StateLaw) -> str:
    law = {"yes": "law", "no": "no law", "repealed": "repealed",
           "not-verified": "not verified"}[row.law]
    if row.law == "repealed" and row.repealed:
        law += f" {row.repealed}"
    parts = [f"{row.code} {row.name}: {law}"]
    if row.law == "yes":
        parts.append(row.cite or "")
        if row.threshold:
            parts.append(row.threshold.words())
        else:
            parts.append("no dollar threshold")
        if row.owners != ["state", "local"]:
            parts.append("state agencies only" if row.owners == ["state"] else "local only")
        if row.state_funds:
            parts.append("state-funded work")
    parts.append(f"as of {show_date(row.as_of)}"
                 + ("" if row.verified else f" ({row.status})"))
    return "; ".join(p for p in parts if p)


def _row_in_full(row: StateLaw) -> str:
    data = row.model_dump(mode="json", exclude_none=True)
    lines = [f"{row.code} {row.name}"]
    for key, value in data.items():
        if key in ("code", "name"):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        lines.append(f"  {key}: {value}")
    return "\n".join(lines)


def _iso(day: Optional[dt.date]) -> Optional[str]:
    return day.isoformat() if day else None
