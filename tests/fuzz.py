"""A fuzzer for the whole reading path: mutated seeds and test pages, read, selected, listed and
exported in this process. Anything but agenda's own error (an AgendaError), or a case slower
than the limit, is a finding.

    python -m tests.fuzz CASES [--seed N] [--start I] [--findings DIR] [--limit SECONDS]

Each case is made from (seed, index) alone, so a finding is replayed by its index:

    python -m tests.fuzz 1 --seed 1 --start 4711

The long run is one process at a time (run it under `nice`); a watchdog parent restarts the
worker past a case that hangs (a regular expression cannot be interrupted), and saves each
finding (pages, options and traceback) in a folder of its own. tests/test_fuzz.py runs a
short, seeded run of the same cases.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import select
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted([*(ROOT / "seeds").glob("*"), *(ROOT / "tests" / "pages").glob("*")])
# CPU seconds a case may take before it is a finding: CPU time, not wall time, so a run on a
# busy shared machine (or under `nice`) does not report the machine's load as slow cases.
LIMIT = 2.0

# Lines a careless or hostile page may hold: references, impossible and extreme dates, offsets
# past what zones use, long lines, controls and invisible characters, headings of every level.
INSERTS = [
    " ".join(f"[{i}]" for i in range(1, 41)) + " shows that",
    "[ Paper PDF ] [ ]",
    "Sat 1 Jan. 9999 23:00 - 23:59 UTC+14",
    "Mon 1 Jan. 0001 0:00 - 0:10 UTC-14",
    "Fri 31 Dec. 9999 23:00 - 23:30 UTC-12",
    "Sat 1 Jan. 6:00 - 6:15 UTC-14",
    "Wed 9 Dec. 6:00 - 6:15 UTC-13",
    "Wed 9 Dec. 6:00 - 6:15 -13:00",
    "Wed 9 Dec. 6:00 - 6:15 +14:00",
    "Wed 9 Dec. 6:00 - 6:15 UTC+14:59",
    "Wed 9 Dec. 6:00 - 6:15 Etc/GMT+14",
    "Wed 9 Dec. 6:00 - 6:15 America",
    "Wed 9 Dec. 24:00 - 24:00 PST",
    "Thu 29 Feb. 6:00 - 6:15 PST",
    "Wed 9 Dec. 2020 6:00 - 6:15 IST",
    "0001-01-01T00:00:00-13:00 - 0001-01-01T00:15:00-13:00",
    "9999-12-31T23:00:00+14:00 - 9999-12-31T23:59:00-14:00",
    "0000-01-01T00:00:00Z - 0000-01-01T00:10:00Z",
    "2020-12-10T18:00:00-23:59 - 2020-12-10T18:15:00+23:59",
    "2020-12-10T18:00:00-08:00 - 9999-12-31T23:59:59-08:00",
    "0001-01-01T00:00:00+14:00 - 9999-12-31T23:59:59-14:00",
    "##### 1 - Oral: \u202eevil\u202c title \u2066isolated\u2069",
    "\u200f\u061c\u200e Ann \u202aAuthor\u202c",
    "#####",
    "##### #",
    "# a" + " " * 3000 + "b",
    "## NeurIPS 9999 Orals",
    "## NeurIPS 1970 Orals",
    "Moderator: " + "Ann Author, " * 200,
    "Session chairs: \x1b[31mred\x1b[0m",
    "Q&A",
    "Break",
    "Oral",
    "NUL\x00byte",
    "\ufeff\u2028\u2029",
    "x" * 120_000,
]
ZONES = ["UTC", "PST", "PDT", "CEST", "UTC+2", "UTC-14", "UTC+14", "-13:00", "+12:45", "IST",
         "SST", "XYZ", "GMT-0", "UTC+99", "Europe/Berlin", "Pacific/Kiritimati", "America"]
YEARS = ["0000", "0001", "1969", "1970", "2038", "9998", "9999", "10019"]
TODAYS = [date(2026, 11, 23), date(1, 1, 1), date(1, 12, 31), date(9999, 12, 31),
          date(9999, 1, 1), date(2020, 12, 1), date(1970, 1, 1)]


@dataclass(frozen=True, slots=True)
class Case:
    index: int
    pages: tuple[tuple[str, bytes], ...]
    today: date
    year: int | None
    source_tz: str | None
    tz: str | None
    keep_going: bool
    alarm: timedelta | None
    select: bool  # also select by words, names and the day of one of the talks
    mutations: tuple[str, ...]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]


# Pages are kept to a few megabytes: the page budget (50 MB) has its own tests, and mutating a
# page of hundreds of megabytes would time the harness, not agenda.
MOST_GROWTH = 4_000_000


def _duplicate(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    times = min(rng.choice([2, 3, 50, 2000]), max(2, MOST_GROWTH // (len(lines[at]) + 1)))
    return b"\n".join([*lines[:at], *[lines[at]] * times, *lines[at + 1:]])


def _delete(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    return b"\n".join(lines[:at] + lines[at + rng.randint(1, 5):])


def _swap(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def _spots(pattern: bytes, data: bytes) -> list[int]:
    return [m.start() for m in re.finditer(pattern, data)]


def _digit(rng: random.Random, data: bytes) -> bytes:
    spots = _spots(rb"\d", data)
    if not spots:
        return data
    at = rng.choice(spots)
    new = rng.choice([b"0", b"9", b"00", b"99", b"1", b"24", b"60", b"9999", b"", b"0000"])
    return data[:at] + new + data[at + 1:]


def _year(rng: random.Random, data: bytes) -> bytes:
    spots = _spots(rb"20(?:19|20|21)", data)
    if not spots:
        return data
    at = rng.choice(spots)
    return data[:at] + rng.choice(YEARS).encode() + data[at + 4:]


def _zone(rng: random.Random, data: bytes) -> bytes:
    for label in (b" PST", b" PDT", b"-08:00", b"-07:00", b" CEST", b" UTC"):
        if label in data:
            new = rng.choice(ZONES).encode()
            new = new if label.startswith(b"-") and new[:1] in b"+-" else b" " + new
            return data.replace(label, new, rng.choice([1, 1, -1]))
    return data


def _insert(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    at = rng.randrange(len(lines) + 1)
    return b"\n".join([*lines[:at], b"", rng.choice(INSERTS).encode(), b"", *lines[at:]])


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _splice(rng: random.Random, data: bytes) -> bytes:
    """Lines of another page of the corpus in the middle of this one."""
    other = _lines(rng.choice(CORPUS).read_bytes())
    lines = _lines(data)
    a = rng.randrange(len(other))
    at = rng.randrange(len(lines) + 1)
    return b"\n".join([*lines[:at], *other[a:a + rng.randint(1, 40)], *lines[at:]])


def _inline(rng: random.Random, data: bytes) -> bytes:
    """A hostile fragment inside a line, not on its own."""
    at = rng.randrange(len(data) + 1)
    piece = rng.choice([*INSERTS[:-1], "\u202e", "\u2066", "[", "]", "#####", ":", " - ",
                        " · ", "\t", "\r", "\x1b[2J", "\u0301", "\U0001f600"])
    return data[:at] + piece.encode("utf-8") + data[at:]


def _lookalike(rng: random.Random, data: bytes) -> bytes:
    """Letters Unicode case folding equates with ASCII ones (long s, dotless i, Kelvin sign),
    or a non-ASCII digit, in place of one ASCII letter or digit."""
    swaps = {b"s": "\u017f", b"i": "\u0131", b"k": "\u212a", b"K": "\u212a", b"6": "\u0666",
             b"S": "\u017f", b"I": "\u0130", b"1": "\u0661"}
    spots = _spots(rb"[siIkKS16]", data)
    if not spots:
        return data
    at = rng.choice(spots)
    return data[:at] + swaps[data[at:at + 1]].encode("utf-8") + data[at + 1:]


def _time(rng: random.Random, data: bytes) -> bytes:
    spots = _spots(rb"\d\d:\d\d", data)
    if not spots:
        return data
    at = rng.choice(spots)
    new = rng.choice([b"00:00", b"23:59", b"24:00", b"99:99", b"12:60", b"0:00"])
    return data[:at] + new + data[at + 5:]


MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "flip": _flip, "duplicate": _duplicate, "delete": _delete, "swap": _swap, "digit": _digit,
    "year": _year, "zone": _zone, "insert": _insert, "truncate": _truncate, "time": _time,
    "splice": _splice, "inline": _inline, "lookalike": _lookalike,
}


def make_case(seed: int, index: int) -> Case:
    """The case `index` of run `seed`: one to three pages of the corpus, each mutated one to
    four times, and options drawn from the extremes."""
    rng = random.Random(f"{seed}:{index}")
    pages, said = [], []
    for n in range(rng.choice([1, 1, 1, 2, 3])):
        source = rng.choice(CORPUS)
        data = source.read_bytes()
        for _ in range(rng.randint(1, 4)):
            name = rng.choice(list(MUTATIONS))
            data = MUTATIONS[name](rng, data)
            said.append(f"{source.name}:{name}")
        pages.append((f"page{n}{source.suffix}", data))
    return Case(
        index, tuple(pages),
        today=rng.choice(TODAYS) if rng.random() < 0.2 else TODAYS[0],
        year=rng.choice([None] * 8 + [1, 2020, 9999]),
        source_tz=rng.choice([None, None, None, "America/Los_Angeles", "Pacific/Kiritimati",
                              "Etc/GMT-14", "UTC"]),
        tz=rng.choice([None, None, "UTC", "Pacific/Kiritimati", "Etc/GMT+12",
                       "America/St_Johns"]),
        keep_going=rng.random() < 0.3,
        alarm=rng.choice([None, None, timedelta(minutes=10), timedelta(days=3650)]),
        select=rng.random() < 0.3, mutations=tuple(said))


# A PDF takes WeasyPrint about a second per hundred talks: larger schedules are laid out only
# as HTML (the feed refuses PDFs past 2,000 talks for the same reason).
PDF_TALKS = 200
# The PDF is laid out from the HTML writer's output (checked in every case) and costs three
# quarters of a case's time: one case in PDF_EVERY writes it too.
PDF_EVERY = 8


def run_case(case: Case) -> None:
    """Read, select, list and export one case the way the commands do; agenda's own errors
    are a fine outcome and are returned quietly."""
    from agenda import listing
    from agenda.errors import AgendaError, ReaderFailure
    from agenda.formats import NAMES
    from agenda.pipeline import ExportOptions, choose, dtstamp, reading_zone, render
    from agenda.schedule import build_schedule
    from agenda.timing import TimeSettings

    try:
        schedule = build_schedule(case.pages, TimeSettings(case.today, case.year,
                                                           case.source_tz), case.keep_going)
        talks, _ = choose(schedule, None, include_all=True)
        if case.select and talks:
            from datetime import time as clock

            from agenda.rules import Selection

            one = talks[len(talks) // 2]
            chosen = Selection(keywords=(" ".join(one.title.split()[:2]) or "x",),
                               authors=one.authors[:1], days=(one.start.date(),),
                               between=((clock(6), clock(12)),), tz=case.tz)
            talks, _ = choose(schedule, chosen, include_all=False)
            list(listing.text_lines(talks, case.tz, chosen))
        list(listing.text_lines(talks, case.tz))
        listing.as_json(talks, case.tz)
        list(listing.conflict_lines(talks, case.tz))
        options = ExportOptions(tz=case.tz, alarm=case.alarm)
        zone = reading_zone(talks or schedule.talks, case.tz)
        stamp = dtstamp(schedule)
        for fmt in NAMES:
            if fmt == "pdf" and (len(talks) > PDF_TALKS or case.index % PDF_EVERY):
                continue  # layout by WeasyPrint is slow but bounded work, not a finding
            render(fmt, talks, options, stamp, zone)
    except ReaderFailure:
        raise  # a reader's bug caught and worded for the user: still a finding
    except AgendaError:
        return


@dataclass(frozen=True, slots=True)
class Finding:
    index: int
    what: str  # the exception's last traceback line, or "slow: 3.2 s"
    detail: str
    seconds: float


def check(case: Case, limit: float = LIMIT) -> Finding | None:
    """None, or what went wrong with the case."""
    start = time.process_time()
    try:
        run_case(case)
    except Exception as exc:  # noqa: BLE001 - anything not agenda's own is what we look for
        spent = time.process_time() - start
        where = traceback.extract_tb(exc.__traceback__)[-1]
        what = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
        return Finding(case.index, what, traceback.format_exc(), spent)
    spent = time.process_time() - start
    if spent > limit:
        return Finding(case.index, f"slow: {spent:.1f} s of CPU", "", spent)
    return None


def save(finding: Finding, case: Case, folder: Path) -> Path:
    where = folder / f"case_{case.index:07d}"
    where.mkdir(parents=True, exist_ok=True)
    for name, data in case.pages:
        (where / name).write_bytes(data)
    (where / "finding.txt").write_text(
        f"{finding.what}\nseconds: {finding.seconds:.3f}\nmutations: {case.mutations}\n"
        f"today={case.today} year={case.year} source_tz={case.source_tz} tz={case.tz} "
        f"keep_going={case.keep_going} alarm={case.alarm} select={case.select}\n\n"
        f"{finding.detail}",
        encoding="utf-8")
    return where


def cases(seed: int, start: int, count: int) -> Iterator[Case]:
    for index in range(start, start + count):
        yield make_case(seed, index)


def _worker(seed: int, start: int, stop: int, folder: Path, limit: float, report: int) -> None:
    """Run cases start..stop-1, writing 'index' before each and 'index seconds what' after."""
    for index in range(start, stop):
        os.write(report, f"start {index}\n".encode())
        case = make_case(seed, index)
        began = time.process_time()
        found = check(case, limit)
        spent = time.process_time() - began
        if found is not None:
            save(found, case, folder)
        what = found.what.replace("\n", " ") if found else "ok"
        os.write(report, f"done {index} {spent:.4f} {what}\n".encode())


def long_run(seed: int, start: int, count: int, folder: Path, limit: float,
             hang: float = 30.0, out: Callable[[str], None] = print) -> dict[str, object]:
    """Cases start..start+count-1 in a forked worker, restarted past any case that takes
    longer than `hang` seconds (saved as a finding). Returns the run's numbers."""
    folder.mkdir(parents=True, exist_ok=True)
    stop = start + count
    done, findings, slowest = 0, 0, (0.0, -1)
    kinds: dict[str, int] = {}
    began = time.monotonic()
    next_index = start
    while next_index < stop:
        reader, writer = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            code = 0
            try:
                from agenda.forked import die_with_parent

                die_with_parent(parent, signal.SIGKILL)
                _worker(seed, next_index, stop, folder, limit, writer)
            except BaseException:  # noqa: BLE001 - the parent records and restarts
                code = 1
            os._exit(code)
        os.close(writer)
        current, buffer = next_index, b""
        while True:
            ready, _, _ = select.select([reader], [], [], hang)
            if not ready:  # hung on `current`: record it and restart past it
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                case = make_case(seed, current)
                save(Finding(current, f"hang over {hang:.0f} s", "", hang), case, folder)
                findings += 1
                kinds["hang"] = kinds.get("hang", 0) + 1
                done += 1
                next_index = current + 1
                out(f"case {current}: hang")
                break
            chunk = os.read(reader, 65536)
            if not chunk:
                os.waitpid(pid, 0)
                next_index = stop if current + 1 >= stop else current + 1
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                parts = line.decode().split(" ", 3)
                if parts[0] == "start":
                    current = int(parts[1])
                elif parts[0] == "done":
                    index, spent, what = int(parts[1]), float(parts[2]), parts[3]
                    done += 1
                    next_index = index + 1
                    slowest = max(slowest, (spent, index))
                    if what != "ok":
                        findings += 1
                        key = what.split(":")[0] if what.startswith("slow") else what
                        kinds[key] = kinds.get(key, 0) + 1
                        out(f"case {index}: {what}")
                    if done % 1000 == 0:
                        out(f"{done} cases, {findings} findings, "
                            f"{time.monotonic() - began:.0f} s, slowest case {slowest[1]} "
                            f"({slowest[0]:.2f} s CPU)")
        os.close(reader)
    return {"cases": done, "findings": findings, "kinds": kinds,
            "slowest_seconds": round(slowest[0], 3), "slowest_case": slowest[1],
            "seconds": round(time.monotonic() - began, 1)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--limit", type=float, default=LIMIT)
    args = parser.parse_args(argv)
    numbers = long_run(args.seed, args.start, args.cases, args.findings, args.limit)
    print(numbers)
    return 1 if numbers["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
