"""Reading a 100,000-event frab schedule XML (a benchmark, not a test): lxml's own parse of the
bytes against agenda reading the same bytes into talks (decode, detect, read, settle, identify),
measured in one run. The target is at most 2x the parse.

    python -m benchmarks.frab_read            # EVENTS=20000 for a quicker run
"""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape

from lxml import etree

from agenda.readers.published.frab_xml import _PARSER_OPTIONS
from agenda.schedule import build_schedule
from agenda.timing import TimeSettings

ROOMS = 20
DAY_START = 10  # each room runs 30-minute events from 10:00 into the night


def generate(events: int) -> bytes:
    """A frab schedule of `events` events over as many days as it takes, 20 rooms, the
    conference in Europe/Berlin, some events after midnight."""
    per_day = ROOMS * 32  # 16 hours of half-hour events: 10:00 to 02:00
    days = -(-events // per_day)
    first = date(2025, 12, 27)
    out = ["<?xml version='1.0' encoding='utf-8' ?>\n<schedule>\n<version>bench</version>\n"
           "<conference>\n<acronym>bench</acronym>\n<title>Benchmark Congress</title>\n"
           "<time_zone_name>Europe/Berlin</time_zone_name>\n</conference>\n"]
    n = 0
    for d in range(days):
        on = first + timedelta(days=d)
        out.append(f"<day index='{d + 1}' date='{on}' start='{on}T{DAY_START:02d}:00:00+01:00' "
                   f"end='{on + timedelta(days=1)}T04:00:00+01:00'>\n")
        for r in range(ROOMS):
            out.append(f"<room name='Room {r + 1}'>\n")
            for k in range(32):
                if n >= events:
                    break
                n += 1
                start = datetime(on.year, on.month, on.day, DAY_START) + timedelta(minutes=30 * k)
                out.append(
                    f"<event guid='00000000-0000-4000-8000-{n:012d}' id='{n}'>\n"
                    f"<date>{start:%Y-%m-%dT%H:%M:%S}+01:00</date>\n<start>{start:%H:%M}</start>\n"
                    f"<duration>00:30</duration>\n<room>Room {r + 1}</room>\n"
                    f"<slug>bench-{n}</slug>\n<url>https://example.org/events/{n}.html</url>\n"
                    f"<title>{escape(f'Talk number {n} & friends')}</title>\n"
                    "<subtitle></subtitle>\n<track>Track " + str(n % 9) + "</track>\n"
                    "<type>lecture</type>\n<language>en</language>\n"
                    f"<abstract>Abstract of talk {n}, about schedules.</abstract>\n"
                    "<description>A longer description of the talk.</description>\n"
                    f"<persons>\n<person id='{n % 997}'>Speaker {n % 997}</person>\n"
                    f"<person id='{n % 991 + 1000}'>Guest {n % 991}</person>\n</persons>\n"
                    "<links>\n</links>\n</event>\n")
            out.append("</room>\n")
        out.append("</day>\n")
    out.append("</schedule>\n")
    return "".join(out).encode("utf-8")


def best(run: object, repeat: int) -> tuple[float, float]:
    """The best CPU time of this process and the best wall time: on a shared machine the CPU
    time is the fair measure, since other processes stretch the wall clock."""
    cpu, wall = [], []
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        run()  # type: ignore[operator]
        cpu.append(time.process_time() - began_cpu)
        wall.append(time.perf_counter() - began)
    return min(cpu), min(wall)


def main() -> None:
    events = int(os.environ.get("EVENTS", "100000"))
    repeat = int(os.environ.get("REPEAT", "3"))
    data = generate(events)
    settings = TimeSettings(today=date(2025, 12, 1))

    def parse() -> None:
        etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))

    talks = len(build_schedule([("bench.xml", data)], settings).talks)
    assert talks == events, (talks, events)
    parsed = best(parse, repeat)
    read = best(lambda: build_schedule([("bench.xml", data)], settings), repeat)
    print(f"frab XML, {events:,} events, {len(data) / 1e6:.1f} MB (best of {repeat})")
    print(f"  lxml parse of the bytes:      {parsed[0]:6.2f} s CPU {parsed[1]:6.2f} s wall")
    print(f"  agenda reading it into talks: {read[0]:6.2f} s CPU {read[1]:6.2f} s wall  "
          f"({read[0] / parsed[0]:.2f}x the parse in CPU time; target <= 2x)")


if __name__ == "__main__":
    main()
