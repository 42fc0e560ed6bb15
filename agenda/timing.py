"""Zone labels and years: turning what a page says into exact UTC instants.

Pages write `PST`, `-08:00` or nothing, and most give no year. A label fixes the UTC offset;
the IANA zone behind it is kept to show times the way people read them. Years are resolved in a
fixed order (--year, the page's own dates or heading, other pages of the run, then the likeliest
candidate) and every inference becomes a Notice, so the user can trust or correct it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from .errors import OptionError, PageError, TimingError
from .models import Notice
from .readers.page import FixedRange, PageRead, RawSlot, WallRange

_H = 60  # minutes per hour, for readable offsets below

# Label -> (UTC offset in minutes, the IANA zone that uses it).
ZONE_LABELS: dict[str, tuple[int, str]] = {
    "UTC": (0, "UTC"), "GMT": (0, "UTC"), "Z": (0, "UTC"), "UT": (0, "UTC"),
    "PST": (-8 * _H, "America/Los_Angeles"), "PDT": (-7 * _H, "America/Los_Angeles"),
    "MST": (-7 * _H, "America/Denver"), "MDT": (-6 * _H, "America/Denver"),
    "CST": (-6 * _H, "America/Chicago"), "CDT": (-5 * _H, "America/Chicago"),
    "EST": (-5 * _H, "America/New_York"), "EDT": (-4 * _H, "America/New_York"),
    "AKST": (-9 * _H, "America/Anchorage"), "AKDT": (-8 * _H, "America/Anchorage"),
    "HST": (-10 * _H, "Pacific/Honolulu"),
    "AST": (-4 * _H, "America/Halifax"), "ADT": (-3 * _H, "America/Halifax"),
    "NST": (-3 * _H - 30, "America/St_Johns"), "NDT": (-2 * _H - 30, "America/St_Johns"),
    "WET": (0, "Europe/Lisbon"), "WEST": (1 * _H, "Europe/Lisbon"),
    "BST": (1 * _H, "Europe/London"),
    "CET": (1 * _H, "Europe/Paris"), "CEST": (2 * _H, "Europe/Paris"),
    "EET": (2 * _H, "Europe/Athens"), "EEST": (3 * _H, "Europe/Athens"),
    "MSK": (3 * _H, "Europe/Moscow"),
    "JST": (9 * _H, "Asia/Tokyo"), "KST": (9 * _H, "Asia/Seoul"),
    "AEST": (10 * _H, "Australia/Sydney"), "AEDT": (11 * _H, "Australia/Sydney"),
}
# Labels that mean different offsets in different places: the user must name the zone.
AMBIGUOUS_LABELS: dict[str, tuple[tuple[str, str], ...]] = {
    "IST": (("India Standard Time, UTC+05:30", "Asia/Kolkata"),
            ("Irish Standard Time, UTC+01:00", "Europe/Dublin"),
            ("Israel Standard Time, UTC+02:00", "Asia/Jerusalem")),
    "SST": (("Samoa Standard Time, UTC-11:00", "Pacific/Pago_Pago"),
            ("Singapore Standard Time, UTC+08:00", "Asia/Singapore")),
}
_NUMERIC = re.compile(r"^(?:UTC|GMT)?(?P<sign>[+-])(?P<h>\d{1,2}):?(?P<m>\d{2})?$",
                      re.IGNORECASE | re.ASCII)
YEARS_BACK = 40
# The years agenda reads (as --year accepts them): a conference schedule outside them is a typo
# or a hostile page, and keeping every instant well inside datetime's years 1-9999 means no
# offset, zone, window or calendar rule arithmetic can overflow.
FIRST_YEAR, LAST_YEAR = 1970, 2100
# A slot longer than this is a mistake in its dates, not a talk (multi-day workshops included).
LONGEST_SLOT = timedelta(days=366)
_DAY, _ZERO = timedelta(days=1), timedelta()
NEXT_WINDOW = timedelta(days=183)
ANCHOR_WINDOW = timedelta(days=28)
WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True, slots=True)
class TimeSettings:
    """What the user told us about time; `today` is a parameter so tests can fix it."""

    today: date
    year: int | None = None
    source_tz: str | None = None
    # The day of a page that names none (a page naming only weekdays: the week starting then).
    date: date | None = None


@dataclass(frozen=True, slots=True)
class Instants:
    start: datetime
    end: datetime
    zone: str
    label: str


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


@lru_cache(maxsize=1)
def _zone_names_folded() -> dict[str, str]:
    return {name.casefold(): name for name in zone_names()}


MAX_ZONE_NAME = 64  # longer than any IANA name; a longer value is never looked up


def zone_named(name: str, option: str = "--tz") -> ZoneInfo:
    """An IANA zone, or an error that suggests close names. Only names the zone database lists
    are opened: a folder of it (`Europe`), a path or an odd string is never handed to zoneinfo,
    whose errors for those are not ours."""
    if name in zone_names():
        return ZoneInfo(name)
    shown = name if len(name) <= MAX_ZONE_NAME else name[:MAX_ZONE_NAME] + "..."
    raise OptionError(f"{option}: unknown time zone {shown!r}{_zone_hint(name)}")


def _zone_hint(name: str) -> str:
    if len(name) > MAX_ZONE_NAME or not name.strip():
        return "; use an IANA name like Europe/Berlin"
    import difflib

    folded = _zone_names_folded()
    if (same := folded.get(name.strip().casefold())) is not None:
        return f"; did you mean {same}?"
    names = sorted(zone_names())
    region = name.strip().strip("/").casefold() + "/"
    inside = [n for n in names if n.casefold().startswith(region)]
    if inside:
        return f"; that is a region: name a zone in it, like {', '.join(inside[:3])}"
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    close += [n for n in names if name.casefold() in n.casefold() and n not in close][
        : 3 - len(close)]
    return f"; did you mean {', '.join(close)}?" if close else \
        "; use an IANA name like Europe/Berlin"


def offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _label_offset(label: str, path: str, line: int,
                  source_tz: str | None) -> tuple[int, str] | None:
    """(offset minutes, zone) for a label; None when the user-named zone's rules must decide."""
    upper = label.upper()
    if upper in ZONE_LABELS:
        return ZONE_LABELS[upper]
    if (m := _NUMERIC.match(label)) is not None:
        minutes = int(m.group("h")) * 60 + int(m.group("m") or 0)
        if minutes > 14 * 60:
            raise TimingError(f"impossible UTC offset {label!r}", path, line)
        return (-minutes if m.group("sign") == "-" else minutes), ""
    if source_tz:
        return None
    if upper in AMBIGUOUS_LABELS:
        choices = "; ".join(f"{what} (--source-tz {zone})"
                            for what, zone in AMBIGUOUS_LABELS[upper])
        raise TimingError(f"zone label {label!r} is ambiguous: {choices}", path, line)
    raise TimingError(f"unknown zone label {label!r}; name the zone with --source-tz", path, line)


