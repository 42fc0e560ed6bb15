"""What following a schedule costs: a 10k-talk export with and without the history, and
`agenda changes` over the same talks (run by hand, never in the tests).

    python -m benchmarks.history_bench            # 10,000 talks
    python -m benchmarks.history_bench --size 2000

Targets (issue 16): an export with history at most 1.15x the same export without it;
`agenda changes` under 1 s. Each figure is the best of --repeat runs in this process, the
reading of the pages included (a fresh history file for the "first" runs).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .run import ensure_conference

TODAY = date(2026, 11, 23)


def best(work: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    from agenda import changelist, history, pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", default="/tmp/agenda-bench")
    args = parser.parse_args()
    folder = ensure_conference(args.size, Path(args.work))
    read = pipeline.ReadOptions(sources=(str(folder),), today=TODAY)
    scratch = Path(tempfile.mkdtemp(prefix="agenda-history-bench-"))
    options = pipeline.ExportOptions(formats=("ics",), output=str(scratch / "out.ics"))
    now = datetime(2026, 11, 23, tzinfo=UTC)
    runs = iter(range(1_000_000))

    def fresh() -> history.HistoryOptions:
        return history.HistoryOptions(str(scratch / f"fresh{next(runs)}.sqlite"), now)

    kept = history.HistoryOptions(str(scratch / "kept.sqlite"), now)
    talks = pipeline.export(read, options, history=kept).talks  # recorded once
    plain = first = again = load = changes = float("inf")
    for _ in range(args.repeat):  # interleaved, so a busy moment of the machine hits all alike
        plain = min(plain, best(lambda: pipeline.export(read, options), 1))
        first = min(first, best(lambda: pipeline.export(read, options, history=fresh()), 1))
        again = min(again, best(lambda: pipeline.export(read, options, history=kept), 1))
        load = min(load, best(lambda: pipeline.load(read), 1))
        changes = min(changes, best(lambda: changelist.changes_since(read, None, kept), 1))
    size = (scratch / "kept.sqlite").stat().st_size / 1e6
    print(f"{talks:,} talks, .ics only, best of {args.repeat}")
    print(f"export without history          {plain:6.2f} s")
    print(f"export, first run (empty file)  {first:6.2f} s  {first / plain:.3f}x")
    print(f"export, unchanged (kept file)   {again:6.2f} s  {again / plain:.3f}x  (target 1.15x)")
    print(f"agenda changes                  {changes:6.2f} s  (reading alone {load:.2f} s; "
          "target 1 s)")
    print(f"history file                    {size:6.1f} MB")


if __name__ == "__main__":
    main()
