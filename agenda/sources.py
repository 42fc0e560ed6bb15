"""Finding and opening sources: files, folders of pages, or '-' for standard input."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import SourceError

DEFAULT_SOURCES = ("seeds",)


def expand(sources: Iterable[str]) -> list[str]:
    """Every page a list of sources names, in a stable order, each once."""
    found: list[str] = []
    for source in sources:
        if source == "-":
            found.append("-")
            continue
        path = Path(source)
        if path.is_dir():
            pages = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not pages:
                raise SourceError("the folder holds no pages", source)
            found.extend(str(p) for p in pages)
        elif path.is_file():
            found.append(source)
        elif path.exists():
            raise SourceError("not a regular file or folder", source)
        else:
            raise SourceError("no such file or folder", source)
    seen: set[str] = set()
    unique = []
    for name in found:
        key = name if name == "-" else str(Path(name).resolve())
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def open_all(names: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each page; '-' reads standard input once."""
    for name in names:
        if name == "-":
            yield "<stdin>", (stdin or sys.stdin.buffer).read()
            continue
        try:
            yield name, Path(name).read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror or exc}", name) from None
