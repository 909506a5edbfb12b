"""The JSON Schema of the obligations export (``-f json``), printed by
``plankit schema export``.

The schema carries the export's version (:data:`plankit.render.record.SCHEMA_VERSION`) in
its ``$id`` and requires the export to name the same version, so a reader can refuse an
export whose shape it does not know.
"""

from __future__ import annotations

from typing import Any

from plankit.records import EVENTS, FREQUENCIES, OBLIGATION_TYPES, UNITS
from plankit.render.record import SCHEMA_ID, SCHEMA_VERSION

_DATE = {"type": ["string", "null"], "format": "date"}


def _text(description: str, nullable: bool = True) -> dict[str, Any]:
    return {"type": ["string", "null"] if nullable else "string", "description": description}


def _obj(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "additionalProperties": False,
                           "required": list(properties), "properties": properties}
    if description:
        out["description"] = description
    return out


_SECTION = _obj({
    "number": _text("Section number as printed (empty for an unnumbered section)", False),
    "title": _text("Section title", False),
    "id": _text("Stable id of the section", False),
}, "The section of the document that states it")

_DUE = _obj({
    "frequency": {"enum": list(FREQUENCIES), "description": "How often it falls due"},
    "date": {**_DATE, "description": "Absolute due date, where the document sets one"},
    "event": {"enum": [*EVENTS, None], "description": "What a relative due date counts "
                                                      "from"},
    "within": {"type": ["integer", "null"], "minimum": 0,
               "description": "How long after the event"},
    "unit": {"enum": [*UNITS, None], "description": "Unit of 'within'"},
    "day_of_month": {"type": ["integer", "null"], "minimum": 1, "maximum": 31},
    "start": {**_DATE, "description": "Date the schedule or the relative date counts from, "
                                      "where the input gives it"},
    "text": _text("The due rule in words", False),
}, "When it falls due")

OBLIGATION = _obj({
    "id": {"type": "string", "description": "Stable id: clause id / obligation id "
                                            "(@ input path for a clause used more than once)"},
    "type": {"enum": list(OBLIGATION_TYPES)},
    "by": _text("Who owes it", False),
    "to": _text("To whom it is owed", False),
    "what": _text("What is owed", False),
    "metric": _text("What is measured, where there is a measure"),
    "target": _text("The target or amount, where there is one"),
    "due": _DUE,
    "remedy": _text("What follows if it is not met"),
    "section": _SECTION,
    "clause": _obj({"id": {"type": "string"}, "version": {"type": "string"}},
                   "The clause that declares it"),
    "open": {"type": "array", "items": {"type": "string"},
             "description": "Input fields it depends on that are still to be supplied"},
})

METRIC = _obj({
    "name": _text("What is measured", False),
    "unit": _text("percent, count, dollars, rate, ratio, days or hours", False),
    "definition": _text("How it is counted"),
    "baseline": _text("Where it stands now, as a decimal number"),
    "baseline_year": _text("Year or period of the baseline"),
    "target": _text("Where it should get to, as a decimal number"),
    "target_year": _text("When"),
    "direction": {"enum": ["increase", "decrease"]},
    "source": _text("Where the numbers come from"),
    "disaggregation": {"type": "array", "items": {"type": "string"},
                       "description": "How results are broken down"},
    "frequency": _text("How often it is reported"),
    "field": _text("Where it is in the input", False),
    "section": _SECTION,
})

DOCUMENT = _obj({
    "kind": {"type": "string"},
    "title": {"type": "string"},
    "date": _DATE,
    "version": _text("The draft's version label"),
    "lang": {"type": "string"},
    "jurisdiction": _text("Two-letter code of the state the document is for"),
    "final": {"type": "boolean", "description": "The final copy (false: the review copy)"},
    "issuer": _text("The issuing organization"),
    "parties": {"type": "array", "items": _obj({
        "party": {"type": "string"}, "name": _text("Who signs"), "title": _text("Their title"),
    })},
    "clauses": {"type": "array", "items": _obj({
        "id": {"type": "string"}, "version": {"type": "string"},
        "library": {"type": "string"}})},
    "input": _obj({"name": {"type": "string"},
                   "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}),
    "plankit_version": {"type": "string"},
}, "What the document is and what it was made from")


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the obligations export."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "plankit obligations export",
        "description": "A document's metadata, every obligation its clauses create and its "
                       f"shared metrics. Version {SCHEMA_VERSION}.",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema", "schema_version", "document", "obligations", "metrics"],
        "properties": {
            "schema": {"const": SCHEMA_ID},
            "schema_version": {"const": SCHEMA_VERSION},
            "document": DOCUMENT,
            "obligations": {"type": "array", "items": OBLIGATION},
            "metrics": {"type": "array", "items": METRIC},
        },
    }
