"""Running the feed under waitress, a production WSGI server: a fixed pool of worker threads
behind an asynchronous front end that buffers requests and responses, so slow or abusive clients
cannot hold a worker."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from waitress.server import create_server

from ..errors import OptionError
from ..forked import die_with_parent
from .app import FeedApp

if TYPE_CHECKING:
    from ..choice import Choice
    from ..history import HistoryOptions
    from ..pipeline import ReadOptions
    from ..rules import Selection


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """How the server runs (agenda.options lists each with its help)."""

    host: str = "127.0.0.1"
    port: int = 8000
    profile_dir: str | None = None
    base_url: str | None = None
    reload_interval: float | None = None  # None: agenda.feed.state.default_interval
    threads: int = 4
    workers: int = 1

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> ServeOptions:
        """From option values keyed by option name, each read by its own parser."""
        from ..options import BY_NAME

        def read(name: str) -> Any:
            value = values.get(name)
            return None if value is None else BY_NAME[name].read(str(value))

        profile_dir = values.get("profile-dir")
        if profile_dir and not os.path.isdir(profile_dir):
            raise OptionError(f"--profile-dir: {profile_dir!r} is not a folder")
        return cls(host=values.get("host") or "127.0.0.1", port=read("port") or 0,
                   profile_dir=profile_dir, base_url=read("base-url"),
                   reload_interval=read("reload-interval"),
                   threads=read("threads") or 4,
                   workers=read("workers") or os.cpu_count() or 1)


def run(read: ReadOptions, options: ServeOptions, keep: Selection | Choice,
        say: Callable[[str], None], history: HistoryOptions | None = None) -> None:
    """Load the schedule, bind, and serve until interrupted; `say` shows progress lines. With
    a `history` every selection served is recorded (SEQUENCE, kept cancellations, Atom)."""
    from ..notes import lines
    from .state import LiveSchedule, default_interval

    interval = default_interval(read.sources) if options.reload_interval is None \
        else options.reload_interval
    live = LiveSchedule(read, interval, keep)
    if history is None:
        app = FeedApp(live, options.profile_dir, options.base_url)
    else:
        app = FeedApp(live, options.profile_dir, options.base_url, history=history.path,
                      keep_cancelled=history.keep)
    for line in lines(app.live.current().schedule.notices):
        say(f"warning: {line}")
    try:
        sock = listen(options.host, options.port)
    except OSError as exc:
        raise OptionError(f"--host {options.host} --port {options.port}: cannot listen: "
                          f"{exc.strerror or exc}") from None
    count = sum(t.is_talk for t in app.live.current().schedule.talks)
    workers = options.workers if hasattr(os, "fork") else 1
    say(f"serving {count} talk{'s' * (count != 1)} at http://{options.host}:"
        f"{sock.getsockname()[1]}/ with {workers} process{'es' * (workers > 1)} "
        "(Ctrl-C to stop)")
    try:
        serve_forked(app, sock, workers, options.threads)
    except KeyboardInterrupt:
        say("stopped")


def make_server(app: FeedApp, host: str = "127.0.0.1", port: int = 8000, threads: int = 4,
                sockets: list[socket.socket] | None = None) -> Any:
    """A bound server (port 0 picks a free port: read `.effective_port`); call `.run()`."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(message)s")
    where: dict[str, Any] = {"sockets": sockets} if sockets else {"host": host, "port": port}
    return create_server(app, threads=threads, channel_timeout=30, connection_limit=1000,
                         cleanup_interval=10, ident="agenda", expose_tracebacks=False, **where)


def listen(host: str, port: int) -> socket.socket:
    """A listening socket that several worker processes can share."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def serve_forked(app: FeedApp, sock: socket.socket, workers: int, threads: int) -> None:
    """Serve `sock` from `workers` processes (forked after the schedule is loaded, so they share
    it copy-on-write); the kernel spreads connections across them. Waitress serves all of a
    process's connections from one I/O thread, so on a multi-core machine one process per core
    is what keeps tail latency down under many connections."""
    app.live.wait_warm()
    # The schedule lives as long as the process: keep the cyclic collector from walking its
    # million objects again and again (pauses of tens of ms under load otherwise).
    gc.freeze()
    children = []
    for _ in range(workers - 1):
        pid = os.fork()
        if pid == 0:
            try:
                die_with_parent()  # SIGTERM when the parent dies, even by SIGKILL
                make_server(app, threads=threads, sockets=[sock]).run()
            finally:
                os._exit(0)
        children.append(pid)
    signal.signal(signal.SIGTERM, _exit_on_term)
    try:
        make_server(app, threads=threads, sockets=[sock]).run()
    finally:
        for pid in children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)


def _exit_on_term(signum: int, frame: object) -> None:
    raise SystemExit(0)  # runs serve_forked's cleanup, which stops the workers
