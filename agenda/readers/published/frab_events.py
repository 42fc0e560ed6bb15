"""The frab model that the XML schedule and its JSON twin share: days, rooms and events, and
the rules that turn an event's `<date>`, `<start>` and `<duration>` into exact instants.

A frab event states its time up to three times: `<date>` (an ISO datetime with an offset),
`<start>` (the wall clock, HH:MM) and the day it is listed under (whose `start`/`end` bound
it). Real files get one of them wrong: local times written with a `Z`, `+00:00` for a UTC+8
conference, a `<date>` shifted by the offset twice, a day's date kept for an event after
midnight. Each event is read from the evidence that agrees, and every decision that overrides
what a field says is told as a Notice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from ...errors import PageError
from ...models import Kind, Notice, Status
from ..page import FixedRange, RawSlot, WallRange
from .events import conference_zone

_DAY = timedelta(days=1)
# frab and pretalx start a conference day at 04:00 unless told otherwise: an event listed
# under a day whose start is unknown and beginning before this hour is after midnight.
_NIGHT_ENDS = 5 * 60
_UTC_NAMES = frozenset(("UTC", "Etc/UTC", "GMT", "Etc/GMT", "Universal", "Etc/Universal", "Zulu",
                        "Etc/Zulu", "UCT", "Etc/UCT"))


class FrabDay(NamedTuple):
    """A frab <day>: its date and, when given, the instants it starts and ends (ISO text)."""

    date: date | None
    start: str = ""
    end: str = ""


class FrabEvent(NamedTuple):
    """One event as listed, times still as the file writes them."""

    line: int
    day: FrabDay | None
    date: str  # <date>: ISO datetime, usually with an offset
    start: str  # <start>: HH:MM wall clock
    duration: str  # <duration>: HH:MM, H:MM:SS, or ISO-8601 PT..
    title: str
    kind: Kind
    track: str = ""
    room: str = ""
    url: str | None = None
    uid: str = ""
    authors: tuple[str, ...] = ()
    abstract: str = ""
    status: Status = Status.CONFIRMED


@lru_cache(maxsize=4096)
def duration_of(text: str) -> timedelta | None:
    """'00:30', '1:30', '01:30:00', 'PT1H30M', '90' (minutes); None when unreadable."""
    text = text.strip()
    if not text:
        return None
    if text[:2].upper() == "PT" or text[:1].upper() == "P":
        return _iso_duration(text.upper())
    parts = text.split(":")
    if not all(p.isdigit() and len(p) <= 4 for p in parts) or len(parts) > 3:
        return None
    numbers = [int(p) for p in parts]
    if len(numbers) == 1:
        return timedelta(minutes=numbers[0])
    if any(n >= 60 for n in numbers[1:]):
        return None
    return timedelta(hours=numbers[0], minutes=numbers[1],
                     seconds=numbers[2] if len(numbers) == 3 else 0)


def _iso_duration(text: str) -> timedelta | None:
    total, number, in_time = timedelta(), "", False
    units = {"D": timedelta(days=1), "W": timedelta(weeks=1)}
    time_units = {"H": timedelta(hours=1), "M": timedelta(minutes=1), "S": timedelta(seconds=1)}
    for char in text[1:]:
        if char == "T":
            in_time = True
        elif char.isdigit() or char == ".":
            number += char
        elif number and char in (time_units if in_time else units):
            try:
                total += float(number) * (time_units if in_time else units)[char]
            except ValueError:
                return None
            number = ""
        else:
            return None
    return None if number else total


@lru_cache(maxsize=4096)
def clock_of(text: str) -> int | None:
    """Minutes after midnight of an 'HH:MM' (or 'HH:MM:SS', or 'HHMM') wall clock."""
    text = text.strip()
    if text.isdigit() and len(text) in (3, 4):
        text = f"{text[:-2]}:{text[-2:]}"
    parts = text.split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() and len(p) <= 2 for p in parts):
        return None
    hours, minutes = int(parts[0]), int(parts[1])
    return hours * 60 + minutes if hours < 24 and minutes < 60 else None


@lru_cache(maxsize=65536)
def instant_of(text: str) -> datetime | None:
    """An ISO-8601 datetime (aware or naive) as written; None when unreadable."""
    text = text.strip()
    if len(text) < 16 or not text[:4].isdigit():
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _minutes(when: datetime) -> int:
    return when.hour * 60 + when.minute


def _localize(wall: datetime, zone: tzinfo) -> datetime:
    """A naive wall time in a zone, as an aware datetime in UTC."""
    return wall.replace(tzinfo=zone).astimezone(UTC)


def _offset_text(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class _Told:
    """Decisions that override a field, counted so that each is told once per file with an
    example."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.counts: Counter[str] = Counter()
        self.first: dict[str, tuple[int, str]] = {}

    def add(self, key: str, line: int, example: str) -> None:
        self.counts[key] += 1
        self.first.setdefault(key, (line, example))

    def notices(self, messages: dict[str, str]) -> list[Notice]:
        out = []
        for key, count in self.counts.items():
            line, example = self.first[key]
            many = f"{count} events" if count > 1 else "1 event"
            out.append(Notice(messages[key].format(many=many, example=example), self.path, line))
        return out


