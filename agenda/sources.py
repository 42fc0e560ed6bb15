"""Finding and opening sources: files, folders of pages, or '-' for standard input."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import SourceError

DEFAULT_SOURCES = ("seeds",)


def expand(sources: Iterable[str]) -> list[str]:
    """Every page a list of sources names, in a stable order, each once."""
    found: list[tuple[str, str]] = []  # (name as given, real path to tell repeats apart)
    for source in sources:
        if source == "-":
            found.append(("-", "-"))
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


def display_name(name: str) -> str:
    return "<stdin>" if name == "-" else name


def read_source(name: str, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of one page; '-' is standard input."""
    if name == "-":
        return (stdin or sys.stdin.buffer).read()
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", name) from None
