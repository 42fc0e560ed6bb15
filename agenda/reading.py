"""Turning named pages into PageReads: one after another, or, for a large conference, on every
core at once.

Each page yields its PageRead or the AgendaError that stopped it, in page order, so the caller
decides what an error means (stop, or skip with --keep-going) the same way for both. Forked
workers read, decode and parse chunks of pages; their PageReads come back flattened into plain
tuples and marshalled, several times cheaper than pickling the records, which would cost about
as much as the parsing saved.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, BinaryIO

from .errors import AgendaError
from .forked import map_forked
from .models import Kind
from .readers import decode, read_page
from .readers.page import FixedRange, PageRead, RawSlot, WallRange
from .sources import display_name, read_source

Outcome = PageRead | AgendaError
# Below about this much input, forking costs more than it saves.
FORK_FROM_BYTES = 4_000_000
# This process's share of the pages, relative to a child's (it also unpacks their results).
HERE_SHARE = 0.9


def read_each(names: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[Outcome]:
    """Each page's PageRead, or the error that stopped it, in order."""
    for name in names:
        yield read_one(name, stdin=stdin)


def read_given(pages: Iterable[tuple[str, bytes]]) -> Iterator[Outcome]:
    """The same for pages already in memory."""
    for name, data in pages:
        yield read_one(name, data=data)


def read_one(name: str, stdin: BinaryIO | None = None, data: bytes | None = None) -> Outcome:
    """One page read from `data`, or from the file (or standard input) it names."""
    try:
        raw = read_source(name, stdin) if data is None else data
        return read_page(decode(display_name(name), raw))
    except AgendaError as exc:
        return exc


def worth_forking(names: Sequence[str], workers: int) -> bool:
    """Several cores, a real fork, files only (standard input is read once, here) and enough
    bytes to pay for the processes."""
    from .forked import can_fork

    if workers < 2 or "-" in names or not can_fork():
        return False
    return sum(os.path.getsize(n) for n in names if os.path.isfile(n)) >= FORK_FROM_BYTES


def read_forked(names: Sequence[str], workers: int) -> Iterator[Outcome]:
    """What read_each gives, computed on `workers` cores: forked children read the later pages
    while this process reads the first share itself (it has the children's results to unpack
    afterwards, so its share is smaller)."""
    def part(bounds: tuple[int, int]) -> tuple[bytes, dict[int, AgendaError]]:
        flat: list[tuple[Any, ...] | None] = []
        errors: dict[int, AgendaError] = {}
        for index, name in enumerate(names[bounds[0]:bounds[1]]):
            outcome = read_one(name)
            if isinstance(outcome, AgendaError):
                errors[index] = outcome
                flat.append(None)
            else:
                flat.append(_flatten(outcome))
        return marshal.dumps(flat), errors

    here = int(len(names) * HERE_SHARE / workers)
    step = -(-(len(names) - here) // (workers - 1))
    parts = [(i, min(i + step, len(names))) for i in range(here, len(names), step)]
    children = map_forked(part, parts, len(parts))
    try:
        yield from read_each(names[:here])
        walls: dict[tuple[Any, ...], WallRange] = {}  # one record per distinct slot line
        for data, errors in children:
            for index, flat in enumerate(marshal.loads(data)):
                yield errors[index] if flat is None else _unflatten(flat, walls)
    finally:  # a bad page here stops the run: stop the children too
        close = getattr(children, "close", None)
        if close is not None:
            close()


def _flatten(page: PageRead) -> tuple[Any, ...]:
    slots = []
    for s in page.slots:
        when = s.when
        if isinstance(when, WallRange):
            flat_when: tuple[Any, ...] = (when.day, when.month, when.year, when.weekday,
                                          when.start, when.end, when.label)
        else:
            flat_when = (when.start.isoformat(), when.end.isoformat())
        slots.append((s.line, flat_when, s.title, s.authors, s.abstract, s.kind.value,
                      s.number))
    return page.path, page.layout, page.track, page.chairs, page.heading_year, tuple(slots)


def _unflatten(flat: tuple[Any, ...], walls: dict[tuple[Any, ...], WallRange]) -> PageRead:
    path, layout, track, chairs, heading_year, flat_slots = flat
    slots = []
    for line, flat_when, title, authors, abstract, kind, number in flat_slots:
        when: WallRange | FixedRange
        if len(flat_when) == 2:
            when = FixedRange(datetime.fromisoformat(flat_when[0]),
                              datetime.fromisoformat(flat_when[1]))
        else:
            when = walls.get(flat_when) or walls.setdefault(flat_when, WallRange(*flat_when))
        slots.append(RawSlot(line, when, title, authors, abstract, Kind(kind), number))
    return PageRead(path, layout, track, chairs, heading_year, tuple(slots))
