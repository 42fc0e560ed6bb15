"""The command line: thin click commands over the library (see pipeline.py).

Each command turns its options into a frozen record and calls one library function. Errors
from the library become one line on stderr and a non-zero exit here, and only here.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

import click

from . import __version__
from .errors import AgendaError, OptionError
from .formats import NAMES as FORMAT_NAMES
from .models import Notice, Schedule


class AgendaGroup(click.Group):
    """Turns agenda's own errors into one clear line and an exit code; no tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AgendaError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            ctx.exit(1)


def read_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every reading command shares, gathered into one ReadOptions record."""

    @click.argument("sources", nargs=-1, metavar="[SOURCES]...")
    @click.option("--year", type=click.IntRange(1970, 2100), help="Year of pages that give none.")
    @click.option("--source-tz", metavar="ZONE", help="IANA zone of pages with no or ambiguous "
                  "zone labels, e.g. America/Los_Angeles.")
    @click.option("--today", metavar="DATE", envvar="AGENDA_TODAY", show_envvar=True,
                  help="Pretend today is DATE when guessing years (default: the real date).")
    @click.option("--date", "on", metavar="DAY", help="Day of pages that name none (pages "
                  "naming only weekdays: the week starting on DAY), e.g. 2024-07-26.")
    @click.option("--keep-going", is_flag=True, help="Skip unreadable pages instead of stopping.")
    @functools.wraps(command)
    def wrapper(sources: tuple[str, ...], year: int | None, source_tz: str | None,
                today: str | None, on: str | None, keep_going: bool, **kwargs: Any) -> Any:
        from .pipeline import ReadOptions
        from .values import day

        options = ReadOptions(sources=sources or ("seeds",), year=year, source_tz=source_tz,
                              today=day(today, "--today") if today else date.today(),
                              keep_going=keep_going, date=day(on, "--date") if on else None)
        return command(options, **kwargs)

    return wrapper


def progress_bar(items: Iterable[Any], count: int, label: str) -> Iterator[Any]:
    """A progress bar on a terminal's stderr; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=count, label=label, file=sys.stderr) as bar:
        yield from bar


def report(schedule: Schedule, extra: Iterable[Notice] = ()) -> None:
    """What was inferred or skipped goes to stderr, once per page."""
    report_notes((*schedule.notices, *extra))


def report_notes(notes: Iterable[Notice]) -> None:
    from .notes import lines

    for line in lines(notes):
        click.echo(f"warning: {line}", err=True)


RULES_HELP = """Selection rules (list, export): the same rule given twice means OR, different
rules mean AND, exclusions win. Matching ignores case and accents and works on whole words;
a value is a phrase, `word*` is a prefix, and with --regex a value is a regular expression."""


def selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The rule options every reading command shares, plus --profile and --tz."""
    rule_options = [
        ("--keyword", "Match title or abstract."), ("--author", "Match any author."),
        ("--track", "Match the session or track name."),
        ("--kind", "oral, spotlight, paper, poster, invited (break, q&a, empty with --all)."),
        ("--day", "A day (YYYY-MM-DD) in the --tz zone."),
        ("--between", "A time window like 06:00-09:00 in the --tz zone."),
        ("--exclude-keyword", "Drop talks whose title or abstract match."),
        ("--exclude-author", "Drop talks by this author."),
        ("--exclude-track", "Drop talks of this track."),
    ]
    for name, text in reversed(rule_options):
        command = click.option(name, multiple=True, metavar="TEXT", help=text)(command)
    command = click.option("--regex", is_flag=True, help="Read rule values as regular "
                           "expressions.")(command)
    command = click.option("--profile", metavar="FILE", help="A TOML profile of rules and "
                           "output settings; options override it.")(command)
    return click.option("--tz", metavar="ZONE", help="The zone you read times in (IANA name or "
                        "'local'; default: each page's own zone).")(command)


def rules_from(kwargs: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """(Selection, output settings from the profile merged with options) out of click kwargs."""
    from . import settings, values
    from .profiles import load_profile

    path = kwargs.pop("profile")
    profile = load_profile(path) if path else None
    given = {k.replace("_", "-"): kwargs.pop(k) for k in list(kwargs)
             if k.replace("_", "-") in settings.RULE_FIELDS or k == "regex"}
    output = settings.merged({k.replace("_", "-"): v for k, v in kwargs.items()}, profile,
                             "output")
    chosen = settings.selection(settings.merged(given, profile, "select"),
                                values.zone(output.get("tz")))
    return chosen, output


@click.group(cls=AgendaGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=RULES_HELP)
@click.version_option(__version__, prog_name="agenda")
def cli() -> None:
    """Turn conference schedule pages into a personal calendar."""


@cli.command("list", epilog=RULES_HELP)
@read_options
@selection_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (UTC instants, wall times).")
@click.option("--all", "show_all", is_flag=True, help="Include breaks, Q&As and empty slots.")
@click.option("--explain", is_flag=True, help="Show which rule selected each talk.")
@click.option("--conflicts", is_flag=True, help="Show only selected talks that overlap.")
def list_command(options: Any, as_json: bool, show_all: bool, explain: bool, conflicts: bool,
                 **kwargs: Any) -> None:
    """List the talks of SOURCES (files, folders or -; default seeds/) in time order."""
    from . import listing, pipeline

    chosen, output = rules_from(kwargs)
    schedule = pipeline.load(options, progress=progress_bar)
    talks, notes = pipeline.choose(schedule, chosen, show_all)
    report(schedule, notes)
    tz = chosen.tz
    if as_json:
        click.echo(listing.as_json(talks, tz), nl=False)
    else:
        lines = listing.conflict_lines(talks, tz) if conflicts else \
            listing.text_lines(talks, tz, chosen if explain else None)
        for line in lines:
            click.echo(line)


@cli.command("export", epilog=RULES_HELP)
@read_options
@selection_options
@click.option("--format", "-f", "format_", multiple=True, type=click.Choice(FORMAT_NAMES),
              help="Formats to write (repeatable; default: all three, or the -o file's).")
@click.option("-o", "--output", metavar="PATH", help="A folder (default out/), a file, or - for "
              "standard output.")
@click.option("--utc", is_flag=True, help="Write .ics times in UTC instead of with a TZID.")
@click.option("--calendar-name", metavar="NAME", help="The calendar's name.")
@click.option("--free", is_flag=True, help="Mark events as free time (TRANSP:TRANSPARENT).")
@click.option("--alarm", metavar="DURATION", help="Add a reminder, e.g. 10m or 1h.")
@click.option("--csv-style", type=click.Choice(["data", "google", "outlook"]),
              help="data (default): one row per talk; google / outlook: their import layouts.")
@click.option("--all", "all_", is_flag=True, help="Include breaks, Q&As and empty slots.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but warnings and errors.")
def export_command(options: Any, quiet: bool, **kwargs: Any) -> None:
    """Write .ics, CSV and Markdown for the talks of SOURCES (default seeds/) to out/."""
    from . import pipeline, settings

    kwargs["format"] = kwargs.pop("format_")
    chosen, output = rules_from(kwargs)
    output["workers"] = os.cpu_count() or 1
    result = pipeline.export(options, settings.export_options(output), chosen,
                             progress=progress_bar)
    report_notes(result.notices)
    if result.data:
        click.echo(result.data.decode("utf-8"), nl=False)
    elif not quiet:
        click.echo(f"wrote {result.talks} talks to {', '.join(result.paths)} "
                   f"(times in {result.zone})")


@cli.command("serve", epilog=RULES_HELP)
@read_options
@selection_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0 picks a free one).")
@click.option("--profile-dir", metavar="DIR", help="Serve each DIR/<name>.toml at "
              "/feeds/<name>.ics (and .csv, .md).")
@click.option("--base-url", metavar="URL", help="Public URL of this server, for feed links "
              "(default: from the request).")
@click.option("--reload-interval", default=2.0, show_default=True, metavar="SECONDS",
              help="Check the sources for changes at most this often.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 256),
              help="Worker threads per process (the work is CPU-bound: more threads add "
                   "lock contention, not speed).")
@click.option("--workers", default=os.cpu_count() or 1, type=click.IntRange(1, 64),
              help="Processes sharing the port (default: one per core).")
def serve_command(options: Any, host: str, port: int, profile_dir: str | None,
                  base_url: str | None, reload_interval: float, threads: int,
                  workers: int, **rules: Any) -> None:
    """Serve SOURCES (default seeds/) as calendar feeds people subscribe to; selection rules
    given here narrow what the whole server offers."""
    from .feed.app import FeedApp
    from .feed.server import listen, serve_forked
    from .feed.state import LiveSchedule

    if profile_dir and not os.path.isdir(profile_dir):
        raise OptionError(f"--profile-dir: {profile_dir!r} is not a folder")
    if base_url and not base_url.startswith(("http://", "https://")):
        raise OptionError(f"--base-url: expected a URL like https://example.org, got {base_url!r}")
    keep, _ = rules_from(rules)
    app = FeedApp(LiveSchedule(options, reload_interval, keep), profile_dir, base_url)
    report(app.live.current().schedule)
    try:
        sock = listen(host, port)
    except OSError as exc:
        raise OptionError(f"--host {host} --port {port}: cannot listen: "
                          f"{exc.strerror or exc}") from None
    click.echo(f"serving {sum(t.is_talk for t in app.live.current().schedule.talks)} talks at "
               f"http://{host}:{sock.getsockname()[1]}/ with {workers} process"
               f"{'es' * (workers > 1)} (Ctrl-C to stop)", err=True)
    try:
        serve_forked(app, sock, workers if hasattr(os, "fork") else 1, threads)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
