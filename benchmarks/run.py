"""Benchmarks: one command runs them all and prints a table (run by hand, never in the tests).

    python -m benchmarks.run                 # 1k, 10k and 100k talks, plus the feed
    python -m benchmarks.run --sizes 10000   # one size
    python -m benchmarks.run --no-feed

Results are given as ratios to floors measured in the same run (machines are noisy):
reading against a bare regex scan of the same bytes for slot lines; writers against joining
pre-built bytes of the same size, and .ics against icalendar's own to_ical() of the same events.
Generated conferences are made on demand under --work (default /tmp/agenda-bench).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from datetime import time as clock
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SLOT = re.compile(rb"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\.? \d{1,2} \w+\.? \d{1,2}:\d\d - \d{1,2}"
                  rb":\d\d \w+$|^\d{4}-\d\d-\d\dT\S+ - \S+$", re.MULTILINE)


def timed(work: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of `repeat` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None  # the previous run's result must not inflate this run's peak memory
        began = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - began)
    return best, result


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_conference(size: int, work: Path) -> Path:
    from .generate import generate

    folder = work / f"conf{size}"
    if not (folder / ".done").exists():
        generate(size, folder)
        (folder / ".done").write_text("ok")
    return folder


def phase_sizes(size: int, work: Path) -> dict[str, Any]:
    """Reading, selection and writers for one size, in this (fresh) process."""
    from agenda.ics import IcsOptions, event_block, header, timezones, write_ics
    from agenda.markdown import write_markdown
    from agenda.pipeline import ReadOptions, load
    from agenda.readers.slot_text import _WALLS
    from agenda.rules import Selection, TextIndex
    from agenda.tables import write_csv

    folder = ensure_conference(size, work)
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
    megabytes = sum(p.stat().st_size for p in files) / 1e6

    def floor_scan() -> int:
        return sum(len(SLOT.findall(p.read_bytes())) for p in files)

    def read() -> Any:
        _WALLS.clear()  # each run parses its slot lines afresh, as a new process does
        return load(ReadOptions(sources=(str(folder),), today=date(2026, 11, 23)))

    floor_s, _ = timed(floor_scan, 3)
    read_s, schedule = timed(read, 2)
    talks = [t for t in schedule.talks if t.is_talk]
    out: dict[str, Any] = {"size": size, "talks": len(talks), "MB": round(megabytes, 1),
                           "read_s": read_s, "read_MBps": megabytes / read_s,
                           "floor_MBps": megabytes / floor_s,
                           "read_talks_per_s": len(talks) / read_s,
                           "read_peak_MB": peak_mb()}
    rules = Selection(keywords=("kernel", "normaliz*"), authors=("Dokmanić", "Ba"),
                      kinds=("oral", "spotlight"), exclude_keywords=("adversarial",),
                      between=((clock(6, 0), clock(12, 0)),))
    out["select_cold_s"], _ = timed(lambda: rules.select(talks))
    out["select_s"], chosen = timed(lambda: rules.select(talks), 3)
    out["selected"] = len(chosen)
    one_percent = talks[:: 100]
    options = IcsOptions(dtstamp=talks[0].start, tz="Europe/Berlin")
    workers = os.cpu_count() or 1
    for label, subset in (("all", talks), ("1pct", one_percent)):
        ics_s, ics = timed(lambda s=subset: write_ics(s, options, workers=workers))  # type: ignore[misc]
        csv_s, csv = timed(lambda s=subset: write_csv(s, "data", None))  # type: ignore[misc]
        md_s, md = timed(lambda s=subset: write_markdown(s, "Europe/Berlin", "bench"))  # type: ignore[misc]
        chunks = [ics[i:i + 1200] for i in range(0, len(ics), 1200)]
        join_s, _ = timed(lambda c=chunks: b"".join(c), 3)  # type: ignore[misc]
        out[f"ics_{label}_s"], out[f"csv_{label}_s"], out[f"md_{label}_s"] = ics_s, csv_s, md_s
        out[f"join_{label}_s"] = join_s
        out[f"ics_{label}_MB"] = len(ics) / 1e6
        if label == "all":
            serial_s, serial = timed(lambda s=subset: write_ics(s, options, workers=1))  # type: ignore[misc]
            assert serial == ics
            out["ics_all_serial_s"] = serial_s
            out["library_to_ical_s"] = library_cost(subset, options)
    # A cached feed: header + zones + cached blocks, for a fresh 1% selection (issue 7's design).
    blocks = {t.uid: event_block(t, options) for t in talks}
    fresh = Selection(keywords=("kernel",), kinds=("oral",))

    def cached_feed(index: TextIndex | None = None) -> bytes:
        picked = fresh.select(talks, index)
        return header(options, "bench") + timezones(picked, options) + \
            b"".join(blocks[t.uid] for t in picked) + b"END:VCALENDAR\r\n"

    out["fresh_selection_cached_ics_s"], _ = timed(cached_feed, 3)
    out["index_s"], index = timed(lambda: TextIndex(talks))  # once per schedule, in a server
    out["fresh_indexed_ics_s"], _ = timed(lambda: cached_feed(index), 3)
    out["peak_MB"] = peak_mb()
    return out


def library_cost(talks: list[Any], options: Any) -> float:
    """icalendar's own to_ical() of the same events, built beforehand (the library's cost)."""
    from icalendar import Calendar, Event

    from agenda.ics import event_block

    events = [Event.from_ical(event_block(t, options)) for t in talks]
    cal = Calendar()
    for event in events:
        cal.add_component(event)
    seconds, _ = timed(cal.to_ical)
    return seconds


def run_phase(name: str, *args: str) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-m", "benchmarks.run", "--phase", name, *args],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def cli_export(size: int, work: Path) -> dict[str, float]:
    """`agenda export` of a whole generated conference, as a user runs it: wall time and the
    peak memory of that process."""
    import tempfile

    folder = ensure_conference(size, work)
    with tempfile.TemporaryDirectory() as out:
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "agenda", "export", str(folder), "-o", out, "-q"],
                       cwd=ROOT, env={**os.environ, "AGENDA_TODAY": "2026-11-23"},
                       capture_output=True, check=True)
        seconds = time.perf_counter() - began
    return {"seconds": seconds,
            "peak_MB": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def startup() -> dict[str, float]:
    agenda = [sys.executable, "-m", "agenda"]
    env = {**os.environ, "AGENDA_TODAY": "2026-11-23"}
    out = {}
    for label, args in (("help_s", ["--help"]), ("list_seeds_s", ["list", "seeds/"])):
        times = []
        for _ in range(7):
            began = time.perf_counter()
            subprocess.run(agenda + args, capture_output=True, cwd=ROOT, env=env, check=True)
            times.append(time.perf_counter() - began)
        out[label] = sorted(times)[3]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--work", default="/tmp/agenda-bench")
    parser.add_argument("--no-feed", action="store_true")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.phase == "sizes":
        print(json.dumps(phase_sizes(args.size, work)))
        return
    if args.phase == "cli":
        print(json.dumps(cli_export(args.size, work)))
        return
    rows = [run_phase("sizes", "--size", s, "--work", str(work)) for s in args.sizes.split(",")]
    print_table(rows)
    for size in args.sizes.split(","):
        if int(size) >= 10000:
            result = run_phase("cli", "--size", size, "--work", str(work))
            print(f"\nagenda export of {int(size):,} talks (.ics, CSV, Markdown): "
                  f"{result['seconds']:.1f} s, peak memory {result['peak_MB']:.0f} MB")
    print("\nstart-up (median of 7):", json.dumps({k: round(v, 3) for k, v in startup().items()}))
    if not args.no_feed:
        from .load import feed_benchmarks

        feed_benchmarks(ensure_conference(10000, work))


def _vs_floor(r: dict[str, Any], k: str) -> str:
    return f"{r[f'ics_{k}_s']:.2f} ({r[f'ics_{k}_s'] / max(r[f'join_{k}_s'], 1e-6):,.0f}x)"


def print_table(rows: list[dict[str, Any]]) -> None:
    def row(label: str, fmt: Callable[[dict[str, Any]], str]) -> None:
        print(f"| {label:<44} | " + " | ".join(f"{fmt(r):>14}" for r in rows) + " |")

    print(f"| {'talks':<44} | " + " | ".join(f"{r['talks']:>14,}" for r in rows) + " |")
    print("|" + "-" * 46 + "|" + "|".join("-" * 16 for _ in rows) + "|")
    row("input MB", lambda r: f"{r['MB']}")
    row("regex floor: MB/s", lambda r: f"{r['floor_MBps']:.0f}")
    row("read: seconds", lambda r: f"{r['read_s']:.2f}")
    row("read: MB/s (ratio to regex floor)",
        lambda r: f"{r['read_MBps']:.1f} ({r['read_MBps'] / r['floor_MBps']:.0%})")
    row("read: talks/s", lambda r: f"{r['read_talks_per_s']:,.0f}")
    row("read: peak memory MB", lambda r: f"{r['read_peak_MB']:.0f}")
    row("select (mixed rules), first run: seconds", lambda r: f"{r['select_cold_s']:.3f}")
    row("select again (text folded): seconds", lambda r: f"{r['select_s']:.3f}")
    for label in ("all", "1pct"):
        row(f".ics {label}: s (x join floor)", lambda r, k=label: _vs_floor(r, k))
        row(f"CSV {label}: s", lambda r, k=label: f"{r[f'csv_{k}_s']:.2f}")
        row(f"Markdown {label}: s", lambda r, k=label: f"{r[f'md_{k}_s']:.2f}")
    row(".ics all, 1 process: s", lambda r: f"{r['ics_all_serial_s']:.2f}")
    row(".ics all: ratio to icalendar to_ical()",
        lambda r: f"{r['ics_all_s'] / r['library_to_ical_s']:.2f}")
    row("fresh selection -> cached .ics: seconds",
        lambda r: f"{r['fresh_selection_cached_ics_s']:.3f}")
    row("text index: build once / fresh .ics via it: s",
        lambda r: f"{r['index_s']:.2f} / {r['fresh_indexed_ics_s']:.3f}")
    row("read + 3 writers: seconds",
        lambda r: f"{r['read_s'] + r['ics_all_s'] + r['csv_all_s'] + r['md_all_s']:.2f}")
    row("peak memory MB", lambda r: f"{r['peak_MB']:.0f}")


if __name__ == "__main__":
    main()
