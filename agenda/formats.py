"""The registry of output formats: name, file extension, media type and writer, in one place.

`export`, `-o` extension resolution, `--format` choices and the feed's routes all read this
table, so a new format is one writer module and one line here. Writers are imported only when
used, so each run loads just the libraries its formats need.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from .errors import OptionError
from .models import Talk

if TYPE_CHECKING:
    from .pipeline import ExportOptions

# writer(talks, options, stamp, zone) -> chunks of the file: `stamp` is the run's fixed DTSTAMP,
# `zone` the one zone of outputs that need a single one (the user's, else the pages' own).
Writer = Callable[[Sequence[Talk], "ExportOptions", datetime, str], Iterator[bytes]]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    extension: str
    media_type: str
    writer: str  # "module:function", imported when first used
    description: str
    default: bool = True  # written by a plain `agenda export`

    def load(self) -> Writer:
        module, function = self.writer.split(":")
        return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


FORMATS: tuple[Format, ...] = (
    Format("ics", "ics", "text/calendar; charset=utf-8", "agenda.ics:stream",
           "iCalendar, for calendar apps"),
    Format("csv", "csv", "text/csv; charset=utf-8", "agenda.tables:stream",
           "CSV, for spreadsheets and calendar CSV import"),
    Format("md", "md", "text/markdown; charset=utf-8", "agenda.markdown:stream",
           "a Markdown agenda"),
    Format("html", "html", "text/html; charset=utf-8", "agenda.printed:stream",
           "a printable agenda page (self-contained HTML)", default=False),
    Format("pdf", "pdf", "application/pdf", "agenda.pdf:stream",
           "the printable agenda as PDF (needs agenda[pdf])", default=False),
)
BY_NAME = {f.name: f for f in FORMATS}
BY_EXTENSION = {f.extension: f for f in FORMATS}
NAMES = tuple(BY_NAME)
DEFAULTS = tuple(f.name for f in FORMATS if f.default)


def named(name: str, option: str = "--format") -> Format:
    """The format called `name`, or an error listing the known ones."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise OptionError(f"{option}: unknown format {name!r}; choose from "
                          f"{', '.join(NAMES)}") from None


def stream(fmt: str, talks: Sequence[Talk], options: ExportOptions, stamp: datetime,
           zone: str) -> Iterator[bytes]:
    """One format's bytes as a stream of chunks (nothing large is held in memory)."""
    return named(fmt).load()(talks, options, stamp, zone)
