"""Published iCalendar files (.ics from pretalx, Indico, frab, Google Calendar, agenda itself).

Each VEVENT is a slot. Content lines are read by `calendar_lines` in one linear pass; the
icalendar library does what needs it: building a file's own VTIMEZONE into rules, and
expanding recurring events (with `recurring-ical-events`) and their overrides.

Times: a TZID naming an IANA zone (or a Windows zone name, mapped by icalendar's CLDR table) is
read with that zone's rules, and when the file's VTIMEZONE disagrees with them (real exports
carry a whole-hour offset for a half-hour zone) that is said and the IANA rules win. Other
TZIDs use the file's VTIMEZONE; floating times use X-WR-TIMEZONE or the user's --source-tz.
DATE values are all-day events: UTC midnights of the first and the exclusive last day.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from ...errors import PageError
from ...models import Notice, Status
from ...timing import LAST_YEAR, offset_text
from ..kinds import named
from ..page import FixedRange, Page, PageRead, RawSlot, WallRange
from .calendar_lines import (
    Calendar,
    Event,
    Props,
    lex,
    parameters,
    plain_tzid,
    split_line,
    texts,
    unescape,
)
from .event_fields import (
    choose_kind,
    merge_duplicates,
    read_description,
    read_summary,
    split_names,
    untitled,
)
from .speaker_titles import speaker_separator, split_speakers

NAME = "icalendar"
DESCRIPTION = "iCalendar (BEGIN:VCALENDAR)"

# A bound for hostile input: occurrences of one recurring event.
MAX_OCCURRENCES = 1000

_DATE_TIME = re.compile(r"(\d{4})-?(\d\d)-?(\d\d)(?:T(\d\d):?(\d\d)(?::?(\d\d))?(?:[.,]\d+)?)?"
                        r"\s*(Z?)", re.IGNORECASE)
_DURATION = re.compile(r"([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?",
                       re.IGNORECASE)
_RECURRING = ("RRULE", "RDATE")


STRUCTURED = True  # recognised by its first line (see readers.detect)


def detect(page: Page) -> float:
    """A calendar begins with BEGIN:VCALENDAR."""
    first = next((s for s in page.first_lines(50) if s), "")
    return 10.0 if first.upper() == "BEGIN:VCALENDAR" else 0.0


# --- zones -------------------------------------------------------------------------------------

def iana_zone(name: str) -> ZoneInfo | None:
    """The IANA zone a name means, or None (never a path outside the zone database)."""
    if not name or name.startswith((".", "/")) or ".." in name or "\\" in name:
        return None
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        return None


def _named_zone(tzid: str) -> ZoneInfo | None:
    """An IANA zone for a TZID: the name itself, a Windows name via icalendar's CLDR table, or
    the Olson name at the end of a "globally unique" /vendor/.../Europe/Berlin TZID."""
    cleaned = tzid.strip().strip('"').strip("/")
    zone = iana_zone(cleaned)
    if zone is not None:
        return zone
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    if cleaned in WINDOWS_TO_OLSON:
        return iana_zone(WINDOWS_TO_OLSON[cleaned])
    parts = cleaned.split("/")
    for start in range(1, len(parts) - 1):
        zone = iana_zone("/".join(parts[start:]))
        if zone is not None:
            return zone
    return None


class _Zones:
    """TZIDs resolved once per file, and the file's own VTIMEZONEs built when needed."""

    def __init__(self, cal: Calendar, page: Page) -> None:
        self.cal, self.page = cal, page
        self.named: dict[str, ZoneInfo | None] = {}
        self.built: dict[str, tzinfo | None] = {}
        self.checked: dict[tuple[str, datetime], timedelta | None] = {}
        self.disagree: dict[str, tuple[int, datetime, timedelta, timedelta, int]] = {}
        self.unreadable: list[Notice] = []

    def named_zone(self, tzid: str) -> ZoneInfo | None:
        if tzid not in self.named:
            self.named[tzid] = _named_zone(tzid)
        return self.named[tzid]

    def embedded(self, tzid: str, line: int) -> tzinfo | None:
        """The rules of the file's own VTIMEZONE for tzid, if it has one."""
        if tzid in self.built:
            return self.built[tzid]
        span = self.cal.zones.get(tzid)
        built = None
        if span is not None:
            from icalendar import Timezone

            text = "\r\n".join(plain_tzid(line) for line in self.cal.lines[span[0]:span[1] + 1])
            text += "\r\n"
            try:
                component: Any = Timezone.from_ical(text)
                built = component.to_tz(lookup_tzid=False)
            except Exception as exc:  # icalendar raises many kinds on a malformed VTIMEZONE
                raise PageError(f"the VTIMEZONE {tzid!r} cannot be read ({exc})", self.page.path,
                                line) from None
        self.built[tzid] = built
        return built

    def check(self, tzid: str, zone: ZoneInfo, wall: datetime, line: int) -> None:
        """Compare the file's VTIMEZONE with the IANA rules at this wall time."""
        # Once per hour of wall time: the file's rules are slow to evaluate (dateutil walks
        # them from their start) and offsets change at most once within an hour.
        key = (tzid, wall.replace(minute=0, second=0))
        if key in self.checked or tzid not in self.cal.zones:
            return
        try:
            own = self.embedded(tzid, line)
        except PageError as exc:
            # The IANA rules are used anyway; a VTIMEZONE only checked against them need not be
            # readable, so it is said once instead of failing the file.
            self.built[tzid] = None
            self.unreadable.append(Notice(f"{exc.message}; using the IANA rules of {zone.key}",
                                          self.page.path, line))
            return
        theirs = _localize(wall, own).utcoffset() if own is not None else None
        ours = wall.replace(tzinfo=zone).utcoffset()
        self.checked[key] = theirs
        if theirs is not None and ours is not None and theirs != ours:
            seen = self.disagree.get(tzid)
            count = seen[4] + 1 if seen else 1
            self.disagree[tzid] = (seen or (line, wall, theirs, ours, 0))[:4] + (count,)

    def notices(self) -> list[Notice]:
        out = list(self.unreadable)
        for tzid, (line, wall, theirs, ours, count) in self.disagree.items():
            zone = self.named.get(tzid)
            name = zone.key if zone is not None else tzid
            out.append(Notice(
                f"the file's own VTIMEZONE {tzid!r} gives {offset_text(theirs)} at "
                f"{wall:%Y-%m-%d %H:%M}, but {name} observes {offset_text(ours)} then; "
                f"using the IANA rules of {name} ({count} distinct time"
                f"{'s' if count != 1 else ''} differ)", self.page.path, line))
        return out


