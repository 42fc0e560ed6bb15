"""One error family for everything a user can get wrong.

Every error knows where it happened (file and line, or the option), so the CLI can print a
one-line message and exit non-zero without a traceback. The CLI is the only place that turns
these into messages and exit codes.
"""

from __future__ import annotations


class AgendaError(Exception):
    """Base of every error agenda raises on purpose; never a bug."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "

    def __str__(self) -> str:
        return f"{self.where()}{self.message}"


class SourceError(AgendaError):
    """A source cannot be opened or decoded (missing, binary, not UTF-8, empty)."""


class PageError(AgendaError):
    """A page was opened but its content cannot be read as a schedule."""


class ReaderFailure(PageError):
    """A reader met something it was not built for and failed in a way that is a bug of
    agenda's, not the page's: the user still gets one line (and --keep-going skips the page),
    and the fuzz harness counts it as a finding."""


class TimingError(AgendaError):
    """A time, zone label or year cannot be settled without the user's help."""


class OptionError(AgendaError):
    """A command-line option or profile value is invalid."""

    exit_code = 2


class OutputError(AgendaError):
    """An output cannot be written."""
