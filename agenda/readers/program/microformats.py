"""Events a page marks up as hCalendar or h-event microformats (`class="vevent"` with
`dtstart`, `dtend` and `summary`; `class="h-event"` with `dt-start`, `dt-end` and `p-name`):
the page says exactly which text is the title and which instant each talk starts, so these
are read as marked, not guessed from the layout around them (status badges, speaker links).
"""

from __future__ import annotations

import re
from itertools import islice

from .clock import Clock
from .days import DayRef
from .entries import Entry
from .items import read_item

_EVENT = frozenset(["vevent", "h-event"])
_START = frozenset(["dtstart", "dt-start"])
_END = frozenset(["dtend", "dt-end"])
_NAME = frozenset(["summary", "p-name"])
_PLACE = frozenset(["location", "p-location"])
_STAMP = re.compile(r"\s*(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)[T ]"
                    r"(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?"
                    r"(?P<z>Z|[+-][01]\d:?[0-5]\d)?\s*$", re.ASCII)
MAX_EVENTS = 5000
MAX_INSIDE = 400  # elements searched inside one event (nested events cost no more)


def _classes(element: object) -> frozenset[str]:
    get = getattr(element, "get", None)
    value = get("class", "") if get is not None else ""
    return frozenset(str(value).split())


def _first(event: object, wanted: frozenset[str]) -> object | None:
    for child in islice(event.iterdescendants(), MAX_INSIDE):  # type: ignore[attr-defined]
        if _classes(child) & wanted:
            found: object = child
            return found
    return None


def _text(element: object) -> str:
    return " ".join(str(element.text_content()).split())  # type: ignore[attr-defined]


def _stamp(element: object | None) -> tuple[DayRef, Clock, str | None] | None:
    if element is None:
        return None
    get = element.get  # type: ignore[attr-defined]
    for value in (get("datetime"), get("title"), get("value"), _text(element)):
        m = _STAMP.match(value or "")
        if m is None:
            continue
        zone = m.group("z")
        label = None
        if zone == "Z":
            label = "UTC"
        elif zone:
            hours, minutes = int(zone[1:3]), int(zone[-2:])
            label = f"UTC{zone[0]}{hours}" + (f":{minutes:02d}" if minutes else "")
        day = DayRef(int(m.group("d")), int(m.group("mo")), int(m.group("y")), None)
        return day, Clock(int(m.group("h")), int(m.group("mi")), "24"), label
    return None


def events(text: str) -> list[Entry]:
    """The page's marked-up events with a start and a name, in page order; none when the page
    marks fewer than two (one stray vevent is not a program)."""
    if "event" not in text:
        return []
    from lxml import etree, html

    try:
        root = html.document_fromstring(text.encode("utf-8"), parser=html.HTMLParser(
            encoding="utf-8", remove_comments=True, remove_pis=True))
    except (etree.ParserError, ValueError):
        return []
    found: list[Entry] = []
    for element in root.iter():
        if not _classes(element) & _EVENT or len(found) >= MAX_EVENTS:
            continue
        start = _stamp(_first(element, _START))
        name = _first(element, _NAME)
        if start is None or name is None or not _text(name):
            continue
        end = _stamp(_first(element, _END))
        day, clock, label = start
        item = read_item(_text(name))
        place = _first(element, _PLACE)
        found.append(Entry(element.sourceline or 0, day, clock,
                           end[1] if end is not None and end[0] == day else None,
                           label, item.title, item.authors, item.kind,
                           room=_text(place) if place is not None else ""))
    return found if len(found) >= 2 else []
