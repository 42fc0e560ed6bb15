"""Days as programs name them: `Wednesday 6th July`, `Dec 10, Tuesday`, `Day 2 – Wed, April
26th`, `2023-07-28`, `28.07.2023`, or a weekday alone (a week given by --date)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..slot_text import MONTHS, WEEKDAYS
from . import languages

_MON_EN = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
           r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MON = rf"(?P<mon>{_MON_EN})\.?"
# Other languages write the day first ("22 juin", "6 de noviembre", "11. März"): their month
# names are read only there, so "Life on Mars 3" is no date.
_MON_ANY = rf"(?P<mon>{languages.alternation(languages.MONTHS)}|{_MON_EN})\.?"
_WD = (rf"(?P<wd>{languages.alternation(languages.WEEKDAYS)}|"
       r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|"
       r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?")
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_SEP = r"[\s,]*"
_OF = r"(?:\s+(?:of|de|del))?"  # "6 de noviembre de 2025"
# "2025年12月10日（水）", "12月10日", Korean "2025년 12월 10일": year, month and day marked.
_CJK = re.compile(r"(?:(?P<year>(?:19|20)\d\d)\s*[年년]\s*)?(?P<month>[01]?\d)\s*[月월]\s*"
                  r"(?P<day>[0-3]?\d)\s*[日일](?:\s*[（(]\s*(?P<wdc>[月火水木金土日])"
                  r"(?:曜日?)?\s*[)）])?", re.ASCII)
_CJK_WEEKDAYS = {c: i for i, c in enumerate("月火水木金土日")}
# "вторник, 29 сентября 2020 года"; Vietnamese "ngày 22 tháng 7 năm 2023" (day 22 of month 7,
# year 2023): words around numbers, read in Unicode (their letters are no ASCII word).
_CYRILLIC = re.compile(
    rf"(?<!\w)(?:(?P<wd>{languages.alternation(languages.CYRILLIC_WEEKDAYS)})[\s,]+)?"
    rf"(?P<day>[0-3]?\d)\s+(?P<mon>{languages.alternation(languages.CYRILLIC_MONTHS)})"
    r"(?:\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:года|г\.))?)?(?!\w)", re.IGNORECASE)
_VIETNAMESE = re.compile(r"(?<!\w)ngày\s+(?P<day>[0-3]?\d)\s+tháng\s+(?P<month>[01]?\d)"
                         r"(?:,?\s+năm\s+(?P<year>(?:19|20)\d\d))?(?!\w)", re.IGNORECASE)
_FORMS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?:{_WD}{_SEP}(?:the\s+|le\s+|den\s+)?)?{_D}{_OF}{_SEP}{_MON_ANY}\b"
               rf"(?:{_OF}{_SEP}{_Y}\b)?",
               re.IGNORECASE | re.ASCII),
    re.compile(rf"\b(?:{_WD}{_SEP})?{_MON}{_SEP}{_D}\b(?:{_SEP}{_Y}\b)?"
               rf"(?:{_SEP}\(?(?P<wd2>mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)?",
               re.IGNORECASE | re.ASCII),
    _CJK,
    _CYRILLIC,
    _VIETNAMESE,
]
_WEEKDAY = re.compile(rf"\b{_WD}(?![\w-])", re.IGNORECASE | re.ASCII)
_DAY_N = re.compile(r"\bday\s*(?P<n>[1-9])\b", re.IGNORECASE | re.ASCII)


def month_number(name: str) -> int:
    word = name.lower().rstrip(".")
    return languages.MONTHS.get(word) or languages.CYRILLIC_MONTHS.get(word) or MONTHS[word[:3]]


def weekday_number(name: str) -> int:
    word = name.lower().rstrip(".")
    found = languages.WEEKDAYS.get(word, languages.CYRILLIC_WEEKDAYS.get(word))
    return WEEKDAYS[word[:3]] if found is None else found
# Words a day heading may carry beside its date.
_FILLER = frozenset(["day", "program", "programme", "schedule", "agenda", "of", "the", "on",
                     "and", "morning", "afternoon", "evening", "session", "sessions", "workshop",
                     "conference", "main", "track", "tutorials", "tutorial", "workshops",
                     "talks", "timetable", "date", "full", "half", "first", "second", "third",
                     "last", "final", "opening", "closing", "virtual", "in-person", "online",
                     "detailed", "tentative", "overview", "at", "a", "glance", "pst", "pdt",
                     "utc", "cest", "cet", "edt", "est", "gmt", "time", "times", "all", "программа",
                     "деловая", "день", "года", "buổi", "chương", "trình"])

# Words of the important-dates list, whose dates are never a program's day.
_NOT_A_DAY = frozenset(["deadline", "deadlines", "submission", "submissions", "due",
                        "notification", "notifications", "camera", "camera-ready", "decision",
                        "decisions", "acceptance", "released", "release", "early", "posted",
                        "announced", "open", "opens", "until", "by", "before", "after"])


def about_deadlines(text: str) -> bool:
    """A line of the important-dates list ('Submission deadline: May 15'), whose dates and
    times are never the program's."""
    return any(w in _DEADLINE for w in re.split(r"[^\w-]+", text.lower()[:300]) if w) or \
        _DATES_HEADING.search(text[:200]) is not None


