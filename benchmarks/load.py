"""Load on the feed server (a benchmark, not a test): requests/s and latency percentiles for a
cached feed and for fresh selections, at 1 and 64 connections, on the seeds and on a generated
10,000-talk conference. Uses wrk (Debian package `wrk`) against `agenda serve` on loopback.

    python -m benchmarks.load            # needs /tmp/agenda-bench/conf10000 or generates it
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRESH_LUA = """
-- each request a new selection (a new author and a new calendar name): never a cached feed
local first = {"Ana", "Bo", "Chiyuan", "Dmitry", "Ivan", "Lechao", "Qing", "Tuo", "Yuhuai"}
local last = {"Zhang", "Kim", "Lee", "Novak", "Teh", "Ba", "Bai", "Garcia", "Muller"}
local n = 0
request = function()
  n = n + 1
  local who = first[(n % #first) + 1] .. "+" .. last[(math.floor(n / #first) % #last) + 1]
  local path = "/calendar.ics?author=" .. who .. "&tz=Europe/Berlin&calendar-name=run" .. n
  return wrk.format("GET", path)
end
"""


def start_server(source: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "AGENDA_TODAY": "2026-11-23"}
    command = [sys.executable, "-m", "agenda", "serve", source, "--port", "0",
               "--reload-interval", "5", "--threads", os.environ.get("THREADS", "4")]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, text=True, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL)
    assert proc.stderr is not None
    deadline = time.time() + 120
    while time.time() < deadline:
        line = proc.stderr.readline()
        if m := re.search(r"serving \d+ talks at (http://\S+)/", line):
            # keep draining the log so the server never blocks on a full pipe
            subprocess.Popen(["cat"], stdin=proc.stderr, stdout=subprocess.DEVNULL)
            return proc, m.group(1)
    proc.kill()
    raise RuntimeError("the server did not start")


def start_gunicorn(source: str) -> tuple[subprocess.Popen[str], str] | None:
    """The same WSGI app under gunicorn with one worker process per core, if installed."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        return None
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "AGENDA_TODAY": "2026-11-23", "AGENDA_SOURCES": source}
    proc = subprocess.Popen([str(gunicorn), "--bind", f"127.0.0.1:{port}", "-w",
                             str(os.cpu_count() or 2), "--threads", "4", "--preload",
                             "--log-level", "warning", "agenda.feed.wsgi:application"],
                            cwd=ROOT, env=env, text=True, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    return None


def wrk(url: str, connections: int, script: str | None = None, seconds: int = 8
        ) -> dict[str, str]:
    args = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency",
            url]
    if script:
        args[1:1] = ["-s", script]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    found = {"req/s": re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)}  # type: ignore[union-attr]
    for pct in ("50", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.MULTILINE)
        found[f"p{pct}"] = m.group(1) if m else "?"
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    found["errors"] = errors.group(1) if errors else "0"
    return found


def feed_benchmarks(conference: Path) -> None:
    if subprocess.run(["which", "wrk"], capture_output=True).returncode:
        print("feed: wrk is not installed (apt-get install wrk); skipped")
        return
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(FRESH_LUA)
    print("\n| feed | source | connections | req/s | p50 | p90 | p99 | non-2xx |")
    print("|---|---|---|---|---|---|---|---|")
    for label, source, path, server in (
            ("seeds", "seeds", "/calendar.ics?kind=oral", "agenda serve"),
            ("10k talks", str(conference), "/calendar.ics?track=Track+7", "agenda serve"),
            ("seeds", "seeds", "/calendar.ics?kind=oral", "gunicorn"),
            ("10k talks", str(conference), "/calendar.ics?track=Track+7", "gunicorn")):
        started = start_server(source) if server == "agenda serve" else start_gunicorn(source)
        if started is None:
            print(f"| {server}: not installed; skipped |")
            continue
        proc, base = started
        label = f"{label}, {server}"
        # warm the per-talk VEVENT cache once, as a running server's first subscribers do:
        # a fresh selection then costs selection + assembly, not icalendar serialization
        urllib.request.urlopen(base + "/calendar.ics?tz=Europe/Berlin", timeout=300).read()
        try:
            wrk(base + path, 64, seconds=2)  # every server process has now cached this feed
            for kind, script in (("cached", None), ("fresh selection", lua.name)):
                for connections in (1, 64):
                    r = wrk(base + path, connections, script)
                    print(f"| {kind} | {label} | {connections} | {r['req/s']} | {r['p50']} | "
                          f"{r['p90']} | {r['p99']} | {r['errors']} |")
        finally:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    from .run import ensure_conference

    feed_benchmarks(ensure_conference(10000, Path("/tmp/agenda-bench")))
