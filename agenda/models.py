"""Immutable records shared by every part of agenda.

All datetimes are aware and in UTC; the zone a page was written in is kept by name so writers
can show wall times where people read them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Kind(enum.StrEnum):
    ORAL = "oral"
    SPOTLIGHT = "spotlight"
    PAPER = "paper"
    POSTER = "poster"
    INVITED = "invited"
    BREAK = "break"
    QA = "q&a"
    EMPTY = "empty"
    # Kinds that published schedules and other programmes use.
    TALK = "talk"
    KEYNOTE = "keynote"
    PANEL = "panel"
    TUTORIAL = "tutorial"
    WORKSHOP = "workshop"
    OPENING = "opening"
    SOCIAL = "social"

    @property
    def is_talk(self) -> bool:
        """Breaks, joint Q&As and empty slots are kept as slots but are not talks."""
        return self not in (Kind.BREAK, Kind.QA, Kind.EMPTY)


class Status(enum.StrEnum):
    """What the source says of an event: calendars show a cancelled event struck through."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Talk:
    """One slot of a schedule: a talk, or a break / Q&A / empty slot (see `kind`)."""

    title: str
    authors: tuple[str, ...]
    abstract: str
    kind: Kind
    number: int | None
    track: str
    chairs: tuple[str, ...]
    start: datetime
    end: datetime
    zone: str
    label: str
    source: str
    line: int
    layout: str
    url: str | None = None
    room: str = ""
    status: Status = Status.CONFIRMED
    # A DATE-valued event of a published calendar: start and end are the UTC midnights of its
    # first and (exclusive) last day, written back as dates.
    all_day: bool = False
    uid: str = ""
    # From the history (agenda.history), when one is kept: the event's SEQUENCE and when its
    # current version was first seen (LAST-MODIFIED); None means no history, and neither is
    # written.
    sequence: int = 0
    modified: datetime | None = None
    # The conference the talk belongs to ('NeurIPS 2020', a published file's own title), when
    # the source says; '' when it does not.
    conference: str = ""

    @property
    def is_talk(self) -> bool:
        return self.kind.is_talk


@dataclass(frozen=True, slots=True)
class Notice:
    """Something inferred or suspicious that the user should hear about (printed on stderr)."""

    message: str
    path: str | None = None
    line: int | None = None
    # Notices with the same topic say the same thing of different pages, so a run of a thousand
    # pages can be told once for most of them (see agenda.notes).
    topic: str | None = None

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Schedule:
    """What reading a set of sources produced."""

    talks: tuple[Talk, ...]
    notices: tuple[Notice, ...] = ()
    skipped: tuple[str, ...] = field(default=())
