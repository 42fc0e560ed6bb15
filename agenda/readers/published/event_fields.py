"""What published event files (calendars, tables) say the same way, whatever their format.

A summary may carry agenda's own "[Oral] " kind label or "Cancelled: " prefix; a description may
start with "Authors: ..." or "Speakers: ..." lines; categories and titles name kinds and breaks;
one event may be listed once per room. Each reader of a published format finds its fields, and
these functions turn them into the same slots, so a file agenda wrote reads back to its talks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ...models import Kind, Notice, Status
from ...text import fold
from ...wording import KIND_LABEL
from ..kinds import named, of_title
from ..page import FixedRange, RawSlot

# A title made only of these words is a break ("Coffee Break", "Lunch", "Afternoon tea").
_BREAK_WORDS = frozenset(("break", "coffee", "lunch", "tea", "breakfast", "snack", "snacks",
                          "dinner", "refreshments", "pause", "kaffeepause", "mittagspause"))
_BREAK_FILLER = frozenset(("morning", "afternoon", "and", "&", "+", "-", "/", "short", "long"))
# Leading "Key: value" lines of a description, and the field each key fills.
_DESCRIPTION_KEYS = {
    "authors": "authors", "author": "authors", "speakers": "authors", "speaker": "authors",
    "speaker(s)": "authors", "presenters": "authors", "presenter": "authors",
    "presenter(s)": "authors", "author(s)": "authors", "by": "authors",
    "track": "track", "room": "room", "chairs": "chairs", "chair": "chairs", "url": "url",
}
CANCELLED_PREFIX = "Cancelled: "
# What a status field or a state says (iCalendar STATUS, a CSV column, frab and pretalx
# states): withdrawn, deleted and rejected talks are not given either.
_STATUS_WORDS = {"cancelled": Status.CANCELLED, "canceled": Status.CANCELLED,
                 "withdrawn": Status.CANCELLED, "deleted": Status.CANCELLED,
                 "rejected": Status.CANCELLED, "tentative": Status.TENTATIVE,
                 "confirmed": Status.CONFIRMED}


def status_of(word: str) -> Status | None:
    return _STATUS_WORDS.get(fold(word))


def is_break_title(title: str) -> bool:
    words = fold(title).replace(",", " ").split()
    return bool(words) and any(w in _BREAK_WORDS for w in words) and all(
        w in _BREAK_WORDS or w in _BREAK_FILLER for w in words)


def read_summary(summary: str) -> tuple[str, Kind | None, bool]:
    """(title, kind from a "[Label] " prefix, cancelled) of a summary line agenda may have
    written (see agenda.wording.summary)."""
    title = summary.strip()
    cancelled = title.startswith(CANCELLED_PREFIX)
    if cancelled:
        title = title[len(CANCELLED_PREFIX):].lstrip()
    kind = None
    if title.startswith("[") and "] " in title[:40]:
        label, rest = title[1:].split("] ", 1)
        kind = named(label)
        if kind is not None:
            title = rest.strip()
    return title, kind, cancelled


def read_description(text: str) -> tuple[dict[str, str], str]:
    """(fields, abstract): leading "Authors: ..." / "Track: ..." lines (as agenda writes them,
    and as many sites do) and the text after them."""
    fields: dict[str, str] = {}
    lines = text.strip("\n").split("\n")
    used = 0
    for line in lines:
        key, sep, value = line.partition(":")
        name = _DESCRIPTION_KEYS.get(key.strip().casefold()) if sep and len(key) <= 20 else None
        if name is None or name in fields:
            break
        fields[name] = value.strip()
        used += 1
    if "authors" not in fields:
        names = _speakers_block(lines[used:]) or _speaker_line(lines[used:])
        if names:
            fields["authors"] = "; ".join(names)
    if not used:
        return fields, text.strip()
    return fields, "\n".join(lines[used:]).strip()


def _speaker_line(lines: Sequence[str]) -> list[str]:
    """Names of a "Speaker: Hardy Erlinger" line inside the text (after an introduction),
    when the value reads as names; the line stays in the abstract."""
    from .speaker_titles import names_like  # speaker_titles builds on this module

    for line in lines:
        key, sep, value = line.partition(":")
        if sep and len(key) <= 20 and _DESCRIPTION_KEYS.get(key.strip().casefold()) == "authors":
            names = names_like(value)
            if names:
                return list(names)
    return []


# A speakers block inside a description: a "Speakers:" line, then each name on its own line,
# each followed by its biography as HTML paragraphs (PyCon US's calendar, many CMS exports).
MAX_NAME = 60


def _speakers_block(lines: Sequence[str]) -> list[str]:
    start = next((i for i, line in enumerate(lines)
                  if _DESCRIPTION_KEYS.get(line.strip().rstrip(":").casefold()) == "authors"
                  and line.strip().endswith(":")), None)
    if start is None:
        return []
    names: list[str] = []
    in_paragraph = False
    for line in lines[start + 1:]:
        text = line.strip()
        if in_paragraph:  # a biography paragraph running over several lines
            in_paragraph = "</p>" not in text
            continue
        if text.startswith("<"):
            in_paragraph = text.startswith("<p") and "</p>" not in text
            continue
        if not text:
            break
        if len(text) > MAX_NAME or ":" in text or text.endswith(".") or len(text.split()) > 6:
            break  # prose, not a name: the block is over
        names.append(text)
    return names


def split_names(text: str) -> tuple[str, ...]:
    """Names from "A, B and C", "A; B" or "A|B" ("Doe, Jane" stays whole when ';' or '|'
    separates). A name written with its id, "17:jiska" (voctosched's CSV), loses the id."""
    text = text.strip()
    if not text:
        return ()
    separator = next((s for s in (";", "|") if s in text), ",")
    names = []
    for part in text.split(separator):
        for name in part.replace(" & ", " and ").split(" and "):
            name = " ".join(_without_id(name).split())
            if name:
                names.append(name)
    return tuple(names)


def _without_id(name: str) -> str:
    number, colon, rest = name.strip().partition(":")
    return rest if colon and number.isdigit() and rest.strip() else name


def choose_kind(title: str, labelled: Kind | None, words: Iterable[str]) -> Kind:
    """A "[Label] " prefix first, then the first category that names a kind, then a title that
    is a break or says its kind; a talk otherwise."""
    if labelled is not None:
        return labelled
    for word in words:
        kind = named(word)
        if kind is not None:
            return kind
    return Kind.BREAK if is_break_title(title) else of_title(title) or Kind.TALK


def untitled(title: str, kind: Kind) -> str:
    """The writers put "Empty slot" on an untitled empty slot: read back, it has no title."""
    return "" if kind is Kind.EMPTY and title == KIND_LABEL[Kind.EMPTY] else title


def merge_duplicates(slots: Sequence[RawSlot], path: str) -> tuple[list[RawSlot], list[Notice]]:
    """One slot per event: the same title, kind and speakers at the same times listed in
    several rooms (a break in every hall) becomes one slot in all of them. Every published
    format's reader passes its slots through here."""
    first: dict[tuple[object, ...], int] = {}
    out: list[RawSlot] = []
    merged = 0
    for slot in slots:
        when = slot.when
        at = (when.start, when.end) if isinstance(when, FixedRange) else when
        key = (slot.title.casefold(), at, slot.kind, slot.authors)
        index = first.get(key)
        if index is None:
            first[key] = len(out)
            out.append(slot)
            continue
        merged += 1
        kept = out[index]
        rooms = [r for r in kept.room.split(", ") if r]
        if slot.room and slot.room not in rooms:
            out[index] = kept._replace(room=", ".join([*rooms, slot.room]))
    notes = []
    if merged:
        said = "1 entry repeats an event" if merged == 1 else f"{merged} entries repeat events"
        notes.append(Notice(f"{said} at the same time (e.g. one per room); each event is read "
                            "once, with its rooms joined", path))
    return out, notes
