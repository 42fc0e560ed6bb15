"""Talks that overlap in time, so a user sees where they must choose."""

from __future__ import annotations

from collections.abc import Sequence

from .models import Talk


def overlaps(talks: Sequence[Talk]) -> dict[str, tuple[Talk, ...]]:
    """uid -> the other selected talks that overlap it (breaks and Q&As never conflict)."""
    ordered = sorted((t for t in talks if t.is_talk), key=lambda t: (t.start, t.end, t.uid))
    found: dict[str, list[Talk]] = {}
    active: list[Talk] = []
    for talk in ordered:
        active = [a for a in active if a.end > talk.start]
        for other in active:
            if other.start < talk.end and other.end > talk.start and other.start != other.end:
                found.setdefault(talk.uid, []).append(other)
                found.setdefault(other.uid, []).append(talk)
        active.append(talk)
    return {uid: tuple(sorted(others, key=lambda t: (t.start, t.uid)))
            for uid, others in found.items()}
