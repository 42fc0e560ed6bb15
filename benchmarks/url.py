"""What a URL source costs (a benchmark, not a test): one schedule file served on loopback with
an ETag, read cold, read again (a 304), and checked by the feed's watcher unchanged and changed.

    python -m benchmarks.url [FILE]     # default: the seeds' first page
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from agenda import reading
from agenda.feed.state import LiveSchedule
from agenda.pipeline import ReadOptions, load
from agenda.remote import Fetcher
from tests.upstream import Resource, serving

ROOT = Path(__file__).resolve().parent.parent


def best(run: Callable[[], object], times: int = 5) -> float:
    took = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        took.append(time.perf_counter() - start)
    return min(took) * 1000


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "seeds" / "000_bc3a9835493b4eaa.txt"
    body = path.read_bytes()
    today = date(2026, 11, 23)
    parsed: list[str] = []
    real = reading.read_page

    def counting(page: Any) -> Any:
        parsed.append(page.path)
        return real(page)

    with tempfile.TemporaryDirectory() as cache, serving({"/s.txt": Resource(body)}) as server:
        url = server.at("/s.txt")
        options = ReadOptions(sources=(url,), today=today)
        file_only = best(lambda: load(ReadOptions(sources=(str(path),), today=today)))
        cold = best(lambda: load(options, fetcher=Fetcher(cache_dir=Path(cache) / "x"
                                                          / str(time.perf_counter()))), 3)
        load(options, fetcher=Fetcher(cache_dir=cache))
        warm = best(lambda: load(options, fetcher=Fetcher(cache_dir=cache)))
        live = LiveSchedule(options, 3600, fetcher=Fetcher(cache_dir=cache))
        reading.read_page = counting
        try:
            unchanged = best(live.refresh, 20)
            assert not parsed and live.current().version == 1
            seen = len(server.seen)
            checks = [best(live.refresh, 1) for _ in range(20)]
            assert len(server.seen) == seen + 20
            version = 1

            def change() -> None:
                nonlocal version
                version += 1
                server.resources["/s.txt"] = Resource(body + f"\n{version}\n".encode(),
                                                       etag=f'"v{version}"')
                live.refresh()

            changed = best(change, 3)
        finally:
            reading.read_page = real
            live.close()
    talks = len(load(ReadOptions(sources=(str(path),), today=today)).talks)
    print(f"{path.name}: {len(body):,} bytes, {talks:,} slots")
    print(f"  read from the file:                  {file_only:8.1f} ms")
    print(f"  read from the URL, cold cache:       {cold:8.1f} ms (200, body stored)")
    print(f"  read from the URL, warm cache:       {warm:8.1f} ms (304, body from the cache)")
    print(f"  feed check, unchanged:               {unchanged:8.1f} ms (304, no parse; median "
          f"{statistics.median(checks):.1f} ms, one request each)")
    print(f"  feed check, changed:                 {changed:8.1f} ms (200, one parse)")


if __name__ == "__main__":
    main()
