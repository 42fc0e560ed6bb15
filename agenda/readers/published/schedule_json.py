"""Schedule JSON: the c3voc schedule.json (frab's JSON twin, also pretalx's
/schedule/export/schedule.json), the c3voc schedule 2 shape (a flat list of events with start
and end), and pretalx's widget and API exports (talks or submissions with their slots).

The twin is read with frab's own rules (frab_events); flat lists carry exact start and end
instants and only need the conference zone to be shown in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any

from ...errors import PageError
from ...models import Kind, Notice
from ..page import FixedRange, Page, PageRead, RawSlot, WallRange
from ..slot_text import MONTHS
from .event_fields import merge_duplicates
from .events import (
    abstract_of,
    conference_zone,
    kind_of,
    person_names,
    status_of,
    text_of,
)
from .frab_events import FrabDay, FrabEvent, duration_of, instant_of, slots_of
from .json_text import Locator, document, load, looks_like_json
from .site_days import days_of, read_days

STRUCTURED = True  # recognised by its first bytes (see readers.detect)
NAME = "schedule-json"
CONFERENCE = "frab/pretalx"
DESCRIPTION = ("schedule JSON (c3voc/frab/pretalx schedule.json "
               "'{\"schedule\": {\"conference\": ...}}', pretalx widget or API talks)")

_FLAT_KEYS = ("events", "talks", "slots", "results", "submissions", "sessions")
# The names exports give an event's start and end instants: frab/pretalx, Sessionize, and the
# spreadsheet-to-JSON dumps of conference sites.
_START_KEYS = ("start", "startsAt", "starts_at", "start_at", "start_datetime", "startDateTime")
_END_KEYS = ("end", "endsAt", "ends_at", "end_at", "end_datetime", "endDateTime")
# JavaScript's Date.toString(), as sites that dump a spreadsheet through JS write their times:
# 'Fri Mar 10 2023 12:00:00 GMT+0900 (Japan Standard Time)'.
_JS_DATE = re.compile(r"[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) "
                      r"GMT([+-])(\d{2})(\d{2})")
# Flags by which exports mark an item of the programme that is no talk (registration, lunch).
_SERVICE_FLAGS = ("isServiceSession", "is_break", "break")


def _schedule(doc: Any) -> dict[str, Any] | None:
    schedule = doc.get("schedule") if isinstance(doc, dict) else None
    if isinstance(schedule, dict) and isinstance(schedule.get("conference"), dict):
        return schedule
    return None


def _flat(doc: Any) -> list[Any] | None:
    """The list of events of a flat export, if the document is one."""
    if isinstance(doc, list):
        items = doc
    elif isinstance(doc, dict):
        schedule = _schedule(doc)
        source = schedule if schedule is not None else doc
        items = next((source[k] for k in _FLAT_KEYS if isinstance(source.get(k), list)), [])
    else:
        return None
    events = [item for item in items if isinstance(item, dict)]
    if not events and isinstance(doc, dict) and doc:
        # events keyed by their ids ({"43457": {"id": "43457", "startsAt": ...}, ...})
        events = [item for item in doc.values() if isinstance(item, dict)]
        if len(events) < len(doc):
            return None
    if events and any(_has_time(item) for item in events[:50]):
        return events
    return None


def _start_text(item: dict[str, Any]) -> str | None:
    return next((item[k] for k in _START_KEYS if isinstance(item.get(k), str)), None)


def _end_text(item: dict[str, Any]) -> str:
    return next((text_of(item[k]) for k in _END_KEYS if isinstance(item.get(k), str)), "")


def _instant(text: str) -> datetime | None:
    """An ISO-8601 instant, or one in JavaScript's Date.toString() form."""
    found = instant_of(text)
    if found is not None:
        return found
    match = _JS_DATE.match(text.strip())
    month = MONTHS.get(match.group(1).lower()) if match is not None else None
    if match is None or month is None:
        return None
    sign = -1 if match.group(7) == "-" else 1
    offset = timedelta(hours=int(match.group(8)), minutes=int(match.group(9)))
    try:
        return datetime(int(match.group(3)), month, int(match.group(2)), int(match.group(4)),
                        int(match.group(5)), int(match.group(6)),
                        tzinfo=timezone(sign * offset))
    except ValueError:
        return None


