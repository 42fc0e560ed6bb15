"""Where outputs go: resolving `-o`, and writing files atomically.

Every file is written to a temporary file in the same folder and renamed over the target, so an
error or an interrupt never leaves a half file and never destroys the previous good one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
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
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror or exc}",
                          str(target.parent)) from None
    if target.is_dir():
        raise OutputError("is a folder; name a file or use -o FOLDER", path)
    fd, temporary = -1, ""
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as exc:
        if fd >= 0:
            os.close(fd)
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)
        raise OutputError(f"cannot write: {exc.strerror or exc}", path) from None
    except BaseException:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)
        raise
