"""Where outputs go: resolving `-o`, and writing files atomically.

Every file is written to a temporary file in the same folder and renamed over the target, so an
error or an interrupt never leaves a half file and never destroys the previous good one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import OptionError, OutputError

FORMATS = ("ics", "csv", "md")
DEFAULT_FOLDER = "out"
BASENAME = "agenda"


def targets(output: str | None, formats: Sequence[str]) -> tuple[tuple[str, ...], list[str]]:
    """(formats, paths) for an `-o` value; '-' means standard output. A file name's extension
    chooses the format when none was given."""
    if output == "-":
        if len(formats) != 1:
            raise OptionError("-o -: standard output takes exactly one --format")
        return tuple(formats), ["-"]
    path = Path(output or DEFAULT_FOLDER)
    suffix = path.suffix.lstrip(".").lower()
    if output and suffix in FORMATS and not path.is_dir():
        chosen = tuple(formats) or (suffix,)
        if chosen != (suffix,):
            raise OptionError(f"-o {output}: a .{suffix} file holds only --format {suffix}; "
                              "give a folder to write several formats")
        return chosen, [str(path)]
    if output and suffix and not path.is_dir():
        raise OptionError(f"-o {output}: unknown file extension .{suffix}; use .ics, .csv, .md "
                          "or a folder")
    chosen = tuple(formats) or FORMATS
    return chosen, [str(path / f"{BASENAME}.{fmt}") for fmt in chosen]


def write_atomically(path: str, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename."""
    write_all_atomically([(path, [data])])


def write_all_atomically(items: Iterable[tuple[str, Iterable[bytes]]]) -> None:
    """Stream each (path, chunks) to a temporary file beside its path; only when all are
    complete and synced are they renamed over their targets. On any error every temporary file
    is removed and every target is left as it was."""
    done: list[tuple[str, Path]] = []
    try:
        for path, data in items:
            done.append((_stream_to_temporary(path, data), Path(path)))
        for temporary, target in done:
            os.replace(temporary, target)
        done = []
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}",
                          getattr(exc, "agenda_path", None) or exc.filename) from None
    finally:
        for temporary, _ in done:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _stream_to_temporary(path: str, data: Iterable[bytes]) -> str:
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror or exc}",
                          str(target.parent)) from None
    if target.is_dir():
        raise OutputError("is a folder; name a file or use -o FOLDER", path)
    temporary = ""
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            for chunk in data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        return temporary
    except BaseException as exc:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(exc, OSError):
            exc.agenda_path = path  # type: ignore[attr-defined]
        raise
