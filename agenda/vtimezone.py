"""VTIMEZONE components that every calendar client reads the same way.

icalendar's own Timezone.from_tzid lists every transition as RDATEs, which Outlook ignores, and
adds a COMMENT where RFC 5545 allows none. Here each observance (STANDARD / DAYLIGHT) is a yearly
RRULE ("second Sunday of March at 02:00") derived from zoneinfo's real transitions over the years
the events need, so the rule is right for those years even where a zone's rules changed since.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur, vText

_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _transitions(zone: ZoneInfo, first_year: int, last_year: int
                 ) -> list[tuple[datetime, timedelta, timedelta, str, bool]]:
    """(local onset in the old offset, offset from, offset to, name, is_dst) of each change."""
    out = []
    moment = datetime(first_year, 1, 1, tzinfo=UTC)
    stop = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    before = moment.astimezone(zone)
    while moment < stop:
        step = moment + timedelta(days=1)
        after = step.astimezone(zone)
        if after.utcoffset() != before.utcoffset() or after.tzname() != before.tzname():
            low, high = 0, 24 * 60  # minutes after `moment`: find the exact minute of change
            while high - low > 1:
                mid = (low + high) // 2
                at = (moment + timedelta(minutes=mid)).astimezone(zone)
                if at.utcoffset() == before.utcoffset() and at.tzname() == before.tzname():
                    low = mid
                else:
                    high = mid
            instant = moment + timedelta(minutes=high)
            changed = instant.astimezone(zone)
            old = before.utcoffset() or timedelta()
            onset = (instant + old).replace(tzinfo=None)
            out.append((onset, old, changed.utcoffset() or timedelta(), changed.tzname() or "",
                        bool(changed.dst())))
            after = changed
        before, moment = after, step
    return out


def _yearly_rule(onsets: list[datetime]) -> vRecur | None:
    """BYMONTH/BYDAY for onsets that all fall on the same nth (or last) weekday and time."""
    months = {d.month for d in onsets}
    weekdays = {d.weekday() for d in onsets}
    times = {d.time() for d in onsets}
    if len(months) != 1 or len(weekdays) != 1 or len(times) != 1:
        return None
    last = {d.day + 7 > calendar.monthrange(d.year, d.month)[1] for d in onsets}
    nth = {(d.day - 1) // 7 + 1 for d in onsets}
    if last == {True} and (len(nth) > 1 or nth == {5} or nth == {4}):
        ordinal = -1
    elif len(nth) == 1:
        ordinal = nth.pop()
    else:
        return None
    day = f"{ordinal}{_WEEKDAYS[weekdays.pop()]}"
    return vRecur({"FREQ": "YEARLY", "BYMONTH": [months.pop()], "BYDAY": [day]})


@lru_cache(maxsize=256)
def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for `tzid` valid for events from first_year to last_year."""
    zone = ZoneInfo(tzid)
    tz = Timezone()
    tz.add("TZID", vText(tzid))
    changes = _transitions(zone, first_year - 1, last_year + 1)
    groups: dict[tuple[timedelta, timedelta, str, bool], list[datetime]] = defaultdict(list)
    for onset, old, new, name, dst in changes:
        groups[(old, new, name, dst)].append(onset)
    if not groups:
        at = datetime(first_year, 1, 1, tzinfo=zone)
        offset = at.utcoffset() or timedelta()
        groups[(offset, offset, at.tzname() or tzid, False)] = [datetime(1970, 1, 1)]
    for (old, new, name, dst), onsets in sorted(groups.items(), key=lambda kv: kv[1][0]):
        rule = _yearly_rule(onsets) if len(onsets) > 1 else None
        for onset in onsets[:1] if rule or len(onsets) == 1 else onsets:
            part = TimezoneDaylight() if dst else TimezoneStandard()
            part.add("DTSTART", onset)
            part.add("TZOFFSETFROM", old)
            part.add("TZOFFSETTO", new)
            part.add("TZNAME", vText(name))
            if rule is not None:
                part.add("RRULE", rule)
            tz.add_component(part)
    return tz
