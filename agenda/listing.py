"""Talks as a terminal listing or as JSON, for `agenda list`."""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from .choice import Choice
from .conflicts import overlaps
from .models import Talk
from .plan import Plan, attending, tight
from .rules import Selection
from .text import multi_line, one_line


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
        return ", ".join(map(one_line, authors))
    return ", ".join(map(one_line, authors[:limit])) + f" +{len(authors) - limit}"


def when(talk: Talk, tz: str | None) -> str:
    """'2020-12-09 Wed 06:00-06:15 PST' in the shown zone."""
    zone = shown_zone(talk, tz)
    start, end = talk.start.astimezone(zone), talk.end.astimezone(zone)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %H:%M}"
    return f"{start:%Y-%m-%d %a %H:%M}-{until} {start.tzname()}"


def text_lines(talks: Sequence[Talk], tz: str | None = None,
               explain: Choice | Selection | None = None,
               plan: Plan | None = None) -> Iterable[str]:
    """One line per slot: local date, weekday, time range and zone, kind, title, authors (and
    the conference, when the talks come from several); with `explain`, a second line saying
    which rule selected the talk; with a `plan`, each talk's alternatives under it and the
    must-see talks that still clash at the end."""
    several = len({t.conference for t in talks}) > 1
    for talk in talks:
        if plan is not None and talk.uid in plan.alternative_to:
            continue  # listed under the talk it is an alternative of
        yield _line(talk, tz, several)
        if explain is not None:
            yield f"    selected by: {explain.explain(talk) or 'no rules (everything)'}"
        if plan is not None:
            for other in plan.alternatives.get(talk.uid, ()):
                yield f"    or: {when(other, tz)}  {_title(other)}{_where(other)}" \
                      f" ({plan.why[other.uid]})"
    if plan is not None:
        yield from _plan_summary(plan, tz)


def _title(talk: Talk) -> str:
    return one_line(talk.title) or "(empty slot)"


def _where(talk: Talk) -> str:
    return f" [{talk.room}]" if talk.room else ""


def _line(talk: Talk, tz: str | None, several: bool) -> str:
    who = f" — {authors_short(talk.authors)}" if talk.authors else ""
    conference = f" · {talk.conference}" if several and talk.conference else ""
    return f"{when(talk, tz)}  {talk.kind.value:<9} {_title(talk)}{who}{conference}"


def _plan_summary(plan: Plan, tz: str | None) -> Iterable[str]:
    aside = len(plan.set_aside)
    kept = sum(t.is_talk for t in plan.kept)
    yield (f"plan: {kept} talk{'s' * (kept != 1)} kept, {aside} set aside as "
           f"alternative{'s' * (aside != 1)}" + (f", {len(plan.clashes)} must-see clash"
                                                  f"{'es' * (len(plan.clashes) != 1)}"
                                                  if plan.clashes else ""))
    for first, second in plan.clashes:
        yield f"clash: {when(first, tz)}  {_title(first)} / {when(second, tz)}  " \
              f"{_title(second)} (both must)"


def conflict_lines(talks: Sequence[Talk], tz: str | None = None,
                   plan: Plan | None = None) -> Iterable[str]:
    """Each selected talk that overlaps others, with the first few of them (after a plan: the
    talks it kept, so only must-see clashes remain)."""
    talks = attending(talks, plan)
    clashes = overlaps(talks)
    rushed = [(a, b) for a, b in plan.clashes if tight(a, b)] if plan is not None else []
    if not clashes and not rushed:
        yield "no conflicts"
    for first, second in rushed:
        yield f"conflict: {when(first, tz)}  {first.title} ({first.track})"
        yield f"    too little time to change rooms before: {when(second, tz)}  {second.title}"
    for talk in talks:
        clash = clashes.get(talk.uid)
        if clash is None:
            continue
        yield f"conflict: {when(talk, tz)}  {one_line(talk.title)} ({one_line(talk.track)})"
        for other in clash.first:
            yield f"    with: {when(other, tz)}  {one_line(other.title)} ({one_line(other.track)})"
        if clash.count > len(clash.first):
            yield f"    and {clash.count - len(clash.first)} more"


def as_record(talk: Talk, tz: str | None = None, plan: Plan | None = None
              ) -> dict[str, object]:
    zone, own = shown_zone(talk, tz), ZoneInfo(talk.zone)
    record: dict[str, object] = {
        "uid": talk.uid,
        "title": one_line(talk.title),
        "authors": [one_line(a) for a in talk.authors],
        "kind": talk.kind.value,
        "number": talk.number,
        "track": one_line(talk.track),
        "chairs": [one_line(c) for c in talk.chairs],
        "start": iso_utc(talk.start),
        "end": iso_utc(talk.end),
        "wall_start": talk.start.astimezone(own).isoformat(),
        "wall_end": talk.end.astimezone(own).isoformat(),
        "label": talk.label,
        "page_zone": talk.zone,
        "local_start": talk.start.astimezone(zone).isoformat(),
        "local_end": talk.end.astimezone(zone).isoformat(),
        "local_zone": zone.key,
        "abstract": multi_line(talk.abstract),
        "source": talk.source,
        "line": talk.line,
        "layout": talk.layout,
        "conference": talk.conference,
    }
    if plan is not None:
        other = plan.alternative_to.get(talk.uid)
        record["priority"] = plan.priorities.get(talk.uid, "maybe")
        record["alternative_to"] = other.uid if other is not None else None
        record["alternatives"] = [t.uid for t in plan.alternatives.get(talk.uid, ())]
    return record


def as_json(talks: Iterable[Talk], tz: str | None = None, plan: Plan | None = None) -> str:
    """The talks as JSON; with a plan, each says its priority and alternatives, and the talks
    set aside are listed too (with `alternative_to`)."""
    shown = list(talks)
    if plan is not None:
        written = {t.uid for t in shown}
        aside = [t for t in plan.set_aside if t.uid not in written]
        shown = list(heapq.merge(shown, aside, key=lambda t: (t.start, t.end)))
    return json.dumps([as_record(t, tz, plan) for t in shown], ensure_ascii=False,
                      indent=2) + "\n"