_DEADLINE = frozenset(["deadline", "deadlines", "submission", "submissions", "notification",
                       "notifications", "camera-ready", "due"])


_DATES_HEADING = re.compile(r"\b(?:important dates|key dates|call for (?:papers|submissions|"
                            r"abstracts|participation)|deadlines?)\b", re.IGNORECASE | re.ASCII)


class DayRef(NamedTuple):
    """A day as a page names it: a date (year optional), a weekday alone, or `Day N`."""

    day: int  # 0 when no date
    month: int  # 0 when no date
    year: int | None
    weekday: int | None
    nth: int | None = None  # N of "Day N"


class Found(NamedTuple):
    ref: DayRef
    first: int
    last: int


def _date(m: re.Match[str]) -> DayRef | None:
    groups = m.groupdict()
    month = int(groups["month"]) if groups.get("month") else month_number(groups["mon"])
    day = int(groups["day"])
    wd = groups.get("wd") or groups.get("wd2")
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    weekday = weekday_number(wd) if wd else _CJK_WEEKDAYS.get(groups.get("wdc") or "")
    return DayRef(day, month, int(groups["year"]) if groups.get("year") else None, weekday)


def find(text: str) -> Found | None:
    """The first date the text names (the longest form at the earliest place)."""
    best: Found | None = None
    best_rank: tuple[bool, int, int] = (True, 0, 0)
    if any(c.isdigit() for c in text):
        for form in _FORMS:
            m = form.search(text)
            if m is None:
                continue
            ref = _date(m)
            if ref is None:
                continue
            # The fullest date wins ("Day 2 November 19, 2024" is 19 November, not 2).
            rank = (ref.year is None, -(m.end() - m.start()), m.start())
            if best is None or rank < best_rank:
                best, best_rank = Found(ref, m.start(), m.end()), rank
    if best is not None:
        return best
    weekday = next((m for m in _WEEKDAY.finditer(text) if not _acronym(m.group(0), text)), None)
    index = _DAY_N.search(text)
    if weekday is None and index is None:
        return None
    ref = DayRef(0, 0, None, weekday_number(weekday.group("wd")) if weekday else None,
                 int(index.group("n")) if index else None)
    spots = [m for m in (weekday, index) if m is not None]
    return Found(ref, min(m.start() for m in spots), max(m.end() for m in spots))


def _acronym(word: str, text: str) -> bool:
    """'SAT' or 'SUN' in capitals amid lower-case words ('Encoding SAT') names a thing, not a
    weekday; a heading all in capitals ('SAT 12 JUNE') may still abbreviate one."""
    return len(word.rstrip(".")) <= 4 and word.isupper() and any(c.islower() for c in text)


# A heading that is only a numeric date, "17/08" or "17/08/2019": read only where the order
# is certain (one number above 12), never in running text (fractions, scores).
_NUMERIC = re.compile(r"^\W{0,3}(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<year>(?:19|20)\d\d))?"
                      r"\W{0,3}$", re.ASCII)


