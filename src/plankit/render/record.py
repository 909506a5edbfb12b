"""The obligations export as plain data: the document's metadata, every obligation it
creates and its shared metrics, in the shape the export schema
(:mod:`plankit.render.exportschema`) describes. The JSON, CSV and calendar renderers
(:mod:`plankit.render.exports`) all start from :func:`export_record`."""

from __future__ import annotations

from typing import Any

from plankit import document as d
from plankit.records import NO_RECORDS

SCHEMA_VERSION = "1.0.0"
"""Version of the export's shape: the major number changes when a field is removed or
changes meaning, the minor number when fields are added."""

SCHEMA_ID = f"urn:plankit:schema:obligations-export:{SCHEMA_VERSION}"


def _due(due: Any) -> dict[str, Any]:
    return {"frequency": due.frequency, "date": due.date or None, "event": due.event or None,
            "within": due.within, "unit": due.unit if due.within is not None else None,
            "day_of_month": due.day_of_month, "start": due.start or None, "text": due.text}


def obligation_dict(o: Any) -> dict[str, Any]:
    return {
        "id": o.id, "type": o.type, "by": o.by, "to": o.to, "what": o.what,
        "metric": o.metric or None, "target": o.target or None, "due": _due(o.due),
        "remedy": o.remedy or None,
        "section": {"number": o.section, "title": o.section_title, "id": o.section_id},
        "clause": {"id": o.clause, "version": o.clause_version},
        "open": list(o.open),
    }


def metric_dict(m: Any) -> dict[str, Any]:
    return {
        "name": m.name, "unit": m.unit, "definition": m.definition or None,
        "baseline": m.baseline or None, "baseline_year": m.baseline_year or None,
        "target": m.target or None, "target_year": m.target_year or None,
        "direction": m.direction, "source": m.source or None,
        "disaggregation": list(m.disaggregation), "frequency": m.frequency or None,
        "field": m.field,
        "section": {"number": m.section, "title": m.section_title, "id": m.section_id},
    }


def export_record(doc: d.Document) -> dict[str, Any]:
    """The whole export for ``doc`` as JSON-ready data (keys in a fixed order)."""
    prov = doc.provenance
    rec = doc.records or NO_RECORDS
    return {
        "schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "document": {
            "kind": doc.kind, "title": doc.title, "date": doc.date or None,
            "version": doc.version or None, "lang": doc.lang,
            "jurisdiction": doc.jurisdiction or None, "final": doc.final,
            "issuer": doc.author or None,
            "parties": [{"party": p.party, "name": p.name or None, "title": p.title or None}
                        for p in rec.parties],
            "clauses": [{"id": c.id, "version": c.version, "library": c.origin}
                        for c in prov.clauses],
            "input": {"name": prov.input_name, "sha256": prov.input_sha256},
            "plankit_version": prov.plankit_version,
        },
        "obligations": [obligation_dict(o) for o in rec.obligations],
        "metrics": [metric_dict(m) for m in rec.metrics],
    }
