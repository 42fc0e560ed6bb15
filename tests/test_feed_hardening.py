"""The feed facing careless and hostile clients: headers, logs, caches, what it discloses."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from datetime import date
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.feed.app import FeedApp
from agenda.feed.state import LiveSchedule
from agenda.options import QUERY
from agenda.pipeline import ReadOptions

from .conftest import SEEDS
from .feed_server import Server, running


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running(tmp_path) as srv:
        yield srv


@pytest.mark.parametrize(("path", "method", "status"), [
    ("/calendar.ics", "GET", 200), ("/", "GET", 200), ("/healthz", "GET", 200),
    ("/calendar.ics?color=red", "GET", 400), ("/nothing", "GET", 404),
    ("/calendar.ics", "POST", 405),
])
def test_every_response_says_nosniff(server: Server, path: str, method: str,
                                     status: int) -> None:
    reply = server.get(path, method=method)
    assert reply.status == status
    assert reply.headers["X-Content-Type-Options"] == "nosniff"


def test_control_characters_never_reach_the_log_or_the_body(
        server: Server, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="agenda.feed"):
        reply = server.get("/x%0d%0aforged%20line%1b[31m")
    assert reply.status == 404
    assert reply.body == b"no such page: /x\\x0d\\x0aforged line\\x1b[31m\n"
    logged = [r.getMessage() for r in caplog.records if "forged" in r.getMessage()]
    assert logged and all("\n" not in m and "\r" not in m and "\x1b" not in m for m in logged)


def test_editing_a_profile_invalidates_if_modified_since(server: Server) -> None:
    first = server.get("/feeds/me.ics")
    assert first.status == 200
    profile = server.folder.parent / "profiles" / "me.toml"
    later = time.time() + 5
    profile.write_text(profile.read_text().replace('alarm = "10m"', 'alarm = "20m"'))
    os.utime(profile, (later, later))
    again = server.get("/feeds/me.ics", If_Modified_Since=first.headers["Last-Modified"])
    assert again.status == 200 and b"TRIGGER:-PT20M" in again.body
    assert again.headers["Last-Modified"] != first.headers["Last-Modified"]
    assert server.get("/feeds/me.ics",
                      If_Modified_Since=again.headers["Last-Modified"]).status == 304


def test_served_csv_names_pages_not_server_folders(server: Server) -> None:
    body = server.get("/calendar.csv").body.decode()
    assert str(server.folder) not in body
    assert ",002_ba662fb86504df7e.txt," in body


def test_a_profile_symlinked_from_outside_is_neither_listed_nor_served(server: Server,
                                                                       tmp_path: Path) -> None:
    outside = tmp_path / "secret.toml"
    outside.write_text('[select]\nauthor = ["Ba"]\n')
    (server.folder.parent / "profiles" / "leak.toml").symlink_to(outside)
    assert b"leak" not in server.get("/").body
    assert server.get("/feeds/leak.ics").status == 404
    assert b"/feeds/me.ics" in server.get("/").body


def _get(app: FeedApp, query: str) -> bytes:
    seen: dict[str, Any] = {}

    def start(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"] = status

    body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": "/calendar.ics",
                         "QUERY_STRING": query, "HTTP_HOST": "example.org"}, start))
    assert seen["status"] == "200 OK"
    return body


def test_caches_are_bounded_by_bytes() -> None:
    live = LiveSchedule(ReadOptions(sources=(str(SEEDS),), today=date(2026, 11, 23)), 3600.0)
    app = FeedApp(live, cache_bytes=200_000)
    sizes = [len(_get(app, f"calendar-name=n{i}&alarm={i + 1}m")) for i in range(60)]
    assert min(sizes) > 10_000  # 60 distinct feeds of tens of kilobytes each
    assert app._body_bytes <= 100_000 and app._block_bytes <= 100_000
    assert app._body_bytes == sum(len(b.data) for b in app._bodies.values())
    assert app._block_bytes == sum(map(len, app._blocks.values()))
    # evicted entries are rendered again, byte for byte
    assert _get(app, "calendar-name=n0&alarm=1m") == _get(
        FeedApp(live), "calendar-name=n0&alarm=1m")


def test_last_modified_is_an_http_date(server: Server) -> None:
    reply = server.get("/calendar.ics")
    assert reply.headers["Last-Modified"].endswith(" GMT")
    assert format_datetime  # the header parses as an RFC 9110 date


def test_a_new_alarm_value_does_not_render_events_again(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    from agenda.feed import app as feed_app

    live = LiveSchedule(ReadOptions(sources=(str(SEEDS),), today=date(2026, 11, 23)), 3600.0)
    app = FeedApp(live)
    first = _get(app, "alarm=10m")
    rendered: list[str] = []
    real = feed_app.base_block
    monkeypatch.setattr(feed_app, "base_block",
                        lambda talk, options: rendered.append(talk.uid) or real(talk, options))
    second = _get(app, "alarm=15m")
    assert rendered == []
    assert first.replace(b"TRIGGER:-PT10M", b"TRIGGER:-PT15M") == second


# Any query a client can send: real parameter names with values from the option table's
# examples or arbitrary text, unknown names, and raw percent-escapes.
_NAMES = st.sampled_from([o.name for o in QUERY] + ["or", "hide", "pick", "x", "", "a b"])
_VALUES = st.one_of(
    st.sampled_from(["oral", "Europe/Berlin", "Europe", "2020-12-10", "06:00-09:00", "25:00-1",
                     "1", "0", "10m", "-5m", "999999h", "google", "ics", "pdf", "high", "*",
                     "(a+)+$", "[", "\\", "%", "\u202e", "\x00", "0" * 300]),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40))
_QUERIES = st.one_of(
    st.lists(st.tuples(_NAMES, _VALUES), max_size=6).map(urlencode),
    st.text(alphabet="ab=&%;+0fF9 é", max_size=60))
_PATHS = st.sampled_from(["/", "/calendar.ics", "/agenda.csv", "/agenda.md", "/agenda.html",
                          "/changes.atom", "/feeds/x.ics", "/healthz", "/%00", "//"])
_HEADERS = st.dictionaries(
    st.sampled_from(["HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_ACCEPT_ENCODING",
                     "HTTP_HOST"]),
    st.one_of(st.sampled_from(['"x"', "*", "gzip", "gzip;q=0", "Thu, 01 Jan 1970 00:00:00 GMT",
                               "not a date", ""]), st.text(max_size=20)), max_size=3)


@lru_cache(maxsize=1)
def _seeds_app() -> FeedApp:
    return FeedApp(LiveSchedule(ReadOptions(sources=(str(SEEDS),), today=date(2026, 11, 23)),
                                3600.0))


@settings(max_examples=int(os.environ.get('AGENDA_FUZZ_REQUESTS', '300')))
@given(_PATHS, _QUERIES, _HEADERS)
def test_no_request_makes_the_feed_fail(path: str, query: str, headers: dict[str, str]) -> None:
    """Every request is answered, a bad one with a 4xx and one line that says why (the page
    shows it above its form); no header carries a line break a client could be split by."""
    environ: dict[str, Any] = {"REQUEST_METHOD": "GET", "PATH_INFO": path,
                               "QUERY_STRING": query, "HTTP_HOST": "example.org", **headers}
    response = _seeds_app().handle(environ)
    code = int(response.status.split()[0])
    assert code in (200, 304, 400, 404, 414), (response.status, response.body[:200])
    assert all("\r" not in v and "\n" not in v for _, v in response.headers)
    if code >= 400 and dict(response.headers)["Content-Type"].startswith("text/plain"):
        assert response.body.decode().count("\n") <= 1, response.body[:300]


@pytest.mark.parametrize(("host", "status"), [
    ("example.org", "200 OK"), ("example.org:8000", "200 OK"), ("[::1]:8000", "200 OK"),
    ("[", "400 Bad Request"), ("a]b", "400 Bad Request"), ("evil.org/x?", "400 Bad Request"),
])
def test_a_malformed_host_header_is_refused(host: str, status: str) -> None:
    """Feed URLs on the page are built from Host; one no URL can hold is a client's error (it
    was a 500: Python's URL parser raised on '[' )."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "QUERY_STRING": "tz=UTC",
               "HTTP_HOST": host}
    response = _seeds_app().handle(environ)
    assert response.status == status
    if status.startswith("400"):
        assert response.body == (b"malformed Host header; send the server's name or address, "
                                 b"with its port if not the default\n")
