"""The history store: what each selection was last exported as, in one SQLite file.

Calendar apps update an event only when its SEQUENCE rises, and forget a talk that disappears
from a subscribed feed without telling anyone; remembering each talk of each selection lets
agenda raise SEQUENCE when a talk changes, keep a vanished talk as cancelled for a while, and
say what changed (agenda.changes decides all that; this module only stores it).

The file is in the user's data folder unless `--history PATH` or AGENDA_HISTORY says otherwise
(AGENDA_HISTORY=off turns it off, as `--no-history` does). SQLite in WAL mode: every run reads
and writes its selection in one IMMEDIATE transaction, so a run killed half-way leaves the
previous state and two runs at once take turns. The schema has a version and migrations.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from .changes import KEEP_CANCELLED, Change, Entry, Plan, decode, encode, plan
from .errors import OptionError, OutputError
from .models import Talk
from .rules import Selection

if TYPE_CHECKING:
    from .choice import Choice

ENVIRONMENT = "AGENDA_HISTORY"
OFF = ("off", "no", "none", "0", "false")
FILE_NAME = "history.sqlite"
# A test hook: seconds to sleep inside the write transaction, after writing and before the
# commit (tests kill the process there to check that the store survives).
PAUSE = "AGENDA_HISTORY_PAUSE"
LOG_LIMIT = 500  # recorded changes kept per selection (the feed shows the latest)
FORGET_SCOPES = timedelta(days=400)  # a selection nobody recorded for this long is forgotten
# At most this many selections are followed (a public feed gets arbitrary queries): past it,
# the least recently recorded are forgotten.
MAX_SCOPES = 2000
BUSY_SECONDS = 60.0

# Each migration takes the schema from its index to the next version, in one transaction.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE scopes (id TEXT PRIMARY KEY, about TEXT NOT NULL, first INTEGER NOT NULL,
                         last INTEGER NOT NULL);
    CREATE TABLE talks (scope TEXT NOT NULL, uid TEXT NOT NULL, digest TEXT NOT NULL,
                        sequence INTEGER NOT NULL, modified INTEGER NOT NULL,
                        state TEXT NOT NULL, gone INTEGER, record TEXT NOT NULL,
                        PRIMARY KEY (scope, uid)) WITHOUT ROWID;
    CREATE TABLE aliases (scope TEXT NOT NULL, uid TEXT NOT NULL, target TEXT NOT NULL,
                          PRIMARY KEY (scope, uid)) WITHOUT ROWID;
    CREATE TABLE changes (id INTEGER PRIMARY KEY AUTOINCREMENT, scope TEXT NOT NULL,
                          seen INTEGER NOT NULL, kind TEXT NOT NULL, uid TEXT NOT NULL,
                          old TEXT, new TEXT);
    CREATE INDEX changes_by_scope ON changes (scope, id);
    """,
)
VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class HistoryOptions:
    """Where the history is, what time this run is, and how long a vanished talk is kept."""

    path: str
    now: datetime
    keep: timedelta = KEEP_CANCELLED


def location(path: str | None = None, disabled: bool = False) -> str | None:
    """The history file: --history, else AGENDA_HISTORY, else the user's data folder; None
    when turned off."""
    if disabled:
        return None
    if path:
        return path
    given = os.environ.get(ENVIRONMENT, "").strip()
    if given.lower() in OFF:
        return None
    if given:
        return given
    import platformdirs

    return str(Path(platformdirs.user_data_dir("agenda", appauthor=False)) / FILE_NAME)


def moment(today: date) -> datetime:
    """This run's time: the clock, unless --today pretends another day; then the start of that
    day in UTC, so examples and tests give the same bytes every time."""
    if today == date.today():
        return datetime.now(UTC).replace(microsecond=0)
    return datetime(today.year, today.month, today.day, tzinfo=UTC)


def scope(parts: Sequence[object]) -> tuple[str, str]:
    """(id, description) of a selection: what was read and which rules chose from it."""
    about = json.dumps([str(p) for p in parts], ensure_ascii=False)
    return hashlib.sha256(about.encode()).hexdigest()[:32], about


def selection_scope(sources: Sequence[str], selection: Selection | Choice | None,
                    include_all: bool,
                    *extra: object) -> tuple[str, str]:
    """The scope of a selection of `sources` (as absolute paths, so the same files are the same
    selection from any folder). The zone times are shown in is part of it only when a day or
    time window depends on it."""
    paths = [s if s == "-" else os.path.abspath(s) for s in sources]
    if selection is None or selection.is_empty():
        rules = "everything"
    else:
        rules = repr(selection if selection.days or selection.between
                     else replace(selection, tz=None))
    return scope([*paths, rules, f"all={include_all}", *extra])


def follow(options: HistoryOptions, parts: tuple[str, str], schedule: Sequence[Talk],
           talks: Sequence[Talk], write: bool = True) -> Plan:
    """Record (or, with write False, only compare) the selection `talks` of `schedule`."""
    present = {t.uid: t for t in schedule}
    if write:
        return record(options, parts[0], parts[1], talks, present)
    return pending(options, parts[0], talks, present)


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def _moment(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


# --- the store --------------------------------------------------------------------------------
def _fail(path: str, exc: sqlite3.Error | OSError) -> OutputError:
    return OutputError(f"history: {exc}", path)


@contextlib.contextmanager
def _connected(path: str, create: bool = True) -> Iterator[sqlite3.Connection]:
    """A connection with the schema up to date; errors become OutputError naming the file."""
    try:
        if create:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    except (sqlite3.Error, OSError) as exc:
        raise _fail(path, exc) from None
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        _migrate(connection, path)
        yield connection
    except sqlite3.Error as exc:
        raise _fail(path, exc) from None
    finally:
        connection.close()


def _version(connection: sqlite3.Connection) -> int:
    if connection.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='meta'"
                          ).fetchone() is None:
        return 0
    row = connection.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    return int(row[0]) if row else 0


