"""iCalendar (RFC 5545) output, written with the icalendar package.

The calendar is assembled from blocks: a header, the VTIMEZONEs the events need, and one VEVENT
block per talk. Each block depends only on its talk and the options, so a feed can cache blocks
and build any selection by joining them, byte-identical to a from-scratch export.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vDuration, vText

from .forked import chunked, map_forked
from .models import Status, Talk
from .text import one_line
from .vtimezone import vtimezone
from .wording import KIND_LABEL, description, summary

if TYPE_CHECKING:
    from .pipeline import ExportOptions
    from .plan import Plan

PRODID = "-//agenda//Conference schedule//EN"
REFRESH = timedelta(hours=12)
END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True, slots=True)
class IcsOptions:
    """How events are written. `tz` None means each talk's own page zone."""

    dtstamp: datetime
    calendar_name: str = "Conference agenda"
    tz: str | None = None
    utc: bool = False
    free: bool = False
    alarm: timedelta | None = None
    brief: bool = False  # descriptions without abstracts (smaller calendars)
    plan: Plan | None = None  # --plan: alternatives in descriptions; set-aside talks free time


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    """The moment in `zone`, or in UTC when its wall time there is ambiguous (a repeated hour),
    since a client reading TZID would take the first of the two."""
    local = moment.astimezone(zone)
    wall = local.replace(tzinfo=None)
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        return moment.astimezone(UTC)
    return local


def event_zone(talk: Talk, options: IcsOptions) -> str | None:
    return None if options.utc else (options.tz or talk.zone)


def event_block(talk: Talk, options: IcsOptions) -> bytes:
    """One VEVENT, as bytes: the event without its reminder, then the reminder spliced in, so
    a feed can keep the first and add any reminder a subscriber asks for without rebuilding
    the event."""
    return with_alarm(base_block(talk, options), talk, options.alarm)


def base_block(talk: Talk, options: IcsOptions) -> bytes:
    """One VEVENT without a VALARM (`options.alarm` is ignored)."""
    event = Event()
    event.add("UID", vText(talk.uid))
    event.add("DTSTAMP", options.dtstamp.astimezone(UTC))
    zone_name = event_zone(talk, options)
    for name, moment in (("DTSTART", talk.start), ("DTEND", talk.end)):
        if talk.all_day:
            event.add(name, moment.astimezone(UTC).date())
        else:
            event.add(name, moment.astimezone(UTC) if zone_name is None
                      else _local(moment, ZoneInfo(zone_name)))
    event.add("SUMMARY", vText(summary(talk)))
    event.add("DESCRIPTION", vText(description(talk, options.brief, options.plan)))
    if talk.room or talk.track:
        event.add("LOCATION", vText(one_line(talk.room or talk.track)))
    if talk.status is not Status.CONFIRMED:
        event.add("STATUS", talk.status.value.upper())
    event.add("CATEGORIES", [c for c in (one_line(talk.track), KIND_LABEL.get(talk.kind, "Paper"))
                             if c])
    if talk.url:
        event.add("URL", talk.url)
    aside = options.plan is not None and talk.uid in options.plan.alternative_to
    event.add("TRANSP", "TRANSPARENT" if options.free or aside else "OPAQUE")
    if talk.modified is None:
        return _serialized(event)
    return _serialized(event)[: -len(_END_EVENT)] + _versioned(talk) + _END_EVENT


def with_alarm(block: bytes, talk: Talk, alarm: timedelta | None) -> bytes:
    """`block` with a display reminder `alarm` before the talk, as icalendar writes a VALARM
    (tests/test_ics.py checks the bytes against icalendar's own Alarm)."""
    if alarm is None:
        return block
    text = vText(summary(talk)).to_ical().decode("utf-8")
    return (block[: -len(_END_EVENT)] + b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n"
            + fold("DESCRIPTION:" + text) + b"\r\nTRIGGER:" + _trigger(alarm)
            + b"\r\nEND:VALARM\r\n" + _END_EVENT)


@lru_cache(maxsize=64)
def _trigger(alarm: timedelta) -> bytes:
    return bytes(vDuration(-alarm).to_ical())  # type: ignore[no-untyped-call]


_END_EVENT = b"END:VEVENT\r\n"


def _versioned(talk: Talk) -> bytes:
    """SEQUENCE and LAST-MODIFIED, kept only with a history (agenda.history). Both are fixed
    formats (an integer, a UTC date-time) with nothing to escape or fold, and making them
    through icalendar's property machinery would cost an eighth of each event."""
    assert talk.modified is not None
    return (f"SEQUENCE:{talk.sequence:d}\r\n"
            f"LAST-MODIFIED:{talk.modified.astimezone(UTC):%Y%m%dT%H%M%SZ}\r\n").encode()


