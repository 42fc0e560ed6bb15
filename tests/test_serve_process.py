"""`agenda serve` as a user runs it: several processes share the port, and stopping the main
process stops them all."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import ROOT


def _stat(pid: str) -> list[str]:
    """Fields after the command name of /proc/<pid>/stat: state, ppid, ..."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2:].split()


def children_of(parent: int) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if _stat(entry.name)[1] == str(parent):
                    found.append(entry.name)
            except (OSError, IndexError):
                continue
    return found


def alive(pid: str) -> bool:
    try:
        return _stat(pid)[0] != "Z"
    except OSError:
        return False


def test_serve_runs_worker_processes_that_stop_with_it() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "agenda", "serve", "--port", "0",
                             "--workers", "2", "--year", "2021",
                             "seeds/002_ba662fb86504df7e.txt"],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "AGENDA_TODAY": "2026-11-23"})
    assert proc.stderr is not None
    try:
        line = proc.stderr.readline()
        m = re.match(r"serving 7 talks at (http://127\.0\.0\.1:\d+)/ with 2 processes "
                     r"\(Ctrl-C to stop\)$", line.strip())
        assert m, line
        bodies = set()
        for _ in range(40):
            with urllib.request.urlopen(m.group(1) + "/calendar.ics?kind=paper", timeout=10) as r:
                bodies.add(r.read())
        assert len(bodies) == 1 and next(iter(bodies)).count(b"BEGIN:VEVENT") == 7
        children = children_of(proc.pid)
        assert len(children) == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    deadline = time.monotonic() + 10  # a loaded machine may take a moment to reap them
    while any(map(alive, children)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, children))
