"""Published schedules as CSV tables with a header row (spreadsheets, Google and Outlook calendar
exports, agenda's own data CSV, conference tools' exports).

The header is the first row whose cells name known columns (a title and a start at least), so
rows of prose or a template's instructions above it are skipped, and a header cell may itself be
prose ("Session title (required)"). Columns are matched by their common names. Dates like
03/04/2024 are read day-first or month-first by evidence across all rows (a day above 12
decides); when nothing decides, month-first (US) is assumed and said. A time with an offset or Z
is exact; one without is a wall time in the row's time-zone column, or --source-tz.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from ...errors import PageError
from ...models import Kind, Notice, Status
from ..kinds import named
from ..page import FixedRange, Page, PageRead, RawSlot, WallRange
from .calendar_file import iana_zone
from .event_fields import (
    choose_kind,
    merge_duplicates,
    read_description,
    read_summary,
    split_names,
    status_of,
    untitled,
)
from .json_text import document, looks_like_json

NAME = "csv-table"
DESCRIPTION = "CSV with a header row (title, start, ...)"

MAX_ROWS = 250_000
_HEADER_ROWS = 30  # a header is looked for among the first rows
_DETECT_CHARS = 65_536

# Normalised header text (letters and digits only, lower case) -> the field it fills, and the
# rank of that name among the field's names (a "Title" column beats a "Session" one).
_COLUMNS: dict[str, str] = {}
_RANK: dict[str, int] = {}
for _field, _names in {
    "title": "title subject session name talk talktitle sessiontitle sessionname eventtitle "
             "eventname event summary papertitle topic activity",
    "start": "start begin starts startdatetime startsat from startutc begins startingtime",
    "start_date": "startdate begindate fromdate datestart sessiondate eventdate",
    "start_time": "starttime begintime fromtime timestart",
    "end": "end ends finish enddatetime endsat to endutc until",
    "end_date": "enddate todate dateend finishdate",
    "end_time": "endtime totime timeend finishtime",
    "date": "date day",
    "time": "time timeslot slot times hours",
    "duration": "duration length durationminutes durationmins minutes mins",
    "all_day": "allday alldayevent",
    "authors": "speaker speakers author authors presenter presenters speakernames "
               "speakername authornames presentedby moderator moderators people persons",
    "track": "track tracks category categories stream theme",
    "room": "room location venue place hall stage rooms",
    "abstract": "description abstract details",
    "url": "url link website webpage weblink href",
    "zone": "timezone tz zone timezonename",
    "uid": "uid id eventid guid sessionid talkid",
    "kind": "kind type format sessiontype eventtype",
    "status": "status",
    "number": "number",
    "conference": "conference",
}.items():
    for _rank, _name in enumerate(_names.split()):
        _COLUMNS[_name] = _field
        _RANK[_name] = _rank
# German and French header names of European spreadsheets ('Datum;Beginn;Ende;Titel;Raum'),
# ranked after the English ones of their field.
for _field, _names in {
    "title": "titel vortrag veranstaltung titre",
    "start": "beginn anfang von",
    "end": "ende bis fin",
    "date": "datum tag jour",
    "time": "uhrzeit zeit heure horaire",
    "duration": "dauer",
    "authors": "referent referentin referenten sprecher vortragende intervenant intervenants "
               "orateur",
    "room": "raum saal ort salle lieu",
    "abstract": "beschreibung zusammenfassung",
    "kind": "typ art",
}.items():
    for _rank, _name in enumerate(_names.split(), start=100):
        _COLUMNS.setdefault(_name, _field)
        _RANK.setdefault(_name, _rank)
# A clock-only start column ("time", "start time") is a start too: a day's timetable that
# names no date is dated by --date.
_DATED_STARTS = ("start", "start_date", "date")
_NEEDED_STARTS = (*_DATED_STARTS, "start_time", "time")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_PARENTHESES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")
_TIME = re.compile(r"(\d{1,2})(?:[:.h](\d\d))?(?::(\d\d)(?:[.,]\d+)?)?\s*([ap])?\.?\s*(?:m\.?)?",
                   re.IGNORECASE)
_OFFSET = re.compile(r"(?:Z|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d\d)?)", re.IGNORECASE)
_RANGE_DASH = re.compile(r"\s+(?:-|–|—|to)\s+|(?<=\d)\s*[-–—]\s*(?=\d)")
_FORMULA_GUARD = tuple("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def _key(cell: str) -> str:
    return _NON_ALNUM.sub("", cell.lower())


def column_of(cell: str) -> tuple[str, int] | None:
    """(field, rank) a header cell names: the whole cell, the cell without parentheses, or its
    last or first words (a template's prose header "Enter the session title")."""
    text = cell.strip().lstrip("\ufeff")
    if not text or len(text) > 200:
        return None
    candidates = [_key(text)]
    words = _PARENTHESES.sub(" ", text).replace(":", " ").split()
    candidates.append(_key(" ".join(words)))
    for size in (2, 1):
        if len(words) > size:
            candidates += [_key(" ".join(words[-size:])), _key(" ".join(words[:size]))]
    for key in candidates:
        if key in _COLUMNS:
            return _COLUMNS[key], _RANK[key]
    return None


def _header(row: Sequence[str]) -> dict[str, int] | None:
    """Field -> column index, when the row is a header (a title column and a start)."""
    fields: dict[str, int] = {}
    ranks: dict[str, int] = {}
    for index, cell in enumerate(row):
        found = column_of(cell)
        if found is not None and found[1] < ranks.get(found[0], 1 << 30):
            fields[found[0]], ranks[found[0]] = index, found[1]
    if "title" in fields and any(f in fields for f in _NEEDED_STARTS):
        return fields
    return None


@dataclass(frozen=True, slots=True)
class _Layout:
    delimiter: str
    row: int  # index of the header among the file's rows
    fields: dict[str, int]


def _markdown_table(row: list[str]) -> bool:
    """A Markdown table's delimiter row: every cell dashes, with optional colons."""
    cells = [c.strip() for c in row if c.strip()]
    return bool(cells) and all(set(c) <= set("-:") and "-" in c for c in cells)


def _layout(text: str) -> _Layout | None:
    for delimiter in (",", ";", "\t", "|"):
        if delimiter not in text[:_DETECT_CHARS]:
            continue
        rows = csv.reader(io.StringIO(text[:_DETECT_CHARS]), delimiter=delimiter)
        try:
            for index, row in enumerate(rows):
                if index >= _HEADER_ROWS:
                    break
                if len(row) >= 2 and (fields := _header(row)) is not None:
                    if delimiter == "|" and not any(f in fields for f in _DATED_STARTS):
                        continue  # a pipe table of clocks is a page's, not a spreadsheet's
                    if delimiter == "|" and _markdown_table(next(rows, [])):
                        return None  # a Markdown table: the program reader's
                    return _Layout(delimiter, index, fields)
        except csv.Error:
            continue
    return None


def detect(page: Page) -> float:
    """A header row naming a title and a start column."""
    if not page.text or page.text.lstrip()[:15].upper().startswith("BEGIN:VCALENDAR"):
        return 0.0
    if page.text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return 0.0  # a saved web page: its head's commas are not a table's
    if looks_like_json(page) and not isinstance(document(page), PageError):
        return 0.0  # a JSON document's commas are not a table's either
    layout = page.remember("csv-layout", lambda: _layout(page.text))
    return 5.0 if layout is not None else 0.0


# --- values ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Stamp:
    """A cell's date and/or time, and the zone it states."""

    day: date | None
    clock: tuple[int, int, int] | None
    offset: timedelta | None  # an explicit offset (Z is zero)
    label: str | None  # a zone label or IANA name written after the time


def _numeric_dates(cell: str) -> list[tuple[int, int, str]]:
    """Day and month candidates of d/m/y or m/d/y dates; never the tail of an ISO date
    ('2011-06-23' holds '11-06-23', which is no evidence of any order)."""
    return [(int(m.group(1)), int(m.group(3)), m.group(2)) for m in _NUMERIC.finditer(cell)
            if not (m.start() and (cell[m.start() - 1].isdigit()
                                   or cell[m.start() - 1] in "/.-"))]


def _year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 70 else 1900) if len(text) == 2 else year


