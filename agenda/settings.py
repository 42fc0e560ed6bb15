"""Turning what a user typed (command-line options, a profile, a feed's query string) into the
frozen records the library works with. One place, so every front end means the same thing;
which options exist and how each value is read is agenda.options."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from . import options
from .choice import Choice, Interest, Pick, priority_named
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
    "conference": "conferences", "exclude-conference": "exclude_conferences",
}
EXCLUDES = tuple(name for name in RULE_FIELDS if name.startswith("exclude-"))
# what the command line and the feed's query give per interest (the rest applies to all)
GROUPED = frozenset(options.INTEREST) | {"regex"}


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
    on = values.get("date")
    return ReadOptions(
        date=_read("date", on) if on else None,
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


def _list(values: Mapping[str, Any], name: str) -> tuple[str, ...]:
    items = values.get(name) or ()
    return (items,) if isinstance(items, str) else tuple(items)


def interest(values: Mapping[str, Any], tz: str | None) -> Interest:
    """One interest from its rule values and priority."""
    priority = values.get("priority")
    return Interest(selection(values, tz),
                    priority_named(priority, "--priority") if priority else "maybe")


def _has_rules(group: Mapping[str, Any]) -> bool:
    return any(_list(group, name) for name in RULE_FIELDS)


def choice(values: Mapping[str, Any], profile: Profile | None,
           output: Mapping[str, Any], tz: str | None) -> Choice:
    """The whole choice from option values (the first interest's rules, `or`: the further
    interests, exclusions, picks and hides) over a profile's. One interest on each side is
    merged rule by rule, as agenda always did; otherwise the command line's interests, when it
    gives any, replace the profile's. Exclusions, picks and hides given override the profile's
    of the same name."""
    regex = bool(values.get("regex"))
    first = {k: v for k, v in values.items() if k in GROUPED and k not in EXCLUDES}
    given: list[dict[str, Any]] = [first, *({**g, "regex": g.get("regex") or regex}
                                            for g in values.get("or") or ())]
    given = [g for g in given if _has_rules(g)] or [first]
    outside = {k: v for k, v in values.items() if (k in EXCLUDES or k in ("pick", "hide"))
               and v not in (None, (), [], False)}
    groups: list[dict[str, Any]] = given
    top: dict[str, Any] = {}
    if profile is not None:
        wanted = [dict(g) for g in profile.interests] or [{}]
        if len(wanted) == 1 and len(given) == 1:
            base = {k: v for k, v in wanted[0].items() if k not in outside}
            groups = [{**base, **{k: v for k, v in given[0].items()
                                  if v not in (None, (), [], False)}}]
        elif any(_has_rules(g) for g in given):
            groups = given
        else:
            groups = wanted
        top = dict(profile.exclude) | {"pick": profile.pick, "hide": profile.hide}
    top.update({k: v for k, v in outside.items() if v not in (None, (), [], False)})
    live = [g for g in groups if _has_rules(g)]
    exclude = selection({k: v for k, v in top.items() if k in EXCLUDES} | {"regex": regex}, tz)
    gap = output.get("room-change")
    return Choice(
        interests=tuple(interest(g, tz) for g in live), exclude=exclude,
        picks=tuple(Pick.parse(v, "--pick") for v in _list(top, "pick")),
        hides=tuple(Pick.parse(v, "--hide") for v in _list(top, "hide")),
        tz=tz, plan=bool(output.get("plan")),
        room_change=_read("room-change", gap) if gap else timedelta(0),
        alternatives=bool(output.get("alternatives")))


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
    from .history import HistoryOptions, location, moment

    path = location(values.get("history"), bool(values.get("no-history")))
    days = options.BY_NAME["keep-cancelled"].read(str(values.get("keep-cancelled") or "14"))
    return None if path is None else HistoryOptions(path, moment(read.today),
                                                    timedelta(days=days))


CHOICE_KEYS = frozenset(RULE_FIELDS) | {"regex", "priority", "or", "pick", "hide"}


def rules(values: Mapping[str, Any]) -> tuple[Choice, dict[str, Any]]:
    """(Choice, output settings) from option values: the profile named by `profile`,
    overridden by the options given."""
    from .profiles import load_profile

    path = values.get("profile")
    return over_profile(values, load_profile(path) if path else None)


def over_profile(values: Mapping[str, Any], profile: Profile | None
                 ) -> tuple[Choice, dict[str, Any]]:
    """(Choice, output settings) from option values over a profile's: the one merge the CLI
    and the feed share."""
    output = merged({k: v for k, v in values.items() if k not in CHOICE_KEYS}, profile,
                    "output")
    tz = _read("tz", output["tz"]) if output.get("tz") else None
    return choice({k: v for k, v in values.items() if k in CHOICE_KEYS}, profile, output,
                  tz), output
