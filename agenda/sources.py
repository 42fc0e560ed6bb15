"""Finding and opening sources: files, folders of pages, http(s) URLs, or '-' for standard
input."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .errors import SourceError
from .readers.page import MAX_FILE_BYTES

if TYPE_CHECKING:
    from .remote import Fetcher

DEFAULT_SOURCES = ("seeds",)


def expand(sources: Iterable[str]) -> list[str]:
    """Every page a list of sources names, in a stable order, each once."""
    found: list[tuple[str, str]] = []  # (name as given, real path to tell repeats apart)
    for source in sources:
        if source == "-":
            found.append(("-", "-"))
        elif is_url(source):
            from .remote import check_scheme

            check_scheme(source)
            found.append((source, source))
        elif os.path.isdir(source):
            found.extend(_folder(source))
        elif os.path.isfile(source):
            found.append((source, os.path.realpath(source)))
        elif os.path.exists(source):
            raise SourceError("not a regular file or folder", source)
        elif tuple(sources) == DEFAULT_SOURCES:
            raise SourceError("no sources given, and there is no seeds/ folder here to read by "
                              "default; give a schedule file, folder, URL or - (standard "
                              "input), e.g. agenda list program.html")
        else:
            raise SourceError("no such file or folder", source)
    seen: set[str] = set()
    unique = []
    for name, key in found:
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def _folder(source: str) -> list[tuple[str, str]]:
    """The visible regular files of a folder, sorted by name. One scandir and one realpath for
    the folder, not a stat and a realpath per page: a conference is thousands of pages."""
    real = os.path.realpath(source)
    with os.scandir(source) as entries:
        pages = sorted((e.name, e.is_symlink()) for e in entries
                       if not e.name.startswith(".") and e.is_file())
    if not pages:
        raise SourceError("the folder holds no pages", source)
    return [(str(Path(source) / name), os.path.realpath(os.path.join(real, name)) if link
             else os.path.join(real, name)) for name, link in pages]


def is_url(source: str) -> bool:
    """A source written scheme://..., e.g. https://example.org/schedule.xml (a path never
    is: a file whose name starts like that is given as ./name)."""
    scheme, sep, _ = source.partition("://")
    return bool(sep) and scheme.isascii() and scheme.isalpha() and len(scheme) > 1


def split_sources(value: str, sep: str = os.pathsep) -> list[str]:
    """Sources listed in one string (AGENDA_SOURCES) with os.pathsep between them. Where the
    separator is ':', a URL's own colons (after its scheme, before its port) are put back."""
    pieces, out = value.split(sep), []
    while pieces:
        piece = pieces.pop(0)
        if sep == ":" and piece.isalpha() and pieces and pieces[0].startswith("//"):
            piece += ":" + pieces.pop(0)
            if "/" not in piece.partition("//")[2] and pieces and pieces[0][:1].isdigit():
                piece += ":" + pieces.pop(0)
        if piece:
            out.append(piece)
    return out


def display_name(name: str) -> str:
    return "<stdin>" if name == "-" else name


def read_source(name: str, stdin: BinaryIO | None = None,
                fetcher: Fetcher | None = None) -> bytes:
    """The bytes of one page; '-' is standard input; a URL is fetched (through `fetcher`, which
    keeps what it fetched, or a new one)."""
    # One byte past the largest budget (a published file's) is enough for decode to refuse it: a
    # huge file (or an endless stream) is never read whole.
    most = MAX_FILE_BYTES + 1
    if name == "-":
        return (stdin or sys.stdin.buffer).read(most)
    if is_url(name):
        from .remote import Fetcher

        return (fetcher or Fetcher()).body(name)
    try:
        with open(name, "rb") as handle:
            return handle.read(most)
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", name) from None
