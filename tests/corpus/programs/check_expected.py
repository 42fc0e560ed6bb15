"""Checks (or, with --write, fills in) the UTC instants of the corpus expectations.

Each sidecar .json lists every talk's wall-clock start and end as transcribed by hand from its
page, and the zone the page states (an IANA name, or a fixed offset 'UTC-4'). This script turns
them into UTC with python-dateutil only, independently of agenda, so the instants the corpus
test compares against are never agenda's own output.

    python tests/corpus/programs/check_expected.py          # verify every sidecar
    python tests/corpus/programs/check_expected.py --write  # fill in missing start/end
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta, timezone
from pathlib import Path

from dateutil import parser, tz

HERE = Path(__file__).resolve().parent


def zone_of(name: str) -> tz.tzinfo:
    if name == "UTC":
        return tz.UTC
    if name.startswith("UTC") and name[3:4] in "+-":
        sign = -1 if name[3] == "-" else 1
        hours, _, minutes = name[4:].partition(":")
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes or 0)))
    found = tz.gettz(name)
    if found is None:
        raise SystemExit(f"unknown zone {name}")
    return found


def utc(wall: str | None, zone: str) -> str | None:
    if wall is None:
        return None
    local = parser.isoparse(wall.replace(" ", "T")).replace(tzinfo=zone_of(zone))
    return local.astimezone(tz.UTC).strftime("%Y-%m-%dT%H:%MZ")


def main(write: bool) -> int:
    bad = 0
    for path in sorted(HERE.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for talk in data["talks"]:
            want = utc(talk["wall_start"], data["zone"]), utc(talk["wall_end"], data["zone"])
            if write:
                talk["start"], talk["end"] = want
            elif (talk.get("start"), talk.get("end")) != want:
                print(f"{path.name}: {talk['title']!r}: {talk.get('start')}..{talk.get('end')} "
                      f"but the wall times give {want[0]}..{want[1]}")
                bad += 1
        if write:
            path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main("--write" in sys.argv))
