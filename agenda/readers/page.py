"""What every layout reader shares: decoded pages and the raw slots readers return.

Readers only recognise structure; they never decide years or zones. That is `timing`'s job,
because a page's year may depend on the other pages of the run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from ..errors import PageError, SourceError
from ..models import Kind, Notice, Status

# Characters that pages copied from browsers carry and that must read as plain spaces or nothing.
# Odd spaces and control characters read as one space; invisible characters as nothing, among
# them the bidirectional controls (U+061C, U+200E/F, U+202A-E, U+2066-9) that would reorder what
# a reader sees of a title ('\u202eevil' shows as 'live').
_AS_SPACE = re.compile("[\u00a0\u2007\u202f\u2000-\u200a\u3000\t\x00-\x08\x0b\x0c\x0e-\x1f"
                       "\x7f\u2028\u2029]")
_INVISIBLE = re.compile("[\ufeff\u200b-\u200f\u2060\u061c\u202a-\u202e\u2066-\u2069]")
# Cheap byte-level tests for those characters (controls and tab; NBSP; U+061C; U+2000-U+200F,
# U+2028-U+202F, U+2060, U+2066-U+2069; U+3000; U+FEFF). Pages without any, nearly all, skip
# both substitutions: deleting bytes and searching for a literal lead byte are C loops, while a
# character-class regex over the whole text is much slower.
_CONTROL_BYTES = bytes([*range(0x0A), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
# Starting with its literal lead byte, the regex is searched for by that byte alone.
_ODD_E2 = re.compile(rb"\xe2(?:\x80[\x80-\x8f\xa8-\xaf]|\x81[\xa0\xa6-\xa9])")


def _has(data: bytes, sequence: bytes) -> bool:
    """`sequence in data`, first looking for its lead byte alone: a one-byte search is a
    memchr, many times faster than a search for several bytes (a 60 MB file, 2 ms against 40)."""
    return sequence[:1] in data and sequence in data


def _has_odd_characters(data: bytes) -> bool:
    if len(data.translate(None, _CONTROL_BYTES)) != len(data):
        return True
    if data.isascii():  # the other characters are all written with non-ASCII bytes
        return False
    return (_has(data, b"\xc2\xa0") or (b"\xe2" in data and _ODD_E2.search(data) is not None)
            or _has(data, b"\xd8\x9c") or _has(data, b"\xe3\x80\x80")
            or _has(data, b"\xef\xbb\xbf"))


# The budget of one page. A saved conference page is well under a megabyte, a few thousand lines,
# and a line of it (an abstract) a few thousand characters: past these it is not a schedule
# page, and no reader should spend memory or time on it. (Lines cost memory apart from their
# text: 16 million two-letter lines, 48 MB, took 2.8 GB to read; a million lines, 180 MB.)
MAX_PAGE_BYTES = 50_000_000
# A published file (XML, JSON, iCalendar) of a large conference is bigger, and is read by a real
# parser for which lines mean nothing: its own, larger budget.
MAX_FILE_BYTES = 256_000_000
MAX_LINE_CHARS = 100_000
MAX_LINES = 1_000_000


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    # The stripped lines (see `lines`), or None until first used: markup (XML, JSON, HTML) is
    # read from `text` by real parsers, and splitting a 60 MB published file into two million
    # lines it never reads cost a third of the time of reading it.
    stripped: tuple[str, ...] | None = field(compare=False)
    # The decoded text before it was split into stripped lines: structured formats (iCalendar
    # folding, CSV quoting, XML, JSON) need it whole. The lines are made from it, so it stands
    # for them in comparisons.
    text: str = field(default="", repr=False)
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # When `lines` are the text an HTML page shows (see `shown`), the source line each came
    # from, so that what a reader says points into the file the user has.
    numbers: tuple[int, ...] = field(default=(), compare=False, repr=False)
    # What decoding had to guess (a charset), said with what the page's reader says.
    notices: tuple[Notice, ...] = field(default=(), compare=False, repr=False)

    @property
    def lines(self) -> tuple[str, ...]:
        """The page's lines, stripped: what the text layouts read."""
        if self.stripped is None:
            object.__setattr__(self, "stripped", _split(self.text))
        assert self.stripped is not None
        return self.stripped

    def first_lines(self, count: int) -> tuple[str, ...]:
        """`lines[:count]`, without splitting the rest of a large file (detectors that look
        at a file's head)."""
        if self.stripped is not None:
            return self.stripped[:count]
        out: list[str] = []
        at, text = 0, self.text
        while len(out) < count:
            end = text.find("\n", at)
            if end < 0:
                out.append(text[at:].strip())
                break
            out.append(text[at:end].strip())
            at = end + 1
        return tuple(out)

    def remember(self, key: str, compute: Callable[[], Any]) -> Any:
        """What `compute` gives for this page, computed once (detectors and readers share
        their scans of the lines)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def nonblank(self) -> list[tuple[int, str]]:
        """(1-based line number, text) of the non-blank lines."""
        numbers = self.numbers or range(1, len(self.lines) + 1)
        pairs = zip(numbers, self.lines, strict=True)
        return self.remember("nonblank",  # type: ignore[no-any-return]
                             lambda: [(n, s) for n, s in pairs if s])


def _split(text: str) -> tuple[str, ...]:
    return tuple(map(str.strip, text.split("\n")))


def _utf8_of_utf16(data: bytes, path: str) -> bytes:
    """UTF-16 pages (Windows tools save them; a byte-order mark says so, or every other byte of
    ASCII text is NUL) as UTF-8; anything else unchanged."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(head) >= 8 and head[1::2].count(0) > len(head) * 0.4:
        encoding = "utf-16-le"
    elif len(head) >= 8 and head[0::2].count(0) > len(head) * 0.4:
        encoding = "utf-16-be"
    else:
        return data
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"looks like UTF-16 text but does not decode ({exc.reason}); re-save "
                          "the page as UTF-8", path) from None