def _localize(wall: datetime, zone: tzinfo) -> datetime:
    localize = getattr(zone, "localize", None)  # a pytz zone
    return localize(wall) if localize else wall.replace(tzinfo=zone)


# --- values ------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Moment:
    wall: datetime  # naive: the written wall time (midnight for a date)
    is_date: bool
    utc: bool
    tzid: str


def _moment(params: str, value: str, memo: dict[tuple[str, str], _Moment | None]
            ) -> _Moment | None:
    key = (params, value)
    if key in memo:
        return memo[key]
    found = None
    m = _DATE_TIME.fullmatch(value.strip())
    if m is not None:
        given = parameters(params) if params else {}
        year, month, day, hour, minute, second, zulu = m.groups()
        is_date = hour is None or given.get("VALUE", "").upper() == "DATE"
        try:
            wall = datetime(int(year), int(month), int(day), 0 if is_date else int(hour),
                            0 if is_date else int(minute),
                            0 if is_date or second is None else min(int(second), 59))
        except ValueError:
            wall = None
        if wall is not None:
            found = _Moment(wall, is_date, bool(zulu) and not is_date,
                            given.get("TZID", "").strip('"').strip())
    memo[key] = found
    return found


def _duration(value: str) -> timedelta | None:
    m = _DURATION.fullmatch(value.strip())
    if m is None or not any(m.groups()[1:]):
        return None
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in m.groups()[1:])
    span = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return -span if m.group(1) == "-" else span


# --- events ------------------------------------------------------------------------------------

