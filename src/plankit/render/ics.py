"""The dated and recurring obligations as an iCalendar file (RFC 5545).

Written here rather than with a calendar library so a build needs nothing more and the
bytes are fixed: each event's UID is a hash of the document and the obligation's id (so a
calendar that imports a later draft updates the event instead of adding a second), and
DTSTAMP is the document's own date.

An obligation gets an all-day event when its date is known from the document: an absolute
due date; a time after an event whose date the input gives (the construction start); or a
monthly, quarterly, weekly or yearly schedule that starts from such a date. A monthly
report due a number of days after the end of each month is due on that day of the next
month, so it recurs on that day of the month. Obligations that fall due on events nobody
can date in advance (a breach, a request) are in the JSON and CSV exports only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib

from plankit import document as d
from plankit.records import NO_RECORDS, Obligation
from plankit.render.exports import _RecordRenderer

__all__ = ["IcsExportRenderer", "occurrence"]

PRODID = "-//plankit//Obligations export//EN"
_RULES = {"weekly": "FREQ=WEEKLY", "biweekly": "FREQ=WEEKLY;INTERVAL=2", "monthly": "FREQ=MONTHLY",
          "quarterly": "FREQ=MONTHLY;INTERVAL=3", "annually": "FREQ=YEARLY"}
_LABEL = {"deliverable": "Deliverable", "report": "Report", "payment": "Payment",
          "destruction": "Destruction", "notice": "Notice"}


def _add_months(day: dt.date, months: int, on: int | None = None) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(on or day.day, last))


def _after(start: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "business-days":
        day, left = start, amount
        while left > 0:
            day += dt.timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day
    if unit == "hours":
        return start + dt.timedelta(hours=amount)
    return start + dt.timedelta(days=amount)


def occurrence(o: Obligation) -> tuple[dt.date, str] | None:
    """The first date ``o`` falls due and its repeat rule ("" for a single date), or None
    when the document does not date it."""
    due = o.due
    if due.date:
        return dt.date.fromisoformat(due.date), ""
    if not due.start:
        return None
    start = dt.date.fromisoformat(due.start)
    if due.frequency == "once":
        if due.within is None:
            return start, ""
        return _after(start, due.within, due.unit), ""
    rule = _RULES.get(due.frequency)
    if rule is None:
        return None
    day = due.day_of_month
    if day is None and due.event in ("end-of-month", "end-of-quarter") and \
            due.within is not None and due.unit == "days" and 1 <= due.within <= 28:
        day = due.within  # N days after a month's end is day N of the next month
    if due.frequency in ("monthly", "quarterly") and day:
        if not 1 <= day <= 31:
            return None
        if due.frequency == "monthly":
            first = _add_months(start, 1, day)
        else:  # after the end of the calendar quarter the start falls in
            quarter_end = (start.month - 1) // 3 * 3 + 3
            first = _add_months(start.replace(day=1), quarter_end - start.month + 1, day)
        return first, f"{rule};BYMONTHDAY={day}"
    step = {"weekly": 7, "biweekly": 14}.get(due.frequency)
    if step is not None:  # the first period, then the time allowed after it ends
        extra = due.within if due.within is not None and due.unit == "days" else 0
        return start + dt.timedelta(days=step + extra), rule
    if due.frequency == "annually":
        return _add_months(start, 12), rule
    return None  # a monthly or quarterly obligation without a day of the month


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 section 3.1), never inside a
    UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _uid(doc: d.Document, o: Obligation) -> str:
    key = "\n".join((doc.kind, doc.title, o.id))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@plankit"


def _description(doc: d.Document, o: Obligation) -> str:
    parts = [f"{o.by} to {o.to}: {o.what}"]
    if o.due.text:
        parts.append(f"Due: {o.due.text}")
    if o.metric or o.target:
        parts.append("Measure: " + " - target ".join(p for p in (o.metric, o.target) if p))
    if o.remedy:
        parts.append(f"If not met: {o.remedy}")
    where = f"section {o.section}" if o.section else "the section"
    parts.append(f"From {where} ({o.section_title}) of {doc.title}")
    return "\n".join(parts)


class IcsExportRenderer(_RecordRenderer):
    """The calendar of dated and recurring obligations."""

    name = "ics"
    extension = "ics"

    def render_document(self, doc: d.Document) -> str:
        stamp = (doc.date or "2024-01-01").replace("-", "") + "T000000Z"
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
                 "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(doc.title)}"]
        for o in (doc.records or NO_RECORDS).obligations:
            when = occurrence(o)
            if when is None:
                continue
            first, rule = when
            lines += ["BEGIN:VEVENT", f"UID:{_uid(doc, o)}", f"DTSTAMP:{stamp}",
                      f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{first + dt.timedelta(days=1):%Y%m%d}"]
            if rule:
                lines.append(f"RRULE:{rule}")
            lines += [f"SUMMARY:{_escape(_LABEL[o.type] + ': ' + o.what)}",
                      f"DESCRIPTION:{_escape(_description(doc, o))}",
                      f"CATEGORIES:{_escape(o.type)}", "TRANSP:TRANSPARENT", "END:VEVENT"]
        lines.append("END:VCALENDAR")
        return "".join(_fold(line) + "\r\n" for line in lines)