def _stamp(cell: str, day_first: bool) -> _Stamp | None:
    """A date, a time or both, with a trailing zone. None when the cell is not one."""
    text = cell.strip()
    if not text or len(text) > 100:  # no date or time is longer; keeps every scan short
        return None
    day, rest = None, text
    if (m := _ISO.match(text)) is not None:
        day = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        rest = text[m.end():].lstrip("Tt ")
    elif (m := _NUMERIC.match(text)) is not None:
        a, b, sep = int(m.group(1)), int(m.group(3)), m.group(2)
        first_is_day = day_first or sep == "."
        day = _date(_year(m.group(4)), b if first_is_day else a, a if first_is_day else b)
        rest = text[m.end():].lstrip(", T")
    elif len(text) <= 60 and _names_a_month(text):
        day, rest = _worded_date(text, day_first)
    if day is None and rest is text and not text[:1].isdigit():
        return None
    clock, zone_text = None, rest.strip()
    if (m := _TIME.match(rest)) is not None and m.group(0).strip() and (
            m.group(2) is not None or m.group(4) is not None):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        second = int(m.group(3) or 0)
        if m.group(4):
            if hour > 12 or hour == 0:
                return None
            hour = hour % 12 + (12 if m.group(4).lower() == "p" else 0)
        if hour > 24 or minute > 59 or second > 59:
            return None
        clock, zone_text = (hour, minute, second), rest[m.end():].strip()
    elif day is None:
        return None
    offset, label = None, None
    if zone_text:
        if (z := _OFFSET.fullmatch(zone_text)) is not None:
            offset = _offset(z.group(0))
        elif len(zone_text) <= 40 and " " not in zone_text.strip("()"):
            label = zone_text.strip("()")
        else:
            return None
    return _Stamp(day, clock, offset, label)


