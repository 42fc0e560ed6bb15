"""Talks as a terminal listing or as JSON, for `agenda list`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from .models import Talk


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")


def shown_zone(talk: Talk, tz: str | None) -> ZoneInfo:
    """The zone people read a talk in: the one asked for, else the page's own."""
    return ZoneInfo(tz or talk.zone)


def authors_short(authors: tuple[str, ...], limit: int = 3) -> str:
    if len(authors) <= limit:
        return ", ".join(authors)
    return ", ".join(authors[:limit]) + f" +{len(authors) - limit}"


def text_lines(talks: Iterable[Talk], tz: str | None = None) -> Iterable[str]:
    """One line per slot: local date, weekday, time range and zone, kind, title, authors."""
    for talk in talks:
        zone = shown_zone(talk, tz)
        start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
        until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %H:%M}"
        title = talk.title or "(empty slot)"
        who = f" — {authors_short(talk.authors)}" if talk.authors else ""
        kind = talk.kind.value
        yield f"{start:%Y-%m-%d %a %H:%M}-{until} {start.tzname()}  {kind:<9} {title}{who}"


def as_record(talk: Talk, tz: str | None = None) -> dict[str, object]:
    zone, own = shown_zone(talk, tz), ZoneInfo(talk.zone)
    return {
        "uid": talk.uid,
        "title": talk.title,
        "authors": list(talk.authors),
        "kind": talk.kind.value,
        "number": talk.number,
        "track": talk.track,
        "chairs": list(talk.chairs),
        "start": iso_utc(talk.start),
        "end": iso_utc(talk.end),
        "wall_start": talk.start.astimezone(own).isoformat(),
        "wall_end": talk.end.astimezone(own).isoformat(),
        "label": talk.label,
        "page_zone": talk.zone,
        "local_start": talk.start.astimezone(zone).isoformat(),
        "local_end": talk.end.astimezone(zone).isoformat(),
        "local_zone": zone.key,
        "abstract": talk.abstract,
        "source": talk.source,
        "line": talk.line,
        "layout": talk.layout,
    }


def as_json(talks: Iterable[Talk], tz: str | None = None) -> str:
    return json.dumps([as_record(t, tz) for t in talks], ensure_ascii=False, indent=2) + "\n"
