"""`agenda changes`: what changed in a selection since it was last recorded, as lines or JSON.

Nothing is recorded here (`export` and the feed record), so asking twice gives the same answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .changes import (
    CANCELLED,
    KINDS,
    LEFT,
    MOVED,
    NEW,
    RESTORED,
    RETITLED,
    ROOM,
    SPEAKERS,
    STATUS,
    Change,
    ordered,
)
from .choice import Choice
from .history import HistoryOptions, follow, selection_scope
from .listing import authors_short, iso_utc, shown_zone, when
from .models import Notice, Talk
from .pipeline import ReadOptions, as_choice, choose, load
from .rules import Selection

LABEL = {NEW: "new", CANCELLED: "cancelled", RESTORED: "restored", MOVED: "moved",
         RETITLED: "retitled", ROOM: "new room", SPEAKERS: "speakers", STATUS: "status",
         LEFT: "left"}


@dataclass(frozen=True, slots=True)
class Report:
    changes: list[Change]
    talks: int  # in the selection now
    recorded: bool  # False: nothing was recorded for this selection yet
    notices: tuple[Notice, ...]


def changes_since(read: ReadOptions, selection: Selection | Choice | None,
                  history: HistoryOptions,
                  include_all: bool = False) -> Report:
    """Read the sources, select, and compare with what the history holds for the selection."""
    schedule = load(read)
    talks, notes = choose(schedule, selection, include_all)
    found = follow(history, selection_scope(read.sources, as_choice(selection).identity(),
                                            include_all),
                   schedule.talks, talks, write=False)
    return Report(ordered(found.changes), len(talks), not found.first, schedule.notices + notes)


def _was(old: Talk | None, new: Talk | None, kind: str, tz: str | None) -> str:
    if old is None or new is None:
        return ""
    if kind == MOVED:
        return f" (was {when(old, tz)})"
    if kind == RETITLED:
        return f" (was {json.dumps(old.title, ensure_ascii=False)})"
    if kind == ROOM:
        return f": {new.room or 'no room'} (was {old.room or 'no room'})"
    if kind == SPEAKERS:
        return f": {authors_short(new.authors)} (was {authors_short(old.authors)})"
    if kind == STATUS:
        return f": {new.status.value} (was {old.status.value})"
    return ""


def lines(report: Report, tz: str | None = None) -> Iterator[str]:
    """One line per change: what, when (now, in the reader's zone), title, and what it was."""
    if not report.recorded:
        yield (f"nothing recorded for this selection yet ({report.talks} talk"
               f"{'s' * (report.talks != 1)}); `agenda export` records it")
        return
    if not report.changes:
        yield "nothing changed since this selection was last recorded"
        return
    for change in report.changes:
        yield f"{LABEL[change.kind]:<9} {told(change, tz)}"


def told(change: Change, tz: str | None = None) -> str:
    """When (now, in the reader's zone), title, and what it was."""
    talk = change.talk
    tail = " (no longer matches the rules)" if change.kind == LEFT else ""
    who = f" — {authors_short(talk.authors)}" if change.kind == NEW and talk.authors else ""
    return (f"{when(talk, tz)}  {talk.title}{who}"
            f"{_was(change.old, change.new, change.kind, tz)}{tail}")


def _talk(talk: Talk | None, tz: str | None) -> dict[str, object] | None:
    if talk is None:
        return None
    zone = shown_zone(talk, tz)
    return {"title": talk.title, "authors": list(talk.authors), "start": iso_utc(talk.start),
            "end": iso_utc(talk.end), "local_start": talk.start.astimezone(zone).isoformat(),
            "local_end": talk.end.astimezone(zone).isoformat(), "room": talk.room,
            "track": talk.track, "status": talk.status.value}


def records(changes: Iterable[Change], tz: str | None = None) -> list[dict[str, object]]:
    return [{"kind": c.kind, "uid": c.uid, "old": _talk(c.old, tz), "new": _talk(c.new, tz)}
            for c in changes]


def as_json(report: Report, tz: str | None = None) -> str:
    return json.dumps({"recorded": report.recorded, "talks": report.talks,
                       "changes": records(report.changes, tz)},
                      ensure_ascii=False, indent=2) + "\n"


def counts(changes: Sequence[Change]) -> str:
    """'1 moved, 2 cancelled' in KINDS order."""
    found = [(sum(c.kind == kind for c in changes), kind) for kind in KINDS]
    return ", ".join(f"{n} {LABEL[kind]}" for n, kind in found if n)