# The day a row naming only a weekday is worked on until --date gives its week.
_PLACEHOLDER_DAY = date(2001, 1, 1)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_MONTH_WORDS = frozenset(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                          "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun"))


# Weekday names a day column may hold instead of a date ('fri', 'Saturday', 'Sonntag'): the
# week is the one the user's --date starts (agenda.undated).
_WEEKDAYS = {name: i for i, names in enumerate((
    ("mon", "monday", "montag", "lundi"), ("tue", "tues", "tuesday", "dienstag", "mardi"),
    ("wed", "wednesday", "mittwoch", "mercredi"), ("thu", "thur", "thurs", "thursday",
                                                   "donnerstag", "jeudi"),
    ("fri", "friday", "freitag", "vendredi"), ("sat", "saturday", "samstag", "samedi"),
    ("sun", "sunday", "sonntag", "dimanche"))) for name in names}


def _day_number(cell: str) -> int | None:
    """The N of a day column counting the conference's days ('1', '2', 'Day 3')."""
    text = cell.strip().casefold().removeprefix("day").strip()
    return int(text) if text.isdigit() and 1 <= int(text) <= 31 and len(text) <= 2 else None


_YEARLESS = re.compile(r"(\d{1,2})([/.])(\d{1,2})\.?")


def _yearless(cell: str, day_first: bool) -> tuple[int, int] | None:
    """(day, month) of a date written without its year ('4/21', '21.4.'); the year is settled
    with the other pages' (agenda.timing), and said."""
    m = _YEARLESS.fullmatch(cell.strip())
    if m is None:
        return None
    a, b = int(m.group(1)), int(m.group(3))
    day, month = (a, b) if day_first or m.group(2) == "." else (b, a)
    return (day, month) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _weekday_only(cell: str) -> int | None:
    """The weekday a cell names when it names nothing else ('fri', 'Saturday.')."""
    text = cell.strip().rstrip(".,").casefold()
    return _WEEKDAYS.get(text) if len(text) <= 12 else None


def _names_a_month(text: str) -> bool:
    return any(w[:3].lower() in _MONTH_WORDS for w in text.replace(",", " ").split()
               if w[:1].isalpha())


