"""Running the feed under waitress, a production WSGI server: a fixed pool of worker threads
behind an asynchronous front end that buffers requests and responses, so slow or abusive clients
cannot hold a worker."""

from __future__ import annotations

import logging
from typing import Any

from waitress.server import create_server

from .app import FeedApp


def make_server(app: FeedApp, host: str = "127.0.0.1", port: int = 8000, threads: int = 8
                ) -> Any:
    """A bound server (port 0 picks a free port: read `.effective_port`); call `.run()`."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    return create_server(app, host=host, port=port, threads=threads, channel_timeout=30,
                         connection_limit=1000, cleanup_interval=10, ident="agenda",
                         expose_tracebacks=False)
