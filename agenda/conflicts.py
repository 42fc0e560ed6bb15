"""Talks that overlap in time, so a user sees where they must choose.

A whole conference has hundreds of parallel sessions, so every talk overlaps many others: the
count is exact (two binary searches per talk) and only the first few are named.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Talk

NAMED = 3


@dataclass(frozen=True, slots=True)
class Clash:
    """How many selected talks overlap one talk, and the first few of them by start."""

    count: int
    first: tuple[Talk, ...]


def overlaps(talks: Sequence[Talk], named: int = NAMED) -> dict[str, Clash]:
    """uid -> Clash for every selected talk that overlaps another (breaks, Q&As and empty
    slots never conflict; touching end to start is not an overlap)."""
    ordered = sorted((t for t in talks if t.is_talk and t.end > t.start),
                     key=lambda t: (t.start, t.end, t.uid))
    starts = [t.start for t in ordered]
    ends = sorted(t.end for t in ordered)
    found: dict[str, Clash] = {}
    for i, talk in enumerate(ordered):
        count = bisect_left(starts, talk.end) - bisect_right(ends, talk.start) - 1
        if count <= 0:
            continue
        first: list[Talk] = []
        j = i - 1  # earlier starts that are still running, nearest first
        while j >= 0 and len(first) < named and i - j <= 4 * named + 64:
            if ordered[j].end > talk.start:
                first.append(ordered[j])
            j -= 1
        j = i + 1  # later starts before this one ends
        while j < len(ordered) and len(first) < named and ordered[j].start < talk.end:
            first.append(ordered[j])
            j += 1
        found[talk.uid] = Clash(count, tuple(sorted(first, key=lambda t: (t.start, t.uid))))
    return found