def _numeric(text: str, weekday: int | None = None) -> DayRef | None:
    m = _NUMERIC.match(text)
    if m is None:
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    day, month = (a, b) if a > 12 >= b else (b, a) if b > 12 >= a else (0, 0)
    if not month and weekday is not None and m.group("year"):
        # "07/05/2013 – Terça-Feira": the weekday tells 7 May (a Tuesday) from 5 July.
        fits = [(d, mo) for d, mo in ((a, b), (b, a)) if _weekday_of(int(m.group("year")), mo, d)
                == weekday]
        day, month = fits[0] if len(fits) == 1 else (0, 0)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return DayRef(day, month, int(m.group("year")) if m.group("year") else None, None)


# "Day 1 (Tuesday, 10/21)": a numeric date inside a short heading, read where the order is
# certain, as above.
_NUMERIC_IN = re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)"
                         r"(?:/(?P<year>(?:19|20)\d\d))?(?![\d/])", re.ASCII)


def _numeric_within(text: str) -> DayRef | None:
    m = _NUMERIC_IN.search(text)
    if m is None or _NUMERIC_IN.search(text, m.end()) is not None:
        return None
    rest = text[:m.start()] + " " + text[m.end():]
    weekday = _WEEKDAY.search(rest)
    ref = _numeric(m.group(0), weekday_number(weekday.group("wd")) if weekday else None)
    if ref is None:
        return None
    if weekday is not None:
        rest = rest[:weekday.start()] + rest[weekday.end():]
    rest = _DAY_N.sub(" ", rest)
    words = [w for w in re.split(r"[^\w-]+", rest.lower()) if w and w not in _FILLER]
    if len(words) > 2:
        return None
    return ref._replace(weekday=weekday_number(weekday.group("wd")) if weekday else None)


def numeric_columns(texts: list[str]) -> list[DayRef | None]:
    """Column headers each a numeric date whose order no number settles ('08/07/2024' ...
    '12/07/2024'): read in the order that makes them the days of one event, close together
    (8-12 July, not 7 August to 7 December). Unsettled where both orders fit as well."""
    found = [_NUMERIC.match(t.strip()) for t in texts]
    dated = [m for m in found if m is not None]
    if len(dated) < 2:
        return [None] * len(texts)
    best: list[tuple[int, list[DayRef | None]]] = []
    for day_first in (True, False):
        refs: list[DayRef | None] = []
        ordinals: list[int] = []
        for m in found:
            if m is None:
                refs.append(None)
                continue
            a, b = int(m.group("a")), int(m.group("b"))
            day, month = (a, b) if day_first else (b, a)
            year = int(m.group("year")) if m.group("year") else None
            ordinal = _ordinal(year or 2000, month, day)
            if ordinal is None:
                break
            ordinals.append(ordinal)
            refs.append(DayRef(day, month, year, None))
        else:
            best.append((max(ordinals) - min(ordinals), refs))
    best.sort(key=lambda pair: pair[0])
    if not best or best[0][0] > 31 or (len(best) == 2 and best[0][0] == best[1][0]):
        return [None] * len(texts)
    return best[0][1]


def _ordinal(year: int, month: int, day: int) -> int | None:
    from datetime import date

    try:
        return date(year, month, day).toordinal()
    except ValueError:
        return None


def _weekday_of(year: int, month: int, day: int) -> int | None:
    from datetime import date

    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


def heading(text: str, strong: bool) -> DayRef | None:
    """The day a heading-like text announces: a date with at most a few other words (more
    where the block is a real heading, `strong`)."""
    if len(text) > 120:
        return None
    if strong and "/" in text and (numeric := _numeric(text) or _numeric_within(text)):
        return numeric
    if not strong and "/" in text and _WEEKDAY.search(text) and (numeric := _numeric_within(text)):
        # "28/04 - Friday" in a plain block: the weekday beside it says the numbers are a day.
        return numeric
    found = find(text)
    if found is None:
        return None
    rest = text[:found.first] + " " + text[found.last:]
    words = [w for w in re.split(r"[^\w-]+", rest.lower()) if w and not w.isdigit()
             and w not in _FILLER and w != "-"]
    if any(w in _NOT_A_DAY for w in words):
        return None
    if found.ref.month == 0:
        # A weekday alone or "Day 2": only as a short heading.
        if found.ref.weekday is None and not strong:
            return None
        return found.ref if len(words) <= (2 if strong else 0) else None
    return found.ref if len(words) <= (6 if strong else 3) else None
