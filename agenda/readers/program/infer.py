"""What a program leaves unsaid, decided once per page and stated as a notice: am/pm on a
12-hour clock that does not say, the end of items given only a start, the day of a page
that names none, and the zone when labels disagree.
"""

from __future__ import annotations

import re
from statistics import median

from ...models import Notice
from ..page import RawSlot, WallRange
from . import days, items, zones
from .clock import Clock, to24
from .days import DayRef
from .entries import Entry, Found

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DEFAULT_LAST = 30  # minutes for a last item with no end, when the page has no usual length


def _say(notes: list[Notice], path: str, line: int | None, message: str) -> None:
    notes.append(Notice(message, path, line, topic=message.split(";")[0]))


def _key(day: DayRef | None) -> tuple[int, int, int, int, int]:
    if day is None:
        return (0, 0, 0, -1, -1)
    return (day.year or 0, day.month, day.day,
            -1 if day.weekday is None else day.weekday, day.nth or -1)


def flatten(found: Found) -> list[Entry]:
    """Entries in page order, each session followed by its papers."""
    out: list[Entry] = []
    for entry in found.entries:
        out.append(entry)
        out.extend(entry.papers)
    return out


_NUMBER = re.compile(r"^([1-9]\d?)[.)]\s+(?=\S)", re.ASCII)


def numbered(entries: list[Entry]) -> None:
    """A run of items numbered 1., 2., 3. in order (a tutorial's parts, one a row) is a list:
    the numbers are its markup, not the titles'."""
    run: list[tuple[Entry, int]] = []
    for entry in [*entries, None]:
        m = _NUMBER.match(entry.title) if entry is not None else None
        if m is not None and int(m.group(1)) == (1 if not run else len(run) + 1):
            run.append((entry, m.end()))  # type: ignore[arg-type]
            continue
        if len(run) >= 2:
            for item, cut in run:
                item.title = item.title[cut:]
        run = []
        if m is not None and int(m.group(1)) == 1 and entry is not None:
            run = [(entry, m.end())]


def zone_of(found: Found, entries: list[Entry], path: str, notes: list[Notice]) -> None:
    """The page's stated zone wins over labels beside times that contradict it. A page that
    states none but labels some of its times ('8am-5pm PST') in one zone is in that zone."""
    if not found.statements:
        labels = {e.label for e in entries if e.label} | set(found.attached)
        if len(labels) == 1:
            label = labels.pop()
            for entry in entries:
                entry.label = entry.label or label
        return
    label, line = found.statements[0]
    for other, at in found.statements[1:]:
        if other != label and zones.offset_minutes(other) != zones.offset_minutes(label):
            _say(notes, path, at, f"the page states times in {label} (line {line}) but also "
                 f"{other} here; reading {label}")
            break
    said = False
    for entry in entries:
        if entry.label and entry.label != label and not said and \
                zones.offset_minutes(entry.label) != zones.offset_minutes(label):
            _say(notes, path, entry.line, f"{entry.label} here contradicts the page's statement "
                 f"that times are {label} (line {line}); the statement wins")
            said = True
        if not entry.column_labels:
            entry.label = label


def meridiem(entries: list[Entry], path: str, notes: list[Notice]) -> None:
    """A 12-hour clock without am/pm: each time is the first reading not before the previous
    start of its day (a program runs forward); the day's first time is morning from 7 to 11,
    afternoon from 1 to 6."""
    for entry in entries:
        start, end = entry.start, entry.end
        if end is not None and start.meridiem == "p" and end.meridiem and \
                to24(start) > to24(end) and to24(start._replace(meridiem="a")) <= to24(end):
            entry.start = start._replace(meridiem="a")
            _say(notes, path, entry.line, f"{start.hour}:{start.minute:02d}pm-{end.hour}:"
                 f"{end.minute:02d}{'am' if end.meridiem == 'a' else 'pm'} ends before it "
                 f"starts; read as {start.hour}:{start.minute:02d}am")
    clocks = [c for e in entries for c in (e.start, e.end) if c is not None]
    if not any(c.meridiem is None and 1 <= c.hour <= 12 for c in clocks) or \
            any(c.hour > 12 or c.hour == 0 for c in clocks if c.meridiem is None):
        for entry in entries:  # every time says, or the clock is a 24-hour one
            entry.start = to24(entry.start)
            entry.end = to24(entry.end) if entry.end is not None else None
        return
    shifted: list[tuple[Entry, Clock]] = []
    previous: dict[tuple[int, int, int, int, int], int] = {}
    for entry in entries:
        key = _key(entry.day)
        before = previous.get(key)
        start = _choose(entry.start, before)
        end = _choose(entry.end, start.minutes()) if entry.end is not None else None
        if entry.start.meridiem is None and start.hour != entry.start.hour:
            shifted.append((entry, entry.start))
        if entry.end is not None and end is not None and entry.end.meridiem is None \
                and end.hour != entry.end.hour:
            shifted.append((entry, entry.end))
        entry.start, entry.end = start, end
        if not entry.paper:
            previous[key] = start.minutes()
    if shifted:
        entry, first = shifted[0]
        _say(notes, path, entry.line,
             f"times carry no am/pm; read by their order through the day, so "
             f"{first.hour}:{first.minute:02d} is {first.hour % 12 + 12}:{first.minute:02d} "
             f"({len(shifted)} afternoon times)")


