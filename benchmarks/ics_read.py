"""Benchmark: reading a published .ics end to end against icalendar's own parse of it.

    python -m benchmarks.ics_read                  # 20,000 events
    python -m benchmarks.ics_read --events 5000

The floor is `icalendar.Calendar.from_ical` of the same bytes, measured in the same run; agenda's
cost is everything a user waits for: `agenda export --format csv` of the file (reading, settling,
identifying, writing the data CSV). The target is at most 1.0x the floor. The generated calendar
looks like a pretalx export: a VTIMEZONE, TZID times, folded descriptions, URLs and locations,
a few CATEGORIES, a cancelled event now and then.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

WORDS = ("graph neural kernel attention sparse robust causal inference learning model data "
         "training optimisation theory network language vision bayesian").split()
ROOMS = ("Hall A", "Hall B", "Hall C (Plenary)", "Room 101", "Room 102", "Workshop room")
VTIMEZONE = ("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000"
             "\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nTZNAME:CEST\r\nTZOFFSETFROM:+0100\r\n"
             "TZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
             "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nTZNAME:CET\r\nTZOFFSETFROM:+0200\r\n"
             "TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")


def fold(line: str) -> str:
    data = line
    pieces = [data[:74]]
    data = data[74:]
    while data:
        pieces.append(" " + data[:73])
        data = data[73:]
    return "\r\n".join(pieces)


def generate(events: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    out = ["BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pretalx//bench//\r\n", VTIMEZONE]
    start = datetime(2024, 7, 1, 9, 0)
    for number in range(events):
        day = start + timedelta(days=number // 600, minutes=15 * (number % 40))
        end = day + timedelta(minutes=rng.choice((15, 20, 30, 45)))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
        speakers = ", ".join(f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()}"
                             for _ in range(rng.randint(1, 3)))
        abstract = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
        lines = [
            "BEGIN:VEVENT",
            f"UID:bench-{number}@pretalx.example",
            f"DTSTART;TZID=Europe/Berlin:{day:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Berlin:{end:%Y%m%dT%H%M%S}",
            f"DESCRIPTION:{abstract.replace(',', chr(92) + ',')}",
            "DTSTAMP:20240601T120000Z",
            f"LOCATION:{rng.choice(ROOMS)}",
            f"SUMMARY:{title} - {speakers.replace(',', chr(92) + ',')}",
            f"URL:https://pretalx.example/bench/talk/{number}/",
        ]
        if number % 7 == 0:
            lines.append("CATEGORIES:Talk,Machine learning")
        if number % 97 == 0:
            lines.append("STATUS:CANCELLED")
        lines.append("END:VEVENT")
        out.append("\r\n".join(fold(line) for line in lines) + "\r\n")
    out.append("END:VCALENDAR\r\n")
    return "".join(out).encode("utf-8")


def timed(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None
        began = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - began)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", default="/tmp/agenda-bench")
    args = parser.parse_args()

    from icalendar import Calendar

    from agenda.pipeline import ExportOptions, ReadOptions, export

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    source = work / f"published{args.events}.ics"
    source.write_bytes(generate(args.events))
    data = source.read_bytes()
    target = work / f"published{args.events}.csv"

    def library() -> int:
        return len(Calendar.from_ical(data).walk("VEVENT"))

    def agenda() -> int:
        result = export(ReadOptions(sources=(str(source),), today=date(2024, 6, 1)),
                        ExportOptions(formats=("csv",), output=str(target)))
        return result.talks

    library_s, events = timed(library, args.repeat)
    agenda_s, talks = timed(agenda, args.repeat)
    print(f"{args.events} events, {len(data) / 1e6:.1f} MB")
    print(f"icalendar Calendar.from_ical: {library_s:7.3f} s  ({events / library_s:,.0f} "
          "events/s)")
    print(f"agenda read + CSV export:     {agenda_s:7.3f} s  ({talks} talks, "
          f"{talks / agenda_s:,.0f} talks/s)")
    print(f"ratio agenda / from_ical:     {agenda_s / library_s:7.2f}x  (target <= 1.0x)")


if __name__ == "__main__":
    main()
