"""The schedule a server serves, re-read when its sources change on disk.

Sources are checked at most every `interval` seconds. When a changed source no longer reads,
the last good schedule keeps being served and the error is logged.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from ..errors import AgendaError
from ..models import Schedule
from ..pipeline import ReadOptions, load
from ..rules import warm
from ..sources import expand

log = logging.getLogger("agenda.feed")


@dataclass(frozen=True, slots=True)
class Loaded:
    """One version of the schedule: what it holds and when its sources last changed."""

    schedule: Schedule
    version: int
    modified: datetime


def _signature(sources: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for name in expand(sources):
        try:
            st = os.stat(name)
        except OSError:
            out.append((name, -1, -1))
            continue
        out.append((name, st.st_mtime_ns, st.st_size))
    return tuple(out)


def _warm_in_background(schedule: Schedule) -> threading.Thread:
    thread = threading.Thread(target=warm, args=(schedule.talks,), name="agenda-warm",
                              daemon=True)
    thread.start()
    return thread


class LiveSchedule:
    """Thread-safe holder of the current schedule; `current()` reloads when due."""

    def __init__(self, options: ReadOptions, interval: float = 2.0) -> None:
        self.options = options
        self.interval = interval
        self._lock = threading.Lock()
        self._checked = 0.0
        self._signature = _signature(options.sources)
        self._loaded = Loaded(load(options), 1, self._modified(self._signature))
        self._warming = _warm_in_background(self._loaded.schedule)

    def wait_warm(self) -> None:
        """Let the background folding finish (before forking workers, which then share it)."""
        self._warming.join()

    @staticmethod
    def _modified(signature: tuple[tuple[str, int, int], ...]) -> datetime:
        newest = max((m for _, m, _ in signature if m >= 0), default=0)
        return datetime.fromtimestamp(newest // 1_000_000_000, UTC)

    def current(self) -> Loaded:
        now = time.monotonic()
        if now - self._checked < self.interval:
            return self._loaded
        with self._lock:
            if now - self._checked < self.interval:
                return self._loaded
            self._checked = now
            try:
                signature = _signature(self.options.sources)
            except AgendaError as exc:
                log.error("sources unavailable, serving the last good schedule: %s", exc)
                return self._loaded
            if signature == self._signature:
                return self._loaded
            self._signature = signature
            try:
                schedule = load(self.options)
            except AgendaError as exc:
                log.error("a changed source does not read, serving the last good schedule: %s",
                          exc)
                return self._loaded
            self._loaded = Loaded(schedule, self._loaded.version + 1, self._modified(signature))
            self._warming = _warm_in_background(schedule)
            log.info("schedule reloaded: %d slots (version %d)", len(schedule.talks),
                     self._loaded.version)
            return self._loaded
