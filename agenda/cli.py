"""The command line: thin click commands over the library (see pipeline.py).

Each command turns its options into a frozen record and calls one library function. Errors
from the library become one line on stderr and a non-zero exit here, and only here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from . import __version__
from .errors import AgendaError, OptionError
from .models import Schedule

SOURCES_HELP = "Pages to read: files, folders, or - for standard input (default: seeds/)."


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


def _parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise OptionError(f"{option}: expected a date like 2020-12-10, got {value!r}") from None


def read_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every reading command shares, gathered into one ReadOptions record."""

    @click.argument("sources", nargs=-1, metavar="[SOURCES]...")
    @click.option("--year", type=click.IntRange(1970, 2100), help="Year of pages that give none.")
    @click.option("--source-tz", metavar="ZONE", help="IANA zone of pages with no or ambiguous "
                  "zone labels, e.g. America/Los_Angeles.")
    @click.option("--today", metavar="DATE", envvar="AGENDA_TODAY", show_envvar=True,
                  help="Pretend today is DATE when guessing years (default: the real date).")
    @click.option("--keep-going", is_flag=True, help="Skip unreadable pages instead of stopping.")
    @functools.wraps(command)
    def wrapper(sources: tuple[str, ...], year: int | None, source_tz: str | None,
                today: str | None, keep_going: bool, **kwargs: Any) -> Any:
        from .pipeline import ReadOptions

        options = ReadOptions(sources=sources or ("seeds",), year=year, source_tz=source_tz,
                              today=_parse_day(today, "--today") or date.today(),
                              keep_going=keep_going)
        return command(options, **kwargs)

    return wrapper


def report(schedule: Schedule) -> None:
    """What was inferred or skipped goes to stderr, once per page."""
    for note in schedule.notices:
        click.echo(f"warning: {note}", err=True)


@click.group(cls=AgendaGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="agenda")
def cli() -> None:
    """Turn conference schedule pages into a personal calendar."""


@cli.command("list")
@read_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON (UTC instants, wall times).")
@click.option("--all", "show_all", is_flag=True, help="Include breaks, Q&As and empty slots.")
@click.option("--tz", metavar="ZONE", help="Show times in ZONE (default: each page's zone).")
def list_command(options: Any, as_json: bool, show_all: bool, tz: str | None) -> None:
    """List the talks of SOURCES in time order."""
    from . import listing, pipeline
    from .timing import zone_named

    if tz:
        zone_named(tz)
    schedule = pipeline.load(options)
    report(schedule)
    talks = [t for t in schedule.talks if show_all or t.is_talk]
    if as_json:
        click.echo(listing.as_json(talks, tz), nl=False)
    else:
        for line in listing.text_lines(talks, tz):
            click.echo(line)


