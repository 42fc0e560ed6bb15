"""A printed agenda: one self-contained HTML document (inline CSS, system fonts, no script, no
external resource) that reads well on a screen and prints well on A4 or Letter. The PDF writer
(agenda.pdf) renders the very same document.

The rows are prepared here, in plain Python (times in the reader's zone and the page's own,
overlaps, the track once per block of consecutive talks); the template under
agenda/templates/ only lays them out, with autoescaping on, so no page text becomes markup.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from .conflicts import overlaps
from .models import Status, Talk
from .plan import Plan, attending
from .text import one_line
from .wording import KIND_LABEL

if TYPE_CHECKING:
    from jinja2 import Environment

    from .pipeline import ExportOptions

TEMPLATE = "printed.html"
NAMED_CLASHES = 2  # overlapping talks named on a row; the rest are counted
NAMED_SOURCES = 6  # sources named in the footer; the rest are counted
CHUNK = 1 << 16
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]{1,2000}$")


class Row(NamedTuple):
    """One talk as printed; every field is plain text (the template escapes it)."""

    iso: str  # the start as an exact instant, for <time datetime>
    time: str  # 14:00–14:15 in the reader's zone
    shift: str  # '+1 day' when the reader's date is not the page's, else ''
    own: str  # the time in the talk's own zone when it reads differently, else ''
    title: str
    authors: str
    kind: str
    room: str
    url: str
    classes: str  # talk / slot, cancelled, tentative, clash
    cancelled: bool
    clash: str  # the overlapping talks, named and counted, else ''
    alternatives: str  # with a plan: the talks set aside for this one, else ''
    alternative_to: str  # with a plan: the talk this one was set aside for, else ''


class Block(NamedTuple):
    track: str
    rows: list[Row]


class Day(NamedTuple):
    id: str
    heading: str
    blocks: list[Block]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment, made once: autoescaping always on, undefined names errors."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader("agenda", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def _clock(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _span(start: datetime, end: datetime) -> str:
    until = _clock(end)
    if end.date() != start.date() and not (end.hour == end.minute == 0 and
                                           (end.date() - start.date()).days == 1):
        until = f"{end:%a} {until}"
    return f"{_clock(start)}–{until}"


def _shift(days: int) -> str:
    if days == 0:
        return ""
    return f"{'+' if days > 0 else '−'}{abs(days)} day{'s' * (abs(days) != 1)}"


def zone_words(talks: Sequence[Talk], zone: ZoneInfo) -> str:
    """'Europe/Berlin (CET)', or the zone alone when its abbreviation says nothing more."""
    names = sorted({t.start.astimezone(zone).tzname() or "" for t in talks} - {""})
    return f"{zone.key} ({'/'.join(names)})" if names and names != [zone.key] else zone.key


def sources_words(talks: Sequence[Talk]) -> str:
    """Where the talks came from, by file name only: a printed page never shows the folders of
    the machine that made it."""
    names = sorted({"standard input" if t.source in ("-", "<stdin>") else
                    os.path.basename(t.source.rstrip("/\\")) or t.source for t in talks})
    if len(names) > NAMED_SOURCES:
        return ", ".join(names[:NAMED_SOURCES]) + f" and {len(names) - NAMED_SOURCES} more"
    return ", ".join(names)


def _clash_words(talk: Talk, clash: Any, zone: ZoneInfo) -> str:
    named = [f"{_clock(o.start.astimezone(zone))} {one_line(o.title) or 'an untitled talk'}"
             for o in clash.first[:NAMED_CLASHES]]
    more = clash.count - len(named)
    return "; ".join(named) + (f" and {more} more" if more > 0 else "")


def rows(talks: Sequence[Talk], tz: str, plan: Plan | None = None) -> list[Day]:
    """The days of the agenda in the reader's zone `tz`, each a list of blocks of consecutive
    talks of one track (so the track is printed once per block)."""
    zone = ZoneInfo(tz)
    # a cancelled talk takes no time from the others, nor does an alternative a plan set aside
    clashes = overlaps([t for t in attending(talks, plan) if t.status is not Status.CANCELLED],
                       NAMED_CLASHES)
    ordered = sorted(talks, key=lambda t: t.start)
    days: list[Day] = []

    def local_day(talk: Talk) -> Any:
        return talk.start.date() if talk.all_day else talk.start.astimezone(zone).date()

    for day, group in groupby(ordered, key=local_day):
        blocks: list[Block] = []
        for track, members in groupby(group, key=lambda t: one_line(t.track)):
            blocks.append(Block(track, [_row(t, zone, clashes, plan) for t in members]))
        days.append(Day(f"day-{day.isoformat()}", f"{day:%A}, {day.day} {day:%B %Y}", blocks))
    return days


def _planned(talks: Sequence[Talk], zone: ZoneInfo) -> str:
    return "; ".join(f"{_clock(t.start.astimezone(zone))} {one_line(t.title) or 'an untitled talk'}"
                     + (f" ({one_line(t.room)})" if t.room else "") for t in talks)


def _row(talk: Talk, zone: ZoneInfo, clashes: dict[str, Any], plan: Plan | None = None) -> Row:
    label = KIND_LABEL.get(talk.kind, talk.kind.value.capitalize())
    cancelled = talk.status is Status.CANCELLED
    classes = ["talk" if talk.is_talk else "slot"]
    if cancelled:
        classes.append("cancelled")
    elif talk.status is Status.TENTATIVE:
        classes.append("tentative")
    clash = clashes.get(talk.uid)
    if clash is not None:
        classes.append("clash")
    if talk.all_day:
        time, shift, own = "all day", "", ""
    else:
        start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
        time = _span(start, end)
        shift = own = ""
        if talk.zone != zone.key:
            page = ZoneInfo(talk.zone)
            there, until = talk.start.astimezone(page), talk.end.astimezone(page)
            if (there.utcoffset(), there.tzname()) != (start.utcoffset(), start.tzname()):
                own = f"{_span(there, until)} {there.tzname() or talk.zone}"
                shift = _shift((start.date() - there.date()).days)
    status = " (cancelled)" if cancelled else " (tentative)" \
        if talk.status is Status.TENTATIVE else ""
    return Row(iso=talk.start.strftime("%Y-%m-%dT%H:%MZ"), time=time, shift=shift, own=own,
               title=one_line(talk.title) or label, authors=", ".join(map(one_line, talk.authors)),
               kind=label + status, room=one_line(talk.room),
               url=talk.url if talk.url and _SAFE_URL.match(talk.url) else "",
               classes=" ".join(classes), cancelled=cancelled,
               clash=_clash_words(talk, clash, zone) if clash is not None else "",
               alternatives=_planned(plan.alternatives.get(talk.uid, ()), zone) if plan else "",
               alternative_to=_planned([plan.alternative_to[talk.uid]], zone)
               if plan and talk.uid in plan.alternative_to else "")


def context(talks: Sequence[Talk], options: ExportOptions, stamp: datetime, tz: str,
            paper: str = "") -> dict[str, Any]:
    """Everything the template shows, as plain values."""
    zone = ZoneInfo(tz)
    days = rows(talks, tz, options.plan)
    count = sum(t.is_talk for t in talks)
    clashes = sum(1 for d in days for b in d.blocks for r in b.rows if r.clash)
    shifted = any(r.own for d in days for b in d.blocks for r in b.rows)
    return {
        "name": one_line(options.calendar_name) or "Conference agenda",
        "selection": options.selection_words,
        "zone": zone_words(talks, zone),
        "count": f"{count} talk{'s' * (count != 1)}",
        "day_count": f"{len(days)} day{'s' * (len(days) != 1)}",
        "clashes": clashes,
        "shifted": shifted,
        "days": days,
        "sources": sources_words(talks),
        "stamp": stamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "page_per_day": options.page_per_day,
        "paper": paper,
    }


def render_text(talks: Sequence[Talk], options: ExportOptions, stamp: datetime, tz: str,
                paper: str = "") -> str:
    """The whole document as one string (what the PDF writer lays out)."""
    return environment().get_template(TEMPLATE).render(context(talks, options, stamp, tz, paper))


def stream(talks: Sequence[Talk], options: ExportOptions, stamp: datetime, zone: str
           ) -> Iterator[bytes]:
    """The registry's writer (see agenda.formats): the document in chunks of about 64 KiB."""
    template = environment().get_template(TEMPLATE)
    return _chunks(template.generate(context(talks, options, stamp, zone)))


def _chunks(parts: Iterator[str]) -> Iterator[bytes]:
    buffer: list[str] = []
    size = 0
    for part in parts:
        buffer.append(part)
        size += len(part)
        if size >= CHUNK:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")
