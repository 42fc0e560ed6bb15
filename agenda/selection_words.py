"""A user's selection said in words, for the header of a printed agenda: a reader of the paper
should see what was chosen ("Talks by Ba or Dokmanić, on Thu 10 Dec 2020") without knowing the
command that made it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from .rules import Selection
from .text import one_line


def _either(values: Iterable[str]) -> str:
    items = list(values)
    return ", ".join(items[:-1]) + f" or {items[-1]}" if len(items) > 1 else "".join(items)


def _value(text: str, regex: bool) -> str:
    return f"/{one_line(text)}/" if regex else f"“{one_line(text)}”"


def _clock(moment: time) -> str:
    return "24:00" if moment == time.max else f"{moment:%H:%M}"


def describe(selection: Selection | None, include_all: bool = False) -> str:
    """One sentence naming every rule of `selection`; 'All talks' when there is none."""
    what = "All talks, breaks and Q&As" if include_all else "All talks"
    if selection is None or selection.is_empty():
        return what + "."
    regex = selection.regex
    parts: list[str] = []
    if selection.kinds:
        parts.append(f"of kind {_either(selection.kinds)}")
    if selection.keywords:
        parts.append("mentioning " + _either(_value(v, regex) for v in selection.keywords))
    if selection.authors:
        parts.append("by " + _either(_value(v, regex) for v in selection.authors))
    if selection.tracks:
        parts.append("in " + _either(_value(v, regex) for v in selection.tracks))
    if selection.days:
        parts.append("on " + _either(f"{d:%a} {d.day} {d:%b %Y}" for d in selection.days))
    if selection.between:
        parts.append("from " + _either(f"{_clock(a)} to {_clock(b)}" for a, b in
                                       selection.between))
    if selection.days or selection.between:
        parts[-1] += f" ({selection.tz})" if selection.tz else " (each page's own zone)"
    if selection.exclude_keywords:
        parts.append("not mentioning " + _either(_value(v, regex) for v in
                                                 selection.exclude_keywords))
    if selection.exclude_authors:
        parts.append("not by " + _either(_value(v, regex) for v in selection.exclude_authors))
    if selection.exclude_tracks:
        parts.append("not in " + _either(_value(v, regex) for v in selection.exclude_tracks))
    head = "Talks, breaks and Q&As" if include_all else "Talks"
    return f"{head} {', '.join(parts)}."