def _title(item: dict[str, Any]) -> str:
    """The title, or its English (else first) translation written as title_en, title_ja, ..."""
    title = text_of(item.get("title"))
    if not title:
        translated = [k for k in item if isinstance(k, str) and k.startswith("title_")]
        translated.sort(key=lambda k: k != "title_en")
        title = next((text_of(item[k]) for k in translated if text_of(item[k])), "")
    return " ".join(title.split())


# Bounds of the search for events nested in an unknown shape (hostile input is normal input).
MAX_NESTED_NODES = 200_000
MAX_NESTED_DEPTH = 8


def _nested(doc: Any) -> list[Any] | None:
    """Events nested in a shape of a site's own making, in document order: objects with a title
    and a start (or a pretalx slot) wherever they sit, e.g. PyCon FR's pretalx talks filed as
    {"schedule": {day: {minute: {room: talk}}}}. A found event is not searched further."""
    found: list[Any] = []
    stack: list[tuple[Any, int]] = [(doc, 0)]
    seen = 0
    while stack and seen < MAX_NESTED_NODES:
        node, depth = stack.pop()
        seen += 1
        if isinstance(node, dict):
            if depth and _title(node) and _has_time(node):
                found.append(node)
                continue
            children = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth < MAX_NESTED_DEPTH:
            stack.extend((child, depth + 1) for child in reversed(children)
                         if isinstance(child, dict | list))
    return found or None


def _has_time(item: dict[str, Any]) -> bool:
    start = _start_text(item)
    if start is not None and _instant(start) is not None:
        return True
    slot = item.get("slot")
    slots = item.get("slots")
    return isinstance(slot, dict) or (isinstance(slots, list) and bool(slots))


def _twin_days(doc: Any) -> list[Any] | None:
    schedule = _schedule(doc)
    if schedule is None:
        return None
    days = schedule["conference"].get("days")
    if isinstance(days, list) and any(isinstance(d, dict) and isinstance(d.get("rooms"), dict)
                                      for d in days):
        return days
    return None


def detect(page: Page) -> float:
    """A JSON document of one of the shapes above. JSON that cannot be parsed is claimed
    weakly, so its reader says what is wrong with it."""
    if not looks_like_json(page):
        return 0.0
    doc = document(page)
    if isinstance(doc, PageError):
        return 0.5
    if _twin_days(doc) is not None or _flat(doc) is not None:
        return 10.0
    return 3.0 if _nested(doc) is not None or days_of(doc) is not None else 0.0


def read(page: Page) -> PageRead:
    doc = load(page)
    days = _twin_days(doc)
    if days is not None:
        slots, notes = _read_twin(page, doc["schedule"], days)
    else:
        events = _flat(doc) or _nested(doc)
        timetable = days_of(doc) if events is None else None
        if events is not None:
            slots, notes = _read_flat(page, doc, events)
        elif timetable is not None:
            slots, notes = read_days(page.path, page.text, timetable)
        else:
            raise PageError("this JSON is not a schedule known to agenda (expected "
                            "{\"schedule\": {\"conference\": ...}} or a list of talks with "
                            "start and end)", page.path)
    if not slots:
        raise PageError("the schedule lists no events", page.path)
    merged, said = merge_duplicates(slots, page.path)
    schedule = _schedule(doc) if days is not None else None
    title = " ".join(text_of(schedule["conference"].get("title")).split()) if schedule else ""
    return PageRead(page.path, NAME, "", (), None, tuple(merged), (*notes, *said),
                    conference=title[:200])


# --- frab's JSON twin -------------------------------------------------------------------------