def slots_of(events: Sequence[FrabEvent], zone_name: str, path: str
             ) -> tuple[list[RawSlot], list[Notice]]:
    """Raw slots with exact times for frab events, and the notices that explain how any
    contradicting time was read."""
    notes: list[Notice] = []
    zone, said = conference_zone(zone_name)
    if said:
        notes.append(Notice(said, path))
    dates = [instant_of(e.date) if e.date else None for e in events]
    if zone is None and _utc_wall_clocks(events, dates):
        # frab and pretalx write offsets, never 'Z'; a 'Z' on exactly the <start> clock is a
        # hand-made generator's (a Jekyll template's) mark on local wall times.
        notes.append(Notice(
            "the file names no conference zone and every <date> is written in UTC ('Z') at the "
            "very clock time of its <start>, frab's local wall clock: they are read as wall "
            "times of the zone --source-tz names (--source-tz UTC if the conference was in "
            "UTC)", path))
        dates = [d.replace(tzinfo=None) if d is not None else None for d in dates]
    offsets = Counter(d.utcoffset() for d in dates if d is not None and d.tzinfo is not None)
    common = offsets.most_common(1)[0][0] if offsets else None
    if zone is not None and zone.key in _UTC_NAMES and common:
        # 'UTC' is the generators' default zone: offsets that all say otherwise are meant.
        notes.append(Notice(f"the conference zone is given as {zone.key}, but most <date> "
                            f"offsets are {_offset_text(common)}; the offsets are kept", path))
        zone = None
    reference: tzinfo | None = zone
    if reference is None and offsets:
        reference = timezone(common or timedelta())
    zone_key = zone.key if zone is not None else None
    told = _Told(path)
    starts = _decide(events, dates, reference, zone is not None, told)
    slots = []
    # Rooms repeat the same times: each distinct start and duration is one range.
    ranges: dict[tuple[object, ...], FixedRange | WallRange] = {}
    for event, start in zip(events, starts, strict=True):
        key = (start, start.utcoffset() if isinstance(start, datetime) else None, event.duration)
        when = ranges.get(key)
        if when is None:
            length = duration_of(event.duration)
            if length is None and not event.duration.strip():
                # An empty <duration> (a generator with nothing to say) leaves the end unknown;
                # one such event must not cost the whole file.
                length = timedelta()
                told.add("noduration", event.line, f"line {event.line}: {event.title[:60]!r}")
            if length is None:
                raise PageError(f"the event {event.title!r} has no readable duration "
                                f"({event.duration!r}); expected HH:MM", path, event.line)
            when = ranges[key] = _range(start, length, zone)
        slots.append(RawSlot(event.line, when, event.title, event.authors, event.abstract,
                             event.kind, None, event.track, event.room, event.url, event.uid,
                             event.status))
    where = zone_key or (_offset_text(reference.utcoffset(None)) if reference else "")
    contradicts = f"the <date> offset of {{many}} contradicts the conference zone {where}"
    notes.extend(told.notices({
        "wall": contradicts + " (e.g. {example}); <start> matches the written clock time, so "
                f"they are read as {where} wall times",
        "instant": f"the <date> offset of {{many}} differs from the conference zone {where} "
                   f"(e.g. {{example}}); <start> matches that instant in {where}, so the "
                   "offsets are kept",
        "window": contradicts + f" (e.g. {{example}}); they are read as {where} wall times, "
                  "the only reading inside their day's start and end",
        "majority": contradicts + " (e.g. {example}) and nothing else tells the time; they "
                    "are read as the file's other such events are",
        "asis": contradicts + " (e.g. {example}) and nothing else tells the time; they are "
                "read as written",
        "start": "the <start> of {many} contradicts the <date> (e.g. {example}); the <start> "
                 "wall time is used, as the schedule's own pages show it",
        "noduration": "{many} with an empty <duration> (e.g. {example}) are read as "
                      "starting at their time, with no length",
        "nextday": "{many} listed under a day but dated before that day's start (e.g. "
                   "{example}) are read as after midnight, on the next calendar day",
        "night": "{many} without a <date> and starting before 05:00 (e.g. {example}) are read "
                 "as after midnight of the day they are listed under (the file gives no day "
                 "start)",
    }))
    return slots, notes


