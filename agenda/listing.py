"""Talks as a terminal listing or as JSON, for `agenda list`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from .conflicts import overlaps
from .models import Talk
from .rules import Selection


@dataclass(frozen=True, slots=True)
class Listing:
    """How `agenda list` shows the talks."""

    as_json: bool = False
    show_all: bool = False
    explain: bool = False
    conflicts: bool = False


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")


def shown_zone(talk: Talk, tz: str | None) -> ZoneInfo:
    """The zone people read a talk in: the one asked for, else the page's own."""
    return ZoneInfo(tz or talk.zone)


def authors_short(authors: tuple[str, ...], limit: int = 3) -> str:
    if len(authors) <= limit:
        return ", ".join(authors)
    return ", ".join(authors[:limit]) + f" +{len(authors) - limit}"


def when(talk: Talk, tz: str | None) -> str:
    """'2020-12-09 Wed 06:00-06:15 PST' in the shown zone."""
    zone = shown_zone(talk, tz)
    start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %H:%M}"
    return f"{start:%Y-%m-%d %a %H:%M}-{until} {start.tzname()}"


def text_lines(talks: Iterable[Talk], tz: str | None = None,
               explain: Selection | None = None) -> Iterable[str]:
    """One line per slot: local date, weekday, time range and zone, kind, title, authors; with
    `explain`, a second line saying which rule selected the talk."""
    for talk in talks:
        title = talk.title or "(empty slot)"
        who = f" — {authors_short(talk.authors)}" if talk.authors else ""
        yield f"{when(talk, tz)}  {talk.kind.value:<9} {title}{who}"
        if explain is not None:
            yield f"    selected by: {explain.explain(talk) or 'no rules (everything)'}"


def conflict_lines(talks: Sequence[Talk], tz: str | None = None) -> Iterable[str]:
    """Each selected talk that overlaps others, with the first few of them."""
    clashes = overlaps(talks)
    if not clashes:
        yield "no conflicts"
    for talk in talks:
        clash = clashes.get(talk.uid)
        if clash is None:
            continue
        yield f"conflict: {when(talk, tz)}  {talk.title} ({talk.track})"
        for other in clash.first:
            yield f"    with: {when(other, tz)}  {other.title} ({other.track})"
        if clash.count > len(clash.first):
            yield f"    and {clash.count - len(clash.first)} more"


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