def _iana_label(label: str | None) -> ZoneInfo | None:
    """The zone a page names by its IANA name (`Europe/Berlin`), read with its rules."""
    if not label or "/" not in label:
        return None
    try:
        return zone_named(label)
    except OptionError:
        return None


def fixed_zone_name(offset: timedelta) -> str:
    """A real IANA name for a whole-hour offset (Etc/GMT+8 is UTC-8), else UTC. The database
    has Etc zones for UTC-12 to UTC+14 only: past those (an ISO offset of -13:00 is valid
    ISO-8601) the exact instants are kept and shown in UTC, which the caller says."""
    seconds = int(offset.total_seconds())
    if seconds == 0 or seconds % 3600 or not -12 <= seconds // 3600 <= 14:
        return "UTC"
    hours = -seconds // 3600
    return f"Etc/GMT{hours:+d}"


def check_years(start: datetime, end: datetime, path: str, line: int) -> None:
    """A slot's instants are in the years agenda reads and it lasts less than LONGEST_SLOT."""
    for moment in (start, end):
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise TimingError(f"the year {moment.year} is outside the years agenda reads "
                              f"({FIRST_YEAR} to {LAST_YEAR}); check the date", path, line)
    if end - start > LONGEST_SLOT:
        raise PageError(f"the slot lasts {(end - start).days} days; check its dates", path, line)


