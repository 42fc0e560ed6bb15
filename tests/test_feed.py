"""The feed server, started for real on a free loopback port and spoken to over HTTP."""

from __future__ import annotations

import gzip
import logging
import os
import re
import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from agenda.pipeline import ExportOptions, ReadOptions, export
from agenda.rules import Selection

from .conftest import ROOT
from .feed_server import Server, running

QUERY = "/calendar.ics?author=Ba&author=Dokmanic&tz=Europe/Berlin"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running(tmp_path) as srv:
        yield srv


def test_feed_is_what_export_writes(server: Server, tmp_path: Path) -> None:
    reply = server.get(QUERY)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/calendar; charset=utf-8"
    target = tmp_path / "mine.ics"
    export(ReadOptions(sources=(str(server.folder),), today=server.app.live.options.today),
           ExportOptions(output=str(target), tz="Europe/Berlin"),
           Selection(authors=("Ba", "Dokmanic"), tz="Europe/Berlin"))
    assert reply.body == target.read_bytes()
    assert reply.body.count(b"BEGIN:VEVENT") == 2


@pytest.mark.parametrize(("path", "kind", "needle"), [
    ("/calendar.csv?kind=oral", "text/csv; charset=utf-8", b"start_utc"),
    ("/agenda.md?track=Track+28&tz=UTC", "text/markdown; charset=utf-8",
     b"## Thursday, 10 December 2020"),
    ("/feeds/me.ics", "text/calendar; charset=utf-8", b"X-WR-CALNAME:My NeurIPS"),
    ("/feeds/me.csv", "text/csv; charset=utf-8", b"Learning the Geometry"),
    ("/feeds/me.md", "text/markdown; charset=utf-8", b"# My NeurIPS"),
])
def test_each_feed_endpoint(server: Server, path: str, kind: str, needle: bytes) -> None:
    reply = server.get(path)
    assert (reply.status, reply.headers["Content-Type"]) == (200, kind)
    assert needle in reply.body
    assert int(reply.headers["Content-Length"]) == len(reply.body)


def test_healthz_and_page(server: Server) -> None:
    health = server.get("/healthz")
    assert (health.status, health.body) == (200, b"ok: 52 slots, version 1\n")
    page = server.get("/")
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"NeurIPS 2020" in page.body and b"ICML 2021" in page.body
    assert b"<td>Deep Learning 2</td><td class=n>7</td>" in page.body
    assert b'href="/feeds/me.ics"' in page.body and b"<script" not in page.body
    built = server.get("/?author=Dokmanic&tz=Europe%2FBerlin")
    assert b"Your feed: 1 talk</h2>" in built.body
    assert f'value="{server.url}/calendar.ics?author=Dokmanic&amp;tz=Europe%2FBerlin"'.encode() \
        in built.body
    assert b'href="webcal://127.0.0.1' in built.body
    assert b"https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F127.0.0.1" in built.body
    bad = server.get("/?tz=Nowhere")
    assert bad.status == 400 and b'class="error">tz: unknown time zone' in bad.body


def test_validators_and_caching_headers(server: Server) -> None:
    reply = server.get(QUERY)
    etag = reply.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    assert reply.headers["Cache-Control"] == "public, max-age=300"
    assert reply.headers["Vary"] == "Accept-Encoding"
    modified = datetime.strptime(reply.headers["Last-Modified"], "%a, %d %b %Y %H:%M:%S GMT")
    newest = max(p.stat().st_mtime for p in server.folder.iterdir())
    assert modified.replace(tzinfo=UTC).timestamp() == int(newest)
    assert server.get(QUERY).headers["ETag"] == etag


def _http_date(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)


def test_conditional_requests(server: Server) -> None:
    first = server.get(QUERY)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    later = _http_date(datetime.now(UTC) + timedelta(days=1))
    earlier = _http_date(datetime(2000, 1, 1, tzinfo=UTC))
    assert server.get(QUERY, If_None_Match=etag).status == 304
    assert server.get(QUERY, If_None_Match=f'"nope", {etag}').status == 304
    assert server.get(QUERY, If_None_Match="*").status == 304
    assert server.get(QUERY, If_None_Match=f"W/{etag}").status == 304
    assert server.get(QUERY, If_None_Match='"nope"').status == 200
    # If-None-Match wins over If-Modified-Since
    assert server.get(QUERY, If_None_Match='"nope"', If_Modified_Since=later).status == 200
    assert server.get(QUERY, If_Modified_Since=modified).status == 304
    assert server.get(QUERY, If_Modified_Since=later).status == 304
    assert server.get(QUERY, If_Modified_Since=earlier).status == 200
    assert server.get(QUERY, If_Modified_Since="not a date").status == 200
    not_modified = server.get(QUERY, If_None_Match=etag)
    assert not_modified.body == b"" and not_modified.headers["ETag"] == etag