def _utc_wall_clocks(events: Sequence[FrabEvent], dates: Sequence[datetime | None]) -> bool:
    """Every dated event is written with a 'Z' whose clock is its <start>: the mark of a
    generator writing wall times as UTC."""
    seen = False
    for event, written in zip(events, dates, strict=True):
        if written is None:
            continue
        if not event.date.strip().upper().endswith("Z"):
            return False
        clock = clock_of(event.start) if event.start else None
        if clock is None or clock != _minutes(written):
            return False
        seen = True
    return seen


def _range(start: datetime | _Floating, length: timedelta, zone: ZoneInfo | None
           ) -> FixedRange | WallRange:
    if not isinstance(start, datetime):
        return _floating(start, length)
    end = start + length  # exact: the start's offset is fixed (as written, or UTC)
    if zone is None:
        return FixedRange(start, end)
    return FixedRange(start.astimezone(zone), end.astimezone(zone), zone.key)


class _Floating(NamedTuple):
    """A wall time with no zone at all: the user's --source-tz decides."""

    day: date
    minutes: int


def _floating(start: _Floating, length: timedelta) -> WallRange:
    end = datetime.combine(start.day, datetime.min.time()) + timedelta(minutes=start.minutes) \
        + length
    end_clock = (end.hour, end.minute)
    if end.date() > start.day and end_clock == (0, 0):
        end_clock = (24, 0)
    return WallRange(start.day.day, start.day.month, start.day.year, None,
                     divmod(start.minutes, 60), end_clock, None)


def _day_bounds(day: FrabDay | None, reference: tzinfo | None
                ) -> tuple[datetime | None, datetime | None]:
    if day is None:
        return None, None
    bounds = []
    for text in (day.start, day.end):
        when = instant_of(text) if text else None
        if when is not None and when.tzinfo is None:
            when = _localize(when, reference) if reference is not None else None
        bounds.append(when)
    return bounds[0], bounds[1]


def _agrees(written: datetime, zone: tzinfo) -> bool:
    """The offset is the zone's at that wall time (either one, when clocks fall back)."""
    naive = written.replace(tzinfo=None)
    return written.utcoffset() in (zone.utcoffset(naive), zone.utcoffset(naive.replace(fold=1)))


_Said = tuple[tuple[str, str], ...]  # (notice key, example without its line) of one event
_Bounds = dict[FrabDay | None, tuple[datetime | None, datetime | None]]


def _decide(events: Sequence[FrabEvent], dates: Sequence[datetime | None],
            reference: tzinfo | None, named: bool, told: _Told) -> list[datetime | _Floating]:
    """Each event's start: an aware instant, or a floating wall time. `reference` is the
    conference zone, else the file's commonest offset; only a `named` zone can contradict an
    offset (without one, offsets that differ may be a DST change). Every room repeats the
    same times, so each distinct (date, start, day) is decided once."""
    out: list[datetime | _Floating | None] = []
    pending: list[int] = []  # contradicting offsets with no evidence either way
    votes: Counter[str] = Counter()
    bounds: _Bounds = {}
    memo: dict[tuple[str, str, FrabDay | None], tuple[datetime | _Floating | None, _Said]] = {}
    for i, (event, written) in enumerate(zip(events, dates, strict=True)):
        key = (event.date, event.start, event.day)
        known = memo.get(key)
        if known is None:
            known = memo[key] = _decide_one(event, written, reference, named, bounds, told.path)
        when, said = known
        for what, detail in said:
            told.add(what, event.line, f"line {event.line}: {detail}")
            if what in ("wall", "instant", "window"):
                votes["instant" if what == "instant" else "wall"] += 1
        if when is None:
            pending.append(i)
        out.append(when)
    if pending:
        choice = votes.most_common(1)[0][0] if votes else ""
        for i in pending:
            event, written = events[i], dates[i]
            assert written is not None and reference is not None
            example = f"line {event.line}: <date> {event.date.strip()}"
            if choice == "wall":
                told.add("majority", event.line, example)
                out[i] = _localize(written.replace(tzinfo=None), reference)
            else:
                told.add("majority" if choice else "asis", event.line, example)
                out[i] = written
    shifted: dict[tuple[datetime, FrabDay | None], tuple[datetime, bool]] = {}
    final: list[datetime | _Floating] = []
    for event, when in zip(events, out, strict=True):
        if isinstance(when, datetime):
            moved = shifted.get((when, event.day))
            if moved is None:
                moved = shifted[when, event.day] = _after_day_start(event, when, reference,
                                                                    bounds)
            if moved[1]:
                told.add("nextday", event.line, f"line {event.line}: <date> "
                                                f"{event.date.strip()}")
            final.append(moved[0])
        elif when is not None:
            final.append(when)
    return final


