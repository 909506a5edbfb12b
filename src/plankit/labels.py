"""Field paths as the user sees them in the document.

A message names a field the way the input writes it (``data_elements[1].frequency``) and,
beside it, where that fact sits in the document: ``Exhibit A, item 1, Frequency``. Each
kind has a small table of its parts (sections, exhibits, forms, their columns); any path
the table does not know is described from its own words (``party 2, signatory, title``).

A message line ends with it: ``line 14: data_elements[1].frequency: must be one of …
(in the document: Exhibit A, item 1, Frequency column)``. A label never holds parentheses
or ``": "``.
"""

from __future__ import annotations

from typing import Any

Part = tuple[str, str, dict[str, str]]
"""(top-level field, what it is in the document, its own fields -> column or name)."""

_PROCUREMENT: dict[str, tuple[str, dict[str, str]]] = {
    "agency": ("the issuing agency", {"name": "legal name", "short_name": "short name"}),
    "solicitation": ("the solicitation", {}),
    "provisions": ("provision", {"clause": "clause", "mode": "mode", "points": "maximum "
                                 "points, in the evaluation table", "params": "setting"}),
    "outputs": ("the parts to produce", {}),
}

_MOU: dict[str, tuple[str, dict[str, str]]] = {
    "parties": ("party", {"name": "legal name, in Parties", "signatory": "signature block"}),
    "data_elements": ("Exhibit A, item", {
        "element": "Data element column", "provided_by": "provided by",
        "provided_to": "provided to", "source_system": "Source system column",
        "sensitivity": "Sensitivity column", "frequency": "Frequency column",
        "transfer_method": "Transfer method column"}),
    "legal_authorities": ("Legal authority section", {}),
    "state_law": ("Legal authority section, State law", {}),
    "permitted_uses": ("Permitted and prohibited uses section", {}),
    "prohibited_uses": ("Permitted and prohibited uses section", {}),
    "costs": ("Costs section", {}),
    "governance": ("Governance and contacts section", {}),
    "term": ("Term, renewal, termination and amendment section", {}),
    "safeguards": ("Security safeguards", {
        "breach_notice_hours": "Breach notification section",
        "retention": "Retention and destruction section",
        "small_cell_threshold": "Small-cell suppression and publication review section",
        "publication_review_days": "Small-cell suppression and publication review section"}),
}

_SECTOR: dict[str, tuple[str, dict[str, str]]] = {
    "convener": ("the Convener, in Parties", {}),
    "partners": ("partner", {"commitments": "commitments, in Roles and commitments"}),
    "goals": ("Purpose and shared vision section, goal", {}),
    "metrics": ("Shared metrics table, row", {"baseline": "Baseline column",
                                              "target": "Target column",
                                              "frequency": "How often column"}),
    "funding": ("Braided funding table, row", {"amount": "Amount column",
                                               "period": "Period column"}),
    "meetings": ("Meetings and active management section", {}),
    "term": ("Term, joining, withdrawal and amendment section", {}),
}

_PLAN: dict[str, tuple[str, dict[str, str]]] = {
    "labor_market": ("Labor market analysis", {"sectors": "in-demand sector",
                                               "occupations": "in-demand occupation"}),
    "workforce": ("Workforce analysis", {"barrier_groups": "group with barriers"}),
    "performance": ("Performance section", {}),
    "programs": ("Training programs, program", {}),
    "target_populations": ("Populations served, group", {}),
    "policy_tools": ("Policy tools, tool", {}),
    "metrics": ("Shared metrics table, row", {}),
}

KIND_PARTS: dict[str, dict[str, tuple[str, dict[str, str]]]] = {
    "procurement": _PROCUREMENT,
    "mou-data-sharing": _MOU,
    "mou-sector-partnership": _SECTOR,
    "plan-section": _PLAN,
}
"""Per kind: where its top-level fields sit in the document."""


def _words(name: Any) -> str:
    return str(name).replace("_", " ").replace("-", " ")


def _singular(name: str) -> str:
    words = _words(name)
    if words.endswith("ies"):
        return words[:-3] + "y"
    if words.endswith("s") and not words.endswith("ss"):
        return words[:-1]
    return words


def label(kind: str, loc: tuple, data: Any = None) -> str:
    """Where the field at ``loc`` (list items from 0) sits, in the document's words; ""
    when that would only repeat the path."""
    if not loc:
        return ""
    parts = KIND_PARTS.get(kind, {})
    head = loc[0]
    out: list[str] = []
    telling = False
    """Whether the label says something the path does not (a part of the document, a
    column, the clause a provision names)."""
    rest = list(loc[1:])
    if isinstance(head, str) and head in parts:
        what, fields = parts[head]
        telling = what != _singular(head)
        if rest and isinstance(rest[0], int):
            n = rest.pop(0)
            clause = _clause_at(data, head, n)
            telling = telling or bool(clause)
            out.append(f"{what} {n + 1}, {clause}" if clause else f"{what} {n + 1}")
        else:
            out.append(what)
        if rest and isinstance(rest[0], str) and rest[0] in fields:
            name = rest.pop(0)
            if name == "params" and rest:
                out.append(f"setting {_words(rest.pop(0))}")
            else:
                out.append(fields[name])
                telling = True
    else:
        rest = list(loc)
    i = 0
    while i < len(rest):
        part = rest[i]
        nxt = rest[i + 1] if i + 1 < len(rest) else None
        if isinstance(part, str) and isinstance(nxt, int):
            out.append(f"{_singular(part)} {nxt + 1}")
            i += 2
            continue
        if isinstance(part, int):
            out.append(f"item {part + 1}")
        elif part == "params" and nxt is not None:
            out.append(f"setting {_words(nxt)}")
            i += 2
            continue
        else:
            out.append(_words(part))
        i += 1
    if not telling:
        return ""  # it would only repeat the path in other words
    text = ", ".join(p for p in out if p)
    return text.replace("(", "").replace(")", "").replace(": ", " ")


def _clause_at(data: Any, field: str, n: int) -> str:
    """The clause a provision names, as the input writes it (for 'provision 2, …')."""
    try:
        item = data[field][n]
    except (TypeError, KeyError, IndexError):
        return ""
    if isinstance(item, dict) and isinstance(item.get("clause"), str):
        clause = item["clause"].strip()
        mode = item.get("mode")
        if isinstance(mode, str) and mode.strip() and clause.rpartition(".")[2] not in \
                ("require", "incentivize", "encourage"):
            clause = f"{clause}.{mode.strip().lower()}"
        return clause[:60]
    return ""


def parse(path: str) -> tuple:
    """``parties[2].name`` -> ``("parties", 1, "name")`` (items counted from 0 again)."""
    import re

    if not re.fullmatch(r"[A-Za-z_][\w-]*(\[\d+\]|\.[A-Za-z_][\w-]*)*", path or ""):
        return ()
    out: list = []
    for name, index in re.findall(r"([A-Za-z_][\w-]*)|\[(\d+)\]", path):
        out.append(name if name else int(index) - 1)
    return tuple(out)


def where(kind: str, loc: tuple, data: Any = None) -> str:
    """`` (in the document: label)`` to end a message line, or "" when the label would
    only repeat the path."""
    text = label(kind, tuple(loc), data)
    return f" (in the document: {text})" if text else ""