def decode(path: str, data: bytes) -> Page:
    """Turn a source's bytes into normalised lines, or say clearly why they are not a page."""
    if len(data) > MAX_PAGE_BYTES:
        most = MAX_FILE_BYTES if _structured(data) else MAX_PAGE_BYTES
        if len(data) > most:
            raise PageError(f"the page is over {most // 1_000_000} MB, the most agenda reads in "
                            "one page; save only the schedule, or split it", path)
    if not data.strip():
        raise SourceError("the file is empty; save the schedule page as text and try again", path)
    data = _utf8_of_utf16(data, path)
    if b"\x00" in data[:8192]:
        raise SourceError("this is a binary file, not a schedule page saved as text", path)
    said: tuple[Notice, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text, said = _not_utf8(data, exc, path)
        data = text.encode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _has_odd_characters(data):
        text = _AS_SPACE.sub(" ", text if text.isascii() else _INVISIBLE.sub("", text))
    if _markup(text):  # no line budgets, and lines split only if a text layout asks
        return Page(path, None, text, notices=said)
    if (count := text.count("\n") + 1) > MAX_LINES:
        raise PageError(f"the page has {count:,} lines; agenda reads pages of up to "
                        f"{MAX_LINES:,} lines (save only the schedule, or split it)", path)
    lines = _split(text)
    if len(text) > MAX_LINE_CHARS:
        _check_lines(path, lines)
    return Page(path, lines, text, notices=said)


# A charset a page declares: HTML's <meta charset=...> or <meta http-equiv ... charset=...>, or
# an XML declaration's encoding. Bounded gaps: the head of a page is searched, never the rest.
_DECLARED = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})|"
                       rb"<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]{1,40})",
                       re.IGNORECASE)
# What browsers read these labels as (the WHATWG Encoding standard): Windows-1252's printable
# 0x80-0x9F are what pages labelled Latin-1 mean.
_AS_BROWSERS_DO = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                   "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}


