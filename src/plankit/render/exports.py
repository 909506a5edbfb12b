"""The obligations exports in JSON and CSV, both from :func:`export_record`.

These renderers write the document's records (its obligations and shared metrics), not
its tree of nodes, so they have no ``render_<node>`` methods; the format registry marks
them ``records=True`` and the node-coverage test leaves them out for that reason.
"""

from __future__ import annotations

import csv
import io
import json

from plankit import document as d
from plankit.render.record import export_record

__all__ = ["JsonExportRenderer", "CsvExportRenderer", "CSV_COLUMNS"]


class _RecordRenderer:
    name = ""
    extension = ""
    binary = False

    def __init__(self, **options) -> None:
        self.options = options


class JsonExportRenderer(_RecordRenderer):
    """The export as JSON (UTF-8, two-space indent, keys in a fixed order)."""

    name = "json"
    extension = "json"

    def render_document(self, doc: d.Document) -> str:
        return json.dumps(export_record(doc), indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "record", "id", "type", "by", "to", "what", "metric", "target", "frequency", "due_date",
    "event", "within", "unit", "day_of_month", "start", "due", "remedy", "unit_of_measure",
    "baseline", "baseline_year", "target_year", "direction", "data_source", "disaggregation",
    "section", "section_title", "clause", "clause_version", "open",
)
"""One row per obligation (``record`` = obligation) and per shared metric (``record`` =
metric); a column that does not apply to the row is empty."""

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A cell a spreadsheet shows as text: a value that would start a formula is prefixed
    with an apostrophe (the spreadsheet hides it)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


class CsvExportRenderer(_RecordRenderer):
    """The export as a flat table (RFC 4180: comma separated, CRLF line ends)."""

    name = "csv"
    extension = "csv"

    def render_document(self, doc: d.Document) -> str:
        rec = export_record(doc)
        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\r\n")
        out.writerow(CSV_COLUMNS)
        for o in rec["obligations"]:
            due = o["due"]
            row = {"record": "obligation", "id": o["id"], "type": o["type"], "by": o["by"],
                   "to": o["to"], "what": o["what"], "metric": o["metric"],
                   "target": o["target"], "frequency": due["frequency"],
                   "due_date": due["date"], "event": due["event"], "within": due["within"],
                   "unit": due["unit"], "day_of_month": due["day_of_month"],
                   "start": due["start"], "due": due["text"], "remedy": o["remedy"],
                   "section": o["section"]["number"], "section_title": o["section"]["title"],
                   "clause": o["clause"]["id"], "clause_version": o["clause"]["version"],
                   "open": "; ".join(o["open"])}
            out.writerow(_cell(row.get(c)) for c in CSV_COLUMNS)
        for m in rec["metrics"]:
            row = {"record": "metric", "id": m["field"], "what": m["name"],
                   "metric": m["definition"], "target": m["target"],
                   "frequency": m["frequency"], "unit_of_measure": m["unit"],
                   "baseline": m["baseline"], "baseline_year": m["baseline_year"],
                   "target_year": m["target_year"], "direction": m["direction"],
                   "data_source": m["source"], "disaggregation": "; ".join(m["disaggregation"]),
                   "section": m["section"]["number"], "section_title": m["section"]["title"]}
            out.writerow(_cell(row.get(c)) for c in CSV_COLUMNS)
        return buf.getvalue()
