"""Titles that carry their speakers: "Profiler Zoo -- Alexandre Bergel", "InfoTabS - Vivek
Gupta", "Python's Infamous GIL (talk by Larry Hastings)".

Calendars without ATTENDEEs or a "Speakers:" line often name the speakers in the summary. A
"(talk by ...)" clause says so itself, so it is read on any event. A dash is ambiguous ("Python -
Past, Present and Future"), so a separator is only read as one when most of the file's titles
end with it followed by something shaped like names: the evidence is the file's, never one
title's.
"""

from __future__ import annotations

from collections.abc import Sequence

from .event_fields import split_names

# Longest first: " -- " must win over " - ".
SEPARATORS = (" -- ", " — ", " – ", " - ")
# Share of a file's titles that must end in "<separator> <names>" before any is split.
MOST = 2 / 3
MIN_TITLES = 2
# A tail repeated on this many titles names the calendar's series or host, not its speakers.
SERIES = 3
_MAX_NAMES_TEXT = 120
_MAX_NAME_WORDS = 5
_NOT_IN_NAMES = frozenset(":?!()[]{}\"/|#@0123456789")
# Words a name may have in lower case (particles), besides capitalised ones.
_PARTICLES = frozenset(("de", "da", "del", "der", "den", "di", "du", "la", "le", "van", "von",
                        "y", "al", "bin", "ibn", "zu", "ter", "dos", "das"))


def names_like(text: str) -> tuple[str, ...]:
    """The names in text when it reads as a list of people's names, else ()."""
    text = text.strip()
    if not text or len(text) > _MAX_NAMES_TEXT or any(c in _NOT_IN_NAMES for c in text):
        return ()
    names = split_names(text)
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= _MAX_NAME_WORDS or not any(w[:1].isupper() for w in words):
            return ()
        if any(not (w[:1].isupper() or w.casefold() in _PARTICLES) for w in words):
            return ()
    return names


def by_clause(title: str) -> tuple[str, tuple[str, ...]]:
    """("Title", names) from "Title (talk by A & B)" or "Title (by A)"; else (title, ())."""
    text = title.rstrip()
    if not text.endswith(")"):
        return title, ()
    opened = text.rfind(" (")
    if opened <= 0:
        return title, ()
    inner = text[opened + 2:-1]
    words = inner.split(" ", 2)
    # "by NAMES" or "<one word> by NAMES" (talk, workshop, keynote, panel, ...)
    if len(words) >= 2 and words[0].casefold() == "by":
        names_text = inner[3:]
    elif len(words) == 3 and words[1].casefold() == "by" and words[0].isalpha():
        names_text = words[2]
    else:
        return title, ()
    names = names_like(names_text)
    return (text[:opened].rstrip(), names) if names else (title, ())


def _tail(title: str, separator: str) -> tuple[str, tuple[str, ...]]:
    head, found, tail = title.rpartition(separator)
    if not found or not head.strip():
        return title, ()
    names = names_like(tail)
    return (head.strip(), names) if names else (title, ())


def speaker_separator(titles: Sequence[str]) -> str | None:
    """The separator most of these titles put before their speakers' names, if one does."""
    titles = [t for t in titles if t.strip()]
    if len(titles) < MIN_TITLES:
        return None
    for separator in SEPARATORS:
        tails = [names for names in (_tail(t, separator)[1] for t in titles) if names]
        hits = len(tails)
        if hits >= SERIES and len(set(tails)) == 1:
            return None  # "Meetup #3 - CNCF Linz" on every event: the series, not a speaker
        if hits >= MIN_TITLES and hits >= MOST * len(titles):
            return separator
    return None


def split_speakers(title: str, separator: str | None) -> tuple[str, tuple[str, ...]]:
    """The title without its speakers, and their names (() when it names none)."""
    rest, names = by_clause(title)
    if names:
        return rest, names
    if separator is not None:
        return _tail(title, separator)
    return title, ()
