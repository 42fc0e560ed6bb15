"""A module-level WSGI `application` for gunicorn, waitress-serve or uwsgi, configured by
environment: AGENDA_SOURCES (os.pathsep-separated files, folders or URLs, default 'seeds'),
AGENDA_PROFILE_DIR, AGENDA_BASE_URL.

    waitress-serve --listen=127.0.0.1:8000 agenda.feed.wsgi:application
    gunicorn --bind 127.0.0.1:8000 --threads 8 agenda.feed.wsgi:application
"""

from __future__ import annotations

import os

from ..sources import split_sources
from .app import make_app

application = make_app(
    sources=split_sources(os.environ.get("AGENDA_SOURCES", "seeds")),
    profile_dir=os.environ.get("AGENDA_PROFILE_DIR") or None,
    base_url=os.environ.get("AGENDA_BASE_URL") or None,
)
