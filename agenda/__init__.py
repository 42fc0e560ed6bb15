"""agenda: turn conference schedule pages into a personal calendar.

The library is the product; the CLI (agenda.cli) is a thin layer over it. What is named in
`__all__` is the supported API: reading sources into a Schedule of Talks, selecting, and
writing the registered formats.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("agenda")  # written once, in pyproject.toml
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"

from .errors import AgendaError, OptionError, OutputError, PageError, SourceError, TimingError
from .formats import FORMATS, Format
from .models import Kind, Notice, Schedule, Status, Talk
from .pipeline import (
    ExportOptions,
    ExportResult,
    ReadOptions,
    choose,
    export,
    list_talks,
    load,
    render,
)
from .rules import Selection, TextIndex

__all__ = [
    "FORMATS", "AgendaError", "ExportOptions", "ExportResult", "Format", "Kind", "Notice",
    "OptionError", "OutputError", "PageError", "ReadOptions", "Schedule", "Selection",
    "SourceError", "Status", "Talk", "TextIndex", "TimingError", "__version__", "choose",
    "export", "list_talks", "load", "render",
]
