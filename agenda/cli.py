"""The command line: thin click commands over the library (see pipeline.py).

Each command turns its options into a frozen record and calls one library function. Errors
from the library become one line on stderr and a non-zero exit here, and only here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import click

from . import __version__
from .errors import AgendaError, OptionError
from .models import Notice
from .options import Option, for_command, suggest

GROUPS = "agenda.groups"  # ctx.meta key: the interests after each --or


def split_interests(args: list[str], known: set[str]) -> tuple[list[str], list[dict[str, Any]]]:
    """The arguments with every `--or` group taken out: the rules after an `--or` (the options
    in `known`, e.g. --keyword, --priority) belong to a further interest; other options and the
    sources stay where they are. Returns (the rest, one dict of rule values per --or)."""
    rest: list[str] = []
    groups: list[dict[str, Any]] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg == "--or":
            groups.append({})
            i += 1
            continue
        flag, equals, value = arg.partition("=")
        if groups and flag.startswith("--") and flag[2:] in known:
            if not equals:
                if i + 1 >= len(args):
                    raise click.BadParameter("expects a value", param_hint=f"'{flag}'")
                value = args[i + 1]
                i += 1
            name = flag[2:]
            if name == "priority":
                groups[-1][name] = value
            else:
                groups[-1].setdefault(name, []).append(value)
            i += 1
            continue
        rest.append(arg)
        i += 1
    return rest, groups


class OneLineUsageError(click.UsageError):
    """A usage error said as every other agenda error is: one `error:` line, then where to
    read on (click's own form is a usage block, a hint and a capitalised `Error:`)."""

    def show(self, file: Any = None) -> None:
        message = self.format_message().replace(". Did you mean", "; did you mean")
        if message[:1].isupper() and message[1:2].islower():
            message = message[0].lower() + message[1:]
        path = self.ctx.command_path if self.ctx is not None else "agenda"
        click.echo(f"error: {message.rstrip('.')} (see '{path} --help')", err=True)


class AgendaCommand(click.Command):
    """A command whose unknown options are answered with the option the user likely meant,
    and whose `--or` groups (further interests) are set apart before click parses the rest."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--or" in args and any(p.name == "or" for p in self.params):
            from .options import INTEREST

            args, ctx.meta[GROUPS] = split_interests(args, set(INTEREST))
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            hint = suggest(exc.option_name)
            if hint and hint in {o for p in self.params for o in p.opts}:
                raise OneLineUsageError(f"no such option {exc.option_name!r}; did you mean "
                                        f"{hint!r}?", ctx=ctx) from None
            from .options import BY_NAME

            other = BY_NAME.get(exc.option_name.lstrip("-"))
            if other is not None and exc.option_name.startswith("--"):
                owners = " and ".join(f"agenda {c}" for c in sorted(other.commands))
                raise OneLineUsageError(f"{exc.option_name} is an option of {owners}, not of "
                                        f"agenda {self.name}", ctx=ctx) from None
            raise _one_line(exc, ctx) from None
        except click.UsageError as exc:
            raise _one_line(exc, ctx) from None


def _one_line(exc: click.UsageError, ctx: click.Context | None = None) -> OneLineUsageError:
    """The error in agenda's one-line form, naming the command it was raised for."""
    if isinstance(exc, OneLineUsageError):
        return exc
    return OneLineUsageError(exc.format_message(), ctx=ctx or exc.ctx)


class AgendaGroup(click.Group):
    """Turns agenda's own errors into one clear line and an exit code; no tracebacks."""

    command_class = AgendaCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name != "serve":  # the server stops its workers on SIGTERM its own way
            _terminate_as_interrupt()
        return name, command, rest

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AgendaError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            ctx.exit(1)
        except click.UsageError as exc:  # a command's options, or an unknown command
            raise _one_line(exc) from None
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # a bug: still one line and an exit code, never a traceback
            if os.environ.get("AGENDA_DEBUG"):
                raise
            click.echo(f"error: agenda failed ({type(exc).__name__}: {str(exc)[:200]}); please "
                       "report it (AGENDA_DEBUG=1 shows where)", err=True)
            ctx.exit(70)


def _terminate_as_interrupt() -> None:
    """SIGTERM (a service manager, `kill`, a container stopping) is handled like Ctrl-C: the
    command stops with its clean-up (temporary files removed, forked writers stopped) and exits
    non-zero. Not for serve: its forked workers must keep SIGTERM's default, which stops them
    even while a long computation holds the interpreter."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread() and \
            signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _click_option(option: Option) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The click option for a table entry. Values stay text: agenda.settings reads them with
    the entry's own parser, so a mistake reads the same from the CLI, a profile or the feed."""
    names = [option.short, option.flag] if option.short else [option.flag]
    dest = option.name.replace("-", "_")
    if option.shape == "flag":
        return click.option(*names, dest, is_flag=True, help=option.help)
    if option.shape == "list":
        return click.option(*names, dest, multiple=True, metavar=option.metavar,
                            help=option.help)
    return click.option(*names, dest, metavar=option.metavar, help=option.help,
                        default=option.default, show_default=option.default is not None,
                        envvar=option.envvar, show_envvar=option.envvar is not None)


def with_options(command_name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The SOURCES argument and every option agenda.options lists for this command."""
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(for_command(command_name)):
            command = _click_option(option)(command)
        return click.argument("sources", nargs=-1, metavar="[SOURCES]...")(command)

    return decorate


def given_values(values: dict[str, Any]) -> dict[str, Any]:
    """Option values by option name, with the interests given after each --or."""
    from . import settings

    given = settings.given(values)
    given["or"] = click.get_current_context().meta.get(GROUPS, [])
    return given


def progress_bar(items: Iterable[Any], count: int, label: str) -> Iterator[Any]:
    """A progress bar on a terminal's stderr; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=count, label=label, file=sys.stderr) as bar:
        yield from bar


def report_notes(notes: Iterable[Notice]) -> None:
    from .notes import lines

    for line in lines(notes):
        click.echo(f"warning: {line}", err=True)


RULES_HELP = """Selection rules (list, export, serve): the same rule given twice means OR,
different rules mean AND, exclusions win; --or starts another interest, and a talk any interest
selects is kept. Matching ignores case and accents and works on whole words; a value is a
phrase, `word*` is a prefix, and with --regex a value is a regular expression. SOURCES are
files, folders, URLs or - (standard input); default: seeds/."""


@click.group(cls=AgendaGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=RULES_HELP)
@click.version_option(__version__, prog_name="agenda")
def cli() -> None:
    """Turn conference schedule pages into a personal calendar."""


@cli.command("list", epilog=RULES_HELP, short_help="List the selected talks in time order.")
@with_options("list")
def list_command(sources: tuple[str, ...], **values: Any) -> None:
    """List the talks of SOURCES in time order, in each page's zone or --tz."""
    from . import listing, pipeline, settings

    given = given_values(values)
    chosen, output = settings.rules(given)
    shown = listing.Listing(as_json=given["json"], show_all=bool(output.get("all")),
                            explain=given["explain"], conflicts=given["conflicts"])
    result = pipeline.list_talks(settings.read_options(sources, given), chosen, shown,
                                 progress=progress_bar)
    report_notes(result.notices)
    for line in result.lines:
        click.echo(line, nl=not given["json"])


@cli.command("export", epilog=RULES_HELP,
             short_help="Write .ics, CSV and Markdown (or HTML, PDF) files.")
@with_options("export")
def export_command(sources: tuple[str, ...], **values: Any) -> None:
    """Write .ics, CSV and Markdown for the talks of SOURCES to out/ (or -o)."""
    from . import pipeline, settings

    given = given_values(values)
    chosen, output = settings.rules(given)
    output["workers"] = os.cpu_count() or 1
    read = settings.read_options(sources, given)
    result = pipeline.export(read, settings.export_options(output), chosen,
                             progress=progress_bar,
                             history=settings.history_options(given, read))
    report_notes(result.notices)
    if result.data:
        click.echo(result.data, nl=False)  # bytes: a PDF is not text
    elif not given["quiet"]:
        click.echo(result.summary())
        if result.changes:
            from .changelist import counts

            click.echo(f"changed since the last export: {counts(result.changes)}")


@cli.command("changes", epilog=RULES_HELP, short_help="What changed since the last export.")
@with_options("changes")
def changes_command(sources: tuple[str, ...], **values: Any) -> None:
    """What changed in the selection since `export` (or the feed) last recorded it: moved,
    retitled, new room, cancelled and new talks. Records nothing."""
    from . import changelist, settings

    given = given_values(values)
    chosen, output = settings.rules(given)
    read = settings.read_options(sources, given)
    where = settings.history_options(given, read)
    if where is None:
        raise OptionError("--no-history: `agenda changes` compares with the history")
    found = changelist.changes_since(read, chosen, where, bool(output.get("all")))
    report_notes(found.notices)
    lines = [changelist.as_json(found, chosen.tz)] if given["json"] else \
        changelist.lines(found, chosen.tz)
    for line in lines:
        click.echo(line, nl=not given["json"])


@cli.command("serve", epilog=RULES_HELP, short_help="Serve calendar feeds people subscribe to.")
@with_options("serve")
def serve_command(sources: tuple[str, ...], **values: Any) -> None:
    """Serve SOURCES as calendar feeds people subscribe to; selection rules given here narrow
    what the whole server offers."""
    from . import settings
    from .feed.server import ServeOptions, run

    given = given_values(values)
    keep, _ = settings.rules(given)
    read = settings.read_options(sources, given)
    run(read, ServeOptions.of(given), keep, lambda message: click.echo(message, err=True),
        settings.history_options(given, read))
