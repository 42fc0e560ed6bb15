"""The shared grammar of the conference sites' plain-text pages (NeurIPS, ICML, Session pages).

A page is a header (session or track name, chairs) followed by slots. A slot starts with a line
like ``Wed 9 Dec. 6:00 - 6:15 PST`` and holds an optional kind line, a title, an author line and
an abstract. Layout modules differ in how they are recognised, not in this grammar, so
near-variants (am/pm, other zone labels, month names spelled out) read with no new code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import PageError
from ..models import Kind
from .page import Page, PageRead, RawSlot, WallRange

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
WEEKDAYS = {d: i for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}

_WD = r"(?P<wd>(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\.?,?\s+"
_MON = r"(?P<{}>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_TIME = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
_ZONE = r"(?P<{}>[a-z]{{1,5}}(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?|[+-]\d{{2}}:?\d{{2}})"
# The label may follow each time ('9 a.m. CST — 9:15 a.m. CST', the sites since 2022) or
# only the end ('6:00 - 6:15 PST', 2020-2021).
SLOT_LINE = re.compile(
    rf"^(?:{_WD})?(?:{_DAY}\s+{_MON.format('mon')}|{_MON.format('mon2')}\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)"
    rf",?\s+(?:(?P<year>\d{{4}}),?\s+)?(?:at\s+)?(?P<t1>{_TIME})(?:\s*{_ZONE.format('zone1')})?"
    rf"\s*(?:-|–|—|to)\s*(?P<t2>{_TIME})(?:\s*\(?{_ZONE.format('zone')}\)?)?$",
    # ASCII: with Unicode case folding 'ſat' matches 'sat' and 'Frı' 'fri', names no table
    # has; and only ASCII digits are digits here.
    re.IGNORECASE | re.ASCII,
)
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?m\.?)?$",
                    re.IGNORECASE | re.ASCII)

# The event types the sites print on the line after a slot line (their "kind line").
KIND_WORDS = {
    "oral": Kind.ORAL, "spotlight": Kind.SPOTLIGHT, "poster": Kind.POSTER, "paper": Kind.PAPER,
    "break": Kind.BREAK, "q&a": Kind.QA, "qa": Kind.QA, "invited talk": Kind.INVITED,
    "keynote": Kind.INVITED, "talk": Kind.PAPER, "contributed talk": Kind.PAPER,
    "tutorial": Kind.TUTORIAL, "workshop": Kind.WORKSHOP, "affinity workshop": Kind.WORKSHOP,
    "expo workshop": Kind.WORKSHOP, "panel": Kind.PANEL, "expo talk panel": Kind.PANEL,
    "social": Kind.SOCIAL, "demonstration": Kind.TALK, "expo demonstration": Kind.TALK,
    "competition": Kind.TALK, "town hall": Kind.TALK,
}
# Lines the sites add around the content; they are never a title, author or abstract.
# (A line of bracketed links, '[ Paper PDF ] [ ]', is any line from '[' to ']': a test of its
# ends, since a pattern repeating '\[.*\]' backtracks exponentially on '[1] [2] ... shows'.)
NOISE = re.compile(
    r"^(?:skip to .*|chat is not available\.?|abstract:?|session|(?:paper )?pdf|video|slides|"
    r"toggle .*|\W*+)$",
    re.IGNORECASE,
)
_CHAIRS_PREFIX = re.compile(r"^(?:moderators?|session chairs?|chairs?)\s*:\s*(?P<names>.*)$",
                            re.I | re.ASCII)
# A year in a heading counts only after a conference-like name: an acronym with two or more
# capitals (NeurIPS, ICML, MLSys) or a word like Conference or Workshop; never "Track 2019".
HEADING_YEAR = re.compile(
    r"(?:\b(?=\w*[A-Z]\w*[A-Z])[A-Za-z]{2,}|\b(?:Conference|Workshop|Symposium|Summit|School|"
    r"Meeting|Congress))\s*['’]?(?P<year>19[7-9]\d|20\d\d)\b")
_SENTENCE_END = re.compile(r"[.!?]$")


# A slot line starts with a weekday, a day number or a month: a cheap test on the first three
# characters spares the regex nearly every title and author line (non-ASCII starts go to it).
_SLOT_STARTS = frozenset([*WEEKDAYS, *MONTHS])
# A conference's pages repeat the same few hundred slot lines (every track has the same hours),
# so each distinct line is parsed once. Bounded: a server reading changing pages must not grow.
_WALLS: dict[str, WallRange] = {}
_WALLS_MAX = 50_000


def is_slot_line(line: str) -> bool:
    if line in _WALLS:
        return True
    head = line[:3]
    if len(line) >= 80 or not head or not (head[0].isdigit() or head.lower() in _SLOT_STARTS
                                           or not head.isascii()):
        return False
    return SLOT_LINE.match(line) is not None


def is_noise(line: str) -> bool:
    """A site line that is never content. Long lines starting with a letter or digit can only be
    noise when they start 'skip to' or 'toggle', so most abstract and title lines skip the
    regex."""
    if len(line) > 24 and line[:1].isalnum() and line[:7].lower() not in ("skip to", "toggle "):
        return False
    return (line[:1] == "[" and line[-1:] == "]") or NOISE.match(line) is not None


def _clock(text: str) -> tuple[int, int, str | None]:
    m = _CLOCK.match(text.strip())
    assert m is not None  # guaranteed by SLOT_LINE
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    return hour, minute, (m.group(3) or "").lower() or None


def _to24(hour: int, minute: int, meridiem: str | None) -> tuple[int, int]:
    if meridiem == "a":
        hour = 0 if hour == 12 else hour
    elif meridiem == "p":
        hour = hour if hour == 12 else hour + 12
    return hour, minute


def wall_range(text: str, path: str, line: int) -> WallRange:
    """The date, times and label of a slot line, validated."""
    known = _WALLS.get(text)
    if known is None:
        m = SLOT_LINE.match(text)
        assert m is not None  # only lines that is_slot_line accepted come here
        known = _wall_range(m, path, line)
        if len(_WALLS) >= _WALLS_MAX:
            _WALLS.clear()
        _WALLS[text] = known
    return known


def _wall_range(m: re.Match[str], path: str, line: int) -> WallRange:
    h1, m1, ap1 = _clock(m.group("t1"))
    h2, m2, ap2 = _clock(m.group("t2"))
    if ap1 is None and ap2 is not None:
        # "6:00 - 7:30 pm": the start shares the end's meridiem unless that puts it after the end.
        ap1 = ap2 if _to24(h1, m1, ap2) <= _to24(h2, m2, ap2) else ("a" if ap2 == "p" else "p")
    start, end = _to24(h1, m1, ap1), _to24(h2, m2, ap2)
    for hour, minute in (start, end):
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            raise PageError(f"impossible time in slot line {m.group(0)!r}", path, line)
    day = int(m.group("day") or m.group("day2"))
    wd = m.group("wd")
    zone = m.group("zone") or m.group("zone1")
    return WallRange(
        day=day,
        month=MONTHS[(m.group("mon") or m.group("mon2"))[:3].lower()],
        year=int(m.group("year")) if m.group("year") else None,
        weekday=WEEKDAYS[wd[:3].lower()] if wd else None,
        start=start,
        end=end,
        label=re.sub(r"\s+", "", zone) if zone else None,
    )


def split_authors(text: str) -> tuple[str, ...]:
    return tuple(filter(None, map(str.strip, text.split("·" if "·" in text else ","))))


def looks_like_authors(text: str) -> bool:
    """Author lines are name lists: '·'-joined, or short, without sentence punctuation."""
    if "·" in text:
        return True
    return len(text) <= 120 and len(text.split()) <= 14 and not _SENTENCE_END.search(text) \
        and ":" not in text


def kind_of_title(title: str) -> Kind | None:
    low = title.lower()
    if low == "break" or low.startswith("break "):
        return Kind.BREAK
    if "q&a" in low or low.startswith(("qa ", "questions")):
        return Kind.QA
    return None


def parse_block(lines: Sequence[tuple[int, str]], slot_line: int, when: WallRange,
                default_kind: Kind) -> RawSlot:
    """Turn the content lines under one slot line into a raw slot."""
    content = [(n, s) for n, s in lines if not is_noise(s)]
    kind: Kind | None = None
    kind_line = ""
    if content and content[0][1].lower() in KIND_WORDS:
        kind_line = content[0][1]
        kind = KIND_WORDS[kind_line.lower()]
        content = content[1:]
    if not content:  # a kind line alone ('Break', 'Town Hall') is the slot's title
        return RawSlot(slot_line, when, title=kind_line, kind=kind or Kind.EMPTY)
    title = content[0][1]
    rest = content[1:]
    authors: tuple[str, ...] = ()
    if rest and looks_like_authors(rest[0][1]) and kind not in (Kind.BREAK, Kind.QA):
        authors = split_authors(rest[0][1])
        rest = rest[1:]
    abstract = "\n\n".join(s for _, s in rest)
    return RawSlot(slot_line, when, title=title, authors=authors, abstract=abstract,
                   kind=kind or kind_of_title(title) or default_kind)


def read_header(lines: Sequence[tuple[int, str]]) -> tuple[str, tuple[str, ...], int | None]:
    """Track name, chairs and a conference year from the lines above the first slot."""
    track, chairs, year = "", tuple[str, ...](), None
    for _, text in lines:
        if is_noise(text):
            continue
        if (m := HEADING_YEAR.search(text)) and year is None:
            year = int(m.group("year"))
        if (c := _CHAIRS_PREFIX.match(text)):
            chairs = split_authors(c.group("names"))
        elif not track:
            track = text.lstrip("#").strip()
        elif not chairs and looks_like_authors(text):
            chairs = split_authors(text)
    return track, chairs, year


def slot_lines(page: Page) -> list[int]:
    """Indexes into page.nonblank() of every slot line, scanned once per page (the detectors
    and the reader share the scan)."""
    return page.remember(  # type: ignore[no-any-return]
        "slot_lines", lambda: [i for i, (_, text) in enumerate(page.nonblank())
                               if is_slot_line(text)])


def count_slot_lines(page: Page) -> int:
    return len(slot_lines(page))


def read_slot_page(page: Page, layout: str, default_kind: Kind = Kind.PAPER) -> PageRead:
    """Read any page in the shared plain-text grammar."""
    lines = page.nonblank()
    starts = slot_lines(page)
    if not starts:
        raise PageError("no slot lines (like 'Wed 9 Dec. 6:00 - 6:15 PST') found", page.path)
    track, chairs, year = read_header(lines[: starts[0]])
    slots = []
    for k, i in enumerate(starts):
        number, text = lines[i]
        block = lines[i + 1: starts[k + 1] if k + 1 < len(starts) else len(lines)]
        slots.append(parse_block(block, number, wall_range(text, page.path, number), default_kind))
    return PageRead(page.path, layout, track, chairs, year, tuple(slots))
