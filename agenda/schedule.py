"""Reading a run of pages into one Schedule: pages -> raw slots -> exact, identified talks.

Years and zones are settled here, across pages, because one page may date another (a Markdown
page with ISO dates tells which year an undated page of the same conference is in).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .errors import AgendaError
from .models import Kind, Notice, Schedule, Status, Talk
from .readers.page import FixedRange, PageRead, WallRange
from .reading import Outcome, read_given
from .text import fold
from .timing import (
    ZONE_LABELS,
    Instants,
    TimeSettings,
    check_weekday,
    fixed_instants,
    fixed_zone_name,
    offset_text,
    page_year,
    slot_year,
    wall_instants,
)
from .undated import dated


def read_pages(outcomes: Iterable[Outcome], keep_going: bool = False
               ) -> tuple[list[PageRead], list[Notice]]:
    """Every page read; with keep_going a bad page is reported and skipped, else it stops the
    run."""
    reads, skipped = [], []
    for outcome in outcomes:
        if isinstance(outcome, AgendaError):
            if not keep_going:
                raise outcome
            skipped.append(Notice(f"skipped: {outcome.message}", outcome.path, outcome.line))
        else:
            reads.append(outcome)
    return reads, skipped


def _anchors(reads: Sequence[PageRead]) -> list[tuple[date, str]]:
    """Full dates the pages themselves state, which may date other pages of the run: each date
    once, with at most two of the pages that state it (enough to find one that is not the page
    being dated)."""
    found: dict[date, list[str]] = {}
    for day, path in _stated_dates(reads):
        paths = found.setdefault(day, [])
        if len(paths) < 2 and path not in paths:
            paths.append(path)
    return [(day, path) for day, paths in found.items() for path in paths]


def _stated_dates(reads: Sequence[PageRead]) -> list[tuple[date, str]]:
    out = []
    for page in reads:
        # Readers share one range record among the rooms that repeat it: one date is enough.
        seen: set[int] = set()
        for slot in page.slots:
            if isinstance(slot.when, FixedRange):
                if id(slot.when) not in seen:
                    seen.add(id(slot.when))
                    out.append((slot.when.start.date(), page.path))
            elif slot.when.year is not None or page.heading_year is not None:
                year = slot.when.year if slot.when.year is not None else page.heading_year
                assert year is not None
                with contextlib.suppress(ValueError):
                    out.append((date(year, slot.when.month, slot.when.day), page.path))
    return out


def _display_zone(page: PageRead, labelled: Counter[str], settings: TimeSettings,
                  notes: list[Notice]) -> str:
    """The IANA zone to show an offset-only page in: the user's, or the run's own zone."""
    if settings.source_tz:
        return settings.source_tz

    first = next(s.when for s in page.slots if isinstance(s.when, FixedRange))
    offset = first.start.utcoffset()
    assert offset is not None
    for zone, _ in labelled.most_common():
        if ZoneInfo(zone).utcoffset(first.start.replace(tzinfo=None)) == offset:
            said = (f"times carry only the offset {offset_text(offset)}; showing them in {zone}, "
                    "the zone of the other pages (--source-tz to choose)")
            notes.append(Notice(said, page.path, topic=said))
            return zone
    fixed = fixed_zone_name(offset)
    said = (f"times carry only the offset {offset_text(offset)}; showing them in {fixed} "
            "(--source-tz to name a zone, e.g. America/Los_Angeles)")
    notes.append(Notice(said, page.path, topic=said))
    return fixed


class Row(NamedTuple):
    """A talk's fields but its UID, in Talk's order, and the source's own id for the event: rows
    are made into Talks once, when identified (see `identify`)."""

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
    url: str | None
    room: str
    status: Status
    all_day: bool
    source_uid: str
    conference: str = ""  # after the UID in Talk, so it is given by name


def settle(reads: Sequence[PageRead], settings: TimeSettings,
           skipped: list[Notice] | None = None) -> tuple[list[Row], list[Notice]]:
    """Exact UTC instants for every slot of every page. With a `skipped` list (--keep-going), a
    page whose times cannot be settled is left out and said there, as a page that cannot be
    read is."""
    notes: list[Notice] = []
    reads = [dated(p, settings.date) for p in reads]  # a no-op for pages with dates
    anchors = _anchors(reads)
    labelled: Counter[str] = Counter(
        ZONE_LABELS[s.when.label.upper()][1] for p in reads for s in p.slots
        if isinstance(s.when, WallRange) and s.when.label and s.when.label.upper() in ZONE_LABELS)
    rows: list[Row] = []
    # The same wall range in the same year always gives the same instants and remarks (and has
    # passed the weekday check): a conference has a few hundred distinct ones.
    instants: dict[tuple[WallRange, int], tuple[Instants, list[str]]] = {}
    for page in reads:
        kept = len(rows), len(notes)
        try:
            _settle_page(page, settings, anchors, labelled, instants, rows, notes)
        except AgendaError as exc:
            exc = _explained(exc, page)
            if skipped is None:
                raise exc from None
            del rows[kept[0]:], notes[kept[1]:]
            skipped.append(Notice(f"skipped: {exc.message}", exc.path, exc.line))
    return rows, _once(notes)


def _explained(exc: AgendaError, page: PageRead) -> AgendaError:
    """The error, with what the reader noticed about the page when that names the option the
    error asks for: the warning saying why a file's times need --source-tz is otherwise never
    shown, since the run stops."""
    asked = [word for word in exc.message.split() if word.startswith("--")]
    why = next((n.message for n in page.notices if any(a in n.message for a in asked)), None)
    if why is None:
        return exc
    return type(exc)(f"{exc.message}: {why}", exc.path, exc.line)


def _settle_page(page: PageRead, settings: TimeSettings, anchors: Sequence[tuple[date, str]],
                 labelled: Counter[str],
                 instants: dict[tuple[WallRange, int], tuple[Instants, list[str]]],
                 rows: list[Row], notes: list[Notice]) -> None:
    found = page_year(page, settings, anchors, notes)
    walls = [s.when for s in page.slots if isinstance(s.when, WallRange)]
    zone = None
    fixed: dict[tuple[int, str], Instants] = {}
    for slot in page.slots:
        when = slot.when
        if isinstance(when, FixedRange):
            if not when.zone:
                zone = zone or _display_zone(page, labelled, settings, notes)
            shown = when.zone or zone
            assert shown is not None
            # Rooms repeat the same ranges and readers share one record for each: each record
            # is checked and converted once. By identity, since ranges that are equal (the same
            # instants) may be written with different offsets, which the label shows; the
            # page's slots keep every record alive, so no identity is reused meanwhile.
            converted = fixed.get((id(when), shown))
            if converted is None:
                converted = fixed[id(when), shown] = fixed_instants(when, page, slot, shown)
            at: Instants = converted
        else:
            if when.year is not None:
                year, source = when.year, "from the slot line"
            else:
                assert found is not None  # page_year settles every page with undated slots
                year, source = slot_year(when, walls[0], found[0]), found[1]
            known = instants.get((when, year))
            if known is None:
                check_weekday(when, year, page, slot, source)
                said: list[Notice] = []
                at = wall_instants(when, year, page, slot, settings, said)
                notes.extend(said)
                instants[when, year] = at, [n.message for n in said]
            else:
                at = known[0]
                notes.extend(Notice(m, page.path, slot.line) for m in known[1])
        rows.append(Row(slot.title, slot.authors, slot.abstract, slot.kind, slot.number,
                        slot.track or page.track, page.chairs, at.start, at.end, at.zone,
                        at.label, page.path, slot.line, page.layout, slot.url, slot.room,
                        slot.status, slot.all_day, slot.uid,
                        slot.conference or page.conference or _edition(page.series, at)))


def _edition(series: str, at: Instants) -> str:
    """'NeurIPS 2020': a series named by its layout, with the year the talk starts in (in the
    page's zone, so a talk just after midnight UTC on New Year's Eve keeps its year)."""
    if not series:
        return ""
    return f"{series} {at.start.astimezone(ZoneInfo(at.zone)).year}"


def _once(notes: list[Notice]) -> list[Notice]:
    """One notice of each kind per page: the first line it applies to stands for the rest."""
    seen, out = set(), []
    for note in notes:
        key = (note.path, note.message)
        if key not in seen:
            seen.add(key)
            out.append(note)
    return out


_NUMBERED = frozenset((Kind.EMPTY, Kind.BREAK, Kind.QA))  # always numbered: they repeat by nature


def with_uids(talks: Iterable[Talk]) -> list[Talk]:
    """The talks in time order with their stable identities (see `identify`)."""
    return identify([Row(t.title, t.authors, t.abstract, t.kind, t.number, t.track, t.chairs,
                         t.start, t.end, t.zone, t.label, t.source, t.line, t.layout, t.url,
                         t.room, t.status, t.all_day, "", t.conference) for t in talks])


def source_ids(rows: Sequence[Row]) -> tuple[set[str], list[Notice]]:
    """The sources whose own event ids can be UIDs: those that give each event a distinct id.
    A source that reuses an id for several events (real files do) falls back to agenda's own
    identities, with a warning."""
    counts: Counter[tuple[str, str]] = Counter((r.source, r.source_uid) for r in rows
                                               if r.source_uid)
    sources = {source for source, _ in counts}
    notes = []
    for source in sorted(sources):
        reused = sorted(uid for (s, uid), n in counts.items() if s == source and n > 1)
        if reused:
            sources.discard(source)
            notes.append(Notice(f"the source gives the id {reused[0]!r} to several events "
                                f"({len(reused)} ids reused); using agenda's own identities "
                                "instead", source))
    return sources, notes


def identify(rows: Iterable[Row], trusted: frozenset[str] | set[str] = frozenset()
             ) -> list[Talk]:
    """Stable identities: the same talk keeps its UID across runs, machines, selections and
    time changes (so calendars update it); repeated slots (two 'Joint Q&A') are numbered. A
    talk of a `trusted` source (see `source_ids`) keeps that source's own id."""
    # Time order: start, end, track, title, source, line.
    ordered = sorted(rows, key=itemgetter(7, 8, 5, 0, 11, 12))
    if all(row.source_uid and row.source in trusted for row in ordered):
        # Every UID is its source's own: agenda's identities, and the numbering of repeated
        # ones, would decide nothing (a published file of 100,000 events: a tenth of reading).
        return [Talk(*row[:18], row.source_uid, conference=row.conference) for row in ordered]
    seen: Counter[str] = Counter()
    # Tracks, kinds and author names repeat across a conference: fold each text once.
    folded: dict[str, str] = {}
    out = []
    for row in ordered:
        parts = []
        for text in (row[5], row[3], row[0], *row[1]):
            part = folded.get(text)
            if part is None:
                part = folded[text] = fold(text)
            parts.append(part)
        key = "\x1f".join(parts)
        seen[key] += 1
        if row[3] in _NUMBERED or seen[key] > 1:
            key += f"\x1f{seen[key]}"
        if row.source_uid and row.source in trusted:
            uid = row.source_uid
        else:
            uid = hashlib.sha256(key.encode()).hexdigest()[:24] + "@agenda"
        out.append(Talk(*row[:18], uid, conference=row.conference))
    return out


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Reading makes millions of small acyclic objects; the cyclic collector would rescan the
    growing heap again and again (about a quarter of the time for 100k talks) for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_schedule(pages: Iterable[tuple[str, bytes]], settings: TimeSettings,
                   keep_going: bool = False) -> Schedule:
    """Read, settle and identify every slot of pages already in memory, in time order."""
    return assemble(read_given(pages), settings, keep_going)


def assemble(outcomes: Iterable[Outcome], settings: TimeSettings,
             keep_going: bool = False) -> Schedule:
    """Settle and identify every slot of the pages read (see agenda.reading), in time order."""
    with _no_cyclic_gc():
        reads, skipped = read_pages(outcomes, keep_going)
        if not reads:
            raise AgendaError(f"no page could be read ({len(skipped)} skipped)")
        before = len(skipped)
        rows, notes = settle(reads, settings, skipped if keep_going else None)
        if len(skipped) - before == len(reads):
            raise AgendaError(f"no page could be read ({len(skipped)} skipped)")
        trusted, said = source_ids(rows)
        told = [note for read in reads for note in read.notices]
        return Schedule(tuple(identify(rows, trusted)), tuple(skipped + told + notes + said),
                        tuple(n.path or "" for n in skipped))
