"""Where outputs go: resolving `-o`, and writing files atomically.

Every file is written to a temporary file in the same folder and renamed over the target, so an
error or an interrupt never leaves a half file and never destroys the previous good one. The
target keeps its mode (a new file gets 0666 less the umask), a target that is a symlink is
written through to the file it points at, and temporary files that an earlier run left behind
(killed with -9, or by a power cut) are removed: their names carry the writer's pid.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import OptionError, OutputError
from .forked import die_with_parent

CSV_STYLES = ("data", "google", "outlook")  # see agenda.tables
# progress(items, count, label) wraps a stream of work in, e.g., a progress bar.
Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]
DEFAULT_FOLDER = "out"
BASENAME = "agenda"


def targets(output: str | None, formats: Sequence[str]) -> tuple[tuple[str, ...], list[str]]:
    """(formats, paths) for an `-o` value; '-' means standard output. A file name's extension
    chooses the format when none was given."""
    if output == "-":
        if len(formats) != 1:
            raise OptionError("-o -: standard output takes exactly one --format")
        return tuple(formats), ["-"]
    from .formats import BY_EXTENSION, BY_NAME, DEFAULTS

    path = Path(output or DEFAULT_FOLDER)
    suffix = path.suffix.lstrip(".").lower()
    if output and suffix in BY_EXTENSION and not path.is_dir():
        name = BY_EXTENSION[suffix].name
        chosen = tuple(formats) or (name,)
        if chosen != (name,):
            raise OptionError(f"-o {output}: a .{suffix} file holds only --format {name}; "
                              "give a folder to write several formats")
        return chosen, [str(path)]
    if output and suffix and not path.is_dir():
        known = ", ".join(f".{ext}" for ext in BY_EXTENSION)
        raise OptionError(f"-o {output}: unknown file extension .{suffix}; use {known} "
                          "or a folder")
    chosen = tuple(formats) or DEFAULTS
    return chosen, [str(path / f"{BASENAME}.{BY_NAME[fmt].extension}") for fmt in chosen]


def write_atomically(path: str, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename."""
    write_all_atomically([(path, [data])])


def write_all_atomically(items: Sequence[tuple[str, Iterable[bytes]]], concurrent: bool = False,
                         progress: Progress | None = None) -> None:
    """Stream each (path, chunks) to a temporary file beside its path; only when all are
    complete and synced are they renamed over their targets. On any error every temporary file
    is removed and every target is left as it was.

    With `concurrent`, every item but the first is streamed by a forked child process while this
    process streams the first: the formats of a large export are independent CPU work, and the
    machine has more than one core. `progress(steps, count, label)` may wrap the finished
    files."""
    created: list[str] = []
    try:
        finals = [_final_path(path) for path, _ in items]
        for final in dict.fromkeys(finals):
            remove_stale_temporaries(final)
        temporaries = [_temporary_for(path, final, created)
                       for (path, _), final in zip(items, finals, strict=True)]
        if concurrent and len(items) > 1 and hasattr(os, "fork"):
            steps: Iterable[str] = _fill_concurrently(items, temporaries)
        else:
            steps = (_fill(temporary, data, path)
                     for (path, data), temporary in zip(items, temporaries, strict=True))
        for _ in progress(steps, len(items), "writing") if progress else steps:
            pass
        with _signals_held():  # an interrupt now would leave some files new and some old
            for final, temporary in zip(finals, temporaries, strict=True):
                os.replace(temporary, final)
            created = []
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}",
                          getattr(exc, "agenda_path", None) or exc.filename) from None
    finally:
        for temporary in created:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


# A temporary file of a run whose pid is alive is left alone unless it is this old (the pid was
# reused); one whose name carries no pid (an older agenda's) after STALE_UNKNOWN.
STALE_ALIVE = 3600.0
STALE_UNKNOWN = 600.0


def _final_path(path: str) -> str:
    """The file really written: a symlink's target (followed to the end), else `path`."""
    return os.path.realpath(path) if os.path.islink(path) else path


