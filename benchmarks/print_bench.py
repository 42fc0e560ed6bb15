"""The printed agenda's cost: HTML of 10k talks (target under 1 s) and a 300-talk PDF (target
under 5 s), run by hand (never in the tests).

    python -m benchmarks.print_bench            # 10k HTML, 300 PDF
    python -m benchmarks.print_bench 100000 1000

Talks are made directly (realistic titles, 1-15 authors, parallel tracks over five days, so
most talks overlap others), not read from pages: this times the writer alone.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from agenda.models import Kind, Talk
from agenda.pipeline import ExportOptions, described, render
from agenda.schedule import with_uids

from .generate import _authors, _title

TRACKS = 24


def talks(count: int, seed: int = 7) -> list[Talk]:
    """`count` talks: TRACKS parallel tracks of 15-minute talks, 32 slots a day."""
    rng = random.Random(seed)
    first = datetime(2020, 12, 7, 14, 0, tzinfo=UTC)
    made = []
    for i in range(count):
        track, slot = i % TRACKS, i // TRACKS
        day, within = divmod(slot, 32)
        start = first + timedelta(days=day, minutes=15 * within)
        made.append(Talk(title=_title(rng), authors=tuple(_authors(rng)), abstract="",
                         kind=rng.choice([Kind.ORAL, Kind.SPOTLIGHT, Kind.POSTER]), number=None,
                         track=f"Orals & Spotlights Track {track}", chairs=(), start=start,
                         end=start + timedelta(minutes=15), zone="America/Los_Angeles",
                         label="PST", source=f"page{i // 12:05d}.txt", line=1,
                         layout="neurips-text", room=f"Room {track % 6 + 1}"))
    made = with_uids(made)
    return sorted(made, key=lambda t: (t.start, t.track))


def best(work: Callable[[], bytes], repeat: int) -> tuple[float, float, bytes]:
    """The best wall and CPU seconds of `repeat` runs (CPU time, since the machine is shared:
    other processes stretch the wall time, not the work), and the output."""
    walls, cpus, data = [], [], b""
    for _ in range(repeat):
        began, cpu = time.perf_counter(), time.process_time()
        data = work()
        walls.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), data


def pages(pdf: bytes) -> str:
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return "?"
    return str(len(PdfReader(io.BytesIO(pdf)).pages))


def main(argv: list[str]) -> None:
    html_count = int(argv[0]) if argv else 10_000
    pdf_count = int(argv[1]) if len(argv) > 1 else 300
    options = described(ExportOptions(tz="Europe/Berlin", calendar_name="Benchmark"), None)
    stamp = datetime(2020, 12, 1, tzinfo=UTC)
    many = talks(html_count)
    render("html", many[:10], options, stamp, "Europe/Berlin")  # templates compiled, zones loaded
    wall, cpu, data = best(lambda: render("html", many, options, stamp, "Europe/Berlin"), 3)
    print(f"html, {html_count:,} talks: {wall:.2f} s ({cpu:.2f} s CPU), {len(data) / 1e6:.1f} MB"
          " (target under 1 s)")
    few = talks(pdf_count)
    began = time.perf_counter()
    render("pdf", few[:5], options, stamp, "Europe/Berlin")  # WeasyPrint and fonts loaded
    warm = time.perf_counter() - began
    wall, cpu, data = best(lambda: render("pdf", few, options, stamp, "Europe/Berlin"), 2)
    print(f"pdf, {pdf_count:,} talks: {wall:.2f} s ({cpu:.2f} s CPU), {len(data) / 1e3:.0f} kB, "
          f"{pages(data)} pages (target under 5 s; the first PDF of a process also loads "
          f"WeasyPrint and the fonts: {warm:.2f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
