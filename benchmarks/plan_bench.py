"""A plan over 10,000 selected talks (a benchmark, not a test): the whole of `--plan` after
selection — each talk's priority from a choice of three interests and two picks, then the
clash-free plan with a 10-minute room change. The target is under 0.5 s.

    python -m benchmarks.plan_bench          # TALKS=100000 for a larger run
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from agenda.choice import MUST, Choice, Interest, Pick
from agenda.models import Kind, Talk
from agenda.plan import make_plan
from agenda.rules import Selection

ROOMS = 40
TRACKS = ["Theory", "Vision", "Optimization", "Systems", "Language", "Robotics"]
WORDS = "learning neural pruning kernel attention sparse graph robust privacy".split()


def talks(count: int, seed: int = 17) -> list[Talk]:
    """`count` talks in 40 rooms over as many days as it takes, 10 to 45 minutes each, with
    uneven breaks between them (so talks in different rooms overlap in every way)."""
    rng = random.Random(seed)
    out = []
    first = datetime(2025, 6, 2, 7, 0, tzinfo=UTC)
    clock = [first] * ROOMS
    for n in range(count):
        room = n % ROOMS
        start = clock[room] + timedelta(minutes=rng.choice((0, 0, 5, 10, 15)))
        if start.hour >= 19:
            start = datetime(start.year, start.month, start.day, 7, tzinfo=UTC) + \
                timedelta(days=1)
        end = start + timedelta(minutes=rng.choice((10, 15, 20, 30, 45)))
        clock[room] = end
        title = " ".join(rng.sample(WORDS, 3)).capitalize() + f" {n}"
        out.append(Talk(title=title, authors=(f"Speaker {n % 997}",), abstract="",
                        kind=Kind.TALK, number=None, track=TRACKS[n % len(TRACKS)], chairs=(),
                        start=start, end=end, zone="Europe/Berlin", label="", source="bench",
                        line=n, layout="bench", room=f"Room {room + 1}",
                        uid=f"bench-{n}@agenda"))
    out.sort(key=lambda t: (t.start, t.end, t.uid))
    return out


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    count = int(os.environ.get("TALKS", "10000"))
    repeat = int(os.environ.get("REPEAT", "5"))
    selected = talks(count)
    choice = Choice(
        (Interest(Selection(tracks=("Theory",)), MUST),
         Interest(Selection(keywords=("pruning",))),
         Interest(Selection(tracks=("Vision", "Systems")))),
        picks=(Pick.parse("bench-7@agenda", "--pick"), Pick.parse("maybe:kernel 42", "--pick")),
        plan=True, room_change=timedelta(minutes=10))
    gap = choice.room_change

    def whole() -> object:
        return make_plan(selected, choice.priorities(selected), gap)

    priorities = choice.priorities(selected)
    plan = make_plan(selected, priorities, gap)
    alone = best(lambda: make_plan(selected, priorities, gap), repeat)
    total = best(whole, repeat)
    musts = sum(p == MUST for p in priorities.values())
    print(f"plan over {len(selected):,} selected talks in {ROOMS} rooms ({musts:,} must), "
          f"room change {gap}")
    print(f"  kept {len(plan.kept):,}, set aside {len(plan.set_aside):,}, "
          f"must-see clashes {len(plan.clashes):,}")
    print(f"  the plan alone:              {alone:6.3f} s")
    print(f"  priorities + plan (--plan):  {total:6.3f} s  (target < 0.5 s)")


if __name__ == "__main__":
    main()