def backwards(entries: list[Entry], path: str, notes: list[Notice]) -> None:
    """An end before its start on a daytime item ('13:00 - 12:30') is a typo, not a slot past
    midnight: the item keeps its start and ends like an item given only a start, so one slip
    never costs the whole page."""
    for entry in entries:
        start, end = entry.start, entry.end
        if end is None or _minutes(end) >= _minutes(start) or \
                (start.hour >= 12 and end.hour < 12):
            continue
        entry.end = None
        _say(notes, path, entry.line, f"{entry.title!r} ends ({end.hour}:{end.minute:02d}) "
             f"before it starts ({start.hour}:{start.minute:02d}); its end is ignored")


def _choose(clock: Clock, before: int | None) -> Clock:
    if clock.meridiem is not None or clock.hour > 12 or clock.hour == 0:
        return to24(clock)
    hour = clock.hour % 12
    morning, afternoon = Clock(hour, clock.minute, "24"), Clock(hour + 12, clock.minute, "24")
    if clock.hour == 12:
        return Clock(12, clock.minute, "24")  # noon: a program's midnight is never unmarked
    if before is None:
        return morning if 7 <= clock.hour <= 11 else afternoon
    return morning if morning.minutes() >= before else afternoon


def ends(entries: list[Entry], path: str, notes: list[Notice]) -> list[Entry]:
    """Items given only a start end when the next one of their day begins. An item that only
    marks the end ('End', 'Adjourn') is dropped once it has ended the one before; the day's
    last item otherwise lasts the page's usual length (stated)."""
    by_day: dict[tuple[int, int, int, int, int], list[Entry]] = {}
    for entry in entries:
        by_day.setdefault(_key(entry.day), []).append(entry)
    drop: set[int] = set()
    lengths = [_minutes(e.end) - _minutes(e.start) for e in entries
               if e.end is not None and _minutes(e.end) > _minutes(e.start)]
    said_next = said_last = False
    for group in by_day.values():
        starts = sorted({_minutes(e.start) for e in group})
        open_ = [e for e in group if e.end is None and not e.paper]
        for entry in open_:
            later = [s for s in starts if s > _minutes(entry.start)]
            if later:
                entry.end = _clock(later[0])
                lengths.append(later[0] - _minutes(entry.start))
                if not said_next:
                    _say(notes, path, entry.line, "items give only their start; each ends when "
                         "the next begins")
                    said_next = True
        for entry in open_:
            if entry.end is not None:
                continue
            if items.is_end_marker(entry.title) or not entry.title:
                drop.add(id(entry))
                continue
            usual = int(median(lengths)) if lengths else DEFAULT_LAST
            entry.end = _clock(min(_minutes(entry.start) + usual, 24 * 60))
            if not said_last:
                _say(notes, path, entry.line, f"the last item of the day ({entry.title!r}) gives "
                     f"no end; given {usual} minutes, the page's usual length")
                said_last = True
    for entry in entries:
        for paper in entry.papers:
            paper.end = paper.end or entry.end
            if paper.end is None:
                drop.add(id(paper))
    return [e for e in entries if id(e) not in drop]


def _minutes(clock: Clock | None) -> int:
    return 0 if clock is None else clock.hour * 60 + clock.minute