def test_head_has_the_headers_and_no_body(server: Server) -> None:
    get, head = server.get(QUERY), server.get(QUERY, method="HEAD")
    assert head.status == 200 and head.body == b""
    for name in ("ETag", "Content-Length", "Content-Type", "Last-Modified"):
        assert head.headers[name] == get.headers[name]


def test_gzip_when_asked(server: Server) -> None:
    plain = server.get(QUERY)
    zipped = server.get(QUERY, Accept_Encoding="gzip, deflate")
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.body) == plain.body
    assert zipped.headers["ETag"] != plain.headers["ETag"]
    assert server.get(QUERY, Accept_Encoding="gzip;q=0").headers.get("Content-Encoding") is None
    assert server.get(QUERY, Accept_Encoding="gzip", If_None_Match=zipped.headers["ETag"]
                      ).status == 304


def eventually(check: Callable[[], bool], what: str) -> None:
    """The watcher checks the sources every few seconds (0.05 s in these tests)."""
    deadline = time.monotonic() + 10
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


def wait_for_version(server: Server, version: int) -> None:
    eventually(lambda: server.get("/healthz").body.endswith(f"version {version}\n".encode()),
               "the change on disk was never picked up")


def test_a_change_on_disk_is_seen_by_the_next_request(server: Server) -> None:
    before = server.get("/calendar.ics?keyword=Subspaces")
    page = server.folder / "002_ba662fb86504df7e.txt"
    page.write_text(page.read_text().replace("Learning Neural Network Subspaces",
                                             "Learning Neural Network Subspaces, Revised"))
    wait_for_version(server, 2)
    after = server.get("/calendar.ics?keyword=Subspaces")
    assert after.headers["ETag"] != before.headers["ETag"]
    assert b"SUMMARY:Learning Neural Network Subspaces\\, Revised" in after.body
    assert server.get("/healthz").body.endswith(b"version 2\n")


def test_a_source_that_breaks_keeps_the_last_good_schedule(server: Server,
                                                          caplog: pytest.LogCaptureFixture
                                                          ) -> None:
    good = server.get(QUERY)
    with caplog.at_level(logging.ERROR, logger="agenda.feed"):
        (server.folder / "zz_broken.txt").write_bytes(b"\x00binary")
        eventually(lambda: any("does not read" in r.getMessage() for r in caplog.records),
                   "the broken source was never reported")
        again = server.get(QUERY)
    assert again.status == 200 and again.body == good.body
    assert any("serving the last good schedule: a changed source does not read" in
               r.getMessage() and "zz_broken.txt" in r.getMessage() for r in caplog.records)
    health = server.get("/healthz").body.decode()
    assert re.fullmatch(r"ok: 52 slots, version 1; serving an older schedule since "
                        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC because a changed source does not "
                        r"read: \S*zz_broken.txt: this is a binary file, not a schedule page "
                        r"saved as text \(or pass --keep-going to skip it and read the other 4\)\n",
                        health), health
    (server.folder / "zz_broken.txt").unlink()
    page = server.folder / "002_ba662fb86504df7e.txt"
    page.write_text(page.read_text().replace("Subspaces", "Subspaces, Revised"))
    wait_for_version(server, 2)
    assert server.get("/healthz").body == b"ok: 52 slots, version 2\n"