def _temporary_name(final: str) -> str:
    target = Path(final)
    return str(target.parent / f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def remove_stale_temporaries(final: str) -> list[str]:
    """Remove the temporary files beside `final` that an earlier run left: its writer's pid is
    dead, or the file is older than STALE_ALIVE (STALE_UNKNOWN for names without a pid).
    Returns what was removed. Only names of this file's own temporaries are touched."""
    target = Path(final)
    prefix, removed = f".{target.name}.", list[str]()
    try:
        with os.scandir(target.parent) as entries:
            names = [e.name for e in entries
                     if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    except OSError:
        return removed
    now = time.time()
    for name in names:
        middle = name[len(prefix):-len(".tmp")]
        pid_text = middle.split("-", 1)[0] if "-" in middle else ""
        path = target.parent / name
        try:
            age = now - path.lstat().st_mtime
        except OSError:
            continue
        if pid_text.isdigit():
            stale = not _alive(int(pid_text)) or age > STALE_ALIVE
        else:
            stale = age > STALE_UNKNOWN
        if stale and int(pid_text or 0) != os.getpid():
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(str(path))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process: alive (or not ours to judge)
    return True


def _temporary_for(path: str, final: str, created: list[str]) -> str:
    """A new, empty temporary file beside `final`, with the mode the result should have: the
    existing file's mode, else 0666 less the umask (applied by the kernel as it is created)."""
    target = Path(final)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror or exc}",
                          str(target.parent)) from None
    if target.is_dir():
        raise OutputError("is a folder; name a file or use -o FOLDER", path)
    try:
        mode = stat.S_IMODE(os.stat(final).st_mode)
    except OSError:
        mode = None
    try:
        while True:
            temporary = _temporary_name(final)
            try:
                fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                             0o666)
                break
            except FileExistsError:
                continue
        created.append(temporary)
        try:
            if mode is not None:
                os.fchmod(fd, mode)
        finally:
            os.close(fd)
    except OSError as exc:
        exc.agenda_path = path  # type: ignore[attr-defined]
        raise
    return temporary


_HELD = {signal.SIGINT, signal.SIGTERM}


def _release_signals() -> None:
    with contextlib.suppress(AttributeError, OSError, ValueError):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (then act as usual)."""
    try:
        before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _fill(temporary: str, data: Iterable[bytes], path: str) -> str:
    """Write every chunk to the temporary file and make it durable; OSErrors name `path`. The
    file is opened, never created: once the run has removed it (it was interrupted), a writer
    still going cannot bring it back."""
    try:
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_TRUNC | os.O_CLOEXEC), "wb") \
                as handle:
            for chunk in data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        exc.agenda_path = path  # type: ignore[attr-defined]
        raise
    finally:
        # A writer stopped early (an error, an interrupt) stops its own helpers now, such as
        # the .ics writer's forked processes, rather than when it is collected.
        close = getattr(data, "close", None)
        if close is not None:
            close()
    return path


def _fill_concurrently(items: Sequence[tuple[str, Iterable[bytes]]],
                       temporaries: Sequence[str]) -> Iterator[str]:
    """Fill items[1:] in forked children and items[0] here; yield each path as it is done.
    A child reports an OSError's text through a pipe; if this process fails or stops early,
    the children are killed and reaped, and the caller removes every temporary file."""
    children: list[tuple[int, int, str]] = []
    try:
        for (path, data), temporary in zip(items[1:], temporaries[1:], strict=True):
            with _signals_held():  # an interrupt between fork and this list would lose a child
                children.append((*_fork_filler(temporary, data, path), path))
        yield _fill(temporaries[0], items[0][1], items[0][0])
        while children:
            pid, reader, path = children.pop(0)
            with os.fdopen(reader, "rb") as pipe:
                said = pipe.read().decode("utf-8", "replace")
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                error = OSError(said or f"the writing process exited with status {status}")
                error.agenda_path = path  # type: ignore[attr-defined]
                raise error
            yield path
    finally:
        for pid, reader, _ in children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            with contextlib.suppress(OSError):
                os.close(reader)


def _fork_filler(temporary: str, data: Iterable[bytes], path: str) -> tuple[int, int]:
    """(pid, pipe to read the child's error text from) of a child filling one temporary file.
    The child inherits `data` unstarted, so nothing is pickled; it leaves with os._exit so it
    never runs this process's exit handlers or flushes its buffers."""
    reader, writer = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    code = 1
    try:
        _release_signals()  # the parent forks with them held (see _fill_concurrently)
        # Killed with its parent (even by kill -9): the parent's run is over, and the temporary
        # file is left for the next run to remove.
        die_with_parent(parent, signal.SIGKILL)
        os.close(reader)
        _fill(temporary, data, path)
        code = 0
    except OSError as exc:
        os.write(writer, (exc.strerror or str(exc)).encode())
    except BaseException as exc:  # a bug: say what it was, as the parent would have
        os.write(writer, f"{type(exc).__name__}: {exc}".encode())
    finally:
        os._exit(code)
