"""Turning named pages into PageReads, one page at a time.

Each page yields its PageRead or the AgendaError that stopped it, in page order, so the caller
decides what an error means (stop, or skip with --keep-going) in one place, and a huge
conference is never held as bytes and text all at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, BinaryIO

from .errors import AgendaError, PageError, ReaderFailure
from .readers import decode, read_page
from .readers.page import PageRead
from .sources import display_name, read_source

if TYPE_CHECKING:
    from .remote import Fetcher

Outcome = PageRead | AgendaError


def read_each(names: Iterable[str], stdin: BinaryIO | None = None,
              fetcher: Fetcher | None = None) -> Iterator[Outcome]:
    """Each page's PageRead, or the error that stopped it, in order."""
    for name in names:
        yield read_one(name, stdin=stdin, fetcher=fetcher)


def read_given(pages: Iterable[tuple[str, bytes]]) -> Iterator[Outcome]:
    """The same for pages already in memory."""
    for name, data in pages:
        yield read_one(name, data=data)


def read_one(name: str, stdin: BinaryIO | None = None, data: bytes | None = None,
             fetcher: Fetcher | None = None) -> Outcome:
    """One page read from `data`, or from the file, URL (or standard input) it names."""
    try:
        raw = read_source(name, stdin, fetcher) if data is None else data
    except AgendaError as exc:
        return exc
    shown = display_name(name)
    try:
        return read_page(decode(shown, raw))
    except AgendaError as exc:
        return exc
    except RecursionError:
        return PageError("the page nests too deeply to read", shown)
    except Exception as exc:  # a reader's bug must not become a traceback or stop a server
        return ReaderFailure(f"agenda failed to read this page ({type(exc).__name__}: "
                             f"{str(exc)[:200]}); please report it with the page", shown)