class _Reader:
    def __init__(self, page: Page, cal: Calendar) -> None:
        self.page, self.cal = page, cal
        self.zones = _Zones(cal, page)
        self.memo: dict[tuple[str, str], _Moment | None] = {}
        self.notes: list[Notice] = []
        self.floating_zone = self._calendar_zone()
        self.display = self._display_zone()
        prodid = self._first(cal.calendar, "PRODID").lower()
        self.pretalx = "pretalx" in prodid
        self.separator = speaker_separator(
            [read_summary(unescape(self._first(e.props, "SUMMARY")))[0] for e in cal.events])
        organizers = Counter(self._organizer(e.props) for e in cal.events)
        organizers.pop("", None)
        # An organizer named on most events is the calendar's owner, not each event's speaker.
        self.owners = {n for n, c in organizers.items() if c > 2 and c * 2 > len(cal.events)}

    @staticmethod
    def _first(props: Props, name: str) -> str:
        """The property's first value; a value that repeats its own name ("LOCATION:LOCATION:
        Hall 1", a generator writing the content line into the value) loses the repeat."""
        values = props.get(name)
        value = values[0][1] if values else ""
        return value[len(name) + 1:] if value.startswith(name + ":") else value

    def _calendar_zone(self) -> ZoneInfo | None:
        name = unescape(self._first(self.cal.calendar, "X-WR-TIMEZONE")).strip()
        return self.zones.named_zone(name) if name else None

    def _display_zone(self) -> str | None:
        """The zone to show UTC times in: X-WR-TIMEZONE, else the file's commonest IANA TZID."""
        if self.floating_zone is not None:
            return self.floating_zone.key
        counts: Counter[str] = Counter()
        for event in islice(self.cal.events, 200):
            for params, _ in event.props.get("DTSTART", ()):
                if "TZID" in params.upper():
                    tzid = parameters(params).get("TZID", "").strip('"')
                    zone = self.zones.named_zone(tzid)
                    if zone is not None:
                        counts[zone.key] += 1
        return counts.most_common(1)[0][0] if counts else None

    @staticmethod
    def _organizer(props: Props) -> str:
        for params, _ in props.get("ORGANIZER", ()):
            return unescape(parameters(params).get("CN", "")).strip().strip('"')
        return ""

    def slots(self) -> list[RawSlot]:
        recurring = {self._first(e.props, "UID").strip() for e in self.cal.events
                     if any(n in e.props for n in _RECURRING)}
        single: list[Event] = []
        series: list[Event] = []
        for event in self.cal.events:
            uid = self._first(event.props, "UID").strip()
            (series if uid in recurring and uid else single).append(event)
        out = [self._slot(e.props, e.line) for e in single]
        if series:
            out.extend(self._expanded(series))
        return out

    def _what(self, props: Props) -> str:
        summary = unescape(self._first(props, "SUMMARY")).strip()
        uid = self._first(props, "UID").strip()
        said = f"the event {summary[:60]!r}" if summary else "an event"
        return f"{said} (UID {uid[:80]})" if uid else said

    def _slot(self, props: Props, line: int, uid_suffix: str = "") -> RawSlot:
        path = self.page.path
        starts = props.get("DTSTART")
        start = _moment(*starts[0], self.memo) if starts else None
        if start is None:
            said = "has no DTSTART" if not starts else f"has an unreadable DTSTART {starts[0][1]!r}"
            raise PageError(f"{self._what(props)} {said}; fix or remove the event, or pass "
                            "--keep-going to skip this file", path, line)
        end = None
        if "DTEND" in props:
            end = _moment(*props["DTEND"][0], self.memo)
            if end is None:
                raise PageError(f"{self._what(props)} has an unreadable DTEND "
                                f"{props['DTEND'][0][1]!r}", path, line)
        when = self._when(start, end, self._first(props, "DURATION"), props, line)
        summary = unescape(self._first(props, "SUMMARY"))
        title, labelled, cancelled = read_summary(summary)
        fields, abstract = read_description(unescape(self._first(props, "DESCRIPTION")))
        categories = [c for _, v in props.get("CATEGORIES", ()) for c in texts(v)]
        authors = split_names(fields.get("authors", ""))
        if not authors and self.pretalx and " - " in title:
            title, names = title.rsplit(" - ", 1)
            authors = split_names(names)
        if not authors:
            title, authors = split_speakers(title, self.separator)
        if not authors:
            authors = self._people(props)
        kind = choose_kind(title, labelled, categories)
        title = untitled(title, kind)
        track = fields.get("track") or next((c for c in categories if named(c) is None), "")
        location = " ".join(unescape(self._first(props, "LOCATION")).split())
        room = fields.get("room") or ("" if location == fields.get("track") else location)
        url = self._first(props, "URL").strip() or fields.get("url") or None
        status_text = self._first(props, "STATUS").strip().upper()
        status = (Status.CANCELLED if cancelled or status_text in ("CANCELLED", "CANCELED")
                  else Status.TENTATIVE if status_text == "TENTATIVE" else Status.CONFIRMED)
        uid = self._first(props, "UID").strip()
        return RawSlot(line, when, " ".join(title.split()), authors, abstract, kind, None, track,
                       room, url, uid + uid_suffix if uid else "", status,
                       isinstance(when, FixedRange) and start.is_date)

    def _people(self, props: Props) -> tuple[str, ...]:
        names = []
        for params, _ in props.get("ATTENDEE", ()):
            name = unescape(parameters(params).get("CN", "")).strip().strip('"')
            if name and name not in names:
                names.append(name)
        if names:
            return tuple(names)
        organizer = self._organizer(props)
        if organizer and organizer not in self.owners:
            return split_names(organizer)
        return ()

    def _when(self, start: _Moment, end: _Moment | None, duration: str, props: Props,
              line: int) -> WallRange | FixedRange:
        path = self.page.path
        if end is None and duration:
            span = _duration(duration)
            if span is None:
                raise PageError(f"{self._what(props)} has an unreadable DURATION {duration!r}",
                                path, line)
        else:
            span = None
        if start.is_date:
            first = start.wall
            last = end.wall if end is not None else first + (span or timedelta(days=1))
            if last < first:
                self._backwards(props, first, last, line)
            zone = self.display or "UTC"
            return FixedRange(first.replace(tzinfo=UTC), max(last, first).replace(tzinfo=UTC),
                              zone)
        begin, zone_name = self._aware(start, line)
        if end is not None and not end.is_date:
            finish, _ = self._aware(end if end.tzid or end.utc or begin is None
                                    else _Moment(end.wall, False, start.utc, start.tzid), line)
        elif end is not None:  # a DATE end for a timed start: the end of that day
            finish = None if begin is None else _localize(end.wall, begin.tzinfo or UTC)
        else:
            finish = None
        if begin is None:  # floating: the user's --source-tz decides
            last_wall = end.wall if end is not None else start.wall + (span or timedelta())
            if last_wall < start.wall:
                self._backwards(props, start.wall, last_wall, line)
            days = (last_wall.date() - start.wall.date()).days
            return WallRange(start.wall.day, start.wall.month, start.wall.year, None,
                             (start.wall.hour, start.wall.minute),
                             (last_wall.hour + 24 * days, last_wall.minute), None)
        if finish is None:
            finish = (begin.astimezone(UTC) + (span or timedelta())).astimezone(begin.tzinfo)
        if finish < begin:
            self._backwards(props, begin, finish, line)
        return FixedRange(begin, finish, zone_name)

    def _backwards(self, props: Props, start: datetime, end: datetime, line: int) -> None:
        raise PageError(f"{self._what(props)} ends ({end.isoformat()}) before it starts "
                        f"({start.isoformat()}); fix its DTEND or remove the event",
                        self.page.path, line)

    def _aware(self, moment: _Moment, line: int) -> tuple[datetime | None, str | None]:
        """The aware instant and the IANA zone to show it in; (None, None) when floating."""
        if moment.utc:
            return moment.wall.replace(tzinfo=UTC), self.display
        if moment.tzid:
            zone = self.zones.named_zone(moment.tzid)
            if zone is not None:
                self.zones.check(moment.tzid, zone, moment.wall, line)
                return moment.wall.replace(tzinfo=zone), zone.key
            own = self.zones.embedded(moment.tzid, line)
            if own is not None:
                return _localize(moment.wall, own), None
            raise PageError(f"unknown time zone TZID={moment.tzid!r} and the file has no "
                            "VTIMEZONE for it; pass --source-tz only for files without zones",
                            self.page.path, line)
        if self.floating_zone is not None:
            return moment.wall.replace(tzinfo=self.floating_zone), self.floating_zone.key
        return None, None

    def _midnight_overrides(self, events: list[Event]) -> dict[int, str]:
        """Microsoft Exchange names an override's occurrence by midnight of its day
        (RECURRENCE-ID:20170421T000000 for the 13:00 occurrence), which names no occurrence:
        the override would be added beside the one it replaces. Such a RECURRENCE-ID is given
        the series' own clock time (line index -> the corrected line), and this is said."""
        clocks = {self._first(e.props, "UID").strip(): _wall_clock(self._first(e.props,
                                                                                "DTSTART"))
                  for e in events if "RRULE" in e.props}
        lines, fixes = self.cal.lines, {}
        for event in events:
            recurrence = self._first(event.props, "RECURRENCE-ID")
            clock = clocks.get(self._first(event.props, "UID").strip())
            if _wall_clock(recurrence) != "000000" or clock in (None, "000000"):
                continue
            for index in range(event.span[0], event.span[1] + 1):
                text = lines[index].rstrip()
                if text.upper().startswith("RECURRENCE-ID") and text.endswith("T000000"):
                    fixes[index] = f"{text[:-6]}{clock}"
        if fixes:
            self.notes.append(Notice(
                f"{len(fixes)} override{'s' if len(fixes) != 1 else ''} name their occurrence "
                "by midnight (as Microsoft Exchange writes RECURRENCE-ID); read as the "
                "occurrence of that day", self.page.path))
        return fixes

    def _expanded(self, events: list[Event]) -> Iterator[RawSlot]:
        """Occurrences of recurring events, each with its own UID, bounded."""
        import recurring_ical_events
        from icalendar import Calendar

        lines = self.cal.lines
        body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//agenda//expand//EN"]
        for begun, end in self.cal.zones.values():
            body.extend(lines[begun:end + 1])
        first_line: dict[str, int] = {}
        fixes = self._midnight_overrides(events)
        for event in events:
            body.extend(fixes.get(i, lines[i]) for i in range(event.span[0], event.span[1] + 1))
            first_line.setdefault(self._first(event.props, "UID").strip(), event.line)
        body.append("END:VCALENDAR")
        line = events[0].line
        try:
            calendar = Calendar.from_ical("\r\n".join(body) + "\r\n")
            query = recurring_ical_events.of(calendar)
            occurrences = list(islice(query.all(), MAX_OCCURRENCES * len(first_line) + 1))
        except Exception as exc:  # icalendar and dateutil raise many kinds on malformed rules
            raise PageError(f"a recurring event cannot be expanded ({exc})", self.page.path,
                            line) from None
        counts: Counter[str] = Counter()
        capped: set[str] = set()
        beyond: set[str] = set()
        for occurrence in occurrences:
            props = _props_of(occurrence)
            uid = self._first(props, "UID").strip()
            if _year_of(self._first(props, "DTSTART")) > LAST_YEAR:
                beyond.add(uid)  # an endless monthly rule outruns the years agenda reads
                continue
            counts[uid] += 1
            if counts[uid] > MAX_OCCURRENCES:
                capped.add(uid)
                continue
            # The recurrence instant names an occurrence even when an override moves it.
            stamp = (self._first(props, "RECURRENCE-ID") or self._first(props, "DTSTART")).strip()
            yield self._slot(props, first_line.get(uid, line), f"/{stamp}")
        for uid in sorted(capped):
            self.notes.append(Notice(f"the recurring event {uid!r} has more than "
                                     f"{MAX_OCCURRENCES} occurrences; reading the first "
                                     f"{MAX_OCCURRENCES}", self.page.path, first_line.get(uid)))
        for uid in sorted(beyond - capped):
            self.notes.append(Notice(f"the recurring event {uid!r} repeats past {LAST_YEAR}; "
                                     f"reading its occurrences up to {LAST_YEAR}",
                                     self.page.path, first_line.get(uid)))


