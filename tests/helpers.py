"""Small helpers the tests share."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from agenda.models import Schedule
from agenda.pipeline import ReadOptions, load

from .conftest import TODAY


def utc(text: str) -> datetime:
    """An exact UTC instant from '2020-12-10T14:00Z'."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def read(*sources: object, today: date = TODAY, **options: object) -> Schedule:
    return load(ReadOptions(sources=tuple(str(s) for s in sources), today=today,
                            **options))  # type: ignore[arg-type]


def times(schedule: Schedule, talks_only: bool = True) -> Sequence[tuple[str, str, str]]:
    """(start, end, title) with instants as ISO UTC, for compact expectations."""
    return [(t.start.strftime("%Y-%m-%dT%H:%MZ"), t.end.strftime("%Y-%m-%dT%H:%MZ"), t.title)
            for t in schedule.talks if t.is_talk or not talks_only]


def page(tmp_path: object, name: str, text: str) -> str:
    """Write a small page for a test and return its path."""
    from pathlib import Path

    path = Path(str(tmp_path)) / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def talk_page(slot: str, title: str = "A Talk", authors: str = "Ann Author · Bo Builder",
              header: str = "Some Track") -> str:
    return f"{header}\n\n{slot}\n\n{title}\n\n{authors}\n\nAn abstract.\n"


def make_talk(title: str = "A Talk", start: str = "2020-12-10T14:00Z", minutes: int = 15,
              **fields: object) -> object:
    """A Talk with sensible defaults, for writer tests that need unusual input."""
    from dataclasses import replace
    from datetime import timedelta

    from agenda.models import Kind, Talk
    from agenda.schedule import with_uids

    begin = utc(start)
    talk = Talk(title=title, authors=("Ann Author", "Ivan Dokmanić"), abstract="An abstract.",
                kind=Kind.ORAL, number=None, track="Track 1", chairs=("Chair",), start=begin,
                end=begin + timedelta(minutes=minutes), zone="America/Los_Angeles", label="PST",
                source="page.txt", line=1, layout="neurips-text")
    talk = replace(talk, **fields)  # type: ignore[arg-type]
    return with_uids([talk])[0]
