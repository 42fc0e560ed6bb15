"""A plan: one agenda without clashes, made from the talks a choice keeps.

Talks are taken in a fixed order — `must` before `maybe`, then earlier start, then earlier end,
then UID — and each is kept when it fits: it overlaps no kept talk, and leaves `room_change`
between itself and a kept talk in another room. A `maybe` that does not fit is set aside as an
alternative of the kept talk it ran into (the earliest of them). A `must` is always kept; two
musts that clash are both kept and reported, since only the user can choose between them.

Breaks, Q&As, empty slots, all-day and cancelled events take no one's time: they are kept as
they are and never set anything aside. Pure and deterministic: the same talks and priorities
give the same plan, whatever their order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .choice import MAYBE, MUST, Priority
from .models import Status, Talk

OVERLAP = "overlaps"
ROOM_CHANGE = "leaves too little time to change rooms"


@dataclass(frozen=True, slots=True)
class Plan:
    """What the plan kept and set aside, and why."""

    kept: tuple[Talk, ...]  # in the order the talks were given
    set_aside: tuple[Talk, ...]  # likewise
    alternatives: Mapping[str, tuple[Talk, ...]]  # kept uid -> talks set aside for it, by start
    alternative_to: Mapping[str, Talk]  # set-aside uid -> the kept talk it ran into
    why: Mapping[str, str]  # set-aside uid -> OVERLAP or ROOM_CHANGE
    clashes: tuple[tuple[Talk, Talk], ...]  # must-must pairs kept although they clash
    priorities: Mapping[str, Priority]
    room_change: timedelta = timedelta(0)

    def words_for(self, talk: Talk) -> tuple[str, ...]:
        """What the plan says of a talk, for a calendar's description."""
        lines = []
        other = self.alternative_to.get(talk.uid)
        if other is not None:
            lines.append(f"Alternative to: {short(other)} ({self.why[talk.uid]})")
        for alternative in self.alternatives.get(talk.uid, ()):
            lines.append(f"Alternative: {short(alternative)}")
        return tuple(lines)


def short(talk: Talk) -> str:
    """'Wed 10:15 CEST Sparse networks [Hall B]': in the talk's own zone, as its page says."""
    where = f" [{talk.room}]" if talk.room else ""
    local = talk.start.astimezone(ZoneInfo(talk.zone))
    return f"{local:%a %d %b %H:%M} {local.tzname()} {' '.join(talk.title.split())}{where}"


def tight(first: Talk, second: Talk) -> bool:
    """Whether two clashing talks clash only by the time to change rooms (no overlap)."""
    return not (first.start < second.end and second.start < first.end)


def _blocks(talk: Talk) -> bool:
    """Whether a talk takes the user's time (and so can clash)."""
    return talk.is_talk and not talk.all_day and talk.status is not Status.CANCELLED \
        and talk.end > talk.start


def make_plan(talks: Sequence[Talk], priorities: Mapping[str, Priority],
              room_change: timedelta = timedelta(0)) -> Plan:
    """The plan of `talks` (each with its priority, `maybe` when not given)."""
    if room_change < timedelta(0):
        raise ValueError("room_change must not be negative")
    rank = {MUST: 0, MAYBE: 1}
    order = sorted((t for t in talks if _blocks(t)),
                   key=lambda t: (rank[priorities.get(t.uid, MAYBE)], t.start, t.end, t.uid))
    starts: list[datetime] = []  # kept talks that block, by start (bisect keys)
    kept_by_start: list[Talk] = []
    longest = timedelta(0)
    set_aside: dict[str, Talk] = {}
    alternative_to: dict[str, Talk] = {}
    why: dict[str, str] = {}
    clashes: list[tuple[Talk, Talk]] = []
    for talk in order:
        must = priorities.get(talk.uid, MAYBE) == MUST
        low = bisect_left(starts, talk.start - room_change - longest)
        high = bisect_left(starts, talk.end + room_change)
        blocker: Talk | None = None
        reason = ""
        for other in kept_by_start[low:high]:
            gap = room_change if talk.room and other.room and talk.room != other.room \
                else timedelta(0)
            if other.start < talk.end + gap and talk.start < other.end + gap:
                if must:
                    clashes.append((other, talk) if (other.start, other.uid) <
                                   (talk.start, talk.uid) else (talk, other))
                    continue
                blocker = other
                reason = OVERLAP if other.start < talk.end and talk.start < other.end \
                    else ROOM_CHANGE
                break
        if blocker is None:
            at = bisect_left(starts, talk.start)
            starts.insert(at, talk.start)
            kept_by_start.insert(at, talk)
            longest = max(longest, talk.end - talk.start)
        else:
            set_aside[talk.uid] = talk
            alternative_to[talk.uid] = blocker
            why[talk.uid] = reason
    alternatives: dict[str, list[Talk]] = {}
    for uid, blocker in alternative_to.items():
        alternatives.setdefault(blocker.uid, []).append(set_aside[uid])
    return Plan(
        kept=tuple(t for t in talks if t.uid not in set_aside),
        set_aside=tuple(t for t in talks if t.uid in set_aside),
        alternatives={k: tuple(sorted(v, key=lambda t: (t.start, t.end, t.uid)))
                      for k, v in sorted(alternatives.items())},
        alternative_to=alternative_to, why=why,
        clashes=tuple(sorted(clashes, key=lambda p: (p[0].start, p[0].uid, p[1].start,
                                                     p[1].uid))),
        priorities=dict(priorities), room_change=room_change)


def attending(talks: Sequence[Talk], plan: Plan | None) -> list[Talk]:
    """The talks the user attends: all of them, or with a plan those it did not set aside
    (alternatives written as tentative events do not count as overlaps)."""
    if plan is None or not plan.alternative_to:
        return list(talks)
    return [t for t in talks if t.uid not in plan.alternative_to]
