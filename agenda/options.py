"""Every option agenda takes, defined once.

Each entry names the option, how its value is read, its help, the commands it applies to, and
whether a profile table and the feed's query string take it. The click options (agenda.cli),
the profile checks (agenda.profiles), the feed's query parsing (agenda.feed.app) and the page's
form (agenda.feed.page) are all built from this table, so an option means the same thing
everywhere, and adding one is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from . import formats, values
from .errors import OptionError

Shape = Literal["list", "flag", "value"]
READING = frozenset({"list", "export", "serve", "changes"})  # commands that read and select talks


def _kind(value: str, option: str) -> str:
    from .rules import KIND_NAMES

    kind = value.strip().lower()
    if kind not in KIND_NAMES:
        raise OptionError(f"{option}: unknown kind {value!r}; choose from "
                          f"{', '.join(KIND_NAMES)}")
    return kind


def _zone(value: str, option: str) -> str | None:
    return values.zone(value, option)


def _format(value: str, option: str) -> str:
    return formats.named(value, option).name


def _choice(*choices: str) -> Callable[[str, str], str]:
    def check(value: str, option: str) -> str:
        if value not in choices:
            raise OptionError(f"{option}: unknown value {value!r}; choose from "
                              f"{', '.join(choices)}")
        return value

    return check


@dataclass(frozen=True, slots=True)
class Option:
    """One option. `name` is its long flag without dashes, its profile key and its query
    parameter. `parse(value, option)` turns one typed value into what the library takes, or
    raises an OptionError that names `option` (the flag, the profile key or the parameter)."""

    name: str
    help: str
    shape: Shape = "value"
    commands: frozenset[str] = READING
    metavar: str = "TEXT"
    parse: Callable[[str, str], Any] | None = None
    # where a profile holds it: a table, "top" (a key above the tables), None: not in profiles
    table: Literal["select", "output", "top"] | None = None
    query: bool = False  # a feed query parameter
    short: str | None = None
    choices: tuple[str, ...] = ()
    # the page's form: (label, placeholder); None: not on the form
    form: tuple[str, str] | None = None
    default: Any = None  # a command-line default (shown in --help)
    envvar: str | None = None

    @property
    def flag(self) -> str:
        return f"--{self.name}"

    def read(self, value: str, where: str | None = None) -> Any:
        """One value parsed, errors naming `where` (default: the flag)."""
        return self.parse(value, where or self.flag) if self.parse else value


def _rule(name: str, help: str, metavar: str, parse: Callable[[str, str], Any] | None = None,
          form: tuple[str, str] | None = None) -> Option:
    return Option(name, help, "list", metavar=metavar, parse=parse, table="select", query=True,
                  form=form)


def _priority(value: str, option: str) -> str:
    from .choice import priority_named

    return priority_named(value, option)


def _pick(value: str, option: str) -> Any:
    from .choice import Pick

    return Pick.parse(value, option)


def _year(value: str, option: str) -> int:
    if not value.strip().isdigit() or not 1970 <= int(value) <= 2100:
        raise OptionError(f"{option}: expected a year from 1970 to 2100, got {value!r}")
    return int(value)


def _number(low: float, high: float, whole: bool = True) -> Callable[[str, str], Any]:
    def check(value: str, option: str) -> Any:
        try:
            number = int(value) if whole else float(value)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise OptionError(f"{option}: expected a number from {low:g} to {high:g}, "
                              f"got {value!r}")
        return number

    return check


def _url(value: str, option: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise OptionError(f"{option}: expected a URL like https://example.org, got {value!r}")
    return value


SERVE = frozenset({"serve"})
PLANNING = frozenset({"list", "export"})
HISTORY = frozenset({"export", "changes", "serve"})
OPTIONS: tuple[Option, ...] = (
    # reading: what the user knows about the pages' times
    Option("year", "Year of pages that give none.", metavar="YYYY", parse=_year),
    Option("source-tz", "IANA zone of pages with no or ambiguous zone labels, e.g. "
           "America/Los_Angeles.", metavar="ZONE", parse=_zone),
    Option("today", "Pretend today is this day when guessing years (default: the real date).",
           metavar="YYYY-MM-DD", parse=values.day, envvar="AGENDA_TODAY"),
    Option("date", "Day of pages that name none (pages naming only weekdays: the week "
           "starting on this day).", metavar="YYYY-MM-DD", parse=values.day),
    Option("keep-going", "Skip unreadable pages instead of stopping.", "flag"),
    # selection rules: the same rule twice means OR, different rules AND, exclusions win
    _rule("keyword", "Match title or abstract (a phrase; word* is a prefix).", "TEXT",
          form=("Keyword", "attention")),
    _rule("author", "Match any author.", "NAME",
          form=("Authors (; between names)", "Jimmy Ba; Lechao Xiao")),
    _rule("track", "Match the session or track name.", "TEXT"),
    _rule("kind", "oral, spotlight, paper, poster, invited, talk, keynote, ... (break, q&a, "
          "empty with --all).", "KIND", _kind),
    _rule("day", "A day in the --tz zone.", "YYYY-MM-DD", values.day,
          form=("Day (YYYY-MM-DD)", "2020-12-10")),
    _rule("between", "A time window in the --tz zone.", "HH:MM-HH:MM", values.between,
          form=("Between (HH:MM-HH:MM)", "06:00-09:00")),
    _rule("conference", "Match the conference (NeurIPS 2020, a published file's title).",
          "NAME"),
    _rule("exclude-keyword", "Drop talks whose title or abstract match.", "TEXT",
          form=("Exclude keyword", "")),
    _rule("exclude-author", "Drop talks by this author.", "NAME"),
    _rule("exclude-track", "Drop talks of this track.", "TEXT"),
    _rule("exclude-conference", "Drop talks of this conference.", "NAME"),
    Option("priority", "must or maybe: how much this interest's talks matter to --plan "
           "(default maybe).", metavar="must|maybe", parse=_priority, table="select",
           query=True),
    Option("or", "Start another interest: talks the rules after it select are kept too "
           "(exclusions apply to every interest).", "flag", query=True),
    Option("pick", "Keep this talk whatever the rules say: its UID or words of its title; "
           "maybe:WORDS marks it if-there-is-time (default must).", "list", metavar="TALK",
           parse=_pick, table="top", query=True),
    Option("hide", "Drop this talk whatever the rules say (UID or title words).", "list",
           metavar="TALK", parse=_pick, table="top", query=True),
    Option("regex", "Read rule values as regular expressions.", "flag", table="select",
           query=True),
    Option("profile", "A TOML profile of rules and output settings; options override it.",
           metavar="FILE"),
    Option("tz", "The zone you read times in (IANA name or 'local'; default: each page's "
           "own).", metavar="ZONE", parse=_zone, table="output", query=True,
           form=("Your time zone", "Europe/Berlin")),
    # what `list` shows
    Option("json", "Print JSON (UTC instants, wall times).", "flag",
           frozenset({"list", "changes"})),
    Option("all", "Include breaks, Q&As and empty slots.", "flag",
           frozenset({"list", "export", "changes"}), table="output", query=True),
    Option("explain", "Show which rule selected each talk.", "flag", frozenset({"list"})),
    Option("conflicts", "Show only selected talks that overlap.", "flag", frozenset({"list"})),
    # the plan: one agenda without clashes
    Option("plan", "Keep a clash-free agenda: must before maybe, then earlier start; the "
           "talks set aside are listed as alternatives.", "flag", PLANNING, table="output",
           query=True),
    Option("room-change", "With --plan, the time needed between talks in different rooms.",
           commands=PLANNING, metavar="10m", parse=values.duration, table="output",
           query=True),
    Option("alternatives", "With --plan, also write the talks set aside, as tentative "
           "free-time events.", "flag", frozenset({"export"}), table="output",
           query=True),
    # what `export` writes
    Option("format", f"One of {', '.join(formats.NAMES)} (repeatable; default: "
           f"{', '.join(formats.DEFAULTS)}, or the -o file's).", "list", frozenset({"export"}),
           metavar="FORMAT", parse=_format,
           table="output", short="-f"),
    Option("output", "A folder (default out/), a file, or - for standard output.",
           commands=frozenset({"export"}), metavar="PATH", short="-o"),
    Option("utc", "Write .ics times in UTC instead of with a TZID.", "flag",
           frozenset({"export"}), table="output", query=True),
    Option("calendar-name", "The calendar's name.", commands=frozenset({"export"}),
           metavar="NAME", table="output", query=True),
    Option("free", "Mark events as free time (TRANSP:TRANSPARENT).", "flag",
           frozenset({"export"}), table="output", query=True),
    Option("alarm", "Add a reminder before each talk.", commands=frozenset({"export"}),
           metavar="10m|1h|1h30m", parse=values.duration, table="output", query=True),
    Option("csv-style", "data: one row per talk; google, outlook: their CSV import layouts.",
           commands=frozenset({"export"}), metavar="STYLE",
           parse=_choice("data", "google", "outlook"), table="output", query=True,
           choices=("data", "google", "outlook")),
    Option("brief", "Leave abstracts out of .ics descriptions (smaller feeds).", "flag",
           frozenset({"export"}), table="output", query=True),
    Option("page-per-day", "Start each day on a new page (html, pdf).", "flag",
           frozenset({"export"}), table="output", query=True),
    Option("quiet", "Print nothing but warnings and errors.", "flag", frozenset({"export"}),
           short="-q"),
    # the history that follows a changing schedule
    Option("history", "The history file that remembers each selection (default: in your data "
           "folder; AGENDA_HISTORY=off turns it off).", commands=HISTORY, metavar="FILE"),
    Option("no-history", "Remember nothing: no SEQUENCE, no kept cancellations.", "flag",
           HISTORY),
    Option("keep-cancelled", "Keep talks gone from the sources as cancelled events this "
           "long.", commands=HISTORY, metavar="DAYS", parse=_number(0, 3650), default="14"),
    # how `serve` runs
    Option("host", "Address to bind.", commands=SERVE, metavar="ADDRESS", default="127.0.0.1"),
    Option("port", "Port (0 picks a free one).", commands=SERVE, metavar="PORT",
           parse=_number(0, 65535), default="8000"),
    Option("profile-dir", "Serve each DIR/<name>.toml at /feeds/<name>.ics (and the other "
           "formats).", commands=SERVE, metavar="DIR"),
    Option("base-url", "Public URL of this server, for feed links (default: from the "
           "request).", commands=SERVE, metavar="URL", parse=_url),
    Option("reload-interval", "Check the sources for changes at most this often (default: 2, "
           "or 60 when a source is a URL, which costs its server a request).",
           commands=SERVE, metavar="SECONDS", parse=_number(0.0, 86400.0, whole=False)),
    Option("threads", "Worker threads per process (the work is CPU-bound: more threads add "
           "lock contention, not speed).", commands=SERVE, metavar="N",
           parse=_number(1, 256), default="4"),
    Option("workers", "Processes sharing the port (default: one per core).", commands=SERVE,
           metavar="N", parse=_number(1, 64)),
)
BY_NAME = {option.name: option for option in OPTIONS}
RULES = tuple(o.name for o in OPTIONS if o.table == "select" and o.shape == "list")
# what one interest is made of: its include rules and its priority (exclusions apply to all)
INTEREST = tuple(n for n in (*RULES, "priority") if not n.startswith("exclude-"))
QUERY = tuple(o for o in OPTIONS if o.query)


def for_command(command: str) -> tuple[Option, ...]:
    return tuple(o for o in OPTIONS if command in o.commands)


def in_table(table: str) -> tuple[Option, ...]:
    return tuple(o for o in OPTIONS if o.table == table)


def suggest(name: str) -> str | None:
    """A known option a mistyped one may mean ('--timezone' -> '--tz')."""
    import difflib

    bare = name.lstrip("-")
    aliases = {"timezone": "tz", "time-zone": "tz", "zone": "tz", "speaker": "author",
               "authors": "author", "keywords": "keyword", "type": "kind", "tracks": "track"}
    if bare in aliases and aliases[bare] in BY_NAME:
        return "--" + aliases[bare]
    close = difflib.get_close_matches(bare, list(BY_NAME), n=1, cutoff=0.75)
    return "--" + close[0] if close else None
