"""The NeurIPS virtual site saved as Markdown: ISO-8601 slot ranges and '#####' talk headings
(seed 001). The site glues headings onto the previous text ('...-08:00### Session chairs'), so
headings are split off before reading.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import datetime

from ..errors import PageError
from ..models import Kind
from .page import FixedRange, Page, PageRead, RawSlot
from .slot_text import KIND_WORDS, is_noise, kind_of_title, read_header, split_authors

NAME = "neurips-markdown"
CONFERENCE = "NeurIPS"
DESCRIPTION = "NeurIPS Markdown ('2020-12-10T18:00:00-08:00 - ...', '##### 1 - Oral: Title')"

_ISO = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})"
ISO_RANGE = re.compile(rf"^(?P<start>{_ISO})\s*(?:-|–|—|to)\s*(?P<end>{_ISO})$",
                       re.IGNORECASE | re.ASCII)
_GLUED = re.compile(r"(?<=[^\s#])(?=#{2,6} )")
# The kind is read possessively and its trailing spaces stripped after: a lazy kind followed by
# '\s*' tries every split of a run of spaces (quadratic on '##### Oral' + spaces + 'x').
_TALK = re.compile(
    r"^(?:(?P<number>\d++)\s*+[-–.]\s*)?(?:(?P<kind>[A-Za-z&][A-Za-z& ]*+)\s*+:\s++)?"
    r"(?P<title>.+)$")


def _heading(text: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading ('## Schedule ##'), by plain string code: the pattern
    '#{1,6}\\s+(.*?)\\s*#*$' is quadratic on a heading with a long run of inner spaces."""
    rest = text.lstrip("#")
    level = len(text) - len(rest)
    if not 1 <= level <= 6 or not rest[:1].isspace():
        return None
    return level, rest.rstrip("#").strip()


def _section_heading(text: str) -> str | None:
    """The text of a page-structure heading (levels 1-4); talk headings are level 5."""
    head = _heading(text)
    return head[1] if head and head[0] <= 4 else None


def _lines(page: Page) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for number, text in page.nonblank():
        if "#" in text and _GLUED.search(text):
            out.extend((number, part.strip()) for part in _GLUED.split(text) if part.strip())
        else:
            out.append((number, text))
    return out


def detect(page: Page) -> float:
    if not any(ISO_RANGE.match(_GLUED.split(s)[0].strip() if "#" in s else s)
               for s in page.lines if s[4:5] == "-" and s[:4].isdigit()):
        return 0.0
    return 4.0 if any(s.startswith("#####") for s in page.lines) else 2.0


def _instant(text: str, path: str, line: int) -> datetime:
    try:
        return datetime.fromisoformat(text.replace(" ", "T").upper())
    except ValueError:
        raise PageError(f"impossible date or time {text!r}", path, line) from None


def _slot(page: Page, number: int, when: FixedRange, body: list[tuple[int, str]]) -> RawSlot:
    content = [(n, s) for n, s in body if not is_noise(s)]
    if not content:
        return RawSlot(number, when, kind=Kind.EMPTY)
    head = _heading(content[0][1])
    if head is None:
        raise PageError("expected a '#####' talk heading under the slot line", page.path,
                        content[0][0])
    m = _TALK.match(head[1])
    if m is None:
        raise PageError("the talk heading has no title", page.path, content[0][0])
    said_kind = (m.group("kind") or "").rstrip(" ")
    kind_word, title = said_kind.lower(), m.group("title")
    if kind_word and kind_word not in KIND_WORDS:
        title = f"{said_kind}: {title}"  # a colon inside the title, not a kind prefix
        kind_word = ""
    kind = KIND_WORDS.get(kind_word) or kind_of_title(title) or Kind.PAPER
    rest = content[1:]
    authors: tuple[str, ...] = ()
    if rest and kind not in (Kind.BREAK, Kind.QA):
        authors = split_authors(rest[0][1])
        rest = rest[1:]
    return RawSlot(number, when, title=title, authors=authors,
                   abstract="\n\n".join(s for _, s in rest), kind=kind,
                   number=int(m.group("number")) if m.group("number") else None)


def read(page: Page) -> PageRead:
    lines = _lines(page)
    section = ""
    header: list[tuple[int, str]] = []
    chairs: tuple[str, ...] = ()
    slot_at: list[int] = []
    sections: list[int] = []
    for i, (number, text) in enumerate(lines):
        head = _section_heading(text)
        if head:
            sections.append(i)
            section = head.lower()
            if text.startswith("##") and not text.startswith("###") and not slot_at:
                header.append((number, head))
        elif ISO_RANGE.match(text) and section != "time":
            slot_at.append(i)
        elif section in ("session chairs", "chairs", "moderator", "moderators") and not slot_at:
            chairs = split_authors(text)
        elif not slot_at and not section:
            header.append((number, text))
    if not slot_at:
        raise PageError("no ISO-8601 slot ranges found under '### Schedule'", page.path)
    track, header_chairs, year = read_header(header)
    slots = []
    # Each slot ends at the next slot line or section heading, whichever comes first.
    bounds = sorted({*slot_at, *sections, len(lines)})
    for i in slot_at:
        number, text = lines[i]
        m = ISO_RANGE.match(text)
        assert m is not None
        when = FixedRange(_instant(m.group("start"), page.path, number),
                          _instant(m.group("end"), page.path, number))
        end = bounds[bisect_right(bounds, i)]
        body = lines[i + 1:end]
        slots.append(_slot(page, number, when, body))
    return PageRead(page.path, NAME, track, chairs or header_chairs, year, tuple(slots),
                    series=CONFERENCE)
