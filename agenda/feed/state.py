"""The schedule a server serves, re-read when its sources change on disk or upstream.

Sources are checked at most every `interval` seconds: a file by its mtime and size, a URL by a
conditional request (a 304, or the same bytes again, leaves the schedule as it is, unparsed).
When a changed source no longer reads, the last good schedule keeps being served and the error
is logged.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property

from ..choice import Choice
from ..errors import AgendaError
from ..models import Schedule, Talk
from ..pipeline import ReadOptions, dtstamp, load
from ..remote import Fetcher
from ..rules import Selection, TextIndex
from ..sources import expand, is_url

log = logging.getLogger("agenda.feed")


@dataclass(frozen=True)
class Loaded:
    """One version of the schedule: what it holds and when its sources last changed, and what
    every request over it would otherwise recompute."""

    schedule: Schedule
    version: int
    modified: datetime

    @cached_property
    def stamp(self) -> datetime:
        return dtstamp(self.schedule)

    @cached_property
    def index(self) -> TextIndex:
        return TextIndex(self.schedule.talks)


# Seconds between checks by default: a file costs a stat, a URL a request to someone's server.
FILE_INTERVAL = 2.0
URL_INTERVAL = 60.0


def default_interval(sources: tuple[str, ...]) -> float:
    return URL_INTERVAL if any(map(is_url, sources)) else FILE_INTERVAL


Signature = tuple[tuple[str, int, int, str], ...]  # (name, modified ns, size, content digest)


def _public(talks: Iterable[Talk]) -> Iterator[Talk]:
    """Talks as a server shows them: a page's file name, never the server's own folders (a
    URL source stays as it is)."""
    names: dict[str, str] = {}
    for talk in talks:
        name = names.get(talk.source)
        if name is None:
            name = names[talk.source] = talk.source if "://" in talk.source \
                else os.path.basename(talk.source)
        yield talk if name == talk.source else replace(talk, source=name)


def _signature(sources: tuple[str, ...], fetcher: Fetcher) -> Signature:
    out = []
    for name in expand(sources):
        if is_url(name):
            got = fetcher.fetch(name)
            if got.notice is not None:
                log.warning("%s", got.notice)
            modified = int(got.modified.timestamp()) * 1_000_000_000
            out.append((name, modified, len(got.body), got.digest))
            continue
        try:
            st = os.stat(name)
        except OSError:
            out.append((name, -1, -1, ""))
            continue
        out.append((name, st.st_mtime_ns, st.st_size, ""))
    return tuple(out)


def _warm_in_background(loaded: Loaded) -> threading.Thread:
    """Build the version's text index now, off the request path, so the first selection is as
    fast as the rest."""
    thread = threading.Thread(target=lambda: loaded.index, name="agenda-warm", daemon=True)
    thread.start()
    return thread


class LiveSchedule:
    """Thread-safe holder of the current schedule. A watcher thread (one per process, started
    by the first request, so forked workers get their own) checks the sources every `interval`
    seconds; requests never wait for that check."""

    def __init__(self, options: ReadOptions, interval: float = 2.0,
                 keep: Selection | Choice | None = None, fetcher: Fetcher | None = None) -> None:
        self.options = options
        # Keeps what the last check fetched, so reading a changed URL asks the server once.
        self.fetcher = fetcher or Fetcher()
        self.interval = interval
        self.keep = keep
        self._lock = threading.Lock()
        self._watcher_pid = 0
        self._stop = threading.Event()
        self._signature = _signature(options.sources, self.fetcher)
        self._loaded = Loaded(self._load(), 1, self._modified(self._signature))
        # (what broke, since when) while an older schedule is served because a source broke
        self.problem: tuple[str, datetime] | None = None
        self._warming = _warm_in_background(self._loaded)

    def _load(self) -> Schedule:
        """The schedule, narrowed to the server's own rules (`agenda serve --track ...`)."""
        schedule = load(self.options, fetcher=self.fetcher)
        talks = schedule.talks
        if self.keep is not None and not self.keep.is_empty():
            talks = tuple(self.keep.select(talks))
        return replace(schedule, talks=tuple(_public(talks)))

    def wait_warm(self) -> None:
        """Let the background folding finish (before forking workers, which then share it)."""
        self._warming.join()

    @staticmethod
    def _modified(signature: Signature) -> datetime:
        newest = max((m for _, m, _, _ in signature if m >= 0), default=0)
        return datetime.fromtimestamp(newest // 1_000_000_000, UTC)

    def current(self) -> Loaded:
        if self._watcher_pid != os.getpid():
            with self._lock:
                if self._watcher_pid != os.getpid():
                    self._watcher_pid = os.getpid()
                    threading.Thread(target=self._watch, name="agenda-watch", daemon=True).start()
        return self._loaded

    def _watch(self) -> None:
        """Never dies: a failure that is not agenda's own is logged once and the last good
        schedule kept, so later changes are still loaded."""
        while not self._stop.wait(max(self.interval, 0.05)):
            try:
                self.refresh()
            except Exception as exc:  # a bug in reading: keep serving, keep watching
                self._broken(f"{type(exc).__name__}: {exc}")

    def _broken(self, message: str) -> None:
        if self.problem is None or self.problem[0] != message:
            log.error("serving the last good schedule: %s", message)
            self.problem = (message, self.problem[1] if self.problem else datetime.now(UTC))

    def close(self) -> None:
        """Stop watching the sources."""
        self._stop.set()
        self.fetcher.close()

    def refresh(self) -> Loaded:
        """Re-read the sources if they changed; keep the last good schedule if they no longer
        read."""
        with self._lock:
            try:
                signature = _signature(self.options.sources, self.fetcher)
            except AgendaError as exc:
                self._broken(f"sources unavailable: {exc}")
                return self._loaded
            if signature == self._signature:
                return self._loaded
            self._signature = signature
            try:
                schedule = self._load()
            except AgendaError as exc:
                self._broken(f"a changed source does not read: {exc}")
                return self._loaded
            self.problem = None
            self._loaded = Loaded(schedule, self._loaded.version + 1, self._modified(signature))
            self._warming = _warm_in_background(self._loaded)
            log.info("schedule reloaded: %d slots (version %d)", len(schedule.talks),
                     self._loaded.version)
            return self._loaded
