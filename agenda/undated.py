"""Days for pages that name none: the user's --date.

A reader writes a slot of a page without dates as a WallRange with month 0: `weekday` set when
the page names only weekdays (the week starting on --date), else `day` counts days from --date
(`Day 2` is one day after it).
"""

from __future__ import annotations

from datetime import date, timedelta

from .errors import TimingError
from .readers.page import PageRead, WallRange


def has_undated(page: PageRead) -> bool:
    return any(isinstance(s.when, WallRange) and s.when.month == 0 for s in page.slots)


def dated(page: PageRead, day: date | None) -> PageRead:
    """The page with every undated slot put on its day of the week that --date starts."""
    if not has_undated(page):
        return page
    page = _after_dated_days(page)
    if not has_undated(page):
        return page
    first = next(s.when for s in page.slots if isinstance(s.when, WallRange) and s.when.month == 0)
    line = next(s.line for s in page.slots if s.when is first)
    if day is None:
        what = "only weekdays" if first.weekday is not None else "no day"
        raise TimingError(f"the page names {what}; give its first day with --date "
                          "(e.g. --date 2024-07-26)", page.path, line)
    slots = []
    for slot in page.slots:
        when = slot.when
        if isinstance(when, WallRange) and when.month == 0:
            if when.weekday is not None:
                on = day + timedelta(days=(when.weekday - day.weekday()) % 7)
            else:
                on = day + timedelta(days=when.day)
            slot = slot._replace(when=when._replace(day=on.day, month=on.month, year=on.year))
        slots.append(slot)
    return page._replace(slots=tuple(slots))


def _after_dated_days(page: PageRead) -> PageRead:
    """A weekday alone after days written with their date and weekday ('01/05 - Monday', then
    '02/05 - Martedì 2' whose numbers could be either order) is the next such weekday after
    them: the page's own days settle it, no --date needed."""
    slots = list(page.slots)
    order = sorted(range(len(slots)), key=lambda i: slots[i].line)
    last: WallRange | None = None
    last_weekday = 0
    for i in order:
        when = slots[i].when
        if not isinstance(when, WallRange):
            continue
        if when.month != 0 and when.weekday is not None:
            last, last_weekday = when, when.weekday
        elif when.month == 0 and when.weekday is not None and last is not None:
            # A year only to count days by (a leap one, so 29 February is a day); the settled
            # year stays the page's own.
            try:
                start = date(last.year or page.heading_year or 2000, last.month, last.day)
            except ValueError:  # the dated day is impossible (29 Feb of 2023): said later
                continue
            on = start + timedelta(days=(when.weekday - last_weekday) % 7)
            year = on.year if last.year is not None else None
            slots[i] = slots[i]._replace(when=when._replace(
                day=on.day, month=on.month, year=year))
    return page._replace(slots=tuple(slots))