def _local(zone: ZoneInfo, wall: datetime, path: str, line: int, notes: list[Notice]) -> datetime:
    """Attach a zone to a wall time, saying so when DST makes the wall time doubtful."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
        what = "does not exist (clocks jump forward)" if back != wall else "happens twice"
        notes.append(Notice(f"{wall:%Y-%m-%d %H:%M} {what} in {zone.key}; read as "
                            f"{first.tzname()} ({offset_text(first.utcoffset() or timedelta())})",
                            path, line))
    return first


def wall_instants(when: WallRange, year: int, page: PageRead, slot: RawSlot,
                  settings: TimeSettings, notes: list[Notice]) -> Instants:
    """UTC instants for a slot written as wall times with (or without) a zone label."""
    path, line = page.path, slot.line
    day = date(year, when.month, when.day)
    # An hour of 24 or more is on a following day (a published file's event ending days later).
    walls = [datetime(year, when.month, when.day, h % 24, m) + _DAY * (h // 24)
             for h, m in (when.start, when.end)]
    if walls[1] < walls[0]:
        if when.start[0] >= 12 and when.end[0] < 12:
            walls[1] += timedelta(days=1)  # 23:50 - 0:10 ends the next day
        else:
            raise PageError(f"the slot ends ({when.end[0]}:{when.end[1]:02d}) before it starts "
                            f"({when.start[0]}:{when.start[1]:02d})", path, line)
    named = _iana_label(when.label)
    fixed = None if named else \
        _label_offset(when.label, path, line, settings.source_tz) if when.label else None
    if fixed is None:
        if not settings.source_tz and named is None:
            raise TimingError("the page gives no time zone; name it with --source-tz "
                              "(e.g. --source-tz America/Los_Angeles)", path, line)
        zone = named or zone_named(settings.source_tz or "", "--source-tz")
        start, end = (_local(zone, w, path, line, notes) for w in walls)
        return Instants(start.astimezone(UTC), end.astimezone(UTC), zone.key,
                        when.label or zone.key)
    minutes, zone_name = fixed
    offset = timedelta(minutes=minutes)
    start, end = (w.replace(tzinfo=timezone(offset)) for w in walls)
    zone_name = settings.source_tz or zone_name or fixed_zone_name(offset)
    assert when.label is not None
    if zone_name == "UTC" and offset and not settings.source_tz:
        notes.append(Notice(f"{when.label} ({offset_text(offset)}) is an offset no zone uses; "
                            "showing its times in UTC (--source-tz to name a zone)", path, line))
    rules = {ZoneInfo(zone_name).utcoffset(walls[0].replace(fold=f)) for f in (0, 1)}
    if offset not in rules and ZONE_LABELS.get(when.label.upper(), (0, "UTC"))[1] != "UTC":
        notes.append(Notice(
            f"{when.label} on {day:%Y-%m-%d} contradicts {zone_name}, which observes "
            f"{walls[0].replace(tzinfo=ZoneInfo(zone_name)).tzname()} then; read as labelled "
            f"({offset_text(offset)})", path, line))
    return Instants(start.astimezone(UTC), end.astimezone(UTC), zone_name, when.label)


def fixed_instants(when: FixedRange, page: PageRead, slot: RawSlot, zone: str) -> Instants:
    check_years(when.start, when.end, page.path, slot.line)
    if when.end < when.start:
        raise PageError(f"the slot ends ({when.end.isoformat()}) before it starts "
                        f"({when.start.isoformat()})", page.path, slot.line)
    return Instants(when.start.astimezone(UTC), when.end.astimezone(UTC), zone,
                    offset_text(when.start.utcoffset() or timedelta())[3:])


# --- years -------------------------------------------------------------------------------------

def _on(year: int, when: WallRange) -> date | None:
    try:
        return date(year, when.month, when.day)
    except ValueError:
        return None


def _fits(year: int, when: WallRange) -> bool:
    d = _on(year, when)
    return d is not None and (when.weekday is None or d.weekday() == when.weekday)


def describe(when: WallRange) -> str:
    wd = f"{WEEKDAY_NAMES[when.weekday]} " if when.weekday is not None else ""
    return f"{wd}{when.day} {MONTH_NAMES[when.month - 1]}"


def candidate_years(when: WallRange, today: date) -> list[int]:
    return list(_candidates(when.month, when.day, when.weekday, today.year))


def candidate_span(today: date) -> tuple[int, int]:
    """The first and last year a page without one may be in: YEARS_BACK before today to next
    year, inside the years agenda reads (empty, first > last, for a far-off --today)."""
    return max(today.year - YEARS_BACK, FIRST_YEAR), min(today.year + 1, LAST_YEAR)


@lru_cache(maxsize=4096)
def _candidates(month: int, day: int, weekday: int | None, year: int) -> tuple[int, ...]:
    when = WallRange(day, month, None, weekday, (0, 0), (0, 0), None)
    first, last = candidate_span(date(year, 1, 1))
    return tuple(y for y in range(first, last + 1) if _fits(y, when))


def likeliest_year(when: WallRange, today: date) -> int | None:
    """The next occurrence if it is within six months (a conference about to happen), else the
    most recent past one."""
    dates = [d for y in candidate_years(when, today) if (d := _on(y, when)) is not None]
    upcoming = [d for d in dates if today <= d and (d - today) <= NEXT_WINDOW]
    past = [d for d in dates if d < today]
    if upcoming:
        return upcoming[0].year
    return past[-1].year if past else None


def anchor_year(when: WallRange,
                anchors: Sequence[tuple[date, str]]) -> tuple[int, date, str] | None:
    """A year from another page's full date within a few weeks of this day, if they agree."""
    found: dict[int, tuple[int, date, str]] = {}
    for anchor, path in anchors:
        for y in (anchor.year - 1, anchor.year, anchor.year + 1):
            d = _on(y, when)
            if d and abs(d - anchor) <= ANCHOR_WINDOW and _fits(y, when):
                found.setdefault(y, (y, anchor, path))
    return next(iter(found.values())) if len(found) == 1 else None


