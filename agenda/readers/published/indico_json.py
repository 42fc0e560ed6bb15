"""Indico's JSON exports: the timetable (/export/timetable/ID.json: results -> event -> day ->
entries, sessions holding their contributions and breaks) and the event export with its
contributions (/export/event/ID.json?detail=contributions or sessions).

Times are wall clocks with the zone they are shown in ({"date", "time", "tz"}); a session's
contributions become talks with the session's title as their track.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from ...errors import PageError
from ...models import Kind, Notice
from ..page import FixedRange, Page, PageRead, RawSlot, WallRange
from .event_fields import merge_duplicates
from .events import (
    abstract_of,
    conference_zone,
    kind_of,
    person_names,
    status_of,
    text_of,
)
from .json_text import Locator, document, load, looks_like_json

STRUCTURED = True  # recognised by its first bytes (see readers.detect)
NAME = "indico-json"
CONFERENCE = "Indico"
DESCRIPTION = ("Indico timetable or event JSON export "
               "('{\"results\": {\"<event>\": {\"<YYYYMMDD>\": {...entryType...}}}}')")

_ENTRY_TYPES = ("Session", "Contribution", "Break")


def _is_entry(value: Any) -> bool:
    return isinstance(value, dict) and value.get("entryType") in _ENTRY_TYPES


def _timetables(doc: Any) -> dict[str, dict[str, Any]] | None:
    """event id -> {YYYYMMDD: {key: entry}} of a timetable export."""
    results = doc.get("results") if isinstance(doc, dict) else None
    if not isinstance(results, dict):
        return None
    found = {str(k): v for k, v in results.items() if isinstance(v, dict) and any(
        isinstance(day, dict) and any(_is_entry(e) for e in day.values()) for day in v.values())}
    return found or None


def _event_exports(doc: Any) -> list[dict[str, Any]] | None:
    """The events of an event export that lists contributions."""
    results = doc.get("results") if isinstance(doc, dict) else None
    if not isinstance(results, list):
        return None
    found = [e for e in results if isinstance(e, dict) and (
        isinstance(e.get("contributions"), list) or isinstance(e.get("sessions"), list))
        and isinstance(e.get("startDate"), dict)]
    return found or None


def detect(page: Page) -> float:
    if not looks_like_json(page):
        return 0.0
    doc = document(page)
    if isinstance(doc, PageError):
        return 0.0
    return 10.0 if _timetables(doc) or _event_exports(doc) else 0.0


class _Entry:
    """An entry with what its session gives it: the track and the room it inherits."""

    __slots__ = ("data", "key", "room", "track")

    def __init__(self, data: dict[str, Any], key: str, track: str = "", room: str = "") -> None:
        self.data, self.key, self.track, self.room = data, key, track, room


def _timetable_entries(days: dict[str, Any]) -> Iterator[_Entry]:
    for day in days.values():
        if not isinstance(day, dict):
            continue
        for key, entry in day.items():
            if not _is_entry(entry):
                continue
            children = entry.get("entries")
            if entry["entryType"] == "Session" and isinstance(children, dict) and children:
                title = text_of(entry.get("title"))
                room = _room(entry)
                for child_key, child in children.items():
                    if _is_entry(child):
                        yield _Entry(child, str(child_key), title, room)
            else:
                yield _Entry(entry, str(key))


def _export_entries(event: dict[str, Any]) -> Iterator[_Entry]:
    for contribution in event.get("contributions") or ():
        if isinstance(contribution, dict):
            session = contribution.get("session")
            track = text_of(session.get("title")) if isinstance(session, dict) else \
                text_of(session)
            yield _Entry(contribution, text_of(contribution.get("id")),
                         track or text_of(contribution.get("track")))
    for block in event.get("sessions") or ():
        if not isinstance(block, dict):
            continue
        session = block.get("session")
        title = text_of(session.get("title")) if isinstance(session, dict) else ""
        title = title or text_of(block.get("title"))
        for contribution in block.get("contributions") or ():
            if isinstance(contribution, dict):
                yield _Entry(contribution, text_of(contribution.get("id")), title, _room(block))


def _room(entry: dict[str, Any]) -> str:
    return text_of(entry.get("room")) or text_of(entry.get("roomFullname"))


def _wall(value: Any) -> tuple[datetime, str] | None:
    """An Indico date ({"date", "time", "tz"}) as a naive wall time and its zone name."""
    if not isinstance(value, dict):
        return None
    try:
        wall = datetime.fromisoformat(f"{text_of(value.get('date'))}T"
                                      f"{text_of(value.get('time')) or '00:00:00'}")
    except ValueError:
        return None
    return wall.replace(tzinfo=None), text_of(value.get("tz"))


def _when(entry: _Entry, default_zone: str, path: str, line: int,
          notes: list[Notice]) -> FixedRange | WallRange:
    data = entry.data
    start = _wall(data.get("startDate"))
    if start is None:
        raise PageError(f"the entry {text_of(data.get('title'))!r} has no readable startDate "
                        "({\"date\", \"time\", \"tz\"})", path, line)
    end = _wall(data.get("endDate"))
    length = None
    if end is None:
        minutes = data.get("duration")
        if not isinstance(minutes, int | float) or isinstance(minutes, bool):
            raise PageError(f"the entry {text_of(data.get('title'))!r} has neither an endDate "
                            "nor a duration", path, line)
        length = timedelta(minutes=minutes)  # elapsed time: added to the instant, not the wall
        end = start[0] + length, start[1]
    zone_name = start[1] or default_zone
    zone, said = conference_zone(zone_name)
    if said:
        notes.append(Notice(said, path, line))
    if zone is None:
        midnight = end[0].date() > start[0].date() and (end[0].hour, end[0].minute) == (0, 0)
        return WallRange(start[0].day, start[0].month, start[0].year, None,
                         (start[0].hour, start[0].minute),
                         (24, 0) if midnight else (end[0].hour, end[0].minute), None)
    end_zone: tzinfo = conference_zone(end[1])[0] or zone if end[1] else zone
    first = start[0].replace(tzinfo=zone).astimezone(UTC)
    last = first + length if length is not None else \
        end[0].replace(tzinfo=end_zone).astimezone(UTC)
    # Exports give dates in the zone the request asked for (often UTC); the event's own zone
    # is the one its attendees read the times in.
    shown = (conference_zone(default_zone)[0] if default_zone and default_zone != zone_name
             else None) or zone
    first, last = first.astimezone(shown), last.astimezone(shown)
    return FixedRange(first, last, shown.key)


def _slot(entry: _Entry, event_id: str, zone: str, path: str, locate: Locator,
          notes: list[Notice]) -> RawSlot:
    data = entry.data
    title = text_of(data.get("title"))
    slot_title = text_of(data.get("slotTitle"))
    if slot_title and slot_title != title:
        title = f"{title}: {slot_title}" if title else slot_title
    line = locate.line_of(entry.key or title)
    entry_type = text_of(data.get("entryType"))
    if entry_type == "Break":
        kind = Kind.BREAK
    elif data.get("isPoster") is True:
        kind = Kind.POSTER
    else:
        kind_text = data.get("type") or data.get("contribType") or ""
        kind = kind_of(text_of(kind_text), title)
    people = (data.get("presenters") or data.get("speakers") or data.get("conveners")
              or data.get("primaryauthors") or data.get("authors"))
    url = text_of(data.get("url"))
    ident = text_of(data.get("id")) or entry.key
    return RawSlot(
        line, _when(entry, zone, path, line, notes), title, person_names(people),
        abstract_of(text_of(data.get("description"))), kind, None,
        entry.track or text_of(data.get("track")),
        _room(data) or entry.room or text_of(data.get("location")),
        url if url.startswith(("https://", "http://")) else None,
        f"{event_id}-{ident}" if event_id else ident, status_of("", title))


def read(page: Page) -> PageRead:
    doc = load(page)
    locate = Locator(page.text)
    notes: list[Notice] = []
    slots: list[RawSlot] = []
    titles: set[str] = set()
    top_zone = text_of(doc.get("timezone")) if isinstance(doc, dict) else ""
    timetables = _timetables(doc)
    if timetables:
        for event_id, days in timetables.items():
            zone = text_of(days.get("timezone")) or top_zone
            slots.extend(_slot(e, event_id, zone, page.path, locate, notes)
                         for e in _timetable_entries(days))
    else:
        for event in _event_exports(doc) or ():
            zone = text_of(event.get("timezone")) or top_zone
            event_id = text_of(event.get("id"))
            titles.add(" ".join(text_of(event.get("title")).split())[:200])
            slots.extend(_slot(e, event_id, zone, page.path, locate, notes)
                         for e in _export_entries(event))
    if not slots:
        raise PageError("the Indico export lists no timetable entries", page.path)
    once = {note.message: note for note in reversed(notes)}  # each message at its first line
    merged, said = merge_duplicates(slots, page.path)
    return PageRead(page.path, NAME, "", (), None, tuple(merged),
                    (*sorted(once.values(), key=lambda n: n.line or 0), *said),
                    conference=titles.pop() if len(titles) == 1 else "")