def _read_twin(page: Page, schedule: dict[str, Any], days: list[Any]
               ) -> tuple[list[RawSlot], list[Notice]]:
    conference = schedule["conference"]
    locate = Locator(page.text)
    events: list[FrabEvent] = []
    for day in days:
        if not isinstance(day, dict):
            continue
        frab_day = _twin_day(day, page.path)
        for room, listed in (day.get("rooms") or {}).items():
            for event in listed if isinstance(listed, list) else ():
                if isinstance(event, dict):
                    events.append(_twin_event(event, frab_day, str(room), locate))
    if not events:
        return [], []
    return slots_of(events, text_of(conference.get("time_zone_name")), page.path)


def _twin_day(day: dict[str, Any], path: str) -> FrabDay:
    written = text_of(day.get("date"))
    try:
        on = date.fromisoformat(written[:10]) if written else None
    except ValueError:
        raise PageError(f"the day's date {written!r} is not a date (YYYY-MM-DD)", path) from None
    return FrabDay(on, text_of(day.get("day_start") or day.get("start")),
                   text_of(day.get("day_end") or day.get("end")))


def _uid(event: dict[str, Any]) -> str:
    return text_of(event.get("guid")) or text_of(event.get("code")) or text_of(event.get("id"))


def _twin_event(event: dict[str, Any], day: FrabDay, room: str, locate: Locator) -> FrabEvent:
    title = text_of(event.get("title"))
    uid = _uid(event)
    line = locate.line_of(uid or title)
    return FrabEvent(
        line, day, text_of(event.get("date")), text_of(event.get("start")),
        text_of(event.get("duration")), title,
        kind_of(text_of(event.get("type")), title), text_of(event.get("track")),
        text_of(event.get("room")) or room, text_of(event.get("url")) or None, uid,
        person_names(event.get("persons") or event.get("speakers")),
        abstract_of(text_of(event.get("subtitle")), text_of(event.get("abstract")),
                    text_of(event.get("description"))),
        status_of(text_of(event.get("state") or event.get("status")), title))


# --- flat lists: c3voc schedule 2, pretalx widget and API ---------------------------------------

def _lookup(doc: Any, key: str, name_keys: tuple[str, ...]) -> dict[str, str]:
    """id -> name for the rooms, tracks or speakers a widget export lists separately."""
    found: dict[str, str] = {}
    source = doc.get("schedule", doc) if isinstance(doc, dict) else {}
    items = source.get(key) if isinstance(source, dict) else None
    if not isinstance(items, list):
        conference = source.get("conference") if isinstance(source, dict) else None
        items = conference.get(key) if isinstance(conference, dict) else None
    for item in items if isinstance(items, list) else ():
        if isinstance(item, dict):
            name = next((text_of(item[k]) for k in name_keys if item.get(k)), "")
            for ident in ("id", "code", "guid", "slug"):
                if item.get(ident) is not None and name:
                    found[text_of(item[ident])] = name
    return found


def _zone_name(doc: Any) -> str:
    if not isinstance(doc, dict):
        return ""
    schedule = _schedule(doc)
    if schedule is not None:
        return text_of(schedule["conference"].get("time_zone_name"))
    return text_of(doc.get("timezone") or doc.get("time_zone_name"))


