"""What changed in a selection between what was recorded and what the sources say now.

Pure functions over the recorded entries (see agenda.history, which stores them) and the talks
of this run. Calendar apps update an event in place only when its UID stays and its SEQUENCE
rises, and they drop an event that simply disappears from a subscribed feed without a word; so
a change of what an attendee cares about (times, title, speakers, room, status) raises the
SEQUENCE, and a talk gone from the sources is kept for a while as a cancelled event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from operator import attrgetter

from .models import Kind, Status, Talk

# Change kinds, in the order a talk's changes are told.
NEW, CANCELLED, RESTORED, MOVED, RETITLED, ROOM, SPEAKERS, STATUS, LEFT = (
    "new", "cancelled", "restored", "moved", "retitled", "room", "speakers", "status", "left")
KINDS = (NEW, CANCELLED, RESTORED, MOVED, RETITLED, ROOM, SPEAKERS, STATUS, LEFT)

# Where a recorded talk stands: in the selection, gone from the sources (kept as a cancelled
# event until it expires), or still in the sources but no longer matching the rules.
IN, GONE, OUT = "in", "gone", "out"
KEEP_CANCELLED = timedelta(days=14)


def digest(talk: Talk) -> str:
    """What an attendee cares about, in 16 bytes: a change of any of it raises the SEQUENCE."""
    text = (f"{talk.start.timestamp()}\x1f{talk.end.timestamp()}\x1f{talk.title}\x1f"
            f"{chr(0x1e).join(talk.authors)}\x1f{talk.room}\x1f{talk.status.value}")
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode(talk: Talk) -> str:
    """The remembered form of a talk (see `remembered`) as compact JSON, for the store."""
    return _ENCODER.encode([
        talk.uid, talk.title, talk.authors, talk.kind.value, talk.number, talk.track,
        int(talk.start.timestamp()), int(talk.end.timestamp()), talk.zone, talk.label,
        talk.source, talk.line, talk.layout, talk.url, talk.room, talk.status.value,
        talk.all_day])


@lru_cache(maxsize=4096)
def decode(text: str) -> Talk:
    """A remembered talk back from `encode`."""
    (uid, title, authors, kind, number, track, start, end, zone, label, source, line, layout,
     url, room, status, all_day) = json.loads(text)
    return Talk(title=title, authors=tuple(authors), abstract="", kind=Kind(kind), number=number,
                track=track, chairs=(), start=datetime.fromtimestamp(start, UTC),
                end=datetime.fromtimestamp(end, UTC), zone=zone, label=label, source=source,
                line=line, layout=layout, url=url, room=room, status=Status(status),
                all_day=all_day, uid=uid)


@dataclass(frozen=True, slots=True)
class Entry:
    """One recorded talk of one selection. `record` is what was last seen of it (`encode`d:
    enough to tell what changed and to write it back as cancelled), decoded only when needed,
    since most talks of most runs have not changed."""

    uid: str
    digest: str
    sequence: int
    modified: datetime
    state: str
    gone: datetime | None
    record: str

    @property
    def talk(self) -> Talk:
        return decode(self.record)


_AFTER = ("sequence", "modified", "conference")  # Talk's last fields, in order
_KEPT = attrgetter(*(f.name for f in fields(Talk) if f.name not in _AFTER))
assert tuple(f.name for f in fields(Talk))[-3:] == _AFTER


def _numbered(talk: Talk, sequence: int, modified: datetime) -> Talk:
    """The talk with its SEQUENCE and LAST-MODIFIED (dataclasses.replace, but faster)."""
    return Talk(*_KEPT(talk), sequence, modified, talk.conference)  # type: ignore[call-arg]


@dataclass(frozen=True, slots=True)
class Change:
    """One thing that changed about one talk, first seen at `seen`."""

    kind: str
    uid: str
    old: Talk | None
    new: Talk | None
    seen: datetime

    @property
    def talk(self) -> Talk:
        """The talk as it is now (or as it was last seen, for a cancelled one)."""
        found = self.new or self.old
        assert found is not None
        return found


@dataclass(frozen=True, slots=True)
class Plan:
    """What recording this run means: the talks to write (with their SEQUENCE and LAST-MODIFIED,
    and the recently cancelled ones), what changed, and the entries to store."""

    talks: list[Talk]
    changes: list[Change]
    writes: list[Entry]
    aliases: dict[str, str] = field(default_factory=dict)
    first: bool = False  # nothing was recorded for this selection before


def remembered(talk: Talk) -> str:
    """What is kept of a talk: no abstract or chairs, no SEQUENCE of its own; encoded."""
    return encode(talk)


def _slot_keys(talk: Talk) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """Keys that find the same talk under a new UID: agenda's own UIDs are made of the track,
    kind, title and authors, so a retitled talk gets a new one; same slot and speakers (or same
    slot and title) means the same talk."""
    return ((talk.start, talk.end, talk.track, talk.authors),
            (talk.start, talk.end, talk.track, talk.title))


def _pairs(newcomers: Sequence[Talk], missing: Sequence[Entry]) -> dict[str, str]:
    """New UID -> recorded UID for newcomers that are a missing talk under another name."""
    found: dict[tuple[object, ...], str] = {}
    for entry in missing:
        for key in _slot_keys(entry.talk):
            found.setdefault(key, entry.uid)
    out: dict[str, str] = {}
    used: set[str] = set()
    for talk in newcomers:
        for key in _slot_keys(talk):
            uid = found.get(key)
            if uid is not None and uid not in used:
                out[talk.uid] = uid
                used.add(uid)
                break
    return out


def differences(old: Talk, new: Talk) -> list[str]:
    """The change kinds between two versions of one talk."""
    kinds = []
    if new.status is Status.CANCELLED and old.status is not Status.CANCELLED:
        kinds.append(CANCELLED)
    elif old.status is Status.CANCELLED and new.status is not Status.CANCELLED:
        kinds.append(RESTORED)
    elif old.status is not new.status:
        kinds.append(STATUS)
    if (old.start, old.end) != (new.start, new.end):
        kinds.append(MOVED)
    if old.title != new.title:
        kinds.append(RETITLED)
    if old.room != new.room:
        kinds.append(ROOM)
    if old.authors != new.authors:
        kinds.append(SPEAKERS)
    return kinds


def plan(entries: Mapping[str, Entry], talks: Sequence[Talk], present: Mapping[str, Talk],
         now: datetime, aliases: Mapping[str, str] | None = None,
         keep: timedelta = KEEP_CANCELLED) -> Plan:
    """Compare a selection's `talks` (in time order, agenda's UIDs) with its recorded
    `entries`. `present` holds every talk the sources have now, by UID (selected or not);
    `aliases` maps UIDs to the recorded UIDs of the same talks under earlier names.
    The same entries, talks and `now` always give the same plan."""
    aliases = aliases or {}
    taken = {t.uid for t in talks}
    talks = [replace(t, uid=aliases[t.uid]) if t.uid in aliases and aliases[t.uid] not in taken
             else t for t in talks]
    selected = {t.uid for t in talks}
    if aliases:
        present = {aliases.get(uid, uid): t for uid, t in present.items()}
    newcomers = [t for t in talks if t.uid not in entries]
    missing = [e for e in entries.values()
               if e.uid not in selected and e.uid not in present and e.state != OUT]
    paired = _pairs(newcomers, missing) if newcomers and missing else {}
    if paired:
        talks = [replace(t, uid=paired[t.uid]) if t.uid in paired else t for t in talks]
        selected = {t.uid for t in talks}
    first = not entries
    out: list[Talk] = []
    changes: list[Change] = []
    writes: list[Entry] = []
    for talk in talks:
        entry = entries.get(talk.uid)
        mark = digest(talk)
        if entry is None:
            writes.append(Entry(talk.uid, mark, 0, now, IN, None, remembered(talk)))
            if not first:
                changes.append(Change(NEW, talk.uid, None, talk, now))
            out.append(_numbered(talk, 0, now))
            continue
        if entry.digest == mark:
            if entry.state != IN:
                writes.append(replace(entry, state=IN, gone=None, record=remembered(talk)))
                if entry.state == OUT:
                    changes.append(Change(NEW, talk.uid, entry.talk, talk, now))
            out.append(_numbered(talk, entry.sequence, entry.modified))
            continue
        kinds = differences(entry.talk, talk)
        if entry.state == OUT:
            kinds.insert(0, NEW)
        changes.extend(Change(kind, talk.uid, entry.talk, talk, now) for kind in kinds)
        sequence = entry.sequence + 1
        writes.append(Entry(talk.uid, mark, sequence, now, IN, None, remembered(talk)))
        out.append(_numbered(talk, sequence, now))
    kept: list[Talk] = []
    for entry in entries.values():
        if entry.uid in selected or entry.state == OUT:
            continue  # a talk out of the selection is not followed until it matches again
        if entry.uid in present:
            writes.append(replace(entry, state=OUT, gone=None))
            changes.append(Change(LEFT, entry.uid, entry.talk, present[entry.uid], now))
        elif entry.state == IN:
            cancelled = replace(entry.talk, status=Status.CANCELLED)
            sequence = entry.sequence + 1
            writes.append(Entry(entry.uid, digest(cancelled), sequence, now, GONE, now,
                                encode(cancelled)))
            if entry.talk.status is not Status.CANCELLED:
                changes.append(Change(CANCELLED, entry.uid, entry.talk, None, now))
            kept.append(_numbered(cancelled, sequence, now))
        elif entry.gone is not None and now - entry.gone < keep:
            kept.append(_numbered(entry.talk, entry.sequence, entry.modified))
    if kept:
        out = sorted(out + kept, key=attrgetter("start", "end", "track", "title", "source",
                                                "line"))
    return Plan(out, changes, writes, paired, first)


def ordered(changes: Iterable[Change]) -> list[Change]:
    """Changes in time order of their talks, each talk's kinds in KINDS order."""
    rank = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(changes, key=lambda c: (c.talk.start, c.talk.end, c.talk.track, c.talk.title,
                                          c.uid, rank.get(c.kind, len(KINDS))))
