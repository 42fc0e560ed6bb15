"""Hostile lines for the readers, and a check that reading them grows linearly with their size.

Each family makes a line of about `n` repetitions of a unit that a backtracking regular
expression may try in many ways (brackets, spaces before a missing colon, long words). The
line is put in every layout's seed page, in every part of a slot (header, slot line, title,
authors, abstract, heading), and every page is read with the layout's own reader, the way a
user's run would: a pattern that backtracks super-linearly anywhere shows as a ratio of times.

Times are compared as ratios between sizes on the same machine, never against a fixed number
of seconds: a slow shared machine slows both sizes alike.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from agenda.errors import AgendaError
from agenda.readers import LAYOUTS, decode, read_page

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# name -> n -> one line. Each is built so that a match that must fail at the end of the line
# would, with backtracking over nested or overlapping quantifiers, try the units many ways.
FAMILIES: dict[str, Callable[[int], str]] = {
    "brackets": lambda n: " ".join(f"[{i}]" for i in range(1, n + 1)) + " shows that",
    "bracket pairs": lambda n: "[" + "] [" * n + "] x",
    "markdown heading spaces": lambda n: "# a" + " " * n + "b",
    "talk heading spaces": lambda n: "##### 1 - a" + " " * n + "b",
    "kind before a missing colon": lambda n: "##### Oral" + " " * n + "x",
    "hashes": lambda n: "#" * n + " x",
    "glued headings": lambda n: "a## " * n,
    "long word": lambda n: "a" * n,
    "capitals then no year": lambda n: "NeurIPS" + " " * n + "x",
    "capital words": lambda n: "AB " * n,
    "digits": lambda n: "1" * n + "x",
    "number then spaces": lambda n: "1" + " " * n + "x",
    "iso then spaces": lambda n: "2020-12-10T18:00:00-08:00" + " " * n + "x",
    "iso ranges": lambda n: "2020-12-10T18:00:00-08:00 - " * n,
    "slot words": lambda n: "Wed 9 Dec. 6:00 - 6:15 " * n + "x",
    "slot spaces": lambda n: "Wed 9 Dec." + " " * n + "6:00" + " " * n + "- 6:15" + " " * n,
    "noise words": lambda n: "[ ] " * n + "x",
    "non-words": lambda n: "-" * n + "x",
    "chairs": lambda n: "Session chairs" + " " * n + "x",
    "ampersands": lambda n: "&a" * n,
    "dots": lambda n: ". " * n,
    "colons": lambda n: "a: " * n,
}


def pages_with(line: str) -> Iterator[tuple[str, bytes]]:
    """Each seed with `line` inserted at the top, after the first slot line, after the title
    and among the abstracts (as a heading too, for the Markdown layout)."""
    for seed in SEEDS:
        lines = seed.read_text(encoding="utf-8").split("\n")
        slots = [i for i, s in enumerate(lines) if _slot_like(s)]
        first, lines = slots[0], lines[:slots[2]]  # the header and two slots: the line's cost
        for at in (0, first + 1, first + 3, first + 6):
            for variant in (line, "##### " + line) if "001_" in seed.name else (line,):
                changed = [*lines[:at], "", variant, "", *lines[at:]]
                yield f"{seed.name}@{at}", "\n".join(changed).encode("utf-8")


def _slot_like(line: str) -> bool:
    return line[:4].isdigit() or line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def read_all(pages: list[tuple[str, bytes]]) -> None:
    """Decode, detect and read every page with every layout (each reader sees each page, not
    only the one the detector prefers); agenda's own errors are a fine outcome."""
    for name, data in pages:
        try:
            page = decode(name, data)
        except AgendaError:
            continue
        for layout in LAYOUTS:
            with contextlib.suppress(AgendaError):
                layout.detect(page)
                layout.read(page)
        with contextlib.suppress(AgendaError):
            read_page(page)


def best_time(work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


# Below this a time is too small to judge (noise); a catastrophe is far above it.
FLOOR = 0.005


def growth(make: Callable[[int], object], work: Callable[[object], object], start: int = 4,
           stop: int = 4096) -> list[tuple[int, float]]:
    """(n, seconds) for n doubling from `start` to `stop`. Each step must cost at most six
    times the previous one (linear is two, exponential is far more), so a catastrophic pattern
    stops the measurement at a small n instead of hanging; the caller checks the overall
    ratio."""
    out: list[tuple[int, float]] = []
    n = start
    while n <= stop:
        made = make(n)
        spent = best_time(lambda made=made: work(made))  # type: ignore[misc]
        if out and spent > FLOOR:
            before = max(out[-1][1], FLOOR / 2)
            assert spent <= 6 * before, \
                f"n={n}: {spent:.4f}s after {before:.4f}s at n={out[-1][0]} (super-linear)"
        out.append((n, spent))
        n *= 2
    return out


def assert_linear(make: Callable[[int], object], work: Callable[[object], object],
                  start: int = 4, stop: int = 4096, attempts: int = 3) -> None:
    """The time at `stop` is at most about 8 times the time at stop/8 (linear: 8, quadratic:
    64), once the times are large enough to judge. A shared machine's hiccup can spoil one
    measurement, never three in a row: the check is retried."""
    for attempt in range(attempts):
        try:
            times = dict(growth(make, work, start, stop))
            small, large = times[stop // 8], times[stop]
            assert large <= 20 * max(small, FLOOR), \
                f"n={stop // 8}: {small:.4f}s, n={stop}: {large:.4f}s (super-linear)"
            return
        except AssertionError:
            if attempt == attempts - 1:
                raise


def assert_ratio(small: Callable[[], object], large: Callable[[], object], bound: float,
                 attempts: int = 3) -> None:
    """large() takes at most `bound` times as long as small(), retried like assert_linear."""
    for attempt in range(attempts):
        a, b = best_time(small, 5), best_time(large, 5)
        if b <= bound * max(a, FLOOR) or attempt == attempts - 1:
            assert b <= bound * max(a, FLOOR), f"{a:.4f}s then {b:.4f}s (over {bound} times)"
            return
