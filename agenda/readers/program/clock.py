"""Time expressions as programs write them: `9:00`, `9.00`, `9am`, `9 a.m.`, `09:00 – 09:30`,
`7:50-8:00`, `11:00am-1:05pm`, `9h30`. One linear regex finds them; meaning (am/pm on a
12-hour clock that does not say) is decided later, across the page (see infer).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import zones

_HOUR = r"(?:[01]?\d|2[0-4])"
_MIN = r"(?:[:.h][0-5]\d)"
_MER = r"(?:\s?(?:[ap]\.?\s?m\b\.?|noon\b))"
_TIME = rf"{_HOUR}{_MIN}?{_MER}?"
_DASH = r"\s*(?:-{1,2}|–|—|−|~|～|〜|\bto\b|\buntil\b|\btill\b)\s*"
# An hour word after a time ("9:00 Uhr", "14 h", "10 hrs"): part of the time, never the title.
_UNIT = r"(?:\s?(?:uhr|hrs?|hs|h)\b\.?)"
# A zone label may follow the start as well as the end: "8:30 a.m. CST – 8:45 a.m. CST".
_LABEL = r"(?:\s?\(?(?P<label>(?-i:[A-Z]{2,5}))\)?)"
_SPAN = re.compile(
    rf"(?<![\w:./,$€£+-])(?P<a>{_TIME})(?P<ua>{_UNIT})?"
    rf"(?:{_LABEL}?{_DASH}(?P<b>{_TIME})(?P<ub>{_UNIT})?)?(?![\w/%]|[.,:]\d)",
    re.IGNORECASE | re.ASCII)
_PARTS = re.compile(rf"^({_HOUR})({_MIN})?({_MER})?$", re.IGNORECASE | re.ASCII)
# What may come before a leading time: bullets, emphasis, brackets, list numbers' punctuation.
_LEAD = frozenset(" *_[(#-•·|>~`'\"")


class Clock(NamedTuple):
    hour: int
    minute: int
    meridiem: str | None  # "a", "p", or None when the page does not say

    def minutes(self) -> int:
        return self.hour * 60 + self.minute


class Span(NamedTuple):
    """A time or a time range in a text, with where it sits."""

    start: Clock
    end: Clock | None
    first: int
    last: int


def _clock(text: str) -> tuple[Clock, bool] | None:
    """The clock and whether its minutes were written."""
    m = _PARTS.match(text.strip())
    if m is None:
        return None
    hour = int(m.group(1))
    minute = int(m.group(2)[1:]) if m.group(2) else 0
    mer = (m.group(3) or "").strip().lower()
    meridiem = "p" if mer == "noon" else (mer[:1] or None)
    if hour > 12 or hour == 0:
        meridiem = None  # a 24-hour clock; "13:15 pm" is still 13:15
    if hour == 24 and minute:
        return None
    return Clock(hour, minute, meridiem), m.group(2) is not None


def to24(clock: Clock) -> Clock:
    """A clock whose meridiem is known, on the 24-hour clock."""
    hour = clock.hour
    if clock.meridiem == "a":
        hour = 0 if hour == 12 else hour
    elif clock.meridiem == "p":
        hour = hour if hour == 12 else hour + 12
    return Clock(hour, clock.minute, None if clock.meridiem is None else "24")


def _names_hour(unit: str | None) -> bool:
    """Whether an hour word makes a bare number a time in a range: "9 Uhr" and "14h - 16h"
    are, "2 hrs" and "2 h" are durations."""
    if not unit:
        return False
    return unit.strip(" .").lower() == "uhr" or unit[:1] in "hH"


def _span(m: re.Match[str]) -> Span | None:
    a = _clock(m.group("a"))
    b = _clock(m.group("b")) if m.group("b") else None
    if a is None or (m.group("b") and b is None):
        return None
    (start, minutes_a), end = a, b[0] if b else None
    if m.group("label") and zones.normalise(m.group("label")) is None:
        end = None  # "9:00 TBA - 10:00": a word, not a zone, stands between the times
    if end is None:
        # A bare number is not a time; "9 Uhr" is, but a lone "2h" is as often a duration.
        if not minutes_a and start.meridiem is None and \
                (m.group("ua") or "").strip(" .").lower() != "uhr":
            return None
        return Span(start, None, m.start(), max(m.end("a"), m.end("ua")))
    minutes_a = minutes_a or _names_hour(m.group("ua"))
    minutes_b = (b[1] if b else False) or _names_hour(m.group("ub"))
    if (not minutes_a and start.meridiem is None and end.meridiem is None) or \
            (not minutes_b and end.meridiem is None and start.meridiem is None):
        return None  # "1-2": numbers, not times
    if start.meridiem is None and end.meridiem is not None and start.hour <= 12:
        # "9:00-10:30am", "11-1pm": the start shares the end's meridiem unless that puts it
        # after the end.
        same = Clock(start.hour, start.minute, end.meridiem)
        other = Clock(start.hour, start.minute, "a" if end.meridiem == "p" else "p")
        start = same if to24(same) <= to24(end) else other
    return Span(start, end, m.start(), m.end())


def spans(text: str) -> list[Span]:
    """Every time or range in the text, in order."""
    if not any(c.isdigit() for c in text):
        return []
    found, pos = [], 0
    while (m := _SPAN.search(text, pos)) is not None:
        span = _span(m)
        if span is not None:
            found.append(span)
            pos = span.last
        else:  # "Day 1 - 10:00": the range was not one; its second time may still be
            pos = m.start("b") if m.group("b") else m.end()
    return found


def leading(text: str) -> Span | None:
    """The time a text starts with (after bullets and emphasis), if any."""
    found = spans(text[:120])
    if not found:
        return None
    first = found[0]
    return first if all(c in _LEAD for c in text[:first.first]) else None


# "0830 - 0850": a range of four-digit (military) clocks, read only where it is all a cell or
# line holds, and never when both look like years ("2019-2020").
_MILITARY = re.compile(r"^\s*([01]\d|2[0-3])([0-5]\d)\s*(?:-{1,2}|–|—)\s*"
                       r"([01]\d|2[0-3])([0-5]\d)\s*$")


def _military(text: str) -> Span | None:
    m = _MILITARY.match(text)
    if m is None:
        return None
    a, b = int(m.group(1) + m.group(2)), int(m.group(3) + m.group(4))
    if 1900 <= a <= 2100 and 1900 <= b <= 2100 or b <= a:
        return None
    return Span(Clock(int(m.group(1)), int(m.group(2)), None),
                Clock(int(m.group(3)), int(m.group(4)), None), m.start(1), m.end(4))


def only(text: str, rest_ok: int = 0) -> Span | None:
    """The time a short text consists of (a table's time cell); `rest_ok` characters of other
    text (a zone label) may follow."""
    if len(text) > 60:
        return None
    first = leading(text) or _military(text)
    if first is None:
        return None
    rest = text[first.last:].strip(" *_)]|`,;:")
    return first if len(rest) <= rest_ok else None
