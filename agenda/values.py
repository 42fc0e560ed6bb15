"""Parsing the values users type (durations, days, time ranges, zones), each failure an
OptionError that names the option, shared by the CLI, profiles and the feed's query string."""

from __future__ import annotations

import contextlib
import os
import re
from datetime import date, time, timedelta
from pathlib import Path

from .errors import OptionError
from .timing import zone_named

# At most six digits each (a year is 8,760 hours): a longer number is never a duration, and
# int() of thousands of digits, or timedelta of billions of hours, fails in ways not ours.
_DURATION = re.compile(r"^(?:(?P<h>\d{1,6})\s*h)?\s*(?:(?P<m>\d{1,6})\s*(?:m|min)?)?$",
                       re.IGNORECASE | re.ASCII)
LONGEST_DURATION = timedelta(days=366)
_BETWEEN = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


def duration(value: str, option: str = "--alarm") -> timedelta:
    """'10m', '1h', '1h30m' or a number of minutes."""
    m = _DURATION.match(value.strip())
    if not value.strip() or m is None or not (m.group("h") or m.group("m")):
        raise OptionError(f"{option}: expected a duration like 10m, 1h or 1h30m, got "
                          f"{_shown(value)}")
    result = timedelta(hours=int(m.group("h") or 0), minutes=int(m.group("m") or 0))
    if result > LONGEST_DURATION:
        raise OptionError(f"{option}: at most a year ({LONGEST_DURATION.days * 24}h), got "
                          f"{_shown(value)}")
    return result


def _shown(value: str) -> str:
    """A value as an error quotes it: a pasted page of text is not echoed whole."""
    return repr(value) if len(value) <= 40 else repr(value[:40]) + "..."


def day(value: str, option: str = "--day") -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise OptionError(f"{option}: expected a date like 2020-12-10, got {value!r}") from None


def between(value: str, option: str = "--between") -> tuple[time, time]:
    """'06:00-09:00' as two wall times; the end may be 24:00."""
    m = _BETWEEN.match(value.strip())
    if m is None:
        raise OptionError(f"{option}: expected a time range like 06:00-09:00, got {value!r}")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        raise OptionError(f"{option}: impossible time in {value!r}")
    end = time.max if h2 == 24 else time(h2, m2)
    if end <= time(h1, m1):
        raise OptionError(f"{option}: the range {value!r} ends before it starts")
    return time(h1, m1), end


def local_zone_name() -> str:
    """The machine's IANA zone: $TZ, else /etc/localtime's target, else /etc/timezone."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if name:
            try:
                return zone_named(name).key
            except OptionError:
                continue
    return "UTC"


def zone(value: str | None, option: str = "--tz") -> str | None:
    """An IANA zone name, 'local' for the machine's zone, or None for the page's own zone."""
    if value is None or value == "":
        return None
    if value.lower() == "local":
        return local_zone_name()
    return zone_named(value, option).key
