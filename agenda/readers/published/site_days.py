"""Conference sites' own timetable JSON: a list of days, each with a date ('Friday, November 16',
'2019-05-04') and slots that give only a clock time ('10:15'), each slot one item or a few
parallel talks (one per track). Hoverboard-style and Jekyll `_data/schedule.json` files look so.

A slot with no end lasts until the next slot of its day begins; the last one of a day gets the
day's most common length, and both are said.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ...errors import PageError
from ...models import Notice
from ..page import RawSlot, WallRange
from ..slot_text import MONTHS, WEEKDAYS
from .event_fields import split_names
from .events import abstract_of, kind_of, person_names, status_of, text_of
from .json_text import Locator

_DATE_KEYS = ("date", "day", "dateReadable")
_SLOT_KEYS = ("timetable", "timeslots", "slots", "schedule", "items", "sessions", "events")
_START_KEYS = ("time", "start", "startTime", "start_time", "from", "begin")
_END_KEYS = ("end", "endTime", "end_time", "to", "until")
_PARALLEL_KEYS = ("talks", "sessions", "tracks", "items")
_CLOCK = re.compile(r"(\d{1,2})[:.h](\d\d)\s*([AaPp][Mm])?")
MAX_DAYS = 400
MAX_SLOTS = 5000


def _clock(value: Any) -> tuple[int, int] | None:
    """A clock time written alone ('09:00', '9.30', '2:15 PM'); None for anything more."""
    text = text_of(value)
    match = _CLOCK.fullmatch(text.strip()) if 3 <= len(text.strip()) <= 9 else None
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if match.group(3):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match.group(3).lower() == "pm" else 0)
    return (hour, minute) if hour <= 24 and minute <= 59 else None


def _date(value: Any) -> tuple[int, int, int | None, int | None] | None:
    """(day, month, year, weekday) of 'Friday, November 16', '16 Nov 2018' or '2018-11-16'."""
    text = text_of(value)
    if not text or len(text) > 40:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text[:10])
    if iso is not None:
        return int(iso.group(3)), int(iso.group(2)), int(iso.group(1)), None
    day = month = year = weekday = None
    for word in re.findall(r"[^\W\d_]+|\d+", text):
        low = word.casefold()
        if word.isdigit():
            if len(word) == 4:
                year = int(word)
            elif len(word) <= 2 and day is None:
                day = int(word)
        elif low[:3] in MONTHS and month is None and (len(low) == 3 or low.startswith(
                ("janu", "febr", "marc", "apri", "may", "june", "july", "augu", "sept", "octo",
                 "nove", "dece"))):
            month = MONTHS[low[:3]]
        elif low[:3] in WEEKDAYS:
            weekday = WEEKDAYS[low[:3]]
    if day is None or month is None or not 1 <= day <= 31:
        return None
    return day, month, year, weekday


def _slot_list(day: dict[str, Any]) -> list[dict[str, Any]] | None:
    for key in _SLOT_KEYS:
        items = day.get(key)
        if isinstance(items, list) and any(isinstance(i, dict) and _start(i) for i in items):
            return [i for i in items if isinstance(i, dict)]
    return None


def _start(item: dict[str, Any]) -> tuple[int, int] | None:
    return next((c for c in (_clock(item.get(k)) for k in _START_KEYS) if c), None)


def _end(item: dict[str, Any]) -> tuple[int, int] | None:
    return next((c for c in (_clock(item.get(k)) for k in _END_KEYS) if c), None)


def days_of(doc: Any) -> list[tuple[tuple[int, int, int | None, int | None],
                                    list[dict[str, Any]]]] | None:
    """The dated days of the document, each with its slots, if it is such a timetable."""
    days = doc if isinstance(doc, list) else next(
        (doc[k] for k in ("days", "schedule") if isinstance(doc, dict)
         and isinstance(doc.get(k), list)), None)
    if not isinstance(days, list):
        return None
    found: dict[tuple[int, int, int | None, int | None], list[dict[str, Any]]] = {}
    for day in days[:MAX_SLOTS]:
        if not isinstance(day, dict):
            continue
        when = next((d for d in (_date(day.get(k)) for k in _DATE_KEYS) if d), None)
        slots = _slot_list(day)
        if slots is None and _start(day) and text_of(day.get("title")):
            slots = [day]  # a flat list of dated items ({title, date, time}): each its own slot
        if when is not None and slots and (when in found or len(found) < MAX_DAYS):
            found.setdefault(when, []).extend(slots)
    return list(found.items()) or None


def _items(slot: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The slot itself when it is an item, else its parallel talks."""
    parallel = next((slot[k] for k in _PARALLEL_KEYS if isinstance(slot.get(k), list)), None)
    if parallel:
        yield from (p for p in parallel if isinstance(p, dict) and text_of(p.get("title")))
    elif text_of(slot.get("title")):
        yield slot


def read_days(path: str, text: str, days: list[Any]) -> tuple[list[RawSlot], list[Notice]]:
    locate = Locator(text)
    out: list[RawSlot] = []
    notes: list[Notice] = []
    guessed = []
    for (day, month, year, weekday), slots in days:
        timed = sorted(((s, _start(s)) for s in slots if _start(s)), key=lambda p: p[1] or (0, 0))
        starts = sorted({c for _, c in timed if c})
        lengths = Counter(_minutes(b) - _minutes(a)
                          for a, b in zip(starts, starts[1:], strict=False))
        usual = lengths.most_common(1)[0][0] if lengths else 60
        for slot, begin in timed:
            assert begin is not None
            end = _end(slot) or next((c for c in starts if c > begin), None)
            if end is None:
                guessed.append(text_of(slot.get("title")) or text_of(slot.get("time")))
                total = _minutes(begin) + usual
                end = (total // 60, total % 60)
            for item in _items(slot):
                title = " ".join(text_of(item.get("title")).split())
                line = locate.line_of(text_of(item.get("title")))
                people = item.get("speakers")
                authors = person_names(people) if isinstance(people, list) else split_names(
                    text_of(item.get("speaker") or people).replace(" & ", ", "))
                out.append(RawSlot(
                    line, WallRange(day, month, year, weekday, begin, end, None), title,
                    authors, abstract_of(text_of(item.get("description"))),
                    kind_of(text_of(item.get("format") or item.get("kind")), title), None,
                    text_of(item.get("track")),
                    text_of(item.get("room") or item.get("location")),
                    text_of(item.get("url")) or None, text_of(item.get("id")),
                    status_of("", title)))
                if len(out) > MAX_SLOTS:
                    raise PageError(f"more than {MAX_SLOTS} items in one timetable", path, line)
    if any(not _end(s) for _, slots in days for s in slots):
        notes.append(Notice("slots give only their start; each ends when the next slot of its "
                            "day begins", path))
    if guessed:
        notes.append(Notice(f"the last slot of a day ({guessed[0]!r}) gives no end; given the "
                            "day's usual slot length", path))
    return out, notes


def _minutes(clock: tuple[int, int]) -> int:
    return clock[0] * 60 + clock[1]