def _times(event: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """(start, end, room) of each time the event is scheduled."""
    start = _start_text(event)
    if start is not None:
        room = event.get("room")
        if not room and event.get("roomId") is not None:
            room = {"id": event["roomId"]}  # a Sessionize room, named in its rooms list if any
        yield start, _end_text(event), room
        return
    slots = event.get("slots")
    for slot in slots if isinstance(slots, list) else [event.get("slot")]:
        if isinstance(slot, dict) and isinstance(slot.get("start"), str):
            yield slot["start"], text_of(slot.get("end")), slot.get("room") or slot.get("room_id")


def _opaque_id(text: str) -> bool:
    """A UUID or similar key ('00bc8cd6-45d1-4802-bf48-e3ba8af5a875'), not a person's name."""
    return " " not in text and sum(c.isdigit() for c in text) >= 4 and "-" in text


def _name(value: Any, names: dict[str, str]) -> str:
    """A room or track named inline ('Saal 1', {'en': ...}, {'name': ...}) or by its id."""
    if isinstance(value, dict):
        known = (names.get(text_of(value.get(k))) for k in ("id", "slug", "guid") if value.get(k))
        return text_of(value.get("name")) or next((n for n in known if n), "") or text_of(value)
    text = text_of(value)
    return names.get(text, text)


def _read_flat(page: Page, doc: Any, events: list[Any]) -> tuple[list[RawSlot], list[Notice]]:
    zone, said = conference_zone(_zone_name(doc))
    notes = [Notice(said, page.path)] if said else []
    rooms = _lookup(doc, "rooms", ("name",))
    tracks = _lookup(doc, "tracks", ("name",))
    speakers = _lookup(doc, "speakers", ("name", "public_name", "fullName"))
    locate = Locator(page.text)
    slots = []
    for event in events:
        title = _title(event) or text_of(event.get("description"))
        uid = _uid(event)
        line = locate.line_of(uid or title)
        people = event.get("speakers") or event.get("persons") or event.get("participants")
        if isinstance(people, list) and people and all(isinstance(p, str) for p in people):
            # ids of a speakers list the file does not carry are no names
            authors = tuple(speakers.get(p) or p for p in people
                            if p in speakers or not _opaque_id(p))
        else:
            authors = person_names(people)
        kind_text = text_of(event.get("submission_type") or event.get("type"))
        kind = kind_of(kind_text, title)
        flags = [event[f] for f in _SERVICE_FLAGS if f in event]
        if kind is Kind.TALK and any(f in (True, "true", "TRUE") for f in flags):
            kind = Kind.BREAK
        if kind is Kind.TALK and not authors and not flags and not people and not (
                event.get("code") or event.get("guid") or event.get("submission")):
            kind = Kind.BREAK  # pretalx lists breaks as slots of no submission, with no speaker
        track = _name(event.get("track"), tracks)
        for start_text, end_text, room in _times(event):
            when = _when(event, start_text, end_text, zone, page.path, line)
            slots.append(RawSlot(
                line, when, title, authors,
                abstract_of(text_of(event.get("subtitle")), text_of(event.get("abstract")),
                            text_of(event.get("description")) if title != text_of(
                                event.get("description")) else ""),
                kind, None, track, _name(room, rooms),
                text_of(event.get("url")) or None, uid,
                status_of(text_of(event.get("state") or event.get("status")), title)))
    return slots, notes


def _when(event: dict[str, Any], start_text: str, end_text: str, zone: tzinfo | None,
          path: str, line: int) -> FixedRange | WallRange:
    start = _instant(start_text)
    if start is None:
        raise PageError(f"unreadable start time {start_text!r}", path, line)
    if start.tzinfo is None and zone is not None:
        start = start.replace(tzinfo=zone).astimezone(UTC)
    end = _instant(end_text) if end_text else None
    if end is None:
        minutes = event.get("duration")
        length = (timedelta(minutes=minutes) if isinstance(minutes, int | float)
                  and not isinstance(minutes, bool) else duration_of(text_of(minutes)))
        if length is None:
            raise PageError(f"the event {text_of(event.get('title'))!r} has neither an end "
                            "nor a duration", path, line)
        end = start + length  # elapsed time, added to the instant (UTC) when there is one
    elif end.tzinfo is None and zone is not None:
        end = end.replace(tzinfo=zone).astimezone(UTC)
    if (start.tzinfo is None) != (end.tzinfo is None):
        raise PageError("the event's start and end disagree on having a UTC offset", path, line)
    if start.tzinfo is None:  # floating, and no zone: the user's --source-tz decides
        midnight = end.date() > start.date() and (end.hour, end.minute) == (0, 0)
        return WallRange(start.day, start.month, start.year, None, (start.hour, start.minute),
                         (24, 0) if midnight else (end.hour, end.minute), None)
    if zone is not None:
        return FixedRange(start.astimezone(zone), end.astimezone(zone), getattr(zone, "key", None))
    return FixedRange(start, end)