def _worded_date(text: str, day_first: bool) -> tuple[date | None, str]:
    """'4 March 2024', 'Mon, March 4, 2024 10:00': dateutil reads the words; the time part is
    left to the caller."""
    from dateutil import parser

    words = text.split()
    for cut in range(len(words), 0, -1):
        piece = " ".join(words[:cut])
        if ":" in piece and cut > 1:
            continue
        try:
            found = parser.parse(piece, dayfirst=day_first, default=datetime(1900, 1, 1))
        except (ValueError, OverflowError, parser.ParserError):
            continue
        if found.year != 1900:
            return found.date(), " ".join(words[cut:])
    return None, text


def _offset(text: str) -> timedelta:
    text = text.upper().replace("UTC", "").replace("GMT", "").strip()
    if text in ("Z", ""):
        return timedelta()
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "").strip()
    hours, minutes = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else \
        (int(digits), 0)
    return sign * timedelta(hours=hours, minutes=minutes)


def _minutes(cell: str) -> timedelta | None:
    """A duration cell: 90, '90 min', '1:30', '1h30', 'PT1H30M'."""
    text = cell.strip().lower()
    if not text or len(text) > 40:
        return None
    if text.isdigit():
        return timedelta(minutes=int(text))
    if (m := re.fullmatch(r"(\d{1,3}):(\d\d)(?::\d\d)?", text)) is not None:
        return timedelta(hours=int(m.group(1)), minutes=int(m.group(2)))
    if (m := re.fullmatch(r"pt?(?:(\d+)h)?(?:(\d+)m)?", text)) is not None and any(m.groups()):
        return timedelta(hours=int(m.group(1) or 0), minutes=int(m.group(2) or 0))
    m = re.fullmatch(r"(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?", text)
    if m is not None and any(m.groups()):
        return timedelta(hours=int(m.group(1) or 0), minutes=int(m.group(2) or 0))
    return None


# --- rows --------------------------------------------------------------------------------------

def _cell(row: Sequence[str], fields: dict[str, int], name: str) -> str:
    index = fields.get(name)
    if index is None or index >= len(row):
        return ""
    value = row[index]
    # agenda's own CSV guards formula-like cells with an apostrophe (see agenda.tables)
    if value[:1] == "'" and value[1:2] and value[1:].startswith(_FORMULA_GUARD):
        value = value[1:]
    return value.strip()


_DATE_FIELDS = ("start", "start_date", "end", "end_date", "date")
_WHEN = ("start", "start_date", "date", "start_time", "time")


def _day_order(rows: Sequence[tuple[int, list[str]]], fields: dict[str, int], path: str
               ) -> tuple[bool, list[Notice]]:
    """Day-first or month-first for numeric dates, from all rows' evidence."""
    firsts, seconds, example, ambiguous = [], [], "", False
    for line, row in rows:
        for name in _DATE_FIELDS:
            cell = _cell(row, fields, name)[:12]
            short = _YEARLESS.fullmatch(cell.strip())
            pairs = [(int(short.group(1)), int(short.group(3)), short.group(2))] if short else \
                _numeric_dates(cell)
            for a, b, sep in pairs:
                if sep == ".":
                    continue
                if a > 12:
                    firsts.append((line, a, b))
                elif b > 12:
                    seconds.append((line, a, b))
                elif a != b:
                    ambiguous = True
                    example = example or _cell(row, fields, name)
    if firsts and seconds:
        (l1, a1, b1), (l2, a2, b2) = firsts[0], seconds[0]
        raise PageError(f"dates disagree on their order: {a1}/{b1} (line {l1}) is day/month, "
                        f"{a2}/{b2} (line {l2}) is month/day", path, l2)
    if firsts:
        return True, []
    if seconds or not ambiguous:
        return False, []
    return False, [Notice(f"dates like {example.split()[0]!r} can be day/month or month/day and "
                          "no date in the file has a day above 12; reading them as month/day "
                          "(US order)", path, topic="csv-day-month")]


def _rows(page: Page, layout: _Layout) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(page.text), delimiter=layout.delimiter)
    out = []
    line = 1
    try:
        for index, row in enumerate(reader):
            at, line = line, reader.line_num + 1
            if index <= layout.row or not any(c.strip() for c in row):
                continue
            out.append((at, row))
            if len(out) > MAX_ROWS:
                raise PageError(f"more than {MAX_ROWS} rows; agenda reads tables of at most "
                                "that many", page.path, at)
    except csv.Error as exc:
        raise PageError(f"not a readable CSV table ({exc})", page.path, line) from None
    return out


