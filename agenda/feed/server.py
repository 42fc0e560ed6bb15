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
from typing import Any

from waitress.server import create_server

from .app import FeedApp


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
                _die_with_parent()
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


def _die_with_parent() -> None:
    """On Linux, a worker gets SIGTERM when the parent dies, even by SIGKILL."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent is already gone
            os._exit(0)
