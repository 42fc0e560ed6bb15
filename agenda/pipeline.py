"""The one path every command takes: sources -> talks -> selection -> outputs.

Commands build a frozen options record and call one function here; nothing below depends on
click, so everything the CLI does can be tested without it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, BinaryIO

from .choice import Choice
from .errors import OptionError, PageError, SourceError
from .models import Notice, Schedule, Status, Talk
from .outputs import Progress, targets, write_all_atomically
from .reading import Outcome, read_each
from .rules import Selection, TextIndex
from .schedule import assemble
from .sources import DEFAULT_SOURCES, expand, is_url
from .timing import TimeSettings, zone_named

if TYPE_CHECKING:
    from .changes import Change
    from .history import HistoryOptions
    from .ics import IcsOptions
    from .listing import Listing
    from .plan import Plan
    from .remote import Fetcher


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Which pages to read and what the user told us about their times."""

    sources: tuple[str, ...] = DEFAULT_SOURCES
    today: date = field(default_factory=date.today)
    year: int | None = None
    source_tz: str | None = None
    keep_going: bool = False
    date: date | None = None

    def time_settings(self) -> TimeSettings:
        if self.source_tz:
            zone_named(self.source_tz, "--source-tz")
        return TimeSettings(today=self.today, year=self.year, source_tz=self.source_tz,
                            date=self.date)


# Above about a second of reading (see benchmarks/) a progress wrapper, if the caller gives
# one, is used.
PROGRESS_BYTES = 16_000_000
PROGRESS_TALKS = 5_000
# From about this many talks, writing the formats side by side in forked processes pays for the
# forks (measured by benchmarks/run.py; the README's performance section has the numbers).
CONCURRENT_FROM = 2_000


def load(options: ReadOptions, stdin: BinaryIO | None = None,
         progress: Progress | None = None, fetcher: Fetcher | None = None) -> Schedule:
    """Every slot of every page the options name, with exact UTC times and stable UIDs.
    `progress(items, count, label)` may wrap the pages being read (e.g. a progress bar). URL
    sources are fetched through `fetcher` (a server keeps one), else a new one."""
    settings = options.time_settings()
    names = expand(options.sources or DEFAULT_SOURCES)
    own = fetcher is None and any(map(is_url, names))
    if own:
        from .remote import Fetcher

        fetcher = Fetcher()
    try:
        outcomes: Iterable[Outcome] = read_each(names, stdin, fetcher)
        if progress is not None and _size(names) > PROGRESS_BYTES:
            outcomes = progress(outcomes, len(names), "reading")
        schedule = assemble(outcomes, settings, options.keep_going)
    except (SourceError, PageError) as exc:
        if len(names) > 1 and exc.path is not None and exc.path != "<stdin>":
            exc.message += f" (or pass --keep-going to skip it and read the other {len(names) - 1})"
        raise
    finally:
        if own and fetcher is not None:
            fetcher.close()
    stale = fetcher.notices(names) if fetcher is not None else []
    return replace(schedule, notices=(*stale, *schedule.notices)) if stale else schedule