class _Table:
    def __init__(self, page: Page, layout: _Layout) -> None:
        self.page, self.fields = page, layout.fields
        self.notes: list[Notice] = []
        self.zero_length = 0

    def cell(self, row: Sequence[str], name: str) -> str:
        return _cell(row, self.fields, name)

    def stamp(self, row: Sequence[str], name: str, line: int, day_first: bool) -> _Stamp | None:
        text = self.cell(row, name)
        if not text:
            return None
        found = _stamp(text, day_first)
        if found is None:
            column = name.replace("_", " ")
            raise PageError(f"cannot read {text[:40]!r} as a date or time (the {column} column)",
                            self.page.path, line)
        return found

    def when(self, row: Sequence[str], line: int, day_first: bool
             ) -> tuple[WallRange | FixedRange, bool]:
        path = self.page.path
        day_cells = [self.cell(row, name) for name in ("start_date", "date")]
        weekday = next((w for w in map(_weekday_only, day_cells) if w is not None), None)
        numbered = next((n for n in map(_day_number, day_cells) if n is not None), None)
        yearless = next((d for d in (_yearless(c, day_first) for c in day_cells)
                         if d is not None), None)
        special = weekday is not None or numbered is not None or yearless is not None
        start = self.stamp(row, "start", line, day_first)
        start_date = None if special else self.stamp(row, "start_date", line, day_first)
        shared = None if special else self.stamp(row, "date", line, day_first)
        if special and not (start and start.day):
            start_date = _Stamp(_PLACEHOLDER_DAY, None, None, None)
        time_text = self.cell(row, "start_time") or ("" if start and start.clock else
                                                     self.cell(row, "time"))
        end_text = self.cell(row, "end_time")
        if time_text and not self.cell(row, "start_time") and not end_text and \
                len(time_text) <= 100:
            pieces = _RANGE_DASH.split(time_text, maxsplit=1)
            if len(pieces) == 2:
                time_text, end_text = pieces
        clock = _stamp(time_text, day_first) if time_text else None
        if time_text and (clock is None or clock.clock is None):
            raise PageError(f"cannot read {time_text[:40]!r} as a time", path, line)
        day = (start.day if start else None) or (start_date.day if start_date else None) or \
            (shared.day if shared else None)
        begin = start if start and start.clock else clock
        undated = day is None
        if undated:
            if begin is None or begin.clock is None:
                raise PageError("the row has no start date", path, line)
            day = _PLACEHOLDER_DAY  # a timetable of one unnamed day: --date names it
        assert day is not None
        all_day = begin is None or self.cell(row, "all_day").lower() in ("true", "yes", "1", "y")
        end = self.stamp(row, "end", line, day_first)
        end_date = self.stamp(row, "end_date", line, day_first)
        end_clock = _stamp(end_text, day_first) if end_text else None
        if end_text and (end_clock is None or end_clock.clock is None):
            raise PageError(f"cannot read {end_text[:40]!r} as a time", path, line)
        last_day = (end.day if end else None) or (end_date.day if end_date else None) or day
        if all_day:
            first = datetime(day.year, day.month, day.day, tzinfo=UTC)
            last = datetime(last_day.year, last_day.month, last_day.day, tzinfo=UTC)
            if last < first:
                raise PageError(f"the event ends ({last_day}) before it starts ({day})", path, line)
            return FixedRange(first, last + timedelta(days=1), self.zone_name(row)), True
        assert begin is not None and begin.clock is not None
        finish = end if end and end.clock else end_clock
        length = _minutes(self.cell(row, "duration")) if self.cell(row, "duration") else None
        if self.cell(row, "duration") and length is None:
            raise PageError(f"cannot read {self.cell(row, 'duration')!r} as a duration", path,
                            line)
        start_wall = datetime(day.year, day.month, day.day) + timedelta(
            hours=begin.clock[0], minutes=begin.clock[1], seconds=begin.clock[2])
        if finish is not None and finish.clock is not None:
            end_wall = datetime(last_day.year, last_day.month, last_day.day) + timedelta(
                hours=finish.clock[0], minutes=finish.clock[1], seconds=finish.clock[2])
            if end_wall < start_wall and last_day == day and finish.clock[0] < 12 <= \
                    begin.clock[0]:
                end_wall += timedelta(days=1)  # 23:00 - 01:00 ends the next day
        elif length is not None:
            end_wall = start_wall + length
        else:
            self.zero_length += 1
            end_wall = start_wall
        if end_wall < start_wall:
            raise PageError(f"the event ends ({end_wall:%Y-%m-%d %H:%M}) before it starts "
                            f"({start_wall:%Y-%m-%d %H:%M})", path, line)
        # A zone written once ("14:00 - 15:00 UTC") applies to both ends.
        offset = begin.offset if begin.offset is not None else \
            finish.offset if finish is not None else None
        end_offset = finish.offset if finish is not None and finish.offset is not None else offset
        zone = self.zone_name(row)
        if offset is not None:
            assert end_offset is not None
            return FixedRange(start_wall.replace(tzinfo=timezone(offset)),
                              end_wall.replace(tzinfo=timezone(end_offset)), zone), False
        label = begin.label or (finish.label if finish is not None else None) or \
            self.cell(row, "zone") or None
        days = (end_wall.date() - start_wall.date()).days
        clocks = (start_wall.hour, start_wall.minute), (end_wall.hour + 24 * days,
                                                       end_wall.minute)
        if undated:
            return WallRange(0, 0, None, None, *clocks, label), False
        if day == _PLACEHOLDER_DAY and numbered is not None:  # "Day 2": a day after --date
            return WallRange(numbered - 1, 0, None, None, *clocks, label), False
        if day == _PLACEHOLDER_DAY and yearless is not None:  # "4/21": the year is inferred
            return WallRange(yearless[0], yearless[1], None, None, *clocks, label), False
        if weekday is not None and day == _PLACEHOLDER_DAY:
            if all_day:
                raise PageError("a row naming only a weekday needs a start time", path, line)
            return WallRange(0, 0, None, weekday, (start_wall.hour, start_wall.minute),
                             (end_wall.hour + 24 * days, end_wall.minute), label), False
        return WallRange(start_wall.day, start_wall.month, start_wall.year, None,
                         (start_wall.hour, start_wall.minute),
                         (end_wall.hour + 24 * days, end_wall.minute), label), False

    def zone_name(self, row: Sequence[str]) -> str | None:
        name = self.cell(row, "zone")
        zone = iana_zone(name) if name else None
        return zone.key if zone is not None else None

    def slot(self, line: int, row: Sequence[str], day_first: bool) -> RawSlot:
        when, all_day = self.when(row, line, day_first)
        title, labelled, cancelled = read_summary(_entities(self.cell(row, "title")))
        fields, abstract = read_description(self.cell(row, "abstract"))
        authors = split_names(self.cell(row, "authors") or fields.get("authors", ""))
        categories = [c.strip() for c in re.split(r"[;,]", self.cell(row, "track")) if c.strip()]
        kind_text = self.cell(row, "kind")
        kind = (named(kind_text) if kind_text else None) or \
            choose_kind(title, labelled, categories)
        title = untitled(title, kind) or (  # an untitled row of type "Lunch" is a lunch
            "" if kind is Kind.EMPTY else kind_text.strip())
        if not title and not authors:
            kind = Kind.EMPTY  # a row of a grid with a time and nothing in it
        track = fields.get("track") or next((c for c in categories if named(c) is None), "")
        if not self.cell(row, "track") and not fields.get("track") and kind_text and \
                named(kind_text) is None:
            track = ""
        location = " ".join(self.cell(row, "room").split())
        room = fields.get("room") or ("" if location == fields.get("track") else location)
        status = status_of(self.cell(row, "status")) or Status.CONFIRMED
        if cancelled:
            status = Status.CANCELLED
        number_text = self.cell(row, "number")
        number = int(number_text) if number_text.isdigit() and len(number_text) < 9 else None
        return RawSlot(line, when, " ".join(title.split()), authors, abstract, kind, number,
                       track, room, self.cell(row, "url") or fields.get("url") or None,
                       self.cell(row, "uid"), status, all_day,
                       " ".join(self.cell(row, "conference").split())[:200])


