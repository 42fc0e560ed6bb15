"""The one path every command takes: sources -> talks -> selection -> outputs.

Commands build a frozen options record and call one function here; nothing below depends on
click, so everything the CLI does can be tested without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from .models import Schedule
from .schedule import build_schedule
from .sources import DEFAULT_SOURCES, expand, open_all
from .timing import TimeSettings, zone_named


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Which pages to read and what the user told us about their times."""

    sources: tuple[str, ...] = DEFAULT_SOURCES
    today: date = field(default_factory=date.today)
    year: int | None = None
    source_tz: str | None = None
    keep_going: bool = False

    def time_settings(self) -> TimeSettings:
        if self.source_tz:
            zone_named(self.source_tz, "--source-tz")
        return TimeSettings(today=self.today, year=self.year, source_tz=self.source_tz)


def load(options: ReadOptions, stdin: BinaryIO | None = None) -> Schedule:
    """Every slot of every page the options name, with exact UTC times and stable UIDs."""
    settings = options.time_settings()
    pages = open_all(expand(options.sources or DEFAULT_SOURCES), stdin)
    return build_schedule(pages, settings, options.keep_going)
