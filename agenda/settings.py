"""Turning what a user typed (command-line options, a profile, a feed's query string) into the
frozen records the library works with. One place, so every front end means the same thing;
which options exist and how each value is read is agenda.options."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from . import options
from .pipeline import ExportOptions, ReadOptions
from .profiles import Profile
from .rules import Selection
from .sources import DEFAULT_SOURCES

if TYPE_CHECKING:
    from .history import HistoryOptions

# rule option -> Selection field
RULE_FIELDS = {
    "keyword": "keywords", "author": "authors", "track": "tracks", "kind": "kinds",
    "day": "days", "between": "between", "exclude-keyword": "exclude_keywords",
    "exclude-author": "exclude_authors", "exclude-track": "exclude_tracks",
}


def given(values: Mapping[str, Any]) -> dict[str, Any]:
    """Option values keyed by option name, from click's keyword arguments (`source_tz`)."""
    return {k.replace("_", "-"): v for k, v in values.items()}


def merged(cli: Mapping[str, Any], profile: Profile | None, table: str) -> dict[str, Any]:
    """Profile values, overridden by every option the user actually gave."""
    base = dict(getattr(profile, table)) if profile else {}
    base.update({k: v for k, v in cli.items() if v not in (None, (), [], False)})
    return base


def _read(name: str, value: Any, where: str | None = None) -> Any:
    return options.BY_NAME[name].read(value, where)


def read_options(sources: Sequence[str], values: Mapping[str, Any]) -> ReadOptions:
    """ReadOptions from the reading options' values (`year`, `source-tz`, `today`, ...)."""
    today = values.get("today")
    year = values.get("year")
    source_tz = values.get("source-tz")
    return ReadOptions(
        sources=tuple(sources) or DEFAULT_SOURCES,
        today=_read("today", today) if today else date.today(),
        year=_read("year", str(year)) if year is not None else None,
        source_tz=_read("source-tz", source_tz) if source_tz else None,
        keep_going=bool(values.get("keep-going")))


def selection(values: Mapping[str, Any], tz: str | None) -> Selection:
    """A Selection from rule values keyed by option name ('keyword', 'exclude-author', ...)."""
    record: dict[str, Any] = {"regex": bool(values.get("regex")), "tz": tz}
    for name, field in RULE_FIELDS.items():
        items: Sequence[str] = values.get(name) or ()
        if isinstance(items, str):
            items = (items,)
        record[field] = tuple(_read(name, v) for v in items)
    return Selection(**record)


def export_options(values: Mapping[str, Any]) -> ExportOptions:
    """ExportOptions from output values keyed by option name ('tz', 'alarm', 'csv-style', ...)."""
    formats = tuple(_read("format", f) for f in values.get("format") or ())
    alarm = values.get("alarm")
    return ExportOptions(
        formats=tuple(dict.fromkeys(formats)), output=values.get("output"),
        tz=_read("tz", values["tz"]) if values.get("tz") else None,
        utc=bool(values.get("utc")),
        calendar_name=values.get("calendar-name") or "Conference agenda",
        free=bool(values.get("free")), alarm=_read("alarm", alarm) if alarm else None,
        csv_style=_read("csv-style", values.get("csv-style") or "data"),
        include_all=bool(values.get("all")),
        workers=int(values.get("workers") or 1), brief=bool(values.get("brief")),
        page_per_day=bool(values.get("page-per-day")))


def history_options(values: Mapping[str, Any], read: ReadOptions) -> HistoryOptions | None:
    """Where and how the run remembers its selections; None when the history is off."""
    from datetime import timedelta

    from .history import HistoryOptions, location, moment

    path = location(values.get("history"), bool(values.get("no-history")))
    days = options.BY_NAME["keep-cancelled"].read(str(values.get("keep-cancelled") or "14"))
    return None if path is None else HistoryOptions(path, moment(read.today),
                                                    timedelta(days=days))


def rules(values: Mapping[str, Any]) -> tuple[Selection, dict[str, Any]]:
    """(Selection, output settings) from option values: the profile named by `profile`,
    overridden by the options given."""
    from .profiles import load_profile

    path = values.get("profile")
    profile = load_profile(path) if path else None
    rule_values = {k: v for k, v in values.items() if k in RULE_FIELDS or k == "regex"}
    output = merged({k: v for k, v in values.items() if k not in rule_values}, profile,
                    "output")
    tz = _read("tz", output["tz"]) if output.get("tz") else None
    return selection(merged(rule_values, profile, "select"), tz), output
