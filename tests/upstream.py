"""A conference's web server for the URL tests: a real HTTP server on a free loopback port that
serves schedule files with validators, honours conditional requests the way real servers do,
and records every request it sees."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Resource:
    """What one path answers. With `etag` None the server has only Last-Modified, like
    Python's own http.server or a plain file server."""

    body: bytes = b""
    etag: str | None = '"v1"'
    last_modified: str | None = "Wed, 01 Jan 2025 00:00:00 GMT"
    status: int = 200
    content_type: str = "text/plain; charset=utf-8"
    delay: float = 0.0  # seconds to wait before answering
    location: str | None = None  # answer 302 to this path
    declare_length: bool = True  # send Content-Length (else the body ends when the socket does)
    trickle: float = 0.0  # seconds between 100-byte pieces of the body
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int = 0


@dataclass
class Upstream:
    url: str
    resources: dict[str, Resource]
    seen: list[Seen]
    server: ThreadingHTTPServer

    def at(self, path: str) -> str:
        return self.url + path

    def requests_for(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def stop(self) -> None:
        """Go offline: the port is closed, so connecting is refused."""
        self.server.shutdown()
        self.server.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        upstream: Upstream = self.server.upstream
        seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
        resource = upstream.resources.get(self.path)
        if resource is None:
            self._record(seen, 404)
            self.send_error(404)
            return
        if resource.delay:
            time.sleep(resource.delay)
        if resource.location is not None:
            self._record(seen, 302)
            self.send_response(302)
            self.send_header("Location", resource.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if resource.status != 200:
            self._record(seen, resource.status)
            self.send_error(resource.status)
            return
        if self._not_modified(resource):
            self._record(seen, 304)
            self.send_response(304)
            self._validators(resource)
            self.end_headers()
            return
        self._record(seen, 200)
        self.send_response(200)
        self.send_header("Content-Type", resource.content_type)
        if resource.declare_length:
            self.send_header("Content-Length", str(len(resource.body)))
        else:
            self.close_connection = True
        self._validators(resource)
        for name, value in resource.extra.items():
            self.send_header(name, value)
        self.end_headers()
        # the client may stop reading (a body over its size limit)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if not resource.trickle:
                self.wfile.write(resource.body)
            for start in range(0, len(resource.body) if resource.trickle else 0, 100):
                self.wfile.write(resource.body[start:start + 100])
                self.wfile.flush()
                time.sleep(resource.trickle)

    def _record(self, seen: Seen, status: int) -> None:
        """Record the request once its status is decided and before a byte of the answer is
        sent, so a client that has its answer always finds the request recorded."""
        seen.status = status
        self.server.upstream.seen.append(seen)

    def _not_modified(self, resource: Resource) -> bool:
        """RFC 9110: If-None-Match decides when present; If-Modified-Since only without it."""
        match = self.headers.get("If-None-Match")
        if match is not None:
            return resource.etag is not None and resource.etag in match
        since = self.headers.get("If-Modified-Since")
        return since is not None and since == resource.last_modified

    def _validators(self, resource: Resource) -> None:
        if resource.etag is not None:
            self.send_header("ETag", resource.etag)
        if resource.last_modified is not None:
            self.send_header("Last-Modified", resource.last_modified)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(resources: dict[str, Resource]) -> Iterator[Upstream]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    upstream = Upstream(f"http://127.0.0.1:{server.server_address[1]}", resources, [], server)
    server.upstream = upstream  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield upstream
    finally:
        if thread.is_alive():
            server.shutdown()
            server.server_close()
        thread.join(timeout=10)