def _migrate(connection: sqlite3.Connection, path: str) -> None:
    if _version(connection) == VERSION:
        return
    with _transaction(connection):
        current = _version(connection)
        if current > VERSION:
            raise OptionError(f"history: made by a newer agenda (schema {current}, this one "
                              f"reads {VERSION}); use --history to choose another file", path)
        for step in MIGRATIONS[current:]:
            for statement in step.split(";"):
                if statement.strip():
                    connection.execute(statement)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(VERSION),))


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE: the write lock is taken before anything is read, so two runs of the
    same selection never both build on the same old state."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _entries(connection: sqlite3.Connection, scope_id: str) -> dict[str, Entry]:
    rows = connection.execute("SELECT uid, digest, sequence, modified, state, gone, record "
                              "FROM talks WHERE scope = ?", (scope_id,))
    return {uid: Entry(uid, mark, sequence, _moment(modified), state,
                       None if gone is None else _moment(gone), record)
            for uid, mark, sequence, modified, state, gone, record in rows}


def _aliases(connection: sqlite3.Connection, scope_id: str) -> dict[str, str]:
    return dict(connection.execute("SELECT uid, target FROM aliases WHERE scope = ?",
                                   (scope_id,)).fetchall())


def pending(options: HistoryOptions, scope_id: str, talks: Sequence[Talk],
            present: Mapping[str, Talk]) -> Plan:
    """What recording `talks` would change, recording nothing (`agenda changes`)."""
    now = options.now.replace(microsecond=0)
    if not os.path.exists(options.path):
        return plan({}, talks, present, now, keep=options.keep)
    with _connected(options.path, create=False) as connection:
        entries = _entries(connection, scope_id)
        aliases = _aliases(connection, scope_id)
    return plan(entries, talks, present, now, aliases, options.keep)


def record(options: HistoryOptions, scope_id: str, about: str, talks: Sequence[Talk],
           present: Mapping[str, Talk]) -> Plan:
    """Record a selection's `talks` (in time order) and return the plan: the talks to write,
    with their SEQUENCE and LAST-MODIFIED and the recently cancelled ones, and what changed.
    `present` holds every talk the sources have now, by UID."""
    now = options.now.replace(microsecond=0)  # stored in seconds: the next run reads the same
    with _connected(options.path) as connection, _transaction(connection):
        entries = _entries(connection, scope_id)
        result = plan(entries, talks, present, now, _aliases(connection, scope_id),
                      options.keep)
        _store(connection, scope_id, about, result, now)
        pause = os.environ.get(PAUSE)
        if pause:
            print("history: pausing inside the transaction", file=sys.stderr, flush=True)
            time.sleep(float(pause))
    return result


def _store(connection: sqlite3.Connection, scope_id: str, about: str, result: Plan,
           now: datetime) -> None:
    seconds = _seconds(now)
    connection.execute("INSERT INTO scopes VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                       "SET last = excluded.last", (scope_id, about, seconds, seconds))
    connection.executemany(
        "INSERT OR REPLACE INTO talks VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(scope_id, e.uid, e.digest, e.sequence, _seconds(e.modified), e.state,
          None if e.gone is None else _seconds(e.gone), e.record) for e in result.writes])
    connection.executemany("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)",
                           [(scope_id, uid, target) for uid, target in result.aliases.items()])
    if result.changes:
        connection.executemany(
            "INSERT INTO changes (scope, seen, kind, uid, old, new) VALUES (?, ?, ?, ?, ?, ?)",
            [(scope_id, seconds, c.kind, c.uid, encode(c.old) if c.old else None,
              encode(c.new) if c.new else None) for c in result.changes])
        connection.execute("DELETE FROM changes WHERE scope = ? AND id <= (SELECT id FROM "
                           "changes WHERE scope = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
                           (scope_id, scope_id, LOG_LIMIT))
    old = [row[0] for row in connection.execute(
        "SELECT id FROM scopes WHERE last < ? OR id IN (SELECT id FROM scopes ORDER BY last DESC, "
        "id LIMIT -1 OFFSET ?)", (seconds - int(FORGET_SCOPES.total_seconds()), MAX_SCOPES))]
    for forgotten in old:
        for table, column in (("talks", "scope"), ("aliases", "scope"), ("changes", "scope"),
                              ("scopes", "id")):
            connection.execute(f"DELETE FROM {table} WHERE {column} = ?", (forgotten,))


def recent(path: str, scope_id: str, limit: int = 50) -> list[Change]:
    """The latest recorded changes of a selection, newest first."""
    if not os.path.exists(path):
        return []
    with _connected(path, create=False) as connection:
        rows = connection.execute("SELECT seen, kind, uid, old, new FROM changes WHERE scope = ? "
                                  "ORDER BY id DESC LIMIT ?", (scope_id, limit)).fetchall()
    return [Change(kind, uid, decode(old) if old else None, decode(new) if new else None,
                   _moment(seen)) for seen, kind, uid, old, new in rows]
