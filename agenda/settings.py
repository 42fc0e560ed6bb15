"""Turning what a user typed (command-line options, a profile, a feed's query string) into the
frozen records the library works with. One place, so every front end means the same thing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import values
from .errors import OptionError
from .formats import named
from .outputs import CSV_STYLES
from .pipeline import ExportOptions
from .profiles import Profile
from .rules import Selection

RULE_FIELDS = {
    "keyword": "keywords", "author": "authors", "track": "tracks", "kind": "kinds",
    "day": "days", "between": "between", "exclude-keyword": "exclude_keywords",
    "exclude-author": "exclude_authors", "exclude-track": "exclude_tracks",
}


def merged(cli: Mapping[str, Any], profile: Profile | None, table: str) -> dict[str, Any]:
    """Profile values, overridden by every option the user actually gave."""
    base = dict(getattr(profile, table)) if profile else {}
    base.update({k: v for k, v in cli.items() if v not in (None, (), [], False)})
    return base


def selection(given: Mapping[str, Any], tz: str | None) -> Selection:
    """A Selection from rule values keyed by option name ('keyword', 'exclude-author', ...)."""
    record: dict[str, Any] = {"regex": bool(given.get("regex")), "tz": tz}
    for option, name in RULE_FIELDS.items():
        items: Sequence[str] = given.get(option) or ()
        if isinstance(items, str):
            items = (items,)
        if option == "day":
            record[name] = tuple(values.day(v) for v in items)
        elif option == "between":
            record[name] = tuple(values.between(v) for v in items)
        elif option == "kind":
            record[name] = tuple(v.strip().lower() for v in items)
        else:
            record[name] = tuple(items)
    return Selection(**record)


def export_options(given: Mapping[str, Any]) -> ExportOptions:
    """ExportOptions from output values keyed by option name ('tz', 'alarm', 'csv-style', ...)."""
    style = given.get("csv-style") or "data"
    if style not in CSV_STYLES:
        raise OptionError(f"--csv-style: unknown style {style!r}; choose from "
                          f"{', '.join(CSV_STYLES)}")
    formats = tuple(given.get("format") or ())
    for fmt in formats:
        named(fmt)
    alarm = given.get("alarm")
    return ExportOptions(
        formats=tuple(dict.fromkeys(formats)), output=given.get("output"),
        tz=values.zone(given.get("tz")), utc=bool(given.get("utc")),
        calendar_name=given.get("calendar-name") or "Conference agenda",
        free=bool(given.get("free")), alarm=values.duration(alarm) if alarm else None,
        csv_style=style, include_all=bool(given.get("all")),
        workers=int(given.get("workers") or 1), page_per_day=bool(given.get("page-per-day")))