def _serialized(component: Event) -> bytes:
    """What component.to_ical() returns: icalendar makes every content line (values, escaping,
    parameters); only the folding is done here. icalendar 7 folds one character at a time in
    Python, a third of the cost of an event with an abstract; `fold` gives the same bytes
    (tests/test_ics.py checks it against icalendar's own Contentline.to_ical)."""
    return b"\r\n".join(fold(line) for line in component.content_lines() if line) + b"\r\n"


FOLD_OCTETS = 74  # icalendar folds before the octet that would make a line 75 long


def fold(line: str) -> bytes:
    """A content line folded as icalendar 7 folds it: pieces of at most 74 octets, never
    splitting a UTF-8 character, and never ending a piece with a backslash or caret (which would
    split an escape; icalendar issue #1501)."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_OCTETS:
        return data
    pieces = []
    start = 0
    while len(data) - start > FOLD_OCTETS:
        end = start + FOLD_OCTETS
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the character
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def header(options: IcsOptions, about: str) -> bytes:
    """VCALENDAR properties: no calendar-level UID (subscribing clients would copy it into every
    event), no METHOD (PUBLISH would require an ORGANIZER)."""
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    name = one_line(options.calendar_name) or "Conference agenda"
    cal.add("NAME", vText(name))
    cal.add("X-WR-CALNAME", vText(name))
    cal.add("DESCRIPTION", vText(one_line(about)))
    cal.add("X-WR-CALDESC", vText(one_line(about)))
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vText("PT12H"))
    text = bytes(cal.to_ical())
    assert text.endswith(END)
    return text[: -len(END)]


def timezones(talks: Sequence[Talk], options: IcsOptions) -> bytes:
    """The VTIMEZONE of every zone the events use, for the years they span."""
    years: dict[str, tuple[int, int]] = {}
    for talk in talks:
        zone = event_zone(talk, options)
        if zone is None:
            continue
        low, high = years.get(zone, (talk.start.year, talk.end.year))
        years[zone] = (min(low, talk.start.year), max(high, talk.end.year))
    return b"".join(bytes(vtimezone(zone, *span).to_ical()) for zone, span in sorted(years.items()))


def about(talks: Sequence[Talk]) -> str:
    tracks = sorted({t.track for t in talks if t.track})
    count = sum(t.is_talk for t in talks)
    return f"{count} talk{'s' * (count != 1)} from {len(tracks)} session" \
        f"{'s' * (len(tracks) != 1)}, made by agenda"


def assemble(talks: Sequence[Talk], options: IcsOptions, blocks: Iterable[bytes]) -> bytes:
    return header(options, about(talks)) + timezones(talks, options) + b"".join(blocks) + END


def write_ics(talks: Sequence[Talk], options: IcsOptions, workers: int = 1) -> bytes:
    """A complete calendar of `talks` (already in time order)."""
    return b"".join(iter_ics(talks, options, workers))


def stream(talks: Sequence[Talk], options: ExportOptions, stamp: datetime, zone: str
           ) -> Iterator[bytes]:
    """The registry's writer (see agenda.formats)."""
    return iter_ics(talks, options.ics_options(stamp), workers=options.workers)


def iter_ics(talks: Sequence[Talk], options: IcsOptions, workers: int = 1) -> Iterator[bytes]:
    """The same calendar in chunks. With workers > 1 and many talks the VEVENT blocks are made
    in forked processes: each block depends only on its talk, so the bytes are the same."""
    if workers > 1 and len(talks) >= PARALLEL_FROM:
        blocks: Iterable[bytes] = _parallel_blocks(talks, options, workers)
    else:
        blocks = (event_block(t, options) for t in talks)
    yield header(options, about(talks))
    yield timezones(talks, options)
    yield from blocks
    yield END


PARALLEL_FROM = 4000


def _parallel_blocks(talks: Sequence[Talk], options: IcsOptions, workers: int
                     ) -> Iterator[bytes]:
    """Blocks made by forked workers that inherit the talks (nothing is pickled but bounds and
    the resulting bytes)."""
    def blocks(bounds: tuple[int, int]) -> bytes:
        return b"".join(event_block(t, options) for t in talks[bounds[0]:bounds[1]])

    return map_forked(blocks, chunked(len(talks), workers, 500), workers)