def _clock(minutes: int) -> Clock:
    return Clock(minutes // 60, minutes % 60, "24")


def _after_dates(entries: list[Entry], path: str, notes: list[Notice]) -> None:
    """A weekday alone after a dated day ('Friday 10 May 2013', then 'Saturday') is the first
    such weekday after it: a program runs forward, a week at most."""
    from datetime import date, timedelta

    last: date | None = None
    said = False
    for entry in entries:
        day = entry.day
        if day is None:
            continue
        if day.month and day.year:
            try:
                last = date(day.year, day.month, day.day)
            except ValueError:
                last = None
        elif not day.month and day.weekday is not None and last is not None:
            on = last + timedelta(days=(day.weekday - last.weekday()) % 7)
            entry.day = days.DayRef(on.day, on.month, on.year, day.weekday)
            if not said:
                _say(notes, path, entry.line, f"a weekday alone after {last:%d %b %Y} is read "
                     f"as the next such day, {on:%d %b %Y}")
                said = True


def page_day(found: Found, entries: list[Entry], path: str, notes: list[Notice]) -> None:
    """Entries before any day heading: the date their own text names, else the page's one date
    (if it names exactly one), else the first day heading's (registration hours above the
    program)."""
    _after_dates(entries, path, notes)
    # A weekday alone ('Fri 6:15 a.m.') is the page's one date on that weekday ('Fri 15 Dec').
    stated = {(d.day, d.month, d.year, d.weekday): d for d in
              [*(d for d, _ in found.page_days), *(e.day for e in entries if e.day)] if d.month}
    for entry in entries:
        if entry.day is not None and not entry.day.month and entry.day.weekday is not None:
            same = [d for d in stated.values() if d.weekday == entry.day.weekday]
            if len(same) == 1:
                entry.day = same[0]
    undated = [e for e in entries if e.day is None]
    if not undated:
        return
    for entry in undated:
        own = days.find(entry.title) if entry.title else None
        if own is not None and own.ref.month:
            entry.day = own.ref
    undated = [e for e in undated if e.day is None]
    first = next((e.day for e in entries if e.day is not None), None)
    dated = {(d.day, d.month, d.year) for d, _ in found.page_days}
    if len(dated) == 1 and (first is None or not found.headed_days):
        ref, line = found.page_days[0]
        year = f" {ref.year}" if ref.year else ""
        why = f"{ref.day} {MONTHS[ref.month - 1]}{year}, the one date the page names"
    elif first is not None:
        ref, line = first, undated[0].line if undated else 0
        why = "the first day the page names"
    elif not dated and len({(d.day, d.month, d.year) for d, _ in found.aside_days}) == 1:
        ref, line = found.aside_days[0]
        year = f" {ref.year}" if ref.year else ""
        why = (f"{ref.day} {MONTHS[ref.month - 1]}{year}, the one date the page's header or "
               "title names (or its <time> markup)")
    else:
        return
    for entry in undated:
        entry.day = ref
    if undated:
        _say(notes, path, line, f"items above the first day heading are read on {why}")


def columns(entries: list[Entry], path: str, notes: list[Notice]) -> None:
    """Times in one column per zone: the first zone column is read; the others must agree."""
    checked = 0
    for entry in entries:
        if not entry.column_labels or entry.label is None:
            continue
        mine = zones.offset_minutes(entry.label)
        for label, span in entry.column_labels:
            theirs = zones.offset_minutes(label)
            if mine is None or theirs is None:
                continue
            checked += 1
            want = (_minutes(entry.start) - mine + theirs) % (24 * 60)
            got = _minutes(to24(span.start) if span.start.meridiem else span.start)
            if got % (24 * 60) != want:
                _say(notes, path, entry.line,
                     f"the {label} column says {span.start.hour}:{span.start.minute:02d}, "
                     f"which disagrees with {entry.start.hour}:{entry.start.minute:02d} "
                     f"{entry.label}; reading the {entry.label} column")
                return
    if checked:
        labels = sorted({label for e in entries for label, _ in e.column_labels})
        first = next(e for e in entries if e.column_labels)
        _say(notes, path, first.line, f"times are given in several zones; reading "
             f"{first.label}, which agrees with the {', '.join(labels)} column")


def slots(entries: list[Entry]) -> list[RawSlot]:
    out = []
    for entry in entries:
        assert entry.end is not None
        day = entry.day or DayRef(0, 0, None, None)
        if day.month:
            wd = day.weekday
            date_part = (day.day, day.month, day.year, wd)
        else:  # no date: --date decides (see agenda.undated)
            offset = (day.nth - 1) if day.nth else 0
            date_part = (offset, 0, None, day.weekday)
        start, end = entry.start, entry.end
        when = WallRange(*date_part, (start.hour, start.minute), (end.hour, end.minute),
                         entry.label)
        kind = entry.kind
        title = entry.title or kind.value.title()
        out.append(RawSlot(entry.line, when, title=title, authors=entry.authors, kind=kind,
                           track=entry.track, room=entry.room, status=entry.status))
    return out


def summary(found: Found, entries: list[Entry]) -> str:
    """What a page that gave no program had, for the error message."""
    titled = sum(1 for e in entries if e.title)
    if not found.times_seen:
        return "no times at all"
    if not titled:
        return f"{found.times_seen} times but no titles"
    return f"{found.times_seen} times"