def page_year(page: PageRead, settings: TimeSettings, anchors: Sequence[tuple[date, str]],
              notes: list[Notice]) -> tuple[int, str] | None:
    """(year, where it came from) for a page's undated slots, with a Notice whenever it was
    inferred; None when every slot carries its own year."""
    walls = [(s, s.when) for s in page.slots if isinstance(s.when, WallRange)]
    undated = [(s, w) for s, w in walls if w.year is None]
    if not undated:
        return None
    first, when = undated[0]
    if settings.year is not None:
        return settings.year, "--year"
    if page.heading_year is not None:
        return page.heading_year, "the page heading"
    dated = [w.year for _, w in walls if w.year is not None]
    if dated:
        return dated[0], "a date on the page"
    others = [(d, p) for d, p in anchors if p != page.path]
    candidates = candidate_years(when, settings.today)
    if (hit := anchor_year(when, others)) is not None:
        year, anchor, path = hit
        also = [y for y in candidates if y != year][-3:]
        notes.append(Notice(
            f"no year on the page; using {year} from {path}, which dates the same days "
            f"({anchor:%Y-%m-%d}); {describe(when)} also fits {_years(also)} "
            f"(pass --year to choose)", page.path, first.line,
            f"no year on the page; using {year}, dated by other pages (pass --year to choose)"))
        return year, f"dated by {path}"
    likely = likeliest_year(when, settings.today)
    if likely is None:
        low, high = candidate_span(settings.today)
        span = f"from {low} to {high}" if low <= high else \
            f"near --today {settings.today.isoformat()} that agenda reads ({FIRST_YEAR} to " \
            f"{LAST_YEAR})"
        raise TimingError(f"{describe(when)} falls in no year {span}; check the date or pass "
                          "--year", page.path, first.line)
    also = [y for y in candidates if y != likely][-3:]
    why = "next" if date(likely, when.month, when.day) >= settings.today else "most recent past"
    notes.append(Notice(
        f"no year on the page; assuming {likely}, the {why} year with {describe(when)}; "
        f"it also fits {_years(also)} (pass --year to choose)", page.path, first.line,
        f"no year on the page; assuming {likely} (pass --year to choose)"))
    return likely, "the likeliest year"


def _years(years: Sequence[int]) -> str:
    return ", ".join(map(str, years)) if years else "no other year in range"


def slot_year(when: WallRange, first: WallRange, page_year_: int) -> int:
    """An undated slot's year. A page spanning New Year: a January slot after December ones is
    in the next year."""
    return page_year_ + 1 if when.month + 6 < first.month else page_year_


def check_weekday(when: WallRange, year: int, page: PageRead, slot: RawSlot,
                  source: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise TimingError(f"the year {year} ({source}) is outside the years agenda reads "
                          f"({FIRST_YEAR} to {LAST_YEAR}); check the date", page.path, slot.line)
    d = _on(year, when)
    if d is None:
        raise TimingError(f"{when.day} {MONTH_NAMES[when.month - 1]} does not exist in {year}",
                          page.path, slot.line)
    if when.weekday is not None and d.weekday() != when.weekday:
        fits = candidate_years(when, date(min(year + 20, LAST_YEAR), 1, 1))
        near = sorted(fits, key=lambda y: abs(y - year))[:3]
        raise TimingError(
            f"{describe(when)} is a {WEEKDAY_NAMES[d.weekday()]} in {year} ({source}), not a "
            f"{WEEKDAY_NAMES[when.weekday]}; it fits {_years(sorted(near))}", page.path, slot.line)
