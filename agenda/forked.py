"""CPU-bound work spread over forked processes, so a large job uses every core.

A forked child inherits the parent's memory (talks, page names, options), so only a chunk's
index goes out and only its result comes back pickled. Where fork is unavailable, or the work
is too small to split, the same function runs here, in order: results never depend on it.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # imported when first used: a short command should not pay for them
    from concurrent.futures import Future, ProcessPoolExecutor

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")
_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def die_with_parent(parent: int | None = None, signum: int = signal.SIGTERM) -> None:
    """Called in a forked child: on Linux it gets `signum` when its parent dies, even by SIGKILL,
    so no child outlives the command or server that started it. `parent` is the pid the child
    was forked from; if it is already gone (the child was reparented), the child leaves now."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signum)  # PR_SET_PDEATHSIG
    if os.getppid() == 1 or (parent is not None and os.getppid() != parent):
        os._exit(1)


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def map_forked(work: Callable[[Chunk], Result], chunks: Sequence[Chunk],
               processes: int) -> Iterator[Result]:
    """work(chunk) for every chunk, in order, computed by `processes` forked processes. The
    processes start now, not when the results are first asked for, so the caller can do other
    work meanwhile. `work` may be a closure: it is inherited, never pickled. Closing the
    iterator early (or an error in a chunk) cancels the chunks not yet started."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORK
    if processes < 1 or not chunks or not can_fork():
        return map(work, chunks)
    _WORK = (work, chunks)
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"),
                               initializer=die_with_parent,
                               initargs=(os.getpid(), signal.SIGKILL))
    return _Results(pool, [pool.submit(_run, i) for i in range(len(chunks))])


class _Results(Iterator[Any]):
    def __init__(self, pool: ProcessPoolExecutor, futures: list[Future[Any]]) -> None:
        self._pool, self._futures = pool, futures

    def __next__(self) -> Any:
        if not self._futures:
            self.close()
            raise StopIteration
        try:
            return self._futures.pop(0).result()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        global _WORK
        self._futures = []
        self._pool.shutdown(wait=True, cancel_futures=True)
        _WORK = None


def _run(index: int) -> Any:
    assert _WORK is not None  # set before the pool forked this process
    work, chunks = _WORK
    return work(chunks[index])


def chunked(count: int, workers: int, least: int) -> list[tuple[int, int]]:
    """(start, end) bounds cutting `count` items into about eight chunks per worker (so a slow
    chunk does not leave a core idle), each at least `least` items."""
    size = max(least, count // (workers * 8) or 1)
    return [(i, min(i + size, count)) for i in range(0, count, size)]
