"""CSV output: a data table for spreadsheets, and the exact layouts Google Calendar and Outlook
import. Written with the csv module (RFC 4180 quoting, CRLF), UTF-8, with a header row.

Cells that a spreadsheet would run as a formula (starting with = + - @, tab, CR, LF or their
full-width forms) are prefixed with an apostrophe, as OWASP recommends; other cells are unchanged.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .conflicts import Clash, overlaps
from .models import Talk
from .plan import Plan, attending
from .text import multi_line, one_line
from .wording import description, summary

if TYPE_CHECKING:
    from .pipeline import ExportOptions

_FORMULA_START = tuple("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")

DATA_HEADER = ["uid", "start_utc", "end_utc", "start_local", "end_local", "zone", "day", "title",
               "authors", "kind", "number", "track", "chairs", "abstract", "conflicts", "source",
               "line", "room", "url", "status", "conference"]
# Google Calendar's CSV import (support.google.com/calendar/answer/37118).
GOOGLE_HEADER = ["Subject", "Start Date", "Start Time", "End Date", "End Time", "All Day Event",
                 "Description", "Location", "Private"]
# Outlook's CSV import/export columns (the "Calendar" export map of Outlook for Windows).
OUTLOOK_HEADER = ["Subject", "Start Date", "Start Time", "End Date", "End Time", "All day event",
                  "Reminder on/off", "Reminder Date", "Reminder Time", "Meeting Organizer",
                  "Required Attendees", "Optional Attendees", "Meeting Resources",
                  "Billing Information", "Categories", "Description", "Location", "Mileage",
                  "Priority", "Private", "Sensitivity", "Show time as"]


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _us_date(moment: datetime) -> str:
    return f"{moment.month}/{moment.day}/{moment.year}"


def _clock(moment: datetime, seconds: bool) -> str:
    hour = moment.hour % 12 or 12
    tail = f":{moment.second:02d}" if seconds else ""
    return f"{hour}:{moment.minute:02d}{tail} {'AM' if moment.hour < 12 else 'PM'}"


def _data_row(talk: Talk, zone: ZoneInfo, clash: Clash | None) -> list[object]:
    start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
    return [talk.uid, f"{talk.start:%Y-%m-%dT%H:%M:%SZ}", f"{talk.end:%Y-%m-%dT%H:%M:%SZ}",
            f"{start:%Y-%m-%d %H:%M}", f"{end:%Y-%m-%d %H:%M}", zone.key, f"{start:%Y-%m-%d}",
            one_line(talk.title), "; ".join(one_line(a) for a in talk.authors), talk.kind.value,
            talk.number if talk.number is not None else "", one_line(talk.track),
            "; ".join(one_line(c) for c in talk.chairs), multi_line(talk.abstract),
            _clash_text(clash), talk.source, talk.line, one_line(talk.room), talk.url or "",
            talk.status.value, one_line(talk.conference)]


def _clash_text(clash: Clash | None) -> str:
    if clash is None:
        return ""
    named = "; ".join(one_line(c.title) for c in clash.first)
    more = clash.count - len(clash.first)
    return named + (f"; and {more} more" if more > 0 else "")


def _google_row(talk: Talk, zone: ZoneInfo) -> list[object]:
    start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
    return [summary(talk), _us_date(start), _clock(start, False), _us_date(end),
            _clock(end, False), str(talk.all_day), description(talk),
            one_line(talk.room or talk.track), "False"]


def _outlook_row(talk: Talk, zone: ZoneInfo, alarm: timedelta | None, free: bool) -> list[object]:
    start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
    remind = start - alarm if alarm is not None else None
    return [summary(talk), _us_date(start), _clock(start, True), _us_date(end), _clock(end, True),
            str(talk.all_day), "True" if remind else "False", _us_date(remind) if remind else "",
            _clock(remind, True) if remind else "", "", "", "", "", "",
            ";".join(c for c in (one_line(talk.track), talk.kind.value) if c), description(talk),
            one_line(talk.room or talk.track), "", "Normal", "False", "Normal",
            "0" if free else "2"]


def write_csv(talks: Sequence[Talk], style: str, tz: str | None, alarm: timedelta | None = None,
              free: bool = False) -> bytes:
    """The CSV bytes of `talks`. `tz` None: the data style uses each talk's zone; the calendar
    styles need one zone, so callers resolve it first."""
    return b"".join(iter_csv(talks, style, tz, alarm, free))


def stream(talks: Sequence[Talk], options: ExportOptions, stamp: datetime, zone: str
           ) -> Iterator[bytes]:
    """The registry's writer (see agenda.formats): the data style keeps each talk's zone unless
    the user chose one; the calendar styles need one zone."""
    tz = options.tz if options.csv_style == "data" else zone
    return iter_csv(talks, options.csv_style, tz, options.alarm, options.free,
                    plan=options.plan)


def iter_csv(talks: Sequence[Talk], style: str, tz: str | None, alarm: timedelta | None = None,
             free: bool = False, batch: int = 500, plan: Plan | None = None) -> Iterator[bytes]:
    """The same CSV as chunks of a few hundred rows, so a large export streams to disk."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    clashes = overlaps(attending(talks, plan)) if style == "data" else {}
    writer.writerow({"data": DATA_HEADER, "google": GOOGLE_HEADER,
                     "outlook": OUTLOOK_HEADER}[style])
    for number, talk in enumerate(talks, 1):
        if number % batch == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
        zone = ZoneInfo(tz or talk.zone)
        if style == "data":
            row = _data_row(talk, zone, clashes.get(talk.uid))
        elif style == "google":
            row = _google_row(talk, zone)
        else:
            row = _outlook_row(talk, zone, alarm, free)
        writer.writerow([safe_cell(cell) for cell in row])
    yield buffer.getvalue().encode("utf-8")