def test_the_watcher_survives_a_failure_that_is_not_agendas(server: Server,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    from agenda.feed import state

    live = server.app.live
    real = live._load
    calls = []

    def failing() -> object:
        calls.append(1)
        if len(calls) == 1:
            raise OverflowError("date value out of range")
        return real()

    monkeypatch.setattr(live, "_load", failing)
    page = server.folder / "002_ba662fb86504df7e.txt"
    page.write_text(page.read_text() + "\n")
    eventually(lambda: b"OverflowError" in server.get("/healthz").body, "not reported")
    page.write_text(page.read_text().replace("Subspaces", "Subspaces, Revised"))
    wait_for_version(server, 2)
    assert state.LiveSchedule is type(live)


@pytest.mark.parametrize(("path", "status", "message"), [
    ("/calendar.ics?color=red", 400, "unknown query parameter 'color'; known: keyword, "),
    ("/calendar.ics?regex=1&keyword=%28", 400, "keyword: invalid regular expression '('"),
    ("/calendar.ics?tz=Europe%2FBerln", 400, "tz: unknown time zone 'Europe/Berln'"),
    ("/calendar.ics?tz=Europe", 400, "tz: unknown time zone 'Europe'; that is a region"),
    ("/calendar.ics?tz=" + "x" * 2000, 400, "tz: unknown time zone 'xxxx"),
    ("/calendar.ics?kind=lecture", 400, "kind: unknown kind 'lecture'"),
    ("/calendar.ics?day=tomorrow", 400, "day: expected a date like 2020-12-10"),
    ("/calendar.ics?tz=UTC&tz=UTC", 400, "tz: give it once"),
    ("/calendar.ics?free=maybe", 400, "free: expected true or false, got 'maybe'"),
    ("/calendar.ics?author=" + "a" * 3000, 414, "the query is over 2048 characters"),
    ("/nothing.ics", 404, "no such page: /nothing.ics"),
    ("/feeds/nobody.ics", 404, "no such page: /feeds/nobody.ics"),
    ("/feeds/..%2fprofiles%2fme.ics", 404, "no such page"),
    ("/feeds/%2e%2e/me.ics", 404, "no such page"),
    ("/feeds/../../etc/passwd", 404, "no such page"),
    ("/feeds/me.toml", 404, "no such page"),
])
def test_bad_requests_get_a_one_line_reason(server: Server, path: str, status: int,
                                            message: str) -> None:
    reply = server.get(path)
    assert reply.status == status
    assert reply.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert reply.body.decode().startswith(message) and reply.body.count(b"\n") == 1


def test_other_methods_are_405(server: Server) -> None:
    reply = server.get(QUERY, method="POST")
    assert (reply.status, reply.headers["Allow"]) == (405, "GET, HEAD")


def test_one_log_line_per_request(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="agenda.feed"):
        server.get("/healthz")
        server.get("/calendar.ics?color=red")
    lines = [r.getMessage() for r in caplog.records if r.name == "agenda.feed"]
    assert len(lines) == 2
    assert lines[0].startswith('127.0.0.1 "GET /healthz" 200 ')
    assert lines[1].startswith('127.0.0.1 "GET /calendar.ics?color=red" 400 ')


def test_fifty_concurrent_clients_get_complete_identical_responses(server: Server) -> None:
    expected = server.get(QUERY).body
    paths = [QUERY if i % 2 else "/calendar.ics?track=Track+34&alarm=15m" for i in range(50)]
    with ThreadPoolExecutor(max_workers=50) as pool:
        replies = list(pool.map(server.get, paths))
    assert all(r.status == 200 for r in replies)
    assert all(r.body == expected for r in replies[1::2])
    others = {r.body for r in replies[0::2]}
    assert len(others) == 1 and next(iter(others)).endswith(b"END:VCALENDAR\r\n")


def test_a_slow_client_does_not_stall_the_others(server: Server) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    slow = [socket.create_connection((host, int(port))) for _ in range(10)]
    try:
        for conn in slow:
            conn.sendall(b"GET /calendar.ics HTTP/1.1\r\nHost: x\r\n")  # and never finish
        began = time.perf_counter()
        replies = [server.get("/healthz") for _ in range(20)]
        assert all(r.status == 200 for r in replies)
        assert time.perf_counter() - began < 5
    finally:
        for conn in slow:
            conn.close()


def test_the_server_s_own_rules_narrow_everything_it_offers(tmp_path: Path) -> None:
    from datetime import date

    from agenda.feed.state import LiveSchedule

    live = LiveSchedule(ReadOptions(sources=(str(ROOT / "seeds"),), today=date(2026, 11, 23)), 60,
                        Selection(tracks=("Track 28",)))
    try:
        talks = live.current().schedule.talks
        assert len(talks) == 15 and {t.track for t in talks} == {
            "Orals & Spotlights Track 28: Deep Learning"}
    finally:
        live.close()


def test_an_edited_profile_is_served_as_edited(server: Server) -> None:
    assert b"X-WR-CALNAME:My NeurIPS" in server.get("/feeds/me.ics").body
    path = server.app.profile_dir / "me.toml"  # type: ignore[operator]
    path.write_text(path.read_text().replace("My NeurIPS", "Renamed"))
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))
    assert b"X-WR-CALNAME:Renamed" in server.get("/feeds/me.ics").body