def _end_at_next_start(slots: list[RawSlot], path: str) -> tuple[list[RawSlot], list[Notice]]:
    """A timetable that gives only starts ('9:00', '9:15', ...): each row ends when the next
    row of its day begins and the day's last row lasts the day's commonest gap; said. Only
    when no row of the table gives an end."""
    walls = [s.when for s in slots if isinstance(s.when, WallRange)]
    if not walls or len(walls) < len(slots) or any(w.start != w.end for w in walls):
        return slots, []
    days: dict[tuple[int, int, int | None, int | None], list[tuple[int, int]]] = {}
    for w in walls:
        days.setdefault((w.day, w.month, w.year, w.weekday), []).append(w.start)
    gaps: Counter[int] = Counter()
    for starts in days.values():
        ordered = sorted(set(starts))
        gaps.update(b[0] * 60 + b[1] - a[0] * 60 - a[1] for a, b in zip(ordered, ordered[1:],
                                                                          strict=False))
    usual = gaps.most_common(1)[0][0] if gaps else 60
    out, last = [], ""
    for slot in slots:
        when = slot.when
        assert isinstance(when, WallRange)
        later = [s for s in days[(when.day, when.month, when.year, when.weekday)]
                 if s > when.start]
        if later:
            end = min(later)
        else:
            total = when.start[0] * 60 + when.start[1] + usual
            end, last = (total // 60, total % 60), last or slot.title
        out.append(slot._replace(when=when._replace(end=end)))
    return out, [Notice("rows give only their start; each ends when the next row of its day "
                        f"begins, and the last of a day (e.g. {last!r}) lasts {usual} minutes, "
                        "the table's usual gap", path)]


_TO_COME = re.compile(r"(?:tba|tbd|tbc|to be (?:announced|determined|confirmed)|\?+)(?![a-z])",
                      re.IGNORECASE)


def _time_to_come(table: _Table, row: Sequence[str]) -> bool:
    """A time cell that says the time is not set yet ('TBA', 'TBD (afternoon)', '?'): the row
    has no place in the day."""
    cells = [table.cell(row, name) for name in ("time", "start_time", "start")]
    words = [c for c in cells if c]
    return bool(words) and all(_TO_COME.match(c) is not None for c in words)


def _entities(text: str) -> str:
    """A title a web tool escaped for HTML before writing the sheet ('red teamer&#x27;s')."""
    return html.unescape(text) if "&" in text and ";" in text else text


def read(page: Page) -> PageRead:
    layout = page.remember("csv-layout", lambda: _layout(page.text))
    if layout is None:
        raise PageError("no header row with a title and a start column", page.path)
    rows = _rows(page, layout)
    if not rows:
        raise PageError("the table has a header but no rows", page.path)
    day_first, notes = _day_order(rows, layout.fields, page.path)
    table = _Table(page, layout)
    timed = [(line, row) for line, row in rows if any(table.cell(row, name) for name in _WHEN)]
    pending = [(line, row) for line, row in timed if _time_to_come(table, row)]
    timed = [pair for pair in timed if pair not in pending]
    if pending:
        notes.append(Notice(f"{len(pending)} row{'s' if len(pending) != 1 else ''} give their "
                            f"time as {table.cell(pending[0][1], 'time')!r} (not yet set); "
                            "skipped", page.path, pending[0][0]))
    slots = [table.slot(line, row, day_first) for line, row in timed]
    if len(timed) + len(pending) < len(rows):
        skipped = len(rows) - len(timed) - len(pending)
        notes.append(Notice(f"{skipped} row{'s' if skipped != 1 else ''} without a date or "
                            "time skipped (headings or notes between the events)", page.path,
                            next(line for line, row in rows
                                 if (line, row) not in timed and (line, row) not in pending)))
    slots, ended = _end_at_next_start(slots, page.path)
    notes.extend(ended)
    if ended:
        table.zero_length = 0
    slots, merged = merge_duplicates(slots, page.path)
    notes.extend(merged)
    if table.zero_length:
        notes.append(Notice(f"{table.zero_length} row{'s' if table.zero_length != 1 else ''} "
                            "give no end time or duration; read as ending when they start",
                            page.path))
    return PageRead(page.path, NAME, "", (), None, tuple(slots), tuple(notes))