def _size(names: Sequence[str]) -> int:
    return sum(os.path.getsize(n) for n in names if n != "-" and os.path.isfile(n))


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to write and how. `tz` is the zone people read (None: the pages' own zone)."""

    formats: tuple[str, ...] = ()
    output: str | None = None
    tz: str | None = None
    utc: bool = False
    calendar_name: str = "Conference agenda"
    free: bool = False
    alarm: timedelta | None = None
    csv_style: str = "data"
    include_all: bool = False
    workers: int = 1  # processes for large .ics exports (the CLI uses every core)
    brief: bool = False  # .ics descriptions without abstracts
    selection_words: str = ""  # the selection in words, for a printed agenda's header
    page_per_day: bool = False  # a printed agenda starts each day on a new page
    plan: Plan | None = None  # what --plan kept and set aside (writers show the alternatives)

    def ics_options(self, stamp: datetime) -> IcsOptions:
        """The .ics writer's part of these options."""
        from .ics import IcsOptions

        return IcsOptions(dtstamp=stamp, calendar_name=self.calendar_name, tz=self.tz,
                          utc=self.utc, free=self.free, alarm=self.alarm, brief=self.brief,
                          plan=self.plan)


@dataclass(frozen=True, slots=True)
class ExportResult:
    paths: tuple[str, ...]
    talks: int
    zone: str
    notices: tuple[Notice, ...]
    data: bytes = b""  # what went to standard output, for -o -
    changes: tuple[Change, ...] = ()  # what the history recorded as changed (see --history)

    def summary(self) -> str:
        return (f"wrote {self.talks} talk{'s' * (self.talks != 1)} to {', '.join(self.paths)} "
                f"(times in {self.zone})")


@dataclass(frozen=True, slots=True)
class ListResult:
    lines: tuple[str, ...]
    notices: tuple[Notice, ...]


def list_talks(read: ReadOptions, selection: Choice | Selection | None, shown: Listing,
               stdin: BinaryIO | None = None, progress: Progress | None = None) -> ListResult:
    """What `agenda list` prints: the selected talks as text lines or JSON, and the notices."""
    from . import listing

    schedule = load(read, stdin, progress)
    choice = as_choice(selection)
    decision = decide(schedule, choice, shown.show_all)
    talks, plan = decision.talks, decision.plan
    tz = choice.tz
    if shown.as_json:
        lines: Iterable[str] = [listing.as_json(talks, tz, plan)]
    elif shown.conflicts:
        lines = listing.conflict_lines(talks, tz, plan)
    else:
        lines = listing.text_lines(talks, tz, choice if shown.explain else None, plan)
    return ListResult(tuple(lines), schedule.notices + decision.notices)


def dtstamp(schedule: Schedule) -> datetime:
    """SOURCE_DATE_EPOCH if set (the reproducible-builds convention), else the schedule's first
    start: a value fixed by the input, never by the clock, so bytes change only with the input."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError):
            raise OptionError(
                f"SOURCE_DATE_EPOCH: expected seconds since 1970, got {epoch!r}") from None
    return min((t.start for t in schedule.talks), default=datetime(1970, 1, 1, tzinfo=UTC))


def reading_zone(talks: Sequence[Talk], tz: str | None) -> str:
    """One zone for outputs that need one: the user's, else the pages' most common zone."""
    if tz:
        return tz
    counts = Counter(t.zone for t in talks)
    return counts.most_common(1)[0][0] if counts else "UTC"


def render(fmt: str, talks: Sequence[Talk], options: ExportOptions, stamp: datetime,
           zone: str) -> bytes:
    """One output format as bytes."""
    return b"".join(chunks(fmt, talks, options, stamp, zone))


def chunks(fmt: str, talks: Sequence[Talk], options: ExportOptions, stamp: datetime,
           zone: str) -> Iterator[bytes]:
    """One output format as a stream of chunks (nothing large is held in memory)."""
    from .formats import stream

    return stream(fmt, talks, options, stamp, zone)


def export(read: ReadOptions, options: ExportOptions,
           selection: Choice | Selection | None = None,
           stdin: BinaryIO | None = None, progress: Progress | None = None,
           history: HistoryOptions | None = None) -> ExportResult:
    """Read, select and write every requested format. Each format streams to a temporary file
    and all are renamed into place only when every one is complete, so a failure leaves the
    previous outputs exactly as they were. With a `history` the selection is recorded first
    and the talks carry their SEQUENCE; recently vanished ones are written as cancelled."""
    formats, paths = targets(options.output, options.formats)
    if not options.selection_words:
        options = described(options, selection)
    schedule = load(read, stdin, progress)
    decision = decide(schedule, selection, options.include_all)
    talks, notes = decision.talks, decision.notices
    options = replace(options, plan=decision.plan)
    changes: tuple[Change, ...] = ()
    if history is not None:
        from .history import follow, selection_scope

        followed = follow(history, selection_scope(read.sources, as_choice(selection).identity(),
                                                   options.include_all),
                          schedule.talks, talks)
        talks, changes = followed.talks, tuple(followed.changes)
    zone = reading_zone(talks or schedule.talks, options.tz)
    stamp = dtstamp(schedule)
    notices = schedule.notices + notes
    if paths == ["-"]:
        data = render(formats[0], talks, options, stamp, zone)
        return ExportResult((), len(talks), zone, notices + _too_big(formats[0], "-", len(data),
                                                                      len(talks)), data, changes)
    items = [(path, chunks(fmt, talks, options, stamp, zone))
             for path, fmt in zip(paths, formats, strict=True)]
    write_all_atomically(items, concurrent=options.workers > 1 and len(talks) >= CONCURRENT_FROM,
                         progress=progress if len(talks) > PROGRESS_TALKS else None)
    for path, fmt in zip(paths, formats, strict=True):
        notices += _too_big(fmt, path, os.path.getsize(path), len(talks))
    return ExportResult(tuple(paths), len(talks), zone, notices, changes=changes)


def _too_big(fmt: str, path: str, size: int, events: int) -> tuple[Notice, ...]:
    from .sizes import too_big

    return too_big(path, size, events) if fmt == "ics" else ()


def described(options: ExportOptions, selection: Choice | Selection | None) -> ExportOptions:
    """`options` with the selection said in words (a printed agenda's header shows it)."""
    from .selection_words import describe

    return replace(options, selection_words=describe(selection, options.include_all))


def as_choice(selection: Choice | Selection | None) -> Choice:
    return selection if isinstance(selection, Choice) else Choice.of(selection)


@dataclass(frozen=True, slots=True)
class Decision:
    """What a choice gives: the talks to write or list, what the user should hear, and the
    plan when one was asked for."""

    talks: list[Talk]
    notices: tuple[Notice, ...] = ()
    plan: Plan | None = None


def choose(schedule: Schedule, selection: Choice | Selection | None, include_all: bool,
           index: TextIndex | None = None) -> tuple[list[Talk], tuple[Notice, ...]]:
    """The talks a choice keeps (see `decide`) and the notices."""
    decision = decide(schedule, selection, include_all, index)
    return decision.talks, decision.notices


def decide(schedule: Schedule, selection: Choice | Selection | None, include_all: bool,
           index: TextIndex | None = None) -> Decision:
    """The talks a choice keeps (breaks and empty slots only with include_all), planned when
    it asks for a plan. With an `index` of schedule.talks (a server's, made once per
    schedule) phrases are found through it. Every command and the feed choose here, so the
    page counts exactly what the feed serves."""
    choice = as_choice(selection)
    if choice.is_empty():
        return Decision([t for t in schedule.talks if include_all or t.is_talk])
    kept = [t for t in choice.select(schedule.talks, index) if include_all or t.is_talk]
    if not kept:
        return Decision(kept, (Notice("the selection matches no talk; the outputs are empty"),))
    if not choice.plan:
        return Decision(kept)
    from .plan import make_plan

    plan = make_plan(kept, choice.priorities(kept), choice.room_change)
    notes = tuple(Notice(f"two must-see talks clash, both kept: {_said(a)} and {_said(b)}",
                         topic=None) for a, b in plan.clashes)
    if choice.alternatives:
        aside = plan.alternative_to
        talks = [replace(t, status=Status.TENTATIVE) if t.uid in aside else t for t in kept]
    else:
        talks = list(plan.kept)
    return Decision(talks, notes, plan)


def _said(talk: Talk) -> str:
    from .plan import short

    return short(talk)
