"""A user's selection said in words, for the header of a printed agenda: a reader of the paper
should see what was chosen ("Talks by Ba or Dokmanić, on Thu 10 Dec 2020") without knowing the
command that made it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from .choice import Choice
from .rules import Selection
from .text import one_line


def _either(values: Iterable[str]) -> str:
    items = list(values)
    return ", ".join(items[:-1]) + f" or {items[-1]}" if len(items) > 1 else "".join(items)


def _value(text: str, regex: bool) -> str:
    return f"/{one_line(text)}/" if regex else f"“{one_line(text)}”"


def _clock(moment: time) -> str:
    return "24:00" if moment == time.max else f"{moment:%H:%M}"


def describe(selection: Selection | Choice | None, include_all: bool = False) -> str:
    """One sentence naming every rule of `selection`; 'All talks' when there is none. A choice
    of several interests says each, joined by 'or', then its exclusions, picks, hides and plan.
    """
    if isinstance(selection, Choice):
        return _choice(selection, include_all)
    what = "All talks, breaks and Q&As" if include_all else "All talks"
    if selection is None or selection.is_empty():
        return what + "."
    return _rules(selection, include_all) + "."


def _choice(choice: Choice, include_all: bool) -> str:
    one = choice.simple()
    if one is not None:
        return describe(one, include_all)
    head = "Talks, breaks and Q&As" if include_all else "Talks"
    said = [_rules(i.selection, include_all) + (" (must see)" if i.priority == "must" else "")
            for i in choice.interests]
    if not said:
        said = ["Only the picked talks" if choice.picks else
                "All talks, breaks and Q&As" if include_all else "All talks"]
    text = "; or ".join(said[:1] + [s.replace(head, head.lower(), 1) for s in said[1:]])
    if not choice.exclude.is_empty():
        text += "; " + _rules(choice.exclude, include_all).replace(f"{head} ", "", 1)
    if choice.picks:
        text += "; picked: " + _either(_value(p.value, False) for p in choice.picks)
    if choice.hides:
        text += "; hidden: " + _either(_value(h.value, False) for h in choice.hides)
    if choice.plan:
        text += "; planned without clashes"
    return text + "."


# Text rules in the order they are said: (Selection field, the words before its values); the
# day and time window are said between the first three and the rest.
_PHRASES = (("keywords", "mentioning"), ("authors", "by"), ("tracks", "in"),
            ("exclude_keywords", "not mentioning"), ("exclude_authors", "not by"),
            ("exclude_tracks", "not in"), ("conferences", "at"),
            ("exclude_conferences", "not at"))


def _rules(selection: Selection, include_all: bool) -> str:
    regex = selection.regex
    parts: list[str] = []
    if selection.kinds:
        parts.append(f"of kind {_either(selection.kinds)}")
    for field, words in _PHRASES[:3]:
        if values := getattr(selection, field):
            parts.append(f"{words} " + _either(_value(v, regex) for v in values))
    if selection.days:
        parts.append("on " + _either(f"{d:%a} {d.day} {d:%b %Y}" for d in selection.days))
    if selection.between:
        parts.append("from " + _either(f"{_clock(a)} to {_clock(b)}" for a, b in
                                       selection.between))
    if selection.days or selection.between:
        parts[-1] += f" ({selection.tz})" if selection.tz else " (each page's own zone)"
    for field, words in _PHRASES[3:]:
        if values := getattr(selection, field):
            parts.append(f"{words} " + _either(_value(v, regex) for v in values))
    head = "Talks, breaks and Q&As" if include_all else "Talks"
    return f"{head} {', '.join(parts)}"