def _wall_clock(value: str) -> str | None:
    """The HHMMSS of a local DATE-TIME value ('20170224T130000'); None for others."""
    value = value.strip()
    return value[9:] if len(value) == 15 and value[8] == "T" and value[9:].isdigit() else None


def _year_of(value: str) -> int:
    """The year of an iCalendar DATE or DATE-TIME value (0 when it has none)."""
    digits = value.strip()[:4]
    return int(digits) if digits.isdigit() else 0


def _props_of(component: Any) -> Props:
    """An icalendar component's properties as this module's raw (parameters, value) pairs."""
    props: Props = {}
    for line in component.content_lines():
        parts = split_line(str(line)) if line else None
        if parts is not None and parts[0] not in ("BEGIN", "END"):
            props.setdefault(parts[0], []).append((parts[1], parts[2]))
    return props


def read(page: Page) -> PageRead:
    cal = lex(page)
    if not cal.events:
        raise PageError("the calendar has no events (no VEVENT)", page.path)
    reader = _Reader(page, cal)
    slots, merged = merge_duplicates(reader.slots(), page.path)
    notes = [*reader.zones.notices(), *reader.notes, *merged]
    if cal.loose:
        notes.append(Notice(f"{cal.loose} line{'s' if cal.loose != 1 else ''} without a colon "
                            "read as part of the value before them (an unescaped line break)",
                            page.path))
    if any(isinstance(s.when, WallRange) for s in slots):
        notes.append(Notice("the calendar's times are floating (no TZID, no Z, no "
                            "X-WR-TIMEZONE): read in the --source-tz zone", page.path))
    # the calendar's own name is the conference's title when it publishes its programme
    title = " ".join(unescape(_Reader._first(cal.calendar, "X-WR-CALNAME")).split())[:200]
    return PageRead(page.path, NAME, "", (), None, tuple(slots), tuple(notes),
                    conference=title)

