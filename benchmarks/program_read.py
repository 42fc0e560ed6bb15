"""Reading a generated HTML program page of N talks with the general program reader.

    python -m benchmarks.program_read            # 1k and 10k talks, and their ratio
    python -m benchmarks.program_read 1000 10000 100000

The page is one workshop-site program: day headings, a zone statement, a table per day with a
time column, titles with speakers in parentheses, sessions whose papers are listed without
times, breaks, comments and a script. Reading must stay linear: 10k talks in at most 12x the
time of 1k.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from agenda.schedule import build_schedule
from agenda.timing import TimeSettings

from .generate import _authors, _title

PER_DAY = 40


def program_html(count: int, seed: int = 2024) -> bytes:
    rng = random.Random(seed)
    parts = ["<!DOCTYPE html><html><head><title>Program</title><script>var x = '09:00';"
             "</script></head><body><nav><a href='/'>Home</a></nav><h1>Workshop Program</h1>"
             "<p>All times are CEST.</p>"]
    first = date(2025, 6, 2)
    made = 0
    while made < count:
        day = first + timedelta(days=made // PER_DAY)
        parts.append(f"<h2>{day:%A, %B} {day.day}, {day.year}</h2><table><thead><tr>"
                     "<th>Time</th><th>Talk</th><th>Speakers</th></tr></thead><tbody>")
        minute = 8 * 60
        for _ in range(min(PER_DAY, count - made) // 4):
            for k in range(4):
                start, end = minute, minute + 15
                clock = f"{start // 60:02d}:{start % 60:02d}–{end // 60:02d}:{end % 60:02d}"
                if k == 3:
                    parts.append(f"<tr><td>{clock}</td><td><b>Poster session</b><ul>"
                                 + "".join(f"<li>{_title(rng)} ({', '.join(_authors(rng)[:3])})"
                                           "</li>" for _ in range(3)) + "</ul></td><td></td></tr>")
                    made += 3
                else:
                    parts.append(f"<tr><td>{clock}</td><td>{_title(rng)}</td>"
                                 f"<td>{', '.join(_authors(rng)[:4])}</td></tr>"
                                 "<!-- <tr><td>00:00</td><td>old row</td></tr> -->")
                    made += 1
                minute = end
            parts.append(f"<tr><td>{minute // 60:02d}:{minute % 60:02d}–{minute // 60:02d}:"
                         f"{minute % 60 + 10:02d}</td><td>Coffee break</td><td></td></tr>")
            minute += 10
            if minute >= 23 * 60:
                break
        parts.append("</tbody></table>")
    parts.append("<footer>© 2025</footer></body></html>")
    return "".join(parts).encode()


def read_seconds(count: int, repeat: int = 3) -> tuple[float, int]:
    data = program_html(count)
    settings = TimeSettings(today=date(2026, 11, 23), year=2025)
    best, talks = float("inf"), 0
    for _ in range(repeat):
        began = time.perf_counter()
        schedule = build_schedule([("program.html", data)], settings)
        best = min(best, time.perf_counter() - began)
        talks = len(schedule.talks)
    return best, talks


def main(sizes: list[int]) -> None:
    results = {}
    for size in sizes:
        seconds, talks = read_seconds(size, repeat=5 if size <= 10_000 else 1)
        results[size] = seconds
        print(f"{size:>7} talks requested: {talks:>7} slots read in {seconds:.3f} s "
              f"({seconds / max(talks, 1) * 1e6:.0f} µs per slot)")
    if 1000 in results and 10_000 in results:
        print(f"10k / 1k = {results[10_000] / results[1000]:.1f}x (limit 12x)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10_000])