def _decide_one(event: FrabEvent, written: datetime | None, reference: tzinfo | None,
                named: bool, bounds: _Bounds, path: str) -> tuple[datetime | _Floating | None,
                                                                  _Said]:
    """One event's start and what to say of it; None when only the file's other events can
    decide (a contradicted offset with no other evidence)."""
    clock = clock_of(event.start) if event.start else None
    if written is None:
        return _undated(event, clock, reference, bounds, path)
    if written.tzinfo is None:
        return (_localize(written, reference) if reference is not None else
                _Floating(written.date(), _minutes(written))), ()
    if reference is None or not named or _agrees(written, reference):
        return _checked(event, written, clock, reference)
    # The offset contradicts the conference zone: weigh <start> and the day's bounds.
    local = written.astimezone(reference)
    wall = _localize(written.replace(tzinfo=None), reference)
    example = f"<date> {event.date.strip()}"
    if clock is not None and clock == _minutes(written) != _minutes(local):
        return wall, (("wall", f"{example}, <start> {event.start.strip()}"),)
    if clock is not None and clock == _minutes(local):
        return written, (("instant", f"{example}, <start> {event.start.strip()}"),)
    if event.day not in bounds:
        bounds[event.day] = _day_bounds(event.day, reference)
    first, last = bounds[event.day]
    if first is not None and last is not None and first <= wall <= last and not (
            first <= written <= last):
        return wall, (("window", example),)
    return None, ()


def _checked(event: FrabEvent, written: datetime, clock: int | None,
             reference: tzinfo | None) -> tuple[datetime, _Said]:
    """A <date> whose offset agrees with the zone: its <start>, when given, must show the same
    wall time; a file that shifted <date> (by the offset, twice) is read by its <start>."""
    if clock is None or clock == _minutes(written):
        return written, ()
    local = written.astimezone(reference) if reference is not None else written
    if clock == _minutes(local):
        return written, ()
    zone = reference or written.tzinfo
    assert zone is not None
    naive = local.replace(tzinfo=None)
    candidates = [_localize(datetime.combine(naive.date() + shift, datetime.min.time())
                            + timedelta(minutes=clock), zone) for shift in (-_DAY, _DAY * 0, _DAY)]
    best = min(candidates, key=lambda c: abs(c - written))
    return best, (("start", f"<date> {event.date.strip()}, <start> {event.start.strip()}"),)


def _undated(event: FrabEvent, clock: int | None, reference: tzinfo | None, bounds: _Bounds,
             path: str) -> tuple[datetime | _Floating, _Said]:
    """An event with only <start>: its day's date, or the next one after midnight."""
    day = event.day
    if day is None or day.date is None or clock is None:
        raise PageError(f"the event {event.title!r} has no date: neither a <date> nor a day "
                        "date with a <start> time", path, event.line)
    if day not in bounds:
        bounds[day] = _day_bounds(day, reference)
    first = bounds[day][0]
    on = day.date
    said: _Said = ()
    if first is not None:
        day_start = _minutes(first.astimezone(reference)) if reference is not None else \
            _minutes(first)
        if clock < day_start:
            on += _DAY
    elif clock < _NIGHT_ENDS:
        said = (("night", f"<start> {event.start.strip()}"),)
        on += _DAY
    if reference is None:
        return _Floating(on, clock), said
    return _localize(datetime.combine(on, datetime.min.time()) + timedelta(minutes=clock),
                     reference), said


def _after_day_start(event: FrabEvent, when: datetime, reference: tzinfo | None,
                     bounds: _Bounds) -> tuple[datetime, bool]:
    """An event dated with its day's date but before the day starts, whose next-day time lies
    inside the day, was written by a generator that kept the day's date after midnight."""
    day = event.day
    if day is None or not (day.start and day.end):
        return when, False
    if day not in bounds:
        bounds[day] = _day_bounds(day, reference)
    first, last = bounds[day]
    if first is None or last is None or when >= first or not first <= when + _DAY <= last:
        return when, False
    if reference is None:
        return when + _DAY, True
    return _localize(when.astimezone(reference).replace(tzinfo=None) + _DAY, reference), True