def _not_utf8(data: bytes, exc: UnicodeDecodeError, path: str) -> tuple[str, tuple[Notice, ...]]:
    """The text of a page that is not UTF-8: in the charset it declares, else as Windows-1252
    (what browsers assume of an undeclared Western page, and what Windows tools save), said as
    a warning since letters may then be wrong; an error when neither reads it."""
    line = data[: exc.start].count(b"\n") + 1
    m = _DECLARED.search(data, 0, 4096)
    declared = (m.group(1) or m.group(2)).decode("ascii").lower() if m else None
    if declared is not None:
        codec = _AS_BROWSERS_DO.get(declared, declared)
        try:
            return data.decode(codec), ()
        except (LookupError, UnicodeDecodeError):
            raise SourceError(f"the page declares charset {declared!r}, but its bytes are "
                              "neither that nor UTF-8; re-save the page as UTF-8", path,
                              line) from None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise SourceError(f"not UTF-8 text (byte 0x{data[exc.start]:02x}); re-save the page "
                          "as UTF-8", path, line) from None
    shown = data[exc.start:exc.start + 1].decode("cp1252")
    return text, (Notice(f"not UTF-8 and no charset declared: read as Windows-1252 (byte "
                         f"0x{data[exc.start]:02x} as {shown!r}); re-save the page as UTF-8 if "
                         "letters look wrong", path, line),)


def _structured(data: bytes) -> bool:
    """Bytes of a published file: markup, JSON or iCalendar (see MAX_FILE_BYTES)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"<", b"{", b"[") or head.upper().startswith(b"BEGIN:VCALENDAR")


def _markup(text: str) -> bool:
    """HTML, XML or JSON: read by real parsers, for which lines mean nothing (a saved page is
    often one minified line of a megabyte)."""
    return text.lstrip()[:1] in ("<", "{", "[")


def _check_lines(path: str, lines: tuple[str, ...]) -> None:
    longest = max(map(len, lines))
    if longest > MAX_LINE_CHARS:
        number = next(i for i, s in enumerate(lines, 1) if len(s) == longest)
        raise PageError(f"the line is {longest:,} characters long; agenda reads lines of up to "
                        f"{MAX_LINE_CHARS:,} (is this a schedule page saved as text?)", path,
                        number)


# The records below are made once per slot of a conference (a hundred thousand): named tuples,
# immutable like frozen dataclasses but built and hashed in C, far cheaper.
class WallRange(NamedTuple):
    """A slot as a page writes it: a date that may lack a year, wall times and a zone label."""

    day: int
    month: int
    year: int | None
    weekday: int | None  # Monday = 0, as in datetime
    start: tuple[int, int]
    end: tuple[int, int]
    # A zone label (PST, CEST, UTC+2) or an IANA zone name (Europe/Berlin), read by its rules.
    label: str | None


class FixedRange(NamedTuple):
    """A slot given as exact aware instants (ISO-8601 offsets, a TZID, a conference zone)."""

    start: datetime
    end: datetime
    # The IANA zone the source writes its times in, when it names one: times are shown there.
    zone: str | None = None


class RawSlot(NamedTuple):
    """One slot as a reader found it. Fields after `number` are for sources that say them per
    event (published files): an empty track means the page's track."""

    line: int
    when: WallRange | FixedRange
    title: str = ""
    authors: tuple[str, ...] = ()
    abstract: str = ""
    kind: Kind = Kind.EMPTY
    number: int | None = None
    track: str = ""
    room: str = ""
    url: str | None = None
    uid: str = ""  # the source's own id for the event (iCalendar UID, frab guid)
    status: Status = Status.CONFIRMED
    all_day: bool = False
    conference: str = ""  # the event's own conference, when a row says it (agenda's CSV)


class PageRead(NamedTuple):
    """One page's structure: the session it describes and its slots, in page order."""

    path: str
    layout: str
    track: str
    chairs: tuple[str, ...]
    heading_year: int | None
    slots: tuple[RawSlot, ...]
    # What the reader inferred or doubted (a published file's wrong VTIMEZONE, a day/month
    # order chosen, a contradicted offset), passed on with the run's other notices.
    notices: tuple[Notice, ...] = ()
    # The conference the page belongs to: `conference` is a title as the source gives it
    # (a frab <title>, a calendar's name); `series` a name that needs the year to say which
    # edition ('NeurIPS'), which the talk's own year completes ('NeurIPS 2020').
    conference: str = ""
    series: str = ""
