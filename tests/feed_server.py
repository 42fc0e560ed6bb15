"""A real feed server on a free loopback port, for the tests."""

from __future__ import annotations

import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from email.message import Message
from pathlib import Path

from agenda.feed.app import FeedApp
from agenda.feed.server import make_server
from agenda.feed.state import LiveSchedule
from agenda.pipeline import ReadOptions

from .conftest import ROOT


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes


@dataclass
class Server:
    url: str
    folder: Path
    app: FeedApp

    def get(self, path: str, method: str = "GET", **headers: str) -> Reply:
        request = urllib.request.Request(self.url + path, method=method,
                                         headers={k.replace("_", "-"): v
                                                  for k, v in headers.items()})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers, error.read())


@contextmanager
def running(tmp_path: Path, interval: float = 0.0,
            sources: tuple[str, ...] | None = None) -> Iterator[Server]:
    """Serve a copy of the seeds (so tests may change them), or the `sources` given, and the
    example profile."""
    folder = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    shutil.copy(ROOT / "examples" / "me.toml", profiles / "me.toml")
    options = ReadOptions(sources=sources or (str(folder),), today=date(2026, 11, 23))
    app = FeedApp(LiveSchedule(options, interval), str(profiles))
    server = make_server(app, "127.0.0.1", 0, threads=4)
    stop = threading.Event()

    def serve() -> None:  # the loop closes the server itself, so no socket vanishes under it
        while not stop.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, count=1)
        server.close()
        server.task_dispatcher.shutdown()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{server.effective_port}", folder, app)
    finally:
        stop.set()
        thread.join(timeout=10)
        app.live.close()
